// Tests that the in-process runner (policy/local-run.ts) calls the rules as Pulumi's policy server does, so the
// offline check of a render and the program refuse what `pulumi preview --policy-pack policy` refuses.
import * as assert from "assert";
import type { PolicyResourceOptions, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { readPackConfig, runPolicies } from "../../policy/local-run";
import { GCS_BUCKET, STRIMZI_TOPIC } from "../../policy/rules/resource-types";

const bucket = { type: GCS_BUCKET, name: "kafka-logs", props: {} };
const topic = { type: STRIMZI_TOPIC, name: "topics-task.events", props: {} };

describe("the in-process policy runner", () => {
    it("reports a rule that sets no enforcement level as advisory, as Pulumi does", async () => {
        const unlevelled: ResourceValidationPolicy = { name: "unlevelled", description: "Reports every resource.", validateResource: (args, report) => report(`saw ${args.name}`) };
        assert.deepStrictEqual(await runPolicies([unlevelled], [bucket], "prod"), [
            { policyName: "unlevelled", enforcementLevel: "advisory", message: "saw kafka-logs", urn: "urn:pulumi:prod::kafka-platform::gcp:storage/bucket:Bucket::kafka-logs" },
        ]);
    });

    it("lets a rule call notApplicable for a resource: nothing is reported for it and the next resource is still judged", async () => {
        const bucketsOnly: ResourceValidationPolicy = {
            name: "buckets-only",
            description: "Judges buckets only.",
            enforcementLevel: "mandatory",
            validateResource: (args, report) => {
                if (args.type !== GCS_BUCKET) args.notApplicable("not a bucket");
                report(`judged ${args.name}`);
            },
        };
        assert.deepStrictEqual((await runPolicies([bucketsOnly], [topic, bucket], "prod")).map((d) => d.message), ["judged kafka-logs"]);
    });

    it("fails the check when a rule throws, rather than passing a resource it never judged", async () => {
        const broken: ResourceValidationPolicy = {
            name: "broken",
            description: "Fails on every resource.",
            enforcementLevel: "mandatory",
            validateResource: () => {
                throw new Error("cannot read property of undefined");
            },
        };
        await assert.rejects(runPolicies([broken], [bucket], "prod"), /^Error: cannot read property of undefined$/);
    });

    it("runs each of a rule's validations, and passes over a rule that only remediates", async () => {
        const twoChecks: ResourceValidationPolicy = {
            name: "two-checks",
            description: "Checks twice.",
            enforcementLevel: "mandatory",
            validateResource: [(_, report) => report("first"), (_, report) => report("second")],
        };
        const remediateOnly: ResourceValidationPolicy = { name: "remediate-only", description: "Fixes, never reports.", enforcementLevel: "remediate", remediateResource: () => undefined };
        assert.deepStrictEqual((await runPolicies([twoChecks, remediateOnly], [bucket], "prod")).map((d) => [d.policyName, d.message]), [
            ["two-checks", "first"],
            ["two-checks", "second"],
        ]);
    });

    it("hands a rule, per resource and in a stack's resources, the options Pulumi gives a resource declared without any", async () => {
        const seen: PolicyResourceOptions[] = [];
        const resourceRule: ResourceValidationPolicy = { name: "resource-options", description: "Records options.", validateResource: (args) => void seen.push(args.opts) };
        const stackRule: StackValidationPolicy = { name: "stack-options", description: "Records options.", validateStack: (args) => void seen.push(...args.resources.map((r) => r.opts)) };
        await runPolicies([resourceRule, stackRule], [bucket], "prod");
        const declaredWithout = { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } };
        assert.deepStrictEqual(seen, [declaredWithout, declaredWithout]);
    });

    it("reads no policy config for a stack without a policy-config file, so every rule runs at its own level with its schema's defaults", () => {
        assert.deepStrictEqual(readPackConfig("staging"), {});
    });
});
