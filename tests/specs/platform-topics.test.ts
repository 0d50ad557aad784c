// Tests the topics the platform's own services need (specs/platform-topics) and which topic names the platform keeps for itself.
import * as assert from "assert";
import { TopicSpec } from "../../catalog";
import { CONNECT_STORAGE_TOPICS, HEARTBEAT_TOPIC } from "../../specs/kafka-connect";
import { FAILBACK, MIRROR, mirrorTargetTopics, offsetSyncsTopic } from "../../specs/mirror-maker";
import { isPlatformOwnTopic, platformTopics } from "../../specs/platform-topics";
import { SCHEMA_REGISTRY } from "../../specs/schema-registry";

const topic = (topics: TopicSpec[], name: string): TopicSpec => {
    const found = topics.find((t) => t.name === name);
    assert.ok(found, `no topic ${name} among ${topics.map((t) => t.name).join(", ")}`);
    return found;
};

describe("Platform topics (specs/platform-topics)", () => {
    describe("platformTopics", () => {
        it("declares only Schema Registry's store when Connect does not run", () => {
            assert.deepStrictEqual(platformTopics(false).map((t) => t.name), [SCHEMA_REGISTRY.topic]);
        });

        it("adds Connect's offsets, configs and status storage and Debezium's heartbeats when Connect runs", () => {
            assert.deepStrictEqual(platformTopics(true).map((t) => t.name), [
                SCHEMA_REGISTRY.topic,
                CONNECT_STORAGE_TOPICS.offsets,
                CONNECT_STORAGE_TOPICS.configs,
                CONNECT_STORAGE_TOPICS.status,
                HEARTBEAT_TOPIC,
            ]);
        });

        it("keeps Schema Registry's store and Connect's configs on one partition, as each requires, and Connect's offsets and status on Connect's default counts", () => {
            const topics = platformTopics(true);
            assert.strictEqual(topic(topics, SCHEMA_REGISTRY.topic).partitions, 1);
            assert.strictEqual(topic(topics, CONNECT_STORAGE_TOPICS.configs).partitions, 1);
            assert.strictEqual(topic(topics, CONNECT_STORAGE_TOPICS.offsets).partitions, 25);
            assert.strictEqual(topic(topics, CONNECT_STORAGE_TOPICS.status).partitions, 5);
            assert.strictEqual(topic(topics, HEARTBEAT_TOPIC).partitions, 1);
        });

        it("compacts the stores, so each keeps the latest value of every key for good", () => {
            for (const name of [SCHEMA_REGISTRY.topic, ...Object.values(CONNECT_STORAGE_TOPICS)]) {
                assert.deepStrictEqual(topic(platformTopics(true), name).config, { "cleanup.policy": "compact", "min.insync.replicas": 2, "compression.type": "producer" }, name);
            }
        });

        it("keeps Debezium's heartbeats for a day only", () => {
            assert.deepStrictEqual(topic(platformTopics(true), HEARTBEAT_TOPIC).config, {
                "cleanup.policy": "delete",
                "retention.ms": 86_400_000,
                "min.insync.replicas": 2,
                "compression.type": "producer",
            });
        });

        it("replicates every platform topic three times and says what it holds and where it is declared", () => {
            for (const t of platformTopics(true)) {
                assert.strictEqual(t.replicationFactor, 3, t.name);
                assert.ok(t.description && t.description.length > 0, t.name);
                assert.deepStrictEqual(t.source, { file: "specs/platform-topics.ts" }, t.name);
            }
            assert.strictEqual(topic(platformTopics(false), SCHEMA_REGISTRY.topic).description, "Schema Registry's schema store");
            assert.match(topic(platformTopics(true), HEARTBEAT_TOPIC).description ?? "", /^Debezium heartbeats/);
        });
    });

    describe("isPlatformOwnTopic", () => {
        it("claims Kafka's and Strimzi's internal topics by their reserved __ prefix", () => {
            for (const name of ["__consumer_offsets", "__transaction_state", "__strimzi-topic-operator-kstreams-topic-store-changelog"]) assert.strictEqual(isPlatformOwnTopic(name), true, name);
        });

        it("claims Schema Registry's and Connect's storage, and the heartbeats, even where Connect does not run", () => {
            for (const t of platformTopics(true)) assert.strictEqual(isPlatformOwnTopic(t.name), true, t.name);
        });

        it("claims what MirrorMaker 2 keeps on either cluster, for the DR mirror and the failback mirror", () => {
            for (const flow of [MIRROR, FAILBACK]) {
                for (const name of [offsetSyncsTopic(flow), ...Object.values(mirrorTargetTopics(flow))]) assert.strictEqual(isPlatformOwnTopic(name), true, `${flow.name}: ${name}`);
            }
        });

        it("leaves the catalog's topics, and names that only contain a platform name, to the catalog", () => {
            for (const name of ["task.events", "dlq.processing_errors", "_schemas2", "my__topic", "_schema", "x_schemas", "connect-cluster-offsets-old"]) {
                assert.strictEqual(isPlatformOwnTopic(name), false, name);
            }
        });
    });
});
