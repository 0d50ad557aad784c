// Turns catalog topics into Strimzi KafkaTopic resources or @pulumi/kafka Topic arguments, same settings either way.
import { RELEASED_ANNOTATION } from "../policy/rules/resource-types";
import { ConfigValue, topicCrName, TopicSpec } from "../catalog";
import { readinessAnnotations } from "./readiness";
import { clusterLabel, STRIMZI_API_VERSION } from "./strimzi";

/** `strimzi`: KafkaTopic resources for the topic operator; `kafka`: topics made directly through the Kafka API. */
export type TopicBackend = "strimzi" | "kafka";

/** Strimzi's switch: an unmanaged KafkaTopic can be deleted without deleting the Kafka topic. */
export const STRIMZI_MANAGED_ANNOTATION = "strimzi.io/managed";

/** Marks a topic resource registered one last time before it leaves the stack (the pack exempts it from protection). */
export { RELEASED_ANNOTATION };

const LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "kafka-platform" };

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
            labels: { ...clusterLabel(cluster.name), ...LABELS },
            annotations: { ...(topic.description ? { "kafka-platform/description": topic.description } : {}), ...readinessAnnotations("topic") },
        },
        spec: { topicName: topic.name, partitions: topic.partitions, replicas: topic.replicationFactor, config: { ...topic.config } },
    };
}

/**
 * A topic leaving the catalog, registered once more with the last deployed shape (its spec is left as it is
 * by ignoreChanges). Unless its records may go, Strimzi is told to stop managing it, so the later deletion of
 * the resource leaves the Kafka topic in place.
 */
export function releasedKafkaTopicResource(topic: { name: string; partitions: number; replicationFactor: number }, cluster: { name: string; namespace: string }, deleteData: boolean) {
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "KafkaTopic" as const,
        metadata: {
            name: topicCrName(topic.name),
            namespace: cluster.namespace,
            labels: { ...clusterLabel(cluster.name), ...LABELS },
            annotations: { [RELEASED_ANNOTATION]: "true", ...(deleteData ? {} : { [STRIMZI_MANAGED_ANNOTATION]: "false" }) },
        },
        spec: { topicName: topic.name, partitions: topic.partitions, replicas: topic.replicationFactor },
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
