// Mandatory: topics in production keep three replicas and need two in sync to accept a write.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asNumber, stackOfUrn, TopicFinding, topicView } from "./resource-types";

export const REQUIRED_REPLICATION_FACTOR = 3;
export const MIN_INSYNC_REPLICAS = 2;

export interface TopicDurabilityConfig {
    stacks: string[];
}

/** What makes a topic of `stack` fragile; the pack, the program and the offline check all ask this. */
export function durabilityFindings(topic: { replicationFactor: unknown; config: Record<string, unknown> }, stack: string, config: TopicDurabilityConfig): TopicFinding[] {
    if (!config.stacks.includes(stack)) return [];
    const findings: TopicFinding[] = [];
    const replicationFactor = asNumber(topic.replicationFactor);
    if (replicationFactor !== REQUIRED_REPLICATION_FACTOR) {
        findings.push({ setting: "replication.factor", message: `is ${String(topic.replicationFactor)}; ${stack} topics keep ${REQUIRED_REPLICATION_FACTOR} replicas, so one broker can fail while another is restarted` });
    }
    const minInsync = topic.config["min.insync.replicas"];
    if (!(asNumber(minInsync) >= MIN_INSYNC_REPLICAS)) {
        findings.push({ setting: "min.insync.replicas", message: `is ${String(minInsync ?? "unset")}; set it to ${MIN_INSYNC_REPLICAS} or more so an acknowledged write survives losing a broker` });
    }
    return findings;
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
        // A released topic's spec is no longer applied (Strimzi stops managing it, or it is about to go).
        if (!topic || topic.released) return;
        for (const finding of durabilityFindings(topic, stackOfUrn(args.urn), args.getConfig<TopicDurabilityConfig>())) {
            reportViolation(`Topic "${topic.topicName}": ${finding.setting}: ${finding.message}.`);
        }
    },
};
