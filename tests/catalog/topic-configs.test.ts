// Tests every topic config a catalog may set against Kafka 3.6's own names and bounds: a wrong name would reach
// Kafka as a setting it rejects or ignores, a wrong bound would refuse a team's valid value or pass an invalid one.
import * as assert from "assert";
import { assertProblem, loadValid, ORDERS_TOPIC, problemsOf, yamlLines } from "./catalog-fixtures";

/** The topic `orders` with `settings` under `configs`, one `key: value` per line from line 7 on. */
function ordersWithConfigs(settings: Record<string, unknown>, topLevel: string[] = []): Record<string, string> {
    const lines = Object.entries(settings).map(([key, value]) => `      ${key}: ${value}`);
    return { "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, ...topLevel, "    configs:", ...lines) };
}

/** Kafka's name for a catalog key: the catalog writes Kafka's dotted names in snake_case. */
const kafkaName = (catalogKey: string) => catalogKey.replace(/_/g, ".");

/** A value Kafka accepts for each config the catalog takes (cleanup_policy is set on the topic itself). */
const VALID: Record<string, string | number | boolean> = {
    compression_type: "zstd",
    delete_retention_ms: 86400000,
    file_delete_delay_ms: 60000,
    flush_messages: 10000,
    flush_ms: 1000,
    index_interval_bytes: 4096,
    max_compaction_lag_ms: 604800000,
    max_message_bytes: 1048576,
    message_downconversion_enable: false,
    message_timestamp_after_max_ms: 3600000,
    message_timestamp_before_max_ms: 86400000,
    message_timestamp_difference_max_ms: 86400000,
    message_timestamp_type: "LogAppendTime",
    min_cleanable_dirty_ratio: 0.3,
    min_compaction_lag_ms: 60000,
    min_insync_replicas: 2,
    preallocate: true,
    retention_bytes: -1,
    retention_ms: 604800000,
    segment_bytes: 536870912,
    segment_index_bytes: 10485760,
    segment_jitter_ms: 0,
    segment_ms: 3600000,
};

/** The configs the platform keeps to itself, each with the words of its reason. */
const REFUSED: Record<string, string> = {
    unclean_leader_election_enable: "unclean leader election can lose acknowledged records",
    remote_storage_enable: "the brokers have no tiered storage configured",
    local_retention_ms: "only acts with tiered storage",
    local_retention_bytes: "only acts with tiered storage",
    message_format_version: "deprecated and ignored by Kafka 3.x brokers",
    leader_replication_throttled_replicas: "set by partition reassignment tooling",
    follower_replication_throttled_replicas: "set by partition reassignment tooling",
};

describe("topic configs: Kafka 3.6's names and bounds", () => {
    it("hands every config the catalog takes to Kafka under Kafka's own name, with the value written", () => {
        const catalog = loadValid(ordersWithConfigs(VALID, ["    cleanup_policy: compact,delete"]));
        const config = catalog.topics[0].config;
        for (const [key, value] of Object.entries(VALID)) assert.strictEqual(config[kafkaName(key)], value, key);
        assert.strictEqual(config["cleanup.policy"], "compact,delete");
        assert.deepStrictEqual(catalog.warnings, []);
    });

    it("takes every compression type Kafka 3.6 knows", () => {
        for (const type of ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"]) {
            assert.strictEqual(loadValid(ordersWithConfigs({ compression_type: type })).topics[0].config["compression.type"], type);
        }
    });

    it("refuses each value outside Kafka's bounds, every one in the same run, saying the bound", () => {
        const invalid: Record<string, [unknown, RegExp]> = {
            compression_type: ["brotli", /^must be one of "uncompressed", "zstd", "lz4", "snappy", "gzip", "producer", got "brotli"/],
            delete_retention_ms: [-1, /^must be at least 0, got -1$/],
            file_delete_delay_ms: [-1, /^must be at least 0, got -1$/],
            flush_messages: [0, /^must be at least 1, got 0$/],
            flush_ms: [-1, /^must be at least 0, got -1$/],
            index_interval_bytes: [2147483648, /^must be at most 2147483647, got 2147483648$/],
            max_compaction_lag_ms: [0, /^must be at least 1, got 0$/],
            max_message_bytes: [-1, /^must be at least 0, got -1$/],
            message_downconversion_enable: ["no", /^must be true or false, got "no"$/],
            message_timestamp_after_max_ms: [-1, /^must be at least 0, got -1$/],
            message_timestamp_before_max_ms: [-1, /^must be at least 0, got -1$/],
            message_timestamp_difference_max_ms: [-1, /^must be at least 0, got -1$/],
            message_timestamp_type: ["Now", /^must be one of "CreateTime", "LogAppendTime", got "Now"/],
            min_cleanable_dirty_ratio: [2, /^must be a number from 0 to 1, got 2$/],
            min_compaction_lag_ms: [-1, /^must be at least 0, got -1$/],
            min_insync_replicas: [0, /^must be at least 1, got 0$/],
            preallocate: [1, /^must be true or false, got 1$/],
            retention_bytes: [0, /^must be -1 \(no limit\) or at least 1, got 0$/],
            retention_ms: [-2, /^must be -1 \(no limit\) or at least 1, got -2$/],
            segment_bytes: [13, /^must be at least 14, got 13$/],
            segment_index_bytes: [3, /^must be at least 4, got 3$/],
            segment_jitter_ms: [-1, /^must be at least 0, got -1$/],
            segment_ms: [0, /^must be at least 1, got 0$/],
        };
        const problems = problemsOf(ordersWithConfigs(Object.fromEntries(Object.entries(invalid).map(([key, [value]]) => [key, JSON.stringify(value)]))));
        Object.entries(invalid).forEach(([key, [, says]], i) => assertProblem(problems, `topics.yaml:${7 + i}: topic "orders": configs.${key}: `, says));
        assert.strictEqual(problems.length, Object.keys(invalid).length);
    });

    it("warns of compaction settings on a topic that only deletes, and of retention on one that only compacts", () => {
        const withoutPlace = (warning: string) => warning.replace(/^topics\.yaml:\d+: topic "orders": /, "");
        const compactionOnly = { delete_retention_ms: 86400000, max_compaction_lag_ms: 604800000, min_cleanable_dirty_ratio: 0.3, min_compaction_lag_ms: 60000 };
        const onDelete = loadValid(ordersWithConfigs(compactionOnly, ["    cleanup_policy: delete"])).warnings;
        assert.deepStrictEqual(onDelete.map(withoutPlace), Object.keys(compactionOnly).map((key) => `configs.${key}: has no effect: it only acts when cleanup_policy includes "compact", and this topic's is "delete"`));
        const deleteOnly = { retention_bytes: 1073741824, retention_ms: 604800000 };
        const onCompact = loadValid(ordersWithConfigs(deleteOnly, ["    cleanup_policy: compact"])).warnings;
        assert.deepStrictEqual(onCompact.map(withoutPlace), Object.keys(deleteOnly).map((key) => `configs.${key}: has no effect: it only acts when cleanup_policy includes "delete", and this topic's is "compact"`));
    });

    it("refuses the configs the platform keeps to itself, each with its reason", () => {
        const problems = problemsOf(ordersWithConfigs(Object.fromEntries(Object.keys(REFUSED).map((key) => [key, "1"]))));
        Object.entries(REFUSED).forEach(([key, reason], i) => assertProblem(problems, `topics.yaml:${7 + i}: topic "orders": configs.${key}: `, new RegExp(`^not allowed: ${reason}`)));
        assert.strictEqual(problems.length, Object.keys(REFUSED).length);
    });

    it("answers a config written Kafka's way with its catalog spelling, refused ones too", () => {
        const keys = [...Object.keys(VALID), "cleanup_policy", ...Object.keys(REFUSED)].filter((key) => key.includes("_"));
        const problems = problemsOf(ordersWithConfigs(Object.fromEntries(keys.map((key) => [kafkaName(key), "1"]))));
        keys.forEach((key, i) => assertProblem(problems, `topics.yaml:${7 + i}: topic "orders": configs.${kafkaName(key)}: `, new RegExp(`^unknown topic config \\(write Kafka's "${kafkaName(key).replace(/\./g, "\\.")}" as "${key}"\\)$`)));
    });
});
