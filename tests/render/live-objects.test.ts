// Tests the comparison test:engine makes between a rendered object and the one the API server holds.
import * as assert from "assert";
import { differences, kubectlKind, renderedObjects } from "../engine/live-objects";

const topic = {
    apiVersion: "kafka.strimzi.io/v1beta2",
    kind: "KafkaTopic",
    metadata: { name: "orders", namespace: "kafka", labels: { "strimzi.io/cluster": "production-kafka" } },
    spec: { topicName: "orders", partitions: 12, replicas: 3, config: { "min.insync.replicas": 2 } },
};
/** What the API server returns for it: the same fields plus what the server manages. */
const live = {
    ...topic,
    metadata: { ...topic.metadata, uid: "0b3c", resourceVersion: "42", generation: 1, creationTimestamp: "2026-11-30T16:00:00Z" },
    status: { conditions: [{ type: "Ready", status: "True" }] },
};

describe("live objects against the render (tests/engine/live-objects)", () => {
    it("finds no difference where the server only added its own fields", () => {
        assert.deepStrictEqual(differences(topic, live), []);
    });

    it("names the path and both values of a field the server holds differently", () => {
        const changed = { ...live, spec: { ...live.spec, partitions: 6 } };
        assert.deepStrictEqual(differences(topic, changed), ["KafkaTopic.spec.partitions: 12 ≠ 6"]);
    });

    it("reports a field the server dropped, as it prunes fields a CRD's schema does not know", () => {
        const pruned = { ...live, spec: { topicName: "orders", partitions: 12, replicas: 3 } };
        assert.deepStrictEqual(differences(topic, pruned), ['KafkaTopic.spec.config: {"min.insync.replicas":2} ≠ undefined']);
    });

    it("compares a Secret's stringData by its keys only, against the live data", () => {
        const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "kafka" }, stringData: { password: "<redacted>" } };
        assert.deepStrictEqual(differences(secret, { ...secret, stringData: undefined, data: { password: "c2VjcmV0" } }), []);
        assert.deepStrictEqual(differences(secret, { ...secret, stringData: undefined, data: { other: "eA==" } }), ["Secret.stringData keys password ≠ data keys other"]);
    });

    it("names kinds with their API group, and takes only Kubernetes objects from a render", () => {
        assert.strictEqual(kubectlKind(topic), "kafkatopic.kafka.strimzi.io");
        assert.strictEqual(kubectlKind({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }), "configmap");
        const objects = renderedObjects([
            { type: "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", name: "topics-orders", inputs: topic },
            { type: "pulumi:providers:kubernetes", name: "existing-cluster", inputs: { context: "prod" } },
            { type: "kafka-platform:topics:KafkaTopics", name: "topics", inputs: {} },
        ]);
        assert.deepStrictEqual(objects.map((o) => o.name), ["topics-orders"]);
    });
});
