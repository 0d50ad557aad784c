// Tests that buckets stay private, uniform and impossible to force-destroy.
import * as assert from "assert";
import { bucketSafety } from "../../policy/rules/bucket-safety";
import { GCS_BUCKET, STRIMZI_KAFKA, VOLUME_CLAIM } from "../../policy/rules/resource-types";
import { violationsOf } from "./policy-harness";

const safeBucket = { name: "acme-prod-kafka-logs", location: "US", forceDestroy: false, uniformBucketLevelAccess: true, publicAccessPrevention: "enforced" };
const bucket = (props: object) => ({ type: GCS_BUCKET, name: "kafka-logs", props: { ...safeBucket, ...props } });

describe("bucket-safety policy", () => {
    it("accepts a bucket that is private, uniform and not force-destroyed", async () => {
        assert.deepStrictEqual(await violationsOf(bucketSafety, bucket({})), []);
    });

    it("refuses a bucket that can be force-destroyed", async () => {
        assert.match((await violationsOf(bucketSafety, bucket({ forceDestroy: true })))[0], /sets forceDestroy: true/);
    });

    it("refuses a bucket without uniform access or public access prevention", async () => {
        const violations = await violationsOf(bucketSafety, bucket({ uniformBucketLevelAccess: undefined, publicAccessPrevention: "inherited" }));
        assert.strictEqual(violations.length, 2);
        assert.match(violations[0], /uniformBucketLevelAccess: true/);
        assert.match(violations[1], /publicAccessPrevention: "enforced"/);
    });

    it("judges buckets only: a Kafka cluster or a volume claim is not refused for lacking a bucket's settings", async () => {
        for (const type of [STRIMZI_KAFKA, VOLUME_CLAIM]) assert.deepStrictEqual(await violationsOf(bucketSafety, { type, props: { spec: {} } }), [], type);
    });
});
