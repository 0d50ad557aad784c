// Tests the offline check of a rendered stack against the guardrails and that stack's policy config.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkRenderedStack } from "../../policy/check-rendered";
import { GCS_BUCKET, STRIMZI_TOPIC } from "../../policy/rules/resource-types";
import { scratchDir } from "../scratch";

const durableTopic = { type: STRIMZI_TOPIC, name: "topics-task.events", inputs: { spec: { topicName: "task.events", partitions: 24, replicas: 3, config: { "min.insync.replicas": 2 } } }, options: { protect: true } };
const bucket = (forceDestroy: boolean) => ({ type: GCS_BUCKET, name: "kafka-logs", inputs: { forceDestroy, uniformBucketLevelAccess: true, publicAccessPrevention: "enforced" }, options: { protect: true } });

describe("checkRenderedStack", () => {
    let renderRoot: string;
    const render = (stack: string, resources: object[]) => {
        fs.mkdirSync(path.join(renderRoot, stack), { recursive: true });
        fs.writeFileSync(path.join(renderRoot, stack, "resources.json"), JSON.stringify(resources));
        return path.join(renderRoot, stack);
    };
    before(() => (renderRoot = scratchDir("render-")));
    after(() => fs.rmSync(renderRoot, { recursive: true, force: true }));

    it("finds no violation in a rendered prod stack that keeps the guardrails", async () => {
        assert.deepStrictEqual(await checkRenderedStack(render("prod", [durableTopic, bucket(false)])), []);
    });

    it("reports a mandatory violation with the resource's URN in the folder's stack", async () => {
        const diagnostics = await checkRenderedStack(render("dr", [durableTopic, bucket(true)]));
        assert.deepStrictEqual(
            diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]),
            [["bucket-safety", "mandatory", "urn:pulumi:dr::kafka-platform::gcp:storage/bucket:Bucket::kafka-logs"]],
        );
    });

    it("honours a policy config that disables a rule", async () => {
        const config = path.join(renderRoot, "config.json");
        fs.writeFileSync(config, JSON.stringify({ "bucket-safety": "disabled" }));
        assert.deepStrictEqual(await checkRenderedStack(render("prod", [bucket(true)]), config), []);
    });
});
