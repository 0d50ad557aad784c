// Tests that the catalog holds the design's 39 topics and 8 consumer groups with the design's exact settings, and that each topic's resource carries them; topics and groups the teams add come on top.
import * as assert from "assert";
import * as path from "path";
import { Catalog, ConfigValue, loadCatalog, topicCrName } from "../../catalog";
import { RecordedResource } from "../../render/mock-runtime";
import { renderStack } from "../../render/render";

const ROOT = path.resolve(__dirname, "..", "..");
const TOPICS_DIR = path.join(ROOT, "topics");

interface DesignTopic {
    name: string;
    partitions: number;
    replicationFactor: number;
    minInsyncReplicas: number;
    retentionMs: number;
    segmentMs: number;
    compressionType: string;
    cleanupPolicy: string;
    /** The entry's `configs`, in Kafka's property names. */
    configs: Record<string, ConfigValue>;
}

// Typed from the design's kafka-topics.yaml block, topic by topic, in its order (not derived from the catalog).
const DESIGN_TOPICS: DesignTopic[] = [
    { name: "user.events", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 604800000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: { "max.message.bytes": 1048576 } },
    { name: "user.login.events", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "organization.events", partitions: 6, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "project.events", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "task.events", partitions: 48, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 604800000, segmentMs: 3600000, compressionType: "lz4", cleanupPolicy: "delete", configs: { "max.message.bytes": 2097152 } },
    { name: "task.comments", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "analytics.events", partitions: 96, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 259200000, segmentMs: 3600000, compressionType: "lz4", cleanupPolicy: "delete", configs: { "max.message.bytes": 524288 } },
    { name: "analytics.page_views", partitions: 96, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 259200000, segmentMs: 3600000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "notifications.email", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 604800000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "notifications.push", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 259200000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "notifications.in_app", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "cdc.tasks-changes", partitions: 48, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 604800000, segmentMs: 3600000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "cdc.projects-changes", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 604800000, segmentMs: 3600000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "audit.events", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 7776000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: { "min.compaction.lag.ms": 86400000 } },
    { name: "dlq.processing_errors", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "system.health_checks", partitions: 6, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 604800000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    {
        name: "user.profile.snapshots", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: -1, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "compact",
        configs: { "min.compaction.lag.ms": 3600000, "delete.retention.ms": 86400000, "segment.ms": 86400000, "min.cleanable.dirty.ratio": 0.5 },
    },
    {
        name: "task.state.snapshots", partitions: 48, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: -1, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "compact",
        configs: { "min.compaction.lag.ms": 3600000, "delete.retention.ms": 86400000, "min.cleanable.dirty.ratio": 0.5 },
    },
    { name: "sales.pyxis.order.created", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: { "max.message.bytes": 2097152 } },
    { name: "sales.pyxis.order.updated", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "sales.pyxis.order.cancelled", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "sales.tempo.service.requested", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: { "max.message.bytes": 2097152 } },
    { name: "sales.tempo.service.updated", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "sales.tempo.service.cancelled", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "sales.sap.order.created", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: { "max.message.bytes": 5242880 } },
    { name: "sales.channel.store.order", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "sales.channel.web.order", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "sales.channel.callcenter.order", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "fsm.order.status_updated", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "fsm.order.assigned", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "fsm.order.scheduled", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "fsm.order.completed", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "fsm.tv.outcome_recorded", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "fsm.tv.modifications_required", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "integration.sales.order.received", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 604800000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "integration.sales.order.normalized", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 604800000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "integration.sales.order.failed", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "integration.sales.status.sent", partitions: 24, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 604800000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
    { name: "integration.sales.status.failed", partitions: 12, replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 2592000000, segmentMs: 86400000, compressionType: "lz4", cleanupPolicy: "delete", configs: {} },
];

/** The one topic the platform adds to the design: the Debezium connector captures app.organizations too. */
const TOPICS_BEYOND_THE_DESIGN = ["cdc.organizations-changes"];

/** The design's topics still in the catalog: all of them, but those a team retired through `removed_topics`. */
function liveDesignTopicNames(catalog: Catalog): string[] {
    const retired = new Set(catalog.removedTopics.map((r) => r.name));
    return [...DESIGN_TOPICS.map((t) => t.name), ...TOPICS_BEYOND_THE_DESIGN].filter((name) => !retired.has(name));
}

interface DesignGroup {
    groupId: string;
    topics: string[];
    instances: number;
    /** Client settings in Kafka's consumer property names. */
    clientConfig: Record<string, ConfigValue>;
}

// Typed from the design's consumer-groups.yaml block, group by group.
const DESIGN_GROUPS: DesignGroup[] = [
    {
        groupId: "task-event-processor", topics: ["task.events", "task.comments"], instances: 12,
        clientConfig: { "max.poll.records": 500, "max.poll.interval.ms": 300000, "session.timeout.ms": 30000, "heartbeat.interval.ms": 3000, "auto.offset.reset": "earliest", "enable.auto.commit": true, "auto.commit.interval.ms": 5000 },
    },
    {
        groupId: "analytics-processor", topics: ["analytics.events", "analytics.page_views"], instances: 48,
        clientConfig: { "max.poll.records": 1000, "max.poll.interval.ms": 300000, "session.timeout.ms": 30000, "heartbeat.interval.ms": 3000, "auto.offset.reset": "latest", "enable.auto.commit": true, "auto.commit.interval.ms": 5000 },
    },
    {
        groupId: "email-notification-dispatcher", topics: ["notifications.email"], instances: 4,
        clientConfig: { "max.poll.records": 100, "max.poll.interval.ms": 600000, "session.timeout.ms": 30000, "heartbeat.interval.ms": 3000, "auto.offset.reset": "earliest", "enable.auto.commit": false },
    },
    {
        groupId: "push-notification-dispatcher", topics: ["notifications.push"], instances: 8,
        clientConfig: { "max.poll.records": 200, "max.poll.interval.ms": 300000, "session.timeout.ms": 30000, "heartbeat.interval.ms": 3000, "auto.offset.reset": "earliest", "enable.auto.commit": false },
    },
    {
        groupId: "cdc-processor", topics: ["cdc.tasks-changes", "cdc.projects-changes"], instances: 12,
        clientConfig: { "max.poll.records": 500, "max.poll.interval.ms": 300000, "session.timeout.ms": 30000, "heartbeat.interval.ms": 3000, "auto.offset.reset": "earliest", "enable.auto.commit": true },
    },
    {
        groupId: "audit-log-processor", topics: ["audit.events"], instances: 6,
        clientConfig: { "max.poll.records": 200, "max.poll.interval.ms": 300000, "session.timeout.ms": 30000, "heartbeat.interval.ms": 3000, "auto.offset.reset": "earliest", "enable.auto.commit": true },
    },
    {
        groupId: "search-index-updater", topics: ["task.events", "project.events", "user.events"], instances: 8,
        clientConfig: { "max.poll.records": 200, "max.poll.interval.ms": 600000, "session.timeout.ms": 30000, "heartbeat.interval.ms": 3000, "auto.offset.reset": "earliest", "enable.auto.commit": false },
    },
    {
        groupId: "cache-invalidator", topics: ["task.events", "project.events", "user.events", "organization.events"], instances: 4,
        clientConfig: { "max.poll.records": 500, "max.poll.interval.ms": 300000, "session.timeout.ms": 30000, "heartbeat.interval.ms": 3000, "auto.offset.reset": "latest", "enable.auto.commit": true },
    },
];

/** A design topic's whole config in Kafka's names: the top-level settings and its `configs`. */
function kafkaConfigOf(t: DesignTopic): Record<string, ConfigValue> {
    return {
        "min.insync.replicas": t.minInsyncReplicas,
        "retention.ms": t.retentionMs,
        "segment.ms": t.segmentMs,
        "compression.type": t.compressionType,
        "cleanup.policy": t.cleanupPolicy,
        ...t.configs,
    };
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
}

describe("the catalog against the design", () => {
    let catalog: Catalog;
    before(() => {
        catalog = loadCatalog({ topics: TOPICS_DIR });
    });

    it("types out the design's 39 topics and 8 groups once each", () => {
        assert.strictEqual(DESIGN_TOPICS.length, 39);
        assert.strictEqual(new Set(DESIGN_TOPICS.map((t) => t.name)).size, 39);
        assert.strictEqual(DESIGN_GROUPS.length, 8);
        assert.strictEqual(new Set(DESIGN_GROUPS.map((g) => g.groupId)).size, 8);
    });

    it("holds every design topic and cdc.organizations-changes, unless retired through removed_topics", () => {
        const names = catalog.topics.map((t) => t.name);
        const missing = liveDesignTopicNames(catalog).filter((name) => !names.includes(name));
        assert.deepStrictEqual(missing, [], "design topics gone from the catalog without a removed_topics entry");
    });

    for (const designTopic of DESIGN_TOPICS) {
        it(`gives ${designTopic.name} the design's partitions, replication factor and configs`, () => {
            const topic = catalog.topics.find((t) => t.name === designTopic.name);
            if (!topic && catalog.removedTopics.some((r) => r.name === designTopic.name)) return; // retired on purpose, reviewed in its pull request
            assert.ok(topic, `${designTopic.name} is missing from the catalog`);
            assert.deepStrictEqual(
                { partitions: topic.partitions, replicationFactor: topic.replicationFactor, config: sortedKeys(topic.config) },
                { partitions: designTopic.partitions, replicationFactor: designTopic.replicationFactor, config: sortedKeys(kafkaConfigOf(designTopic)) },
            );
        });
    }

    it("holds the design's 8 consumer groups", () => {
        const groupIds = catalog.groups.map((g) => g.groupId);
        assert.deepStrictEqual(DESIGN_GROUPS.map((g) => g.groupId).filter((id) => !groupIds.includes(id)), [], "design groups missing");
    });

    for (const designGroup of DESIGN_GROUPS) {
        it(`gives group ${designGroup.groupId} the design's topics (more may follow), instances and client settings`, () => {
            const group = catalog.groups.find((g) => g.groupId === designGroup.groupId);
            assert.ok(group, `${designGroup.groupId} is missing from the catalog`);
            const retired = new Set(catalog.removedTopics.map((r) => r.name));
            const designTopics = designGroup.topics.filter((t) => !retired.has(t));
            assert.deepStrictEqual(
                { missingTopics: designTopics.filter((t) => !group.topics.includes(t)), instances: group.instances, clientConfig: sortedKeys(group.clientConfig) },
                { missingTopics: [], instances: designGroup.instances, clientConfig: sortedKeys(designGroup.clientConfig) },
            );
        });
    }

    it("sends every group's failed records to a catalog topic none of them reads", () => {
        const names = new Set(catalog.topics.map((t) => t.name));
        for (const group of catalog.groups) {
            assert.ok(group.deadLetterTopic && names.has(group.deadLetterTopic), `${group.groupId}: ${group.deadLetterTopic}`);
            assert.ok(!group.topics.includes(group.deadLetterTopic), group.groupId);
        }
    });
});

const STRIMZI_TOPIC = "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic";
const KAFKA_TOPIC = "kafka:index/topic:Topic";

/** Each catalog topic has exactly one resource; the platform's own topics (Connect, Schema Registry) may come on top. */
function assertOneResourcePerCatalogTopic(renderedNames: unknown[]): void {
    const duplicates = renderedNames.filter((name, i) => renderedNames.indexOf(name) !== i);
    assert.deepStrictEqual(duplicates, [], "topics registered twice");
    const missing = loadCatalog({ topics: TOPICS_DIR }).topics.map((t) => t.name).filter((name) => !renderedNames.includes(name));
    assert.deepStrictEqual(missing, [], "catalog topics without a resource");
}

/** Design topics a team retired through removed_topics: rendered one last time without their settings, then gone. */
const retiredTopics = () => new Set(loadCatalog({ topics: TOPICS_DIR }).removedTopics.map((r) => r.name));

/** Renders the prod stack in-process with the given config overrides. */
async function renderProd(config: string[]): Promise<RecordedResource[]> {
    return (await renderStack({ root: ROOT, stack: "prod", catalog: TOPICS_DIR, config })).resources;
}

describe("the design's topics rendered as Strimzi KafkaTopic resources", () => {
    let topics: RecordedResource[];
    let directTopics: number;
    let retired: Set<string>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const specOf = (name: string) => topics.filter((r) => (r.inputs as any).spec?.topicName === name);
    before(async () => {
        const resources = await renderProd(["kafka-platform:topicBackend=strimzi"]);
        topics = resources.filter((r) => r.type === STRIMZI_TOPIC);
        directTopics = resources.filter((r) => r.type === KAFKA_TOPIC).length;
        retired = retiredTopics();
    });

    it("registers one KafkaTopic per catalog topic and no direct Kafka topic", () => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        assertOneResourcePerCatalogTopic(topics.map((r) => (r.inputs as any).spec?.topicName));
        assert.strictEqual(directTopics, 0);
    });

    for (const designTopic of DESIGN_TOPICS) {
        it(`renders ${designTopic.name} with the design's partitions, replicas and config`, () => {
            if (retired.has(designTopic.name)) return;
            const matches = specOf(designTopic.name);
            assert.strictEqual(matches.length, 1, `KafkaTopics with spec.topicName ${designTopic.name}`);
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const inputs = matches[0].inputs as any;
            assert.strictEqual(inputs.metadata.name, topicCrName(designTopic.name));
            assert.deepStrictEqual(
                { topicName: inputs.spec.topicName, partitions: inputs.spec.partitions, replicas: inputs.spec.replicas, config: sortedKeys(inputs.spec.config) },
                { topicName: designTopic.name, partitions: designTopic.partitions, replicas: designTopic.replicationFactor, config: sortedKeys(kafkaConfigOf(designTopic)) },
            );
        });
    }
});

describe("the design's topics rendered as direct Kafka topics (topicBackend kafka)", () => {
    let topics: RecordedResource[];
    let strimziTopics: number;
    let retired: Set<string>;
    before(async () => {
        const resources = await renderProd(["kafka-platform:topicBackend=kafka", "kafka-platform:topicBackendBootstrap=127.0.0.1:9092"]);
        topics = resources.filter((r) => r.type === KAFKA_TOPIC);
        strimziTopics = resources.filter((r) => r.type === STRIMZI_TOPIC).length;
        retired = retiredTopics();
    });

    it("registers one kafka.Topic per catalog topic and no KafkaTopic", () => {
        assertOneResourcePerCatalogTopic(topics.map((r) => r.inputs.name));
        assert.strictEqual(strimziTopics, 0);
    });

    for (const designTopic of DESIGN_TOPICS) {
        it(`renders ${designTopic.name} with the design's partitions, replication factor and config as strings`, () => {
            if (retired.has(designTopic.name)) return;
            const matches = topics.filter((r) => r.inputs.name === designTopic.name);
            assert.strictEqual(matches.length, 1, `kafka.Topics named ${designTopic.name}`);
            const inputs = matches[0].inputs;
            const expectedConfig = Object.fromEntries(Object.entries(kafkaConfigOf(designTopic)).map(([k, v]) => [k, String(v)]));
            assert.deepStrictEqual(
                { name: inputs.name, partitions: inputs.partitions, replicationFactor: inputs.replicationFactor, config: sortedKeys(inputs.config as Record<string, unknown>) },
                { name: designTopic.name, partitions: designTopic.partitions, replicationFactor: designTopic.replicationFactor, config: sortedKeys(expectedConfig) },
            );
        });
    }
});
