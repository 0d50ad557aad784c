// Tests the KafkaTopic resources and direct-backend topic arguments built from catalog topics, and how a released topic keeps or loses its records.
import * as assert from "assert";
import { TopicSpec } from "../../catalog";
import { directTopicArgs, kafkaTopicResource, RELEASED_ANNOTATION, releasedKafkaTopicResource, STRIMZI_MANAGED_ANNOTATION } from "../../specs/kafka-topic";

const cluster = { name: "production-kafka", namespace: "kafka" };
const topic = (overrides: Partial<TopicSpec> = {}): TopicSpec => ({
    name: "task.events",
    description: "Task lifecycle events",
    partitions: 12,
    replicationFactor: 3,
    config: { "retention.ms": 604800000, "cleanup.policy": "delete", "min.insync.replicas": 2, "unclean.leader.election.enable": false },
    source: { file: "topics/tasks.yaml", line: 3 },
    ...overrides,
});

describe("KafkaTopic resource (specs/kafka-topic)", () => {
    it("is a kafka.strimzi.io/v1beta2 KafkaTopic in the cluster's namespace, labelled for the cluster whose topic operator owns it", () => {
        const cr = kafkaTopicResource(topic(), cluster);
        assert.strictEqual(cr.apiVersion, "kafka.strimzi.io/v1beta2");
        assert.strictEqual(cr.kind, "KafkaTopic");
        assert.strictEqual(cr.metadata.namespace, "kafka");
        // The topic operator only reconciles KafkaTopics carrying its cluster's label.
        assert.strictEqual(cr.metadata.labels["strimzi.io/cluster"], "production-kafka");
        assert.deepStrictEqual(cr.metadata.labels, { "strimzi.io/cluster": "production-kafka", "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "kafka-platform" });
    });

    it("creates the topic under its catalog name with the catalog's partitions, replication factor and settings, values typed as written", () => {
        const cr = kafkaTopicResource(topic(), cluster);
        assert.deepStrictEqual(cr.spec, {
            topicName: "task.events",
            partitions: 12,
            replicas: 3,
            config: { "retention.ms": 604800000, "cleanup.policy": "delete", "min.insync.replicas": 2, "unclean.leader.election.enable": false },
        });
    });

    it("names the resource after the topic when Kubernetes allows it, otherwise a readable name with a hash, keeping the real name in spec.topicName", () => {
        assert.strictEqual(kafkaTopicResource(topic(), cluster).metadata.name, "task.events");
        const odd = kafkaTopicResource(topic({ name: "analytics.page_views" }), cluster);
        assert.match(odd.metadata.name, /^analytics-page-views-[0-9a-f]{10}$/);
        assert.strictEqual(odd.spec.topicName, "analytics.page_views");
    });

    it("carries the catalog's description as an annotation, and none when the topic has no description", () => {
        assert.strictEqual(kafkaTopicResource(topic(), cluster).metadata.annotations["kafka-platform/description"], "Task lifecycle events");
        assert.ok(!("kafka-platform/description" in kafkaTopicResource(topic({ description: "" }), cluster).metadata.annotations));
    });

    it("makes pulumi up wait until the topic operator reports the topic Ready", () => {
        const annotations = kafkaTopicResource(topic({ description: "" }), cluster).metadata.annotations;
        assert.strictEqual(annotations["pulumi.com/waitFor"], "condition=Ready");
        assert.ok(Number(annotations["pulumi.com/timeoutSeconds"]) > 0);
    });
});

describe("released KafkaTopic (specs/kafka-topic)", () => {
    const leaving = { name: "legacy.events", partitions: 6, replicationFactor: 3 };

    it("keeps a topic's records when its KafkaTopic is deleted: Strimzi stops managing it first", () => {
        const cr = releasedKafkaTopicResource(leaving, cluster, false);
        assert.strictEqual(cr.metadata.annotations[STRIMZI_MANAGED_ANNOTATION], "false");
        assert.strictEqual(STRIMZI_MANAGED_ANNOTATION, "strimzi.io/managed");
    });

    it("deletes the topic with its records when the catalog says delete_data: Strimzi keeps managing it", () => {
        const cr = releasedKafkaTopicResource(leaving, cluster, true);
        assert.deepStrictEqual(cr.metadata.annotations, { [RELEASED_ANNOTATION]: "true" });
    });

    it("is marked released either way, so the guardrails let it leave the stack", () => {
        for (const deleteData of [false, true]) assert.strictEqual(releasedKafkaTopicResource(leaving, cluster, deleteData).metadata.annotations["kafka-platform/released"], "true");
    });

    it("is the same KafkaTopic the catalog registered (name, namespace, cluster label, last shape), so Pulumi updates it rather than replacing it", () => {
        const cr = releasedKafkaTopicResource(leaving, cluster, false);
        const active = kafkaTopicResource(topic({ name: "legacy.events", partitions: 6, replicationFactor: 3 }), cluster);
        assert.deepStrictEqual([cr.apiVersion, cr.kind, cr.metadata.name, cr.metadata.namespace], [active.apiVersion, active.kind, active.metadata.name, active.metadata.namespace]);
        assert.deepStrictEqual(cr.metadata.labels, active.metadata.labels);
        assert.deepStrictEqual(cr.spec, { topicName: "legacy.events", partitions: 6, replicas: 3 });
        assert.match(releasedKafkaTopicResource({ ...leaving, name: "legacy_events" }, cluster, false).metadata.name, /^legacy-events-[0-9a-f]{10}$/);
    });
});

describe("direct topic arguments (specs/kafka-topic)", () => {
    it("creates the topic through the Kafka API with the catalog's name, partitions and replication factor", () => {
        const args = directTopicArgs(topic());
        assert.deepStrictEqual([args.name, args.partitions, args.replicationFactor], ["task.events", 12, 3]);
    });

    it("passes every catalog setting as the string the provider takes, the same settings the KafkaTopic would carry", () => {
        assert.deepStrictEqual(directTopicArgs(topic()).config, { "retention.ms": "604800000", "cleanup.policy": "delete", "min.insync.replicas": "2", "unclean.leader.election.enable": "false" });
        assert.deepStrictEqual(Object.keys(directTopicArgs(topic()).config), Object.keys(kafkaTopicResource(topic(), cluster).spec.config));
    });
});
