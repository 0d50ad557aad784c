// Tests the offline check of a rendered stack against the guardrails and that stack's policy config.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkRenderedStack, diagnosticLine, main } from "../../policy/check-rendered";
import { GCS_BUCKET, STRIMZI_TOPIC } from "../../policy/rules/resource-types";
import { unreadTopicsMessage } from "../../policy/rules/topic-consumers";
import { captureOutput, runAsScript } from "../run-as-script";
import { scratchDir } from "../scratch";

const durableTopic = { type: STRIMZI_TOPIC, name: "topics-task.events", inputs: { spec: { topicName: "task.events", partitions: 24, replicas: 3, config: { "min.insync.replicas": 2 } } }, options: { protect: true } };
const bucket = (forceDestroy: boolean) => ({ type: GCS_BUCKET, name: "kafka-logs", inputs: { forceDestroy, uniformBucketLevelAccess: true, publicAccessPrevention: "enforced" }, options: { protect: true } });

const CHECK_RENDERED = path.resolve(__dirname, "..", "..", "policy", "check-rendered.ts");
const FORCE_DESTROY = 'Bucket "kafka-logs" sets forceDestroy: true; remove it so deleting the bucket fails while it still holds objects.';

/** A folder named after its stack holding `resources.json`, as `npm run render` writes it. */
function renderIn(root: string, stack: string, resources: object[]): string {
    fs.mkdirSync(path.join(root, stack), { recursive: true });
    fs.writeFileSync(path.join(root, stack, "resources.json"), JSON.stringify(resources));
    return path.join(root, stack);
}

describe("checkRenderedStack", () => {
    let renderRoot: string;
    const render = (stack: string, resources: object[]) => renderIn(renderRoot, stack, resources);
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

    it("checks a render as npm run render writes it, with the stack's own entry, which has no options", async () => {
        const stackEntry = { type: "pulumi:pulumi:Stack", name: "kafka-platform-prod", parent: null, inputs: {}, outputs: {} };
        assert.deepStrictEqual(await checkRenderedStack(render("prod", [stackEntry, durableTopic, bucket(false)])), []);
    });

    it("honours a policy config that disables a rule", async () => {
        const config = path.join(renderRoot, "config.json");
        fs.writeFileSync(config, JSON.stringify({ "bucket-safety": "disabled" }));
        assert.deepStrictEqual(await checkRenderedStack(render("prod", [bucket(true)]), config), []);
    });
});

describe("diagnosticLine, as a render lists what the guardrails refuse", () => {
    it("names the resource by its logical name, the name a policy exception takes, then the finding and the guardrail", () => {
        const line = diagnosticLine({ policyName: "bucket-safety", enforcementLevel: "mandatory", message: FORCE_DESTROY, urn: "urn:pulumi:prod::kafka-platform::gcp:storage/bucket:Bucket::kafka-logs" });
        assert.strictEqual(line, `kafka-logs: ${FORCE_DESTROY} (guardrail bucket-safety)`);
    });

    it("names no resource for a finding about the whole stack", () => {
        assert.strictEqual(diagnosticLine({ policyName: "topic-has-consumer", enforcementLevel: "advisory", message: "1 topic has no consumer group." }), "1 topic has no consumer group. (guardrail topic-has-consumer)");
    });
});

describe("policy/check-rendered.ts, as the pull-request workflow runs it on a render", () => {
    let renderRoot: string;
    const check = (...argv: string[]) => captureOutput(() => main(argv));
    before(() => (renderRoot = scratchDir("render-")));
    after(() => fs.rmSync(renderRoot, { recursive: true, force: true }));

    it("fails the check (exit 1) on a mandatory violation, printing its level, guardrail, finding and resource URN, then the counts", async () => {
        const { result, stdout, stderr } = await check(renderIn(renderRoot, "prod", [durableTopic, bucket(true)]));
        assert.strictEqual(result, 1);
        assert.strictEqual(stdout, `mandatory bucket-safety: ${FORCE_DESTROY}\n    urn:pulumi:prod::kafka-platform::gcp:storage/bucket:Bucket::kafka-logs\nprod: 1 mandatory and 0 advisory violation(s)\n`);
        assert.strictEqual(stderr, "");
    });

    it("passes (exit 0) with advisories only, counting them; a stack-wide advisory prints no URN line", async () => {
        const unread = { ...durableTopic, name: "topics-nobody.reads", inputs: { spec: { ...durableTopic.inputs.spec, topicName: "nobody.reads" } } };
        const { result, stdout } = await check(renderIn(renderRoot, "prod", [durableTopic, unread]));
        assert.strictEqual(result, 0);
        assert.strictEqual(stdout, `advisory topic-has-consumer: ${unreadTopicsMessage(["nobody.reads"])}\nprod: 0 mandatory and 1 advisory violation(s)\n`);
    });

    it("passes (exit 0) a render that keeps every guardrail, under the stack the folder is named after", async () => {
        const { result, stdout } = await check(renderIn(renderRoot, "dr", [durableTopic, bucket(false)]) + path.sep);
        assert.strictEqual(result, 0);
        assert.strictEqual(stdout, "dr: 0 mandatory and 0 advisory violation(s)\n");
    });

    it("judges with the policy config file given after the render folder", async () => {
        const config = path.join(renderRoot, "bucket-safety-off.json");
        fs.writeFileSync(config, JSON.stringify({ "bucket-safety": "disabled" }));
        const { result, stdout } = await check(renderIn(renderRoot, "prod", [bucket(true)]), config);
        assert.strictEqual(result, 0);
        assert.strictEqual(stdout, "prod: 0 mandatory and 0 advisory violation(s)\n");
    });

    it("prints its usage and exits 2 when no render folder is given", async () => {
        const { result, stdout, stderr } = await check();
        assert.strictEqual(result, 2);
        assert.strictEqual(stdout, "");
        assert.strictEqual(stderr, "usage: ts-node policy/check-rendered.ts build/render/<stack> [policy-config.json]\n");
    });

    it("exits 2, not 0, when the render cannot be read, naming the folder and why", async () => {
        const missing = path.join(renderRoot, "never-rendered");
        const { result, stdout, stderr } = await check(missing);
        assert.strictEqual(result, 2);
        assert.strictEqual(stdout, "");
        assert.ok(stderr.startsWith(`cannot check ${missing}: ENOENT`) && stderr.endsWith("resources.json'\n"), stderr);
    });

    it("checks nothing, prints nothing and never exits when imported, as scripts/render.ts imports it", async () => {
        const file = require.resolve(CHECK_RENDERED);
        const exits: number[] = [];
        const realExit = process.exit;
        process.exit = ((code: number) => void exits.push(code)) as typeof process.exit;
        delete require.cache[file];
        try {
            // Long enough for a check of the importer's command line to print and exit.
            const { stdout, stderr } = await captureOutput(async () => {
                require(file);
                await new Promise((resolve) => setTimeout(resolve, 200));
            });
            assert.deepStrictEqual({ exits, stdout, stderr }, { exits: [], stdout: "", stderr: "" });
        } finally {
            process.exit = realExit;
            delete require.cache[file];
        }
    });

    it("run as a script, checks the folder on its command line and exits with the check's answer", async () => {
        const { code, stdout } = await runAsScript(CHECK_RENDERED, [renderIn(renderRoot, "prod", [bucket(true)])]);
        assert.strictEqual(code, 1);
        assert.match(stdout, /\nprod: 1 mandatory and 0 advisory violation\(s\)\n$/);
    });
});
