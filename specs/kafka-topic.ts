// Turns catalog topics into Strimzi KafkaTopic resources or @pulumi/kafka Topic arguments, same settings either way.
import { ConfigValue, topicCrName, TopicSpec } from "../catalog";
import { readinessAnnotations } from "./readiness";

export const STRIMZI_API_VERSION = "kafka.strimzi.io/v1beta2";

/** Annotation marking a topic as released from the catalog: Strimzi stops managing it, so deleting the resource keeps the Kafka topic. */
export const STRIMZI_MANAGED_ANNOTATION = "strimzi.io/managed";

export interface KafkaTopicResource {
    apiVersion: typeof STRIMZI_API_VERSION;
    kind: "KafkaTopic";
    metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
    spec: { topicName: string; partitions: number; replicas: number; config: Record<string, ConfigValue> };
}

/** The KafkaTopic custom resource of a catalog topic, labelled for the cluster that owns it. */
export function kafkaTopicResource(topic: TopicSpec, cluster: { name: string; namespace: string }): KafkaTopicResource {
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "KafkaTopic",
        metadata: {
            name: topicCrName(topic.name),
            namespace: cluster.namespace,
            labels: { "strimzi.io/cluster": cluster.name, "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "kafka-platform" },
            annotations: { "kafka-platform/description": topic.description, ...readinessAnnotations("topic") },
        },
        spec: { topicName: topic.name, partitions: topic.partitions, replicas: topic.replicationFactor, config: { ...topic.config } },
    };
}

/** Arguments of a `kafka.Topic` (the direct backend); the provider takes config values as strings. */
export function directTopicArgs(topic: TopicSpec): { name: string; partitions: number; replicationFactor: number; config: Record<string, string> } {
    return {
        name: topic.name,
        partitions: topic.partitions,
        replicationFactor: topic.replicationFactor,
        config: Object.fromEntries(Object.entries(topic.config).map(([k, v]) => [k, String(v)])),
    };
}
