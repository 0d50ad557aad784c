// Advisory: every topic in the stack is read by a consumer group of the catalog or by a connector.
import type { StackValidationPolicy } from "@pulumi/policy";
import { readConsumedTopics, repoPath } from "./catalog-files";
import { STRIMZI_CONNECTOR, topicView } from "./resource-types";

export interface TopicConsumersConfig {
    /** The consumer groups file, relative to the repository root. */
    consumerGroupsFile: string;
    /** Regular expressions of topics that are read outside the catalog on purpose (mirrored, dead letters). */
    readElsewhere: string[];
}

export const DEFAULT_CONSUMER_GROUPS_FILE = "topics/consumer-groups.yaml";

export const topicConsumers: StackValidationPolicy = {
    name: "topic-has-consumer",
    description: "Warns about a topic that no consumer group in topics/consumer-groups.yaml and no connector reads.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            consumerGroupsFile: { type: "string", default: DEFAULT_CONSUMER_GROUPS_FILE, description: "The consumer groups file, relative to the repository root." },
            readElsewhere: { type: "array", items: { type: "string" }, default: [], description: "Regular expressions of topics read outside the catalog on purpose." },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<TopicConsumersConfig>();
        const consumed = readConsumedTopics(repoPath(config.consumerGroupsFile ?? DEFAULT_CONSUMER_GROUPS_FILE));
        if (!consumed) return;
        for (const resource of args.resources) {
            if (resource.type !== STRIMZI_CONNECTOR) continue;
            // A sink connector names its topics in `topics`, comma-separated, as Kafka Connect does.
            const topics = resource.props.spec?.config?.topics;
            if (typeof topics === "string") topics.split(",").forEach((t) => consumed.add(t.trim()));
        }
        const elsewhere = (config.readElsewhere ?? []).map((pattern) => new RegExp(`^(?:${pattern})$`));
        for (const resource of args.resources) {
            const topic = topicView(resource.type, resource.props);
            if (!topic || consumed.has(topic.topicName) || elsewhere.some((re) => re.test(topic.topicName))) continue;
            reportViolation(`Topic "${topic.topicName}" has no consumer group in topics/consumer-groups.yaml and no connector reading it; add the group that reads it, or list it under readElsewhere.`, resource.urn);
        }
    },
};
