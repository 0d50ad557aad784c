// Tests the await annotations (specs/readiness) that make `pulumi up` wait for Strimzi to report each custom resource Ready.
import * as assert from "assert";
import { readinessAnnotations, READY_TIMEOUT_SECONDS } from "../../specs/readiness";

describe("Readiness annotations (specs/readiness)", () => {
    it("waits for the Ready condition of every kind of custom resource", () => {
        for (const kind of Object.keys(READY_TIMEOUT_SECONDS) as (keyof typeof READY_TIMEOUT_SECONDS)[]) {
            assert.strictEqual(readinessAnnotations(kind)["pulumi.com/waitFor"], "condition=Ready", kind);
            assert.deepStrictEqual(Object.keys(readinessAnnotations(kind)).sort(), ["pulumi.com/timeoutSeconds", "pulumi.com/waitFor"], kind);
        }
    });

    it("gives a Kafka cluster 45 minutes, for a rolling restart of six brokers", () => {
        assert.strictEqual(readinessAnnotations("kafka")["pulumi.com/timeoutSeconds"], "2700");
    });

    it("gives each kind its own timeout, in seconds as the annotation's string", () => {
        assert.deepStrictEqual(readinessAnnotations("connect")["pulumi.com/timeoutSeconds"], String(READY_TIMEOUT_SECONDS.connect));
        assert.deepStrictEqual(readinessAnnotations("topic")["pulumi.com/timeoutSeconds"], String(READY_TIMEOUT_SECONDS.topic));
        assert.notStrictEqual(readinessAnnotations("topic")["pulumi.com/timeoutSeconds"], readinessAnnotations("kafka")["pulumi.com/timeoutSeconds"]);
    });
});
