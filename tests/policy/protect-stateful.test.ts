// Tests that stateful resources must be protected unless a reviewed exception names them.
import * as assert from "assert";
import { protectStateful } from "../../policy/rules/protect-stateful";
import { GCS_BUCKET, KAFKA_PROVIDER_TOPIC, RELEASED_ANNOTATION, STRIMZI_KAFKA, STRIMZI_TOPIC, VOLUME_CLAIM } from "../../policy/rules/resource-types";
import { urnOf, violationsOf } from "./policy-harness";

const topic = (protect: boolean) => ({ type: STRIMZI_TOPIC, name: "topic-user-events", protect, props: { spec: { topicName: "user.events" } } });

describe("stateful-resources-protected policy", () => {
    it("accepts protected topics, Kafka clusters, volume claims and buckets", async () => {
        for (const type of [STRIMZI_TOPIC, KAFKA_PROVIDER_TOPIC, STRIMZI_KAFKA, VOLUME_CLAIM, GCS_BUCKET]) {
            assert.deepStrictEqual(await violationsOf(protectStateful, { type, props: {}, protect: true }), [], type);
        }
    });

    it("refuses an unprotected Kafka cluster and says how to ask for an exception", async () => {
        const violations = await violationsOf(protectStateful, { type: STRIMZI_KAFKA, name: "kafka", props: {}, protect: false });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /"kafka" \(kubernetes:kafka.strimzi.io\/v1beta2:Kafka\) is not protected/);
        assert.ok(violations[0].includes('Keep protect: true, or add {"resource": "kafka", "reason": ..., "reviewedBy": ...} under "stateful-resources-protected".exceptions in policy/policy-config.<stack>.json'), violations[0]);
    });

    it("accepts an unprotected topic named by a reviewed exception, by logical name or by URN", async () => {
        const byName = { exceptions: [{ resource: "topic-user-events", reason: "Recreated with 48 partitions, see PR 42", reviewedBy: "kafka-oncall" }] };
        assert.deepStrictEqual(await violationsOf(protectStateful, topic(false), byName), []);
        const byUrn = { exceptions: [{ resource: urnOf(topic(false)), reason: "Recreated with 48 partitions", reviewedBy: "kafka-oncall" }] };
        assert.deepStrictEqual(await violationsOf(protectStateful, topic(false), byUrn), []);
    });

    it("refuses an unprotected topic when the exceptions name another resource", async () => {
        const config = { exceptions: [{ resource: "topic-task-events", reason: "Recreated with 48 partitions", reviewedBy: "kafka-oncall" }] };
        assert.strictEqual((await violationsOf(protectStateful, topic(false), config)).length, 1);
    });

    it("honours an exception until its expiry day, then refuses the resource again and says it expired", async () => {
        const until = (expires: string) => ({ exceptions: [{ resource: "topic-user-events", reason: "Recreated with 48 partitions, see PR 42", reviewedBy: "kafka-oncall", expires }] });
        assert.deepStrictEqual(await violationsOf(protectStateful, topic(false), until("2999-12-31")), []);
        const today = new Date().toISOString().slice(0, 10);
        assert.deepStrictEqual(await violationsOf(protectStateful, topic(false), until(today)), []);
        const violations = await violationsOf(protectStateful, topic(false), until("2000-01-01"));
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /"topic-user-events" .* its exception expired on 2000-01-01: protect it again, or renew the exception/);
    });

    it("accepts an unprotected topic released through removed_topics, whose entry and reason are the reviewed exception", async () => {
        const released = { type: STRIMZI_TOPIC, name: "topic-user-events", protect: false, props: { metadata: { annotations: { [RELEASED_ANNOTATION]: "true" } }, spec: { topicName: "user.events" } } };
        assert.deepStrictEqual(await violationsOf(protectStateful, released), []);
    });

    it("refuses an unprotected Kafka cluster when Pulumi hands the rule no config at all, as a served pack not yet configured is", () => {
        const violations: string[] = [];
        const args = { type: STRIMZI_KAFKA, name: "kafka", props: {}, urn: urnOf({ type: STRIMZI_KAFKA, name: "kafka", props: {} }), opts: { protect: false }, getConfig: () => ({}) };
        (protectStateful.validateResource as (args: unknown, report: (message: string) => void) => void)(args, (message) => violations.push(message));
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /^"kafka" \(kubernetes:kafka.strimzi.io\/v1beta2:Kafka\) is not protected, so Pulumi could replace or delete it/);
    });

    it("leaves stateless resources alone", async () => {
        assert.deepStrictEqual(await violationsOf(protectStateful, { type: "kubernetes:core/v1:ConfigMap", props: {}, protect: false }), []);
    });
});
