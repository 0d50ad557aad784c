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
        const consumed = readConsumedTopics(repoPath(config.consumerGroupsFile));
        if (!consumed) return;
        for (const resource of args.resources) {
            if (resource.type !== STRIMZI_CONNECTOR) continue;
            // A sink connector names its topics in `topics`, comma-separated, as Kafka Connect does.
            const topics = resource.props.spec?.config?.topics;
            if (typeof topics === "string") topics.split(",").forEach((t) => consumed.add(t.trim()));
        }
        const elsewhere = config.readElsewhere.map((pattern) => new RegExp(`^(?:${pattern})$`));
        const unread = args.resources.flatMap((resource) => {
            const topic = topicView(resource.type, resource.props);
            return !topic || consumed.has(topic.topicName) || elsewhere.some((re) => re.test(topic.topicName)) ? [] : [topic.topicName];
        });
        // One finding for the stack, grouped by domain: one line per topic would bury every other finding of a preview.
        if (unread.length > 0) reportViolation(unreadTopicsMessage(unread));
    },
};

/** `N topics ...: sales.* (3): a, b, c; ...`, then who can act and how. */
export function unreadTopicsMessage(topics: string[]): string {
    const byDomain = new Map<string, string[]>();
    for (const name of [...topics].sort()) {
        const domain = name.split(".")[0];
        byDomain.set(domain, [...(byDomain.get(domain) ?? []), name]);
    }
    const groups = [...byDomain].map(([domain, names]) => `${domain}.* (${names.length}): ${names.join(", ")}`).join("; ");
    return (
        `${topics.length} topic${topics.length === 1 ? " has" : "s have"} no consumer group in topics/consumer-groups.yaml and no connector reading ${topics.length === 1 ? "it" : "them"}: ${groups}. ` +
        "The team that reads a topic adds the topic to its group in topics/consumer-groups.yaml (which also grants the read); " +
        "a topic read outside the catalog on purpose is listed by the platform team under readElsewhere in policy/policy-config.<stack>.json."
    );
}
