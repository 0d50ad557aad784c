// Tests the MirrorMaker 2 resource field by field against the design's mm2.properties, its patterns, and the parity check.
import * as assert from "assert";
import { TopicSpec } from "../../catalog";
import { DEFAULT_BROKER_LIMITS } from "../../catalog";
import {
    FAILBACK,
    mirrorTargetTopics,
    FAILBACK_SEEDING_PATTERN,
    failbackMirrorResource,
    groupsPattern,
    largestRecordBytes,
    MAX_TRANSLATION_LAG,
    MIRROR,
    MIRROR_METRICS,
    mirroredTopics,
    mirrorMakerResource,
    parityProblems,
    sourceConnectorName,
    startOffsetsBody,
    TopicSettings,
    topicsPattern,
} from "../../specs/mirror-maker";
import { isInternalTopic } from "../../tools/drift";
import { repoCatalog, stackConfig } from "./stack-fixtures";

const dr = stackConfig("dr");
const catalog = repoCatalog(dr);
// Built inside each test that reads them, not once at load, so each test is one that exercises the builders.
const specArgs = () => ({
    namespace: "kafka",
    kafkaVersion: dr.kafka.version,
    target: { cluster: "production-kafka", bootstrapTls: "production-kafka-kafka-bootstrap.kafka.svc:9093", clusterCaSecret: "production-kafka-cluster-ca-cert", userName: "mirror-maker-2" },
    source: { bootstrap: "10.10.0.50:9094", caSecret: "primary-cluster-ca-cert", passwordSecret: "mirror-maker-2-primary-password" },
    topicsPattern: topicsPattern(catalog),
    groupsPattern: groupsPattern(catalog),
    largestRecordBytes: largestRecordBytes(mirroredTopics(catalog), DEFAULT_BROKER_LIMITS.messageMaxBytes),
});
const mm2 = () => mirrorMakerResource(specArgs());
const cluster = (alias: string) => {
    const found = mm2().spec.clusters.find((c) => c.alias === alias);
    assert.ok(found, `no cluster ${alias}`);
    return found as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const mirror = () => mm2().spec.mirrors[0];
/** MirrorMaker matches names with Java's Pattern.matches: the whole name, not a part of it. */
const matchesWhole = (pattern: string, name: string) => new RegExp(`^(?:${pattern})$`).test(name);

describe("MirrorMaker 2 resource (specs/mirror-maker)", () => {
    it("is a KafkaMirrorMaker2 running Kafka 3.6.0 in the DR cluster, waiting for Ready", () => {
        assert.strictEqual(mm2().kind, "KafkaMirrorMaker2");
        assert.strictEqual(mm2().spec.version, "3.6.0");
        assert.strictEqual(mm2().metadata.annotations["pulumi.com/waitFor"], "condition=Ready");
        assert.strictEqual(mm2().metadata.annotations["pulumi.com/timeoutSeconds"], "1200", "20 minutes, as Connect");
    });

    it("runs its Connect workers on the target cluster (connectCluster is the target alias)", () => {
        assert.strictEqual(mm2().spec.connectCluster, MIRROR.target);
        assert.deepStrictEqual(mm2().spec.clusters.map((c) => c.alias).sort(), [MIRROR.source, MIRROR.target].sort());
        assert.deepStrictEqual([mirror().sourceCluster, mirror().targetCluster], [MIRROR.source, MIRROR.target]);
    });

    it("reads the primary through its cross-region listener with TLS and SCRAM, the password from a Secret", () => {
        const source = cluster(MIRROR.source);
        assert.strictEqual(source.bootstrapServers, "10.10.0.50:9094");
        assert.deepStrictEqual(source.tls, { trustedCertificates: [{ secretName: "primary-cluster-ca-cert", certificate: "ca.crt" }] });
        assert.deepStrictEqual(source.authentication, { type: "scram-sha-512", username: "mirror-maker-2", passwordSecret: { secretName: "mirror-maker-2-primary-password", password: "password" } });
    });

    it("consumes with the design's poll settings, set on the source connector where MirrorMaker applies them", () => {
        const c = mirror().sourceConnector.config as Record<string, unknown>;
        assert.deepStrictEqual([c["consumer.max.poll.records"], c["consumer.max.poll.interval.ms"]], [500, 300000]);
        // Strimzi passes a cluster's config to the connectors as source.cluster.*; MirrorMaker's consumer keeps only
        // connection settings from it (MirrorSourceConfig.sourceConsumerConfig), so consumer.* there would be dropped.
        const sourceConfig = (cluster(MIRROR.source).config ?? {}) as Record<string, unknown>;
        assert.deepStrictEqual(Object.keys(sourceConfig).filter((k) => k.startsWith("consumer.")), []);
    });

    it("writes to DR over TLS with acks=all, idempotence, lz4 and 5 in-flight requests, its storage in Strimzi's named topics replicated 3 times", () => {
        const target = cluster(MIRROR.target);
        assert.strictEqual(target.bootstrapServers, "production-kafka-kafka-bootstrap.kafka.svc:9093");
        assert.strictEqual(target.authentication.type, "tls");
        assert.deepStrictEqual(
            [target.config["producer.acks"], target.config["producer.enable.idempotence"], target.config["producer.compression.type"], target.config["producer.max.in.flight.requests.per.connection"]],
            ["all", true, "lz4", 5],
        );
        for (const store of ["config", "offset", "status"]) assert.strictEqual(target.config[`${store}.storage.replication.factor`], 3, store);
    });

    it("trusts DR's cluster CA and signs in to DR with its own KafkaUser's certificate, whose ACLs bound what it may write", () => {
        const target = cluster(MIRROR.target);
        assert.deepStrictEqual(target.tls, { trustedCertificates: [{ secretName: "production-kafka-cluster-ca-cert", certificate: "ca.crt" }] });
        assert.deepStrictEqual(target.authentication, { type: "tls", certificateAndKey: { secretName: "mirror-maker-2", certificate: "user.crt", key: "user.key" } });
    });

    it("runs its workers with 1 CPU and 2 GiB requested and at most 2 CPUs and 4 GiB, so a copy burst cannot take the DR brokers' nodes", () => {
        assert.deepStrictEqual(mm2().spec.resources, { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } });
    });

    it("keeps Strimzi's names for its Connect group and storage, so a deployment keeps the positions it copied from", () => {
        const target = cluster(MIRROR.target);
        assert.deepStrictEqual(
            [target.config["group.id"], target.config["config.storage.topic"], target.config["offset.storage.topic"], target.config["status.storage.topic"]],
            ["mirrormaker2-cluster", "mirrormaker2-cluster-configs", "mirrormaker2-cluster-offsets", "mirrormaker2-cluster-status"],
        );
        // Both directions' Connect storage, checkpoints and heartbeats, on the cluster each mirror writes to.
        const mirrorsOwn = [MIRROR, FAILBACK].flatMap((flow) => Object.values(mirrorTargetTopics(flow)));
        assert.ok(mirrorsOwn.includes("mirrormaker2-cluster-offsets") && mirrorsOwn.length >= 8, mirrorsOwn.join(", "));
        for (const topic of mirrorsOwn) assert.ok(isInternalTopic(topic), `verify would report ${topic} as unmanaged`);
    });

    it("copies only committed transactions: its consumer reads read_committed", () => {
        assert.strictEqual(mirror().sourceConnector.config["consumer.isolation.level"], "read_committed");
    });

    it("fetches and writes records as large as the largest any mirrored topic accepts", () => {
        const c = mirror().sourceConnector.config as Record<string, unknown>;
        // The repository's catalog leaves most topics at the brokers' message.max.bytes, the largest limit.
        assert.strictEqual(cluster(MIRROR.target).config["producer.max.request.size"], DEFAULT_BROKER_LIMITS.messageMaxBytes);
        assert.strictEqual(c["consumer.max.partition.fetch.bytes"], DEFAULT_BROKER_LIMITS.messageMaxBytes);
        const sized = mirrorMakerResource({ ...specArgs(), largestRecordBytes: 5242880 });
        assert.strictEqual((sized.spec.clusters[1].config as Record<string, unknown>)["producer.max.request.size"], 5242880);
        assert.strictEqual(sized.spec.mirrors[0].sourceConnector.config["consumer.max.partition.fetch.bytes"], 5242880);
        assert.throws(() => mirrorMakerResource({ ...specArgs(), largestRecordBytes: 0 }), /largestRecordBytes must be a positive whole number of bytes, got 0/);
        // Any positive whole number is a size, down to a single byte.
        assert.strictEqual(mirrorMakerResource({ ...specArgs(), largestRecordBytes: 1 }).spec.mirrors[0].sourceConnector.config["consumer.max.partition.fetch.bytes"], 1);
    });

    it("translates group offsets to within MAX_TRANSLATION_LAG records (at most 10), where Kafka's default allowed 100", () => {
        assert.strictEqual(mirror().sourceConnector.config["offset.lag.max"], MAX_TRANSLATION_LAG);
        assert.ok(MAX_TRANSLATION_LAG <= 10);
    });

    it("exports its metrics through the JMX exporter rules in its ConfigMap", () => {
        assert.deepStrictEqual(mm2().spec.metricsConfig, { type: "jmxPrometheusExporter", valueFrom: { configMapKeyRef: { name: MIRROR_METRICS.configMap, key: MIRROR_METRICS.key } } });
    });

    it("replicates with factor 3, leaves topic configs to the catalog, not ACLs, and keeps topic names (IdentityReplicationPolicy)", () => {
        const c = mirror().sourceConnector.config;
        assert.strictEqual(c["replication.factor"], 3);
        assert.strictEqual(c["offset-syncs.topic.replication.factor"], 3);
        // Both stacks deploy the catalog's settings; a synced value would be drift on DR and fought over by the Topic Operator.
        assert.strictEqual(c["sync.topic.configs.enabled"], false);
        assert.strictEqual(c["sync.topic.acls.enabled"], false);
        assert.strictEqual(c["replication.policy.class"], "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
    });

    it("checkpoints consumer offsets into DR groups with the same policy, replicated 3 times", () => {
        const c = mirror().checkpointConnector.config;
        assert.strictEqual(c["sync.group.offsets.enabled"], true);
        assert.strictEqual(c["checkpoints.topic.replication.factor"], 3);
        assert.strictEqual(c["replication.policy.class"], "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
    });

    it("emits heartbeats, replicated 3 times", () => {
        assert.deepStrictEqual(mirror().heartbeatConnector.config, { "heartbeats.topic.replication.factor": 3 });
    });

    it("never mirrors everything: the topics pattern is not .*", () => {
        assert.notStrictEqual(mirror().topicsPattern, ".*");
        assert.ok(!matchesWhole(mirror().topicsPattern, "some.unmanaged.topic"));
    });

    it("matches exactly the catalog's topic names and _schemas", () => {
        for (const t of catalog.topics) assert.ok(matchesWhole(mirror().topicsPattern, t.name), t.name);
        assert.ok(matchesWhole(mirror().topicsPattern, "_schemas"));
        assert.strictEqual(mirror().topicsPattern.split("|").length, catalog.topics.length + 1);
    });

    it("matches no internal topic, nor a name that differs only where a regex metacharacter would match", () => {
        for (const name of ["__consumer_offsets", "__transaction_state", "connect-cluster-offsets", "connect-cluster-configs", "mm2-offset-syncs.dr.internal", "heartbeats", "primary.checkpoints.internal"]) {
            assert.ok(!matchesWhole(mirror().topicsPattern, name), name);
        }
        // A dot escaped as \. must not let "taskXevents" through; a partial match must not let "task.events.old" through.
        assert.ok(!matchesWhole(mirror().topicsPattern, "taskXevents"));
        assert.ok(!matchesWhole(mirror().topicsPattern, "task.events.old"));
    });

    it("stands for every mirrored name literally, whichever regex metacharacters it holds, so no other topic is mirrored", () => {
        // Catalog names hold only letters, digits, ".", "_" and "-" today; the pattern must not depend on that.
        const names = ["sales.pyxis.order.created", "a+b", "a*b", "a?b", "^a$", "(ab)", "[ab]", "a{2}", "a|b", "a\\d", "x-y_z"];
        const syntheticCatalog = { topics: names.map((name) => ({ name })), groups: names.map((groupId) => ({ groupId })) } as unknown as typeof catalog;
        const nearMisses: Record<string, string[]> = {
            "sales.pyxis.order.created": ["salesXpyxis.order.created", "sales.pyxisXorder.created", "sales.pyxis.orderXcreated", "salesXpyxisXorderXcreated"],
            "a+b": ["ab", "aab"],
            "a*b": ["b", "aab"],
            "a?b": ["b", "ab"],
            "^a$": ["a"],
            "(ab)": ["ab"],
            "[ab]": ["a", "b"],
            "a{2}": ["aa"],
            "a|b": ["a", "b"],
            "a\\d": ["a5"],
        };
        for (const pattern of [topicsPattern(syntheticCatalog), groupsPattern(syntheticCatalog)]) {
            for (const name of names) assert.ok(matchesWhole(pattern, name), `${name} is mirrored`);
            for (const [name, misses] of Object.entries(nearMisses)) {
                for (const miss of misses) assert.ok(!matchesWhole(pattern, miss), `${miss} is not mirrored (only ${name} is)`);
            }
        }
    });

    it("keeps the same patterns whatever order the catalog lists its topics and groups in, so reordering the catalog does not change the mirror", () => {
        const reordered = { ...catalog, topics: [...catalog.topics].reverse(), groups: [...catalog.groups].reverse() };
        assert.strictEqual(topicsPattern(reordered), topicsPattern(catalog));
        assert.strictEqual(groupsPattern(reordered), groupsPattern(catalog));
    });

    it("mirrors the offsets of exactly the catalog's consumer groups", () => {
        for (const g of catalog.groups) assert.ok(matchesWhole(mirror().groupsPattern, g.groupId), g.groupId);
        assert.strictEqual(mirror().groupsPattern.split("|").length, catalog.groups.length);
        for (const name of ["debezium-connect-cluster", "schema-registry", "task-event-processor-2", "connect-dr-mirror"]) assert.ok(!matchesWhole(mirror().groupsPattern, name), name);
    });
});

describe("largestRecordBytes (specs/mirror-maker)", () => {
    const topic = (maxMessageBytes?: number) => ({ config: maxMessageBytes === undefined ? {} : { "max.message.bytes": maxMessageBytes } });

    it("is the largest max.message.bytes when every topic sets one", () => {
        assert.strictEqual(largestRecordBytes([topic(2097152), topic(5242880), topic(524288)], 10485760), 5242880);
    });

    it("is the brokers' message.max.bytes when a topic sets none and that is larger", () => {
        assert.strictEqual(largestRecordBytes([topic(2097152), topic()], 10485760), 10485760);
        assert.strictEqual(largestRecordBytes([topic(5242880), topic()], 1048588), 5242880);
    });

    it("counts Schema Registry's store among what is mirrored, at the brokers' limit", () => {
        assert.ok(mirroredTopics(catalog).some((t) => t.name === "_schemas"));
        assert.strictEqual(largestRecordBytes(mirroredTopics({ ...catalog, topics: [] }), 3000000), 3000000);
    });
});

describe("failback mirror (specs/mirror-maker)", () => {
    const seeding = () => failbackMirrorResource(specArgs(), "seeding");
    const copying = () => failbackMirrorResource(specArgs(), "copying");

    it("runs in the primary and reads DR, one replica, with the DR mirror's safeguards", () => {
        for (const r of [seeding(), copying()]) {
            assert.strictEqual(r.metadata.name, FAILBACK.name);
            assert.strictEqual(r.spec.connectCluster, "primary");
            assert.deepStrictEqual([r.spec.mirrors[0].sourceCluster, r.spec.mirrors[0].targetCluster], ["dr", "primary"]);
            assert.strictEqual(r.spec.replicas, 1);
            assert.strictEqual(r.spec.mirrors[0].sourceConnector.config["consumer.isolation.level"], "read_committed");
            const target = r.spec.clusters.find((c) => c.alias === "primary") as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
            assert.strictEqual(target.config["offset.storage.topic"], "failback-mirror-offsets");
        }
    });

    it("copies nothing while its start offsets are set: stopped, and its pattern matches no possible topic name", () => {
        assert.strictEqual(seeding().spec.mirrors[0].sourceConnector.state, "stopped");
        assert.strictEqual(seeding().spec.mirrors[0].topicsPattern, FAILBACK_SEEDING_PATTERN);
        for (const t of catalog.topics) assert.ok(!matchesWhole(FAILBACK_SEEDING_PATTERN, t.name), t.name);
        // Kafka topic names are [a-zA-Z0-9._-]; the pattern needs a character outside them.
        assert.ok(!/^[a-zA-Z0-9._-]+$/.test(FAILBACK_SEEDING_PATTERN));
        // And it is a pattern, not an empty value that a resource could read as "no pattern set", which mirrors every topic.
        assert.notStrictEqual(FAILBACK_SEEDING_PATTERN.trim(), "");
    });

    it("then copies the catalog's topics, running", () => {
        assert.strictEqual(copying().spec.mirrors[0].sourceConnector.state, "running");
        assert.strictEqual(copying().spec.mirrors[0].topicsPattern, specArgs().topicsPattern);
    });
});

describe("startOffsetsBody (specs/mirror-maker)", () => {
    it("stores one before each end offset, so MirrorMaker resumes at it; a partition at 0 keeps no offset", () => {
        assert.deepStrictEqual(startOffsetsBody(FAILBACK, { "user.events": [5, 0], "audit.events": [1] }), {
            offsets: [
                { partition: { cluster: "dr", topic: "audit.events", partition: 0 }, offset: { offset: 0 } },
                { partition: { cluster: "dr", topic: "user.events", partition: 0 }, offset: { offset: 4 } },
                { partition: { cluster: "dr", topic: "user.events", partition: 1 }, offset: null },
            ],
        });
    });

    it("names the source connector as Strimzi creates it", () => {
        assert.strictEqual(sourceConnectorName(FAILBACK), "dr->primary.MirrorSourceConnector");
        assert.strictEqual(sourceConnectorName(MIRROR), "primary->dr.MirrorSourceConnector");
    });
});

describe("parityProblems (specs/mirror-maker)", () => {
    const settings = (topics: TopicSpec[]): TopicSettings[] => topics.map(({ name, partitions, replicationFactor, config }) => ({ name, partitions, replicationFactor, config: { ...config } }));

    it("finds nothing when both stacks deploy the same catalog", () => {
        assert.deepStrictEqual(parityProblems(settings(catalog.topics), settings(catalog.topics)), []);
    });

    it("names the topic whose partition count differs, with both counts", () => {
        const primary = settings(catalog.topics).map((t) => (t.name === "task.events" ? { ...t, partitions: 24 } : t));
        const problems = parityProblems(primary, settings(catalog.topics));
        assert.strictEqual(problems.length, 1, problems.join("\n"));
        assert.match(problems[0], /^topic "task\.events": partitions: the primary has 24, DR 48/);
    });

    it("names the topic and the setting whose value differs", () => {
        const primary = settings(catalog.topics).map((t) => (t.name === "audit.events" ? { ...t, config: { ...t.config, "retention.ms": 86400000 } } : t));
        const problems = parityProblems(primary, settings(catalog.topics));
        assert.strictEqual(problems.length, 1, problems.join("\n"));
        assert.match(problems[0], /^topic "audit\.events": retention\.ms: the primary has 86400000, DR 7776000000/);
    });

    it("names the topic whose replication factor differs, with both factors", () => {
        const primary = settings(catalog.topics).map((t) => (t.name === "task.events" ? { ...t, replicationFactor: 2 } : t));
        assert.deepStrictEqual(parityProblems(primary, settings(catalog.topics)), ['topic "task.events": replication_factor: the primary has 2, DR 3']);
    });

    it("names a setting only one stack sets as (default) on the other, and lists a topic's settings in name order", () => {
        const dr = settings(catalog.topics).map((t) => (t.name === "audit.events" ? { ...t, config: { "segment.jitter.ms": 60000, ...t.config, "flush.ms": 1000 } } : t));
        const primary = settings(catalog.topics).map((t) => (t.name === "audit.events" ? { ...t, config: { ...t.config, "preallocate": true } } : t));
        assert.deepStrictEqual(parityProblems(primary, dr), [
            'topic "audit.events": flush.ms: the primary has (default), DR 1000',
            'topic "audit.events": preallocate: the primary has true, DR (default)',
            'topic "audit.events": segment.jitter.ms: the primary has (default), DR 60000',
        ]);
    });

    it("names a topic one side declares and the other does not", () => {
        const drTopics = settings(catalog.topics);
        const problems = parityProblems(drTopics.filter((t) => t.name !== "user.events"), drTopics);
        assert.deepStrictEqual(problems.map((p) => /^topic "([^"]+)"/.exec(p)?.[1]), ["user.events"]);
        const reverse = parityProblems(drTopics, drTopics.filter((t) => t.name !== "user.events"));
        assert.deepStrictEqual(reverse.map((p) => /^topic "([^"]+)"/.exec(p)?.[1]), ["user.events"]);
    });
});
