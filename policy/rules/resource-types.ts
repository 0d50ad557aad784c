// Type tokens of the resources the guardrails inspect, and small readers shared by the rules.

export const STRIMZI_KAFKA = "kubernetes:kafka.strimzi.io/v1beta2:Kafka";
export const STRIMZI_NODE_POOL = "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool";
export const STRIMZI_TOPIC = "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic";
export const STRIMZI_CONNECTOR = "kubernetes:kafka.strimzi.io/v1beta2:KafkaConnector";
export const KAFKA_PROVIDER_TOPIC = "kafka:index/topic:Topic";
export const GCS_BUCKET = "gcp:storage/bucket:Bucket";
export const VOLUME_CLAIM = "kubernetes:core/v1:PersistentVolumeClaim";
export const KUBERNETES_SECRET = "kubernetes:core/v1:Secret";

/** The annotation the program puts on a KafkaTopic released through removed_topics; defined here because the pack cannot import the program. */
export const RELEASED_ANNOTATION = "kafka-platform/released";

/** A topic as both the Strimzi CR and the Kafka provider describe it. */
export interface TopicView {
    topicName: string;
    partitions: unknown;
    replicationFactor: unknown;
    config: Record<string, unknown>;
    /** Released through removed_topics: registered one last time, its spec no longer applied. */
    released: boolean;
}

/** One thing a topic guardrail finds wrong with a topic: the Kafka setting at fault and why. */
export interface TopicFinding {
    setting: string;
    message: string;
}

/** Reads a KafkaTopic CR or a Kafka provider Topic into one shape; undefined for any other type. */
export function topicView(type: string, props: Record<string, any>): TopicView | undefined {
    if (type === STRIMZI_TOPIC) {
        const spec = props.spec ?? {};
        // Strimzi uses metadata.name as the topic name when spec.topicName is absent.
        const topicName = spec.topicName ?? props.metadata?.name ?? "";
        return { topicName, partitions: spec.partitions, replicationFactor: spec.replicas, config: spec.config ?? {}, released: props.metadata?.annotations?.[RELEASED_ANNOTATION] === "true" };
    }
    if (type === KAFKA_PROVIDER_TOPIC) {
        return { topicName: props.name ?? "", partitions: props.partitions, replicationFactor: props.replicationFactor, config: props.config ?? {}, released: false };
    }
    return undefined;
}

/** A number from a CR (number) or from the Kafka provider (string); NaN when it is neither. */
export function asNumber(value: unknown): number {
    if (typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "") return Number(value);
    return NaN;
}

/** True for `true` and for the string "true" in any case, as Kafka reads boolean configs. */
export function isTrue(value: unknown): boolean {
    return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

/** The stack a resource belongs to, read from its URN (`urn:pulumi:<stack>::<project>::...`). */
export function stackOfUrn(urn: string): string {
    return urn.split("::")[0].split(":")[2];
}
