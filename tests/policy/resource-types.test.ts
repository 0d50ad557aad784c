// Tests that the guardrails know each resource by the type token its provider, or the program, registers it under,
// and a released topic by the annotation the program writes.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Topic } from "@pulumi/kafka/topic";
import { Bucket } from "@pulumi/gcp/storage/bucket";
import { PersistentVolumeClaim } from "@pulumi/kubernetes/core/v1/persistentVolumeClaim";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import * as types from "../../policy/rules/resource-types";
import { previousTopicsFromFile } from "../../render/render";
import { releasedKafkaTopicResource } from "../../specs/kafka-topic";
import { STRIMZI_API_VERSION } from "../../specs/strimzi";
import { scratchDir } from "../scratch";

/** The token a provider's resource class registers its resources under (what `isInstance` compares). */
const tokenOf = (resourceClass: object) => (resourceClass as { __pulumiType?: string }).__pulumiType;

describe("the guardrails' resource types", () => {
    it("are the tokens the providers register buckets, volume claims, Secrets and Kafka provider topics under", () => {
        assert.deepStrictEqual(
            [types.GCS_BUCKET, types.VOLUME_CLAIM, types.KUBERNETES_SECRET, types.KAFKA_PROVIDER_TOPIC],
            [tokenOf(Bucket), tokenOf(PersistentVolumeClaim), tokenOf(Secret), tokenOf(Topic)],
        );
    });

    it("are the tokens of the Strimzi custom resources the program writes, at its Strimzi API version", () => {
        assert.deepStrictEqual(
            [types.STRIMZI_KAFKA, types.STRIMZI_NODE_POOL, types.STRIMZI_TOPIC, types.STRIMZI_CONNECTOR],
            ["Kafka", "KafkaNodePool", "KafkaTopic", "KafkaConnector"].map((kind) => `kubernetes:${STRIMZI_API_VERSION}:${kind}`),
        );
    });
});

describe("a topic released through removed_topics", () => {
    const legacy = { name: "legacy.events", partitions: 3, replicationFactor: 3 };
    const cluster = { name: "kafka", namespace: "kafka" };

    it("is marked on its KafkaTopic as kafka-platform/released, the annotation an operator finds it by in the cluster", () => {
        for (const deleteData of [false, true]) {
            const resource = releasedKafkaTopicResource(legacy, cluster, deleteData);
            // Read as the cluster holds them: a map of any names.
            const annotations: Record<string, string | undefined> = resource.metadata.annotations;
            assert.strictEqual(annotations["kafka-platform/released"], "true");
            assert.strictEqual(types.topicView(types.STRIMZI_TOPIC, resource)?.released, true);
        }
    });

    it("reads back as released from an earlier render's resources.json, so the next render's --previous lets it go", () => {
        const file = path.join(scratchDir("kafka-platform-released-"), "resources.json");
        fs.writeFileSync(file, JSON.stringify([{ type: types.STRIMZI_TOPIC, name: "topics-legacy.events", inputs: releasedKafkaTopicResource(legacy, cluster, false) }]));
        assert.deepStrictEqual(previousTopicsFromFile(file), [{ ...legacy, released: true }]);
    });
});
