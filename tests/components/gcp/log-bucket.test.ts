// LogBucket: the design's Kafka log bucket, hardened, and the sink that routes the Kafka namespace's logs into it.
import * as assert from "assert";
import { LogBucket, LogBucketArgs } from "../../../components/log-bucket";
import { RecordedResource } from "../../../render/mock-runtime";
import { one, record } from "./helpers";

const BUCKET = "gcp:storage/bucket:Bucket";

function prodArgs(overrides: Partial<LogBucketArgs> = {}): LogBucketArgs {
    return { project: "acme-kafka", environment: "prod", region: "europe-west1", clusterName: "kafka-prod", protect: true, labels: { team: "platform" }, ...overrides };
}

describe("LogBucket", () => {
    let resources: RecordedResource[];
    let bucket: RecordedResource;
    let logs: LogBucket;

    before(async () => {
        resources = await record(() => {
            logs = new LogBucket("prod-logs", prodArgs());
        });
        bucket = one(resources, BUCKET, "prod-logs-bucket");
    });

    describe("bucket", () => {
        it("is named <project>-<environment>-kafka-logs in the region, STANDARD", () => {
            assert.strictEqual(bucket.inputs.name, "acme-kafka-prod-kafka-logs");
            assert.strictEqual(logs.bucketName, "acme-kafka-prod-kafka-logs");
            assert.strictEqual(bucket.inputs.location, "EUROPE-WEST1");
            assert.strictEqual(bucket.inputs.storageClass, "STANDARD");
        });

        it("moves logs to Nearline at 30 days, Coldline at 90 and deletes them at 365", () => {
            assert.deepStrictEqual(bucket.inputs.lifecycleRules, [
                { action: { type: "SetStorageClass", storageClass: "NEARLINE" }, condition: { age: 30 } },
                { action: { type: "SetStorageClass", storageClass: "COLDLINE" }, condition: { age: 90 } },
                { action: { type: "Delete" }, condition: { age: 365 } },
            ]);
        });

        it("uses uniform access, enforces public access prevention and is never force-destroyed", () => {
            assert.strictEqual(bucket.inputs.uniformBucketLevelAccess, true);
            assert.strictEqual(bucket.inputs.publicAccessPrevention, "enforced");
            assert.strictEqual(bucket.inputs.forceDestroy, false);
        });

        it("keeps versioning off", () => {
            assert.deepStrictEqual(bucket.inputs.versioning, { enabled: false });
        });

        it("labels environment and component, keeping the extra labels", () => {
            assert.deepStrictEqual(bucket.inputs.labels, { team: "platform", environment: "prod", component: "kafka" });
        });

        it("does not let extra labels override environment or component", async () => {
            const recorded = await record(() => new LogBucket("l", prodArgs({ labels: { environment: "test", component: "other" } })));
            assert.deepStrictEqual(one(recorded, BUCKET, "l-bucket").inputs.labels, { environment: "prod", component: "kafka" });
        });

        it("is protected and retained on delete when protect is set", () => {
            assert.strictEqual(bucket.options.protect, true);
            assert.strictEqual(bucket.options.retainOnDelete, true);
        });

        it("is retained on delete even without protect", async () => {
            const recorded = await record(() => new LogBucket("l", prodArgs({ protect: false })));
            const unprotected = one(recorded, BUCKET, "l-bucket");
            assert.strictEqual(unprotected.options.protect, false);
            assert.strictEqual(unprotected.options.retainOnDelete, true);
        });
    });

    describe("sink", () => {
        let sink: RecordedResource;
        before(() => {
            sink = one(resources, "gcp:logging/projectSink:ProjectSink", "prod-logs-sink");
        });

        it("selects the Kafka namespace's container logs of this cluster only", () => {
            assert.strictEqual(
                sink.inputs.filter,
                'resource.type="k8s_container" AND resource.labels.cluster_name="kafka-prod" AND resource.labels.location="europe-west1" AND resource.labels.namespace_name="kafka"',
            );
        });

        it("writes into the bucket with a writer identity of its own", () => {
            assert.strictEqual(sink.inputs.destination, "storage.googleapis.com/acme-kafka-prod-kafka-logs");
            assert.strictEqual(sink.inputs.uniqueWriterIdentity, true);
        });

        it("grants its writer identity object creation on the bucket alone", () => {
            const grant = one(resources, "gcp:storage/bucketIAMMember:BucketIAMMember", "prod-logs-sink-writer");
            assert.strictEqual(grant.inputs.bucket, "acme-kafka-prod-kafka-logs");
            assert.strictEqual(grant.inputs.role, "roles/storage.objectCreator");
        });

        it("follows another namespace and cluster location when given", async () => {
            const recorded = await record(() => new LogBucket("l", prodArgs({ namespace: "kafka-dr", clusterLocation: "europe-west4" })));
            const filter = one(recorded, "gcp:logging/projectSink:ProjectSink", "l-sink").inputs.filter as string;
            assert.match(filter, /resource\.labels\.location="europe-west4" AND resource\.labels\.namespace_name="kafka-dr"/);
        });
    });

    describe("refuses", () => {
        it("a bucket name longer than 63 characters, naming project and environment", () =>
            assert.rejects(
                record(() => new LogBucket("l", prodArgs({ project: "a-rather-long-project-identifier", environment: "production-disaster-recovery" }))),
                /bucket name "a-rather-long-project-identifier-production-disaster-recovery-kafka-logs" from project "a-rather-long-project-identifier" and environment "production-disaster-recovery" is 72 characters long, outside 3–63; shorten or correct the environment name/,
            ));

        it("an environment with uppercase letters", () =>
            assert.rejects(record(() => new LogBucket("l", prodArgs({ environment: "Prod" }))), /may hold only lowercase letters, digits, '-', '_' and '.'/));

        it("a project starting with goog", () =>
            assert.rejects(record(() => new LogBucket("l", prodArgs({ project: "goog-kafka" }))), /must not start with "goog"/));

        it("a name containing google", () =>
            assert.rejects(record(() => new LogBucket("l", prodArgs({ environment: "google" }))), /must not contain "google"/));

        it("an environment that is no valid label value", () =>
            assert.rejects(record(() => new LogBucket("l", prodArgs({ environment: "eu.prod" }))), /environment "eu.prod" is not a valid label value/));
    });
});
