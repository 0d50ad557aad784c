// Tests that the guardrails know each resource by the type token its provider, or the program, registers it under.
import * as assert from "assert";
import { Topic } from "@pulumi/kafka/topic";
import { Bucket } from "@pulumi/gcp/storage/bucket";
import { PersistentVolumeClaim } from "@pulumi/kubernetes/core/v1/persistentVolumeClaim";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import * as types from "../../policy/rules/resource-types";
import { STRIMZI_API_VERSION } from "../../specs/strimzi";

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
