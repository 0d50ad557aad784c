// The Kafka 3.6 topic-level configs a catalog may set, with Kafka's own bounds for each value.

/** How a config's value is checked. */
export type ConfigRule =
    | { kind: "integer"; min: number; max?: number; orMinusOne?: boolean }
    | { kind: "ratio" }
    | { kind: "boolean" }
    | { kind: "enum"; values: readonly string[] }
    | { kind: "cleanupPolicy" };

export interface TopicConfigKey {
    /** Kafka's property name. */
    kafka: string;
    rule: ConfigRule;
    /** The setting only acts under this cleanup policy; elsewhere it is flagged as having no effect. */
    actsOn?: "compact" | "delete";
}

const INT32_MAX = 2147483647;
const LONG_MAX = Number.MAX_SAFE_INTEGER;

export const COMPRESSION_TYPES = ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"] as const;

/** Catalog spelling (snake_case, as the design writes it) to Kafka's rules. */
export const TOPIC_CONFIG_KEYS: Readonly<Record<string, TopicConfigKey>> = {
    cleanup_policy: { kafka: "cleanup.policy", rule: { kind: "cleanupPolicy" } },
    compression_type: { kafka: "compression.type", rule: { kind: "enum", values: COMPRESSION_TYPES } },
    delete_retention_ms: { kafka: "delete.retention.ms", rule: { kind: "integer", min: 0, max: LONG_MAX }, actsOn: "compact" },
    file_delete_delay_ms: { kafka: "file.delete.delay.ms", rule: { kind: "integer", min: 0, max: LONG_MAX } },
    flush_messages: { kafka: "flush.messages", rule: { kind: "integer", min: 1, max: LONG_MAX } },
    flush_ms: { kafka: "flush.ms", rule: { kind: "integer", min: 0, max: LONG_MAX } },
    index_interval_bytes: { kafka: "index.interval.bytes", rule: { kind: "integer", min: 0, max: INT32_MAX } },
    max_compaction_lag_ms: { kafka: "max.compaction.lag.ms", rule: { kind: "integer", min: 1, max: LONG_MAX }, actsOn: "compact" },
    max_message_bytes: { kafka: "max.message.bytes", rule: { kind: "integer", min: 0, max: INT32_MAX } },
    message_downconversion_enable: { kafka: "message.downconversion.enable", rule: { kind: "boolean" } },
    message_timestamp_after_max_ms: { kafka: "message.timestamp.after.max.ms", rule: { kind: "integer", min: 0, max: LONG_MAX } },
    message_timestamp_before_max_ms: { kafka: "message.timestamp.before.max.ms", rule: { kind: "integer", min: 0, max: LONG_MAX } },
    message_timestamp_difference_max_ms: { kafka: "message.timestamp.difference.max.ms", rule: { kind: "integer", min: 0, max: LONG_MAX } },
    message_timestamp_type: { kafka: "message.timestamp.type", rule: { kind: "enum", values: ["CreateTime", "LogAppendTime"] } },
    min_cleanable_dirty_ratio: { kafka: "min.cleanable.dirty.ratio", rule: { kind: "ratio" }, actsOn: "compact" },
    min_compaction_lag_ms: { kafka: "min.compaction.lag.ms", rule: { kind: "integer", min: 0, max: LONG_MAX }, actsOn: "compact" },
    min_insync_replicas: { kafka: "min.insync.replicas", rule: { kind: "integer", min: 1, max: INT32_MAX } },
    preallocate: { kafka: "preallocate", rule: { kind: "boolean" } },
    retention_bytes: { kafka: "retention.bytes", rule: { kind: "integer", min: 1, max: LONG_MAX, orMinusOne: true }, actsOn: "delete" },
    retention_ms: { kafka: "retention.ms", rule: { kind: "integer", min: 1, max: LONG_MAX, orMinusOne: true }, actsOn: "delete" },
    segment_bytes: { kafka: "segment.bytes", rule: { kind: "integer", min: 14, max: INT32_MAX } },
    segment_index_bytes: { kafka: "segment.index.bytes", rule: { kind: "integer", min: 4, max: INT32_MAX } },
    segment_jitter_ms: { kafka: "segment.jitter.ms", rule: { kind: "integer", min: 0, max: LONG_MAX } },
    segment_ms: { kafka: "segment.ms", rule: { kind: "integer", min: 1, max: LONG_MAX } },
};

/** Topic configs Kafka accepts and this platform refuses, catalog spelling to Kafka's name and the reason. */
export const REFUSED_TOPIC_CONFIG_KEYS: Readonly<Record<string, { kafka: string; reason: string }>> = {
    unclean_leader_election_enable: { kafka: "unclean.leader.election.enable", reason: "unclean leader election can lose acknowledged records; the platform keeps it off for every topic" },
    remote_storage_enable: { kafka: "remote.storage.enable", reason: "the brokers have no tiered storage configured" },
    local_retention_ms: { kafka: "local.retention.ms", reason: "only acts with tiered storage, which the brokers do not have" },
    local_retention_bytes: { kafka: "local.retention.bytes", reason: "only acts with tiered storage, which the brokers do not have" },
    message_format_version: { kafka: "message.format.version", reason: "deprecated and ignored by Kafka 3.x brokers" },
    leader_replication_throttled_replicas: { kafka: "leader.replication.throttled.replicas", reason: "set by partition reassignment tooling, not by the catalog" },
    follower_replication_throttled_replicas: { kafka: "follower.replication.throttled.replicas", reason: "set by partition reassignment tooling, not by the catalog" },
};

/** Kafka property name back to the catalog spelling. */
export const CATALOG_KEY_BY_KAFKA_NAME: Readonly<Record<string, string>> = Object.fromEntries(
    Object.entries({ ...TOPIC_CONFIG_KEYS, ...REFUSED_TOPIC_CONFIG_KEYS }).map(([catalogKey, entry]) => [entry.kafka, catalogKey]),
);

/** Top-level fields of a topic entry that are Kafka configs too (the rest are `name`, `partitions`, ...). */
export const TOP_LEVEL_CONFIG_FIELDS = ["min_insync_replicas", "retention_ms", "segment_ms", "compression_type", "cleanup_policy"] as const;
