// Mandatory: topics in production keep three replicas and need two in sync to accept a write.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asNumber, stackOfUrn, topicView } from "./resource-types";

export const REQUIRED_REPLICATION_FACTOR = 3;
export const MIN_INSYNC_REPLICAS = 2;

export interface TopicDurabilityConfig {
    stacks: string[];
}

export const topicDurability: ResourceValidationPolicy = {
    name: "topic-durability",
    description: `Topics in production keep replication factor ${REQUIRED_REPLICATION_FACTOR} and min.insync.replicas ${MIN_INSYNC_REPLICAS} or more.`,
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            stacks: { type: "array", items: { type: "string" }, default: ["prod"], description: "Stacks whose topics must be durable." },
        },
    },
    validateResource: (args, reportViolation) => {
        const topic = topicView(args.type, args.props);
        if (!topic) return;
        const { stacks } = args.getConfig<TopicDurabilityConfig>();
        if (!(stacks ?? ["prod"]).includes(stackOfUrn(args.urn))) return;

        const replicationFactor = asNumber(topic.replicationFactor);
        if (replicationFactor !== REQUIRED_REPLICATION_FACTOR) {
            reportViolation(`Topic "${topic.topicName}" has replication factor ${String(topic.replicationFactor)}; production topics keep ${REQUIRED_REPLICATION_FACTOR}, so one broker can fail while another is restarted.`);
        }
        const minInsync = asNumber(topic.config["min.insync.replicas"]);
        if (!(minInsync >= MIN_INSYNC_REPLICAS)) {
            reportViolation(`Topic "${topic.topicName}" has min.insync.replicas ${String(topic.config["min.insync.replicas"] ?? "unset")}; set it to ${MIN_INSYNC_REPLICAS} or more on the topic so an acknowledged write survives losing a broker.`);
        }
    },
};
