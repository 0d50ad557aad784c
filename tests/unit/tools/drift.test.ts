// Unit tests of the drift rules verify applies between the catalog and a cluster's topics.
import * as assert from "assert";
import { DriftCatalog, findDrift, fullMatch, isInternalTopic, LiveTopic, normalizeConfigValue } from "../../../tools/drift";
import { CONNECT_STORAGE_TOPICS } from "../../../specs/kafka-connect";
import { MIRROR_TARGET_TOPICS, mirrorMakerResource, OFFSET_SYNCS_TOPIC } from "../../../specs/mirror-maker";
import { SCHEMA_REGISTRY } from "../../../specs/schema-registry";

const catalog: DriftCatalog = {
    topics: [
        { name: "task.events", partitions: 3, replicationFactor: 3, config: { "retention.ms": 604800000, "cleanup.policy": "delete", "min.insync.replicas": 2 } },
        { name: "user.profile.snapshots", partitions: 2, replicationFactor: 3, config: { "cleanup.policy": "compact,delete", "min.cleanable.dirty.ratio": 0.5 } },
    ],
    removedTopics: [
        { name: "legacy.kept", deleteData: false },
        { name: "legacy.purged", deleteData: true },
    ],
};

function live(name: string, partitions: number, configs: LiveTopic["configs"], replicas = 3): LiveTopic {
    return { name, partitions, replicasPerPartition: Array(partitions).fill(replicas), configs };
}

const inSyncCluster: LiveTopic[] = [
    live("task.events", 3, [
        { name: "retention.ms", value: "604800000", source: "topic" },
        { name: "cleanup.policy", value: "delete", source: "default" },
        { name: "min.insync.replicas", value: "2", source: "topic" },
        { name: "segment.bytes", value: "1073741824", source: "default" },
    ]),
    live("user.profile.snapshots", 2, [
        { name: "cleanup.policy", value: "delete,compact", source: "topic" },
        { name: "min.cleanable.dirty.ratio", value: "0.5", source: "topic" },
        { name: "max.message.bytes", value: "1048588", source: "broker" },
    ]),
    live("__consumer_offsets", 50, [], 1),
    live("primary.checkpoints.internal", 1, [], 1),
    live("legacy.kept", 1, []),
];

describe("findDrift", () => {
    it("reports nothing when live values match, list order and broker defaults aside", () => {
        const report = findDrift(catalog, inSyncCluster);
        assert.deepStrictEqual(report.drift, []);
        assert.strictEqual(report.topicsInSync, 2);
        assert.strictEqual(report.catalogTopics, 2);
    });

    it("finds a missing catalog topic", () => {
        const report = findDrift(catalog, inSyncCluster.filter((t) => t.name !== "task.events"));
        assert.deepStrictEqual(report.drift, [{ topic: "task.events", kind: "missing", expected: "3 partitions" }]);
    });

    it("finds a topic Kafka holds that the catalog does not, but not internal ones", () => {
        const report = findDrift(catalog, [...inSyncCluster, live("scratch.test", 1, [], 1), live("heartbeats", 1, [], 1)]);
        assert.deepStrictEqual(report.drift, [{ topic: "scratch.test", kind: "unmanaged", actual: "1 partitions" }]);
    });

    it("leaves out topics whose whole name matches an --ignore pattern, and lists them as ignored", () => {
        const cluster = [...inSyncCluster, live("scratch.test", 1, [], 1), live("scratch", 1, [], 1), live("my.scratch.topic", 1, [], 1)];
        const report = findDrift(catalog, cluster, [fullMatch("scratch\\..*")]);
        assert.deepStrictEqual(report.ignoredTopics, ["scratch.test"]);
        assert.deepStrictEqual(report.drift.map((d) => [d.topic, d.kind]), [["my.scratch.topic", "unmanaged"], ["scratch", "unmanaged"]]);
        assert.deepStrictEqual(findDrift(catalog, cluster, [fullMatch("scratch")]).ignoredTopics, ["scratch"], "a plain word matches that exact name only");
        assert.deepStrictEqual(findDrift(catalog, cluster, [fullMatch(".*scratch.*")]).drift, [], "a search is written as one");
    });

    it("reports a removed topic with delete_data still in Kafka, and accepts one kept on purpose", () => {
        const report = findDrift(catalog, [...inSyncCluster, live("legacy.purged", 4, [])]);
        assert.deepStrictEqual(report.drift, [{ topic: "legacy.purged", kind: "not-deleted", expected: "deleted", actual: "4 partitions" }]);
    });

    it("finds a partition count and a replication factor that differ", () => {
        const cluster = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, partitions: 4, replicasPerPartition: [3, 3, 3, 2] } : t));
        const kinds = findDrift(catalog, cluster).drift.map((d) => [d.kind, d.expected, d.actual]);
        assert.deepStrictEqual(kinds, [
            ["partitions", "3", "4"],
            ["replication-factor", "3", "2-3"],
        ]);
    });

    it("finds a catalog setting whose live value differs, even when the live value is a broker default", () => {
        const cluster = inSyncCluster.map((t) =>
            t.name === "task.events" ? { ...t, configs: t.configs.map((c) => (c.name === "retention.ms" ? { ...c, value: "86400000" } : c.name === "cleanup.policy" ? { ...c, value: "compact" } : c)) } : t,
        );
        const drift = findDrift(catalog, cluster).drift;
        assert.deepStrictEqual(drift, [
            { topic: "task.events", kind: "config", setting: "cleanup.policy", expected: "delete", actual: "compact" },
            { topic: "task.events", kind: "config", setting: "retention.ms", expected: "604800000", actual: "86400000" },
        ]);
    });

    it("reports a setting overridden on the topic that the catalog does not declare", () => {
        const cluster = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, configs: [...t.configs, { name: "segment.ms", value: "3600000", source: "topic" as const }] } : t));
        assert.deepStrictEqual(findDrift(catalog, cluster).drift, [{ topic: "task.events", kind: "unmanaged-config", setting: "segment.ms", actual: "3600000" }]);
    });

    it("reports a catalog setting Kafka does not report at all", () => {
        const cluster = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, configs: t.configs.filter((c) => c.name !== "min.insync.replicas") } : t));
        assert.deepStrictEqual(findDrift(catalog, cluster).drift, [{ topic: "task.events", kind: "config", setting: "min.insync.replicas", expected: "2", actual: "(not reported by Kafka)" }]);
    });
});

describe("findDrift, further", () => {
    it("lists drift topic by topic in name order, whatever order the catalog and the cluster use", () => {
        const unordered: DriftCatalog = { topics: [...catalog.topics].reverse(), removedTopics: [] };
        const cluster = [live("zz.scratch", 1, []), ...inSyncCluster.filter((t) => t.name !== "task.events"), live("aa.scratch", 1, [])].reverse();
        assert.deepStrictEqual(findDrift(unordered, cluster).drift.map((d) => `${d.kind}:${d.topic}`), ["missing:task.events", "unmanaged:aa.scratch", "unmanaged:legacy.kept", "unmanaged:zz.scratch"]);
        // Two catalog topics that both drift, listed by the catalog in reverse: the report still starts at the first name.
        const neither = cluster.filter((t) => t.name !== "user.profile.snapshots");
        assert.deepStrictEqual(findDrift(unordered, neither).drift.slice(0, 2).map((d) => `${d.kind}:${d.topic}`), ["missing:task.events", "missing:user.profile.snapshots"]);
    });

    it("counts topics in sync and cluster topics without Kafka's internal ones", () => {
        const cluster = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, partitions: 6 } : t));
        const report = findDrift(catalog, cluster);
        assert.deepStrictEqual([report.catalogTopics, report.clusterTopics, report.topicsInSync], [2, 3, 1]);
    });

    it("reports a topic whose every partition has fewer or more replicas than the catalog's replication factor", () => {
        const fewer = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, replicasPerPartition: [2, 2, 2] } : t));
        assert.deepStrictEqual(findDrift(catalog, fewer).drift, [{ topic: "task.events", kind: "replication-factor", expected: "3", actual: "2" }]);
        const more = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, replicasPerPartition: [4, 4, 4] } : t));
        assert.deepStrictEqual(findDrift(catalog, more).drift, [{ topic: "task.events", kind: "replication-factor", expected: "3", actual: "4" }]);
    });

    it("reports a topic whose partitions disagree on their replica count, or that has none, as replication drift", () => {
        const uneven = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, replicasPerPartition: [3, 3, 4] } : t));
        assert.deepStrictEqual(findDrift(catalog, uneven).drift, [{ topic: "task.events", kind: "replication-factor", expected: "3", actual: "3-4" }]);
        const none = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, replicasPerPartition: [] } : t));
        assert.deepStrictEqual(findDrift(catalog, none).drift, [
            { topic: "task.events", kind: "replication-factor", expected: "3", actual: "none" },
        ]);
    });

    it("shows a setting Kafka reports without a value as (null)", () => {
        const cluster = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, configs: [...t.configs.filter((c) => c.name !== "retention.ms"), { name: "retention.ms", value: null, source: "topic" as const }, { name: "segment.ms", value: null, source: "topic" as const }] } : t));
        assert.deepStrictEqual(findDrift(catalog, cluster).drift, [
            { topic: "task.events", kind: "config", setting: "retention.ms", expected: "604800000", actual: "(null)" },
            { topic: "task.events", kind: "unmanaged-config", setting: "segment.ms", actual: "(null)" },
        ]);
    });

    it("lists several unmanaged topic overrides in name order", () => {
        const extra = [{ name: "segment.ms", value: "1", source: "topic" as const }, { name: "flush.ms", value: "2", source: "topic" as const }];
        const cluster = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, configs: [...extra, ...t.configs] } : t));
        assert.deepStrictEqual(findDrift(catalog, cluster).drift.map((d) => d.setting), ["flush.ms", "segment.ms"]);
    });

    it("still compares a catalog topic that an ignore pattern matches: --ignore is for topics the catalog does not own", () => {
        const cluster = inSyncCluster.map((t) => (t.name === "task.events" ? { ...t, partitions: 6, replicasPerPartition: Array(6).fill(3) } : t));
        assert.deepStrictEqual(findDrift(catalog, cluster, [/^task\./]).drift, [{ topic: "task.events", kind: "partitions", expected: "3", actual: "6" }]);
    });
});

describe("normalizeConfigValue", () => {
    it("reads Kafka's spellings of numbers, booleans and lists, and leaves other text as it is", () => {
        assert.strictEqual(normalizeConfigValue("retention.ms", null), "");
        assert.strictEqual(normalizeConfigValue("retention.ms", " 604800000 "), "604800000");
        assert.strictEqual(normalizeConfigValue("max.message.bytes", "1e3"), "1000");
        assert.strictEqual(normalizeConfigValue("min.cleanable.dirty.ratio", "1.50"), "1.5");
        assert.strictEqual(normalizeConfigValue("retention.ms", "-1"), "-1");
        assert.strictEqual(normalizeConfigValue("preallocate", "TRUE"), "true");
        assert.strictEqual(normalizeConfigValue("preallocate", true), "true");
        assert.strictEqual(normalizeConfigValue("cleanup.policy", "Delete, COMPACT,"), "compact,delete");
        // Only a whole true or false is a boolean: text that merely begins or ends with one keeps its case.
        for (const text of ["12ms", "v12", "1.2.3", "trueish", "not false", "LZ4", "TrueIsh", "Not False"]) assert.strictEqual(normalizeConfigValue("some.setting", text), text, text);
        assert.strictEqual(normalizeConfigValue("message.timestamp.type", "Delete,Compact"), "Delete,Compact", "only list settings are reordered");
    });


    it("compares numbers, booleans and lists by meaning, not spelling", () => {
        assert.strictEqual(normalizeConfigValue("min.cleanable.dirty.ratio", 0.5), normalizeConfigValue("min.cleanable.dirty.ratio", "0.50"));
        assert.strictEqual(normalizeConfigValue("unclean.leader.election.enable", false), normalizeConfigValue("unclean.leader.election.enable", "false"));
        assert.strictEqual(normalizeConfigValue("cleanup.policy", "compact, delete"), normalizeConfigValue("cleanup.policy", "delete,compact"));
        assert.strictEqual(normalizeConfigValue("retention.ms", -1), "-1");
        // Kafka prints a ratio as Java does: 0.0001 as 1.0E-4; other spellings of one number (a trailing .0,
        // an exponent with a sign or of two digits) read as that number too.
        assert.strictEqual(normalizeConfigValue("min.cleanable.dirty.ratio", "1.0E-4"), normalizeConfigValue("min.cleanable.dirty.ratio", 0.0001));
        assert.strictEqual(normalizeConfigValue("retention.ms", "604800000.0"), normalizeConfigValue("retention.ms", 604800000));
        assert.strictEqual(normalizeConfigValue("retention.ms", "6.048E+8"), "604800000");
        assert.strictEqual(normalizeConfigValue("retention.ms", "1.0E10"), normalizeConfigValue("retention.ms", 10000000000));
        assert.notStrictEqual(normalizeConfigValue("compression.type", "lz4"), normalizeConfigValue("compression.type", "zstd"));
    });
});

describe("isInternalTopic", () => {
    it("knows Kafka's, Strimzi's, Schema Registry's, MirrorMaker 2's and Connect's own topics", () => {
        const own = ["__consumer_offsets", "__transaction_state", "__strimzi_store_topic", "_schemas", "heartbeats", "primary.checkpoints.internal", "mm2-offset-syncs.dr.internal", "mirrormaker2-cluster-configs", "mirrormaker2-cluster-offsets", "mirrormaker2-cluster-status", "connect-cluster-offsets", "connect-cluster-configs", "connect-cluster-status"];
        for (const name of own) assert.ok(isInternalTopic(name), name);
        for (const name of ["task.events", "dlq.processing_errors", "connect-cluster-extra", "_schemas2", "other.checkpoints.internal"]) assert.ok(!isInternalTopic(name), name);
        // Near-misses of the platform's names are the users' topics.
        for (const name of ["heartbeats.v2", "internal.audit", "x-connect-cluster-offsets", "connect-cluster-offsets-v2", "mm2-offset-syncs", "a__b"]) assert.ok(!isInternalTopic(name), name);
    });

    it("takes the names from what the program renders: Schema Registry's store, Connect's storage, MirrorMaker 2's topics", () => {
        const rendered = [SCHEMA_REGISTRY.topic, ...Object.values(CONNECT_STORAGE_TOPICS), OFFSET_SYNCS_TOPIC, ...Object.values(MIRROR_TARGET_TOPICS)];
        for (const name of rendered) assert.ok(isInternalTopic(name), name);
        const mirror = mirrorMakerResource({ namespace: "kafka", kafkaVersion: "3.6.2", topicsPattern: "a", groupsPattern: "b", largestRecordBytes: 1048588, source: { bootstrap: "p:9094", caSecret: "ca", passwordSecret: "pw" }, target: { cluster: "dr-kafka", bootstrapTls: "d:9093", clusterCaSecret: "dca", userName: "mm" } });
        const targetConfig = mirror.spec.clusters[1].config as Record<string, unknown>;
        for (const key of ["config.storage.topic", "offset.storage.topic", "status.storage.topic"]) assert.ok(isInternalTopic(String(targetConfig[key])), key);
    });
});
