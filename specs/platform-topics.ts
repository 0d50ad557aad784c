// Topics the platform's own services need (declared, because brokers create none on their own), and every topic name the platform's services keep for themselves.
import { TopicSpec } from "../catalog";
import { CONNECT_STORAGE_TOPICS, HEARTBEAT_TOPIC } from "./kafka-connect";
import { FAILBACK, MIRROR, mirrorTargetTopics, offsetSyncsTopic } from "./mirror-maker";
import { SCHEMA_REGISTRY } from "./schema-registry";

const compacted = (name: string, partitions: number, description: string): TopicSpec => ({
    name,
    description,
    partitions,
    replicationFactor: 3,
    config: { "cleanup.policy": "compact", "min.insync.replicas": 2, "compression.type": "producer" },
    source: { file: "specs/platform-topics.ts" },
});

/** Debezium's heartbeats: one small record per interval, worth keeping only long enough to see the connector is alive. */
const heartbeats = (name: string): TopicSpec => ({
    name,
    description: "Debezium heartbeats, which confirm the connector's WAL position while captured tables are quiet",
    partitions: 1,
    replicationFactor: 3,
    config: { "cleanup.policy": "delete", "retention.ms": 86_400_000, "min.insync.replicas": 2, "compression.type": "producer" },
    source: { file: "specs/platform-topics.ts" },
});

/** Schema Registry's store (it insists on one partition), and Kafka Connect's storage when Connect runs. */
export function platformTopics(withConnect: boolean): TopicSpec[] {
    return [
        compacted(SCHEMA_REGISTRY.topic, 1, "Schema Registry's schema store"),
        ...(withConnect
            ? [
                  compacted(CONNECT_STORAGE_TOPICS.offsets, 25, "Kafka Connect source offsets"),
                  compacted(CONNECT_STORAGE_TOPICS.configs, 1, "Kafka Connect connector configs (one partition, as Connect requires)"),
                  compacted(CONNECT_STORAGE_TOPICS.status, 5, "Kafka Connect connector and task status"),
                  heartbeats(HEARTBEAT_TOPIC),
              ]
            : []),
    ];
}

/**
 * Whether a topic belongs to the platform rather than to the catalog, on a primary or a DR cluster:
 * Kafka's and Strimzi's internal topics (the reserved "__" prefix), Schema Registry's and Connect's
 * storage, and what MirrorMaker 2 keeps on either side, by the names the program renders.
 */
export function isPlatformOwnTopic(name: string): boolean {
    return platformOwnTopicTest()(name);
}

/**
 * isPlatformOwnTopic with the platform's names listed once, for a caller asking about every topic of a cluster.
 * Listed when called, not as this module loads: specs/mirror-maker.ts reads this module's platformTopics as it loads.
 */
export function platformOwnTopicTest(): (name: string) => boolean {
    const names = new Set([
        ...platformTopics(true).map((t) => t.name),
        ...[MIRROR, FAILBACK].flatMap((flow) => [offsetSyncsTopic(flow), ...Object.values(mirrorTargetTopics(flow))]),
    ]);
    return (name) => name.startsWith("__") || names.has(name);
}
