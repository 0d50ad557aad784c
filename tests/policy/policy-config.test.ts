// Tests that each stack's policy config names only the pack's policies and fits their config schemas.
import * as assert from "assert";
import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policy/rules";

const POLICY_DIR = path.resolve(__dirname, "..", "..", "policy");
const schemaOf = (name: string) => {
    const policy = policies.find((p) => p.name === name);
    return policy && { type: "object", properties: policy.configSchema?.properties ?? {}, required: policy.configSchema?.required ?? [], additionalProperties: false };
};
const problemsOf = (name: string, config: unknown): string[] => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const schema = schemaOf(name);
    if (!schema) return [`no policy named "${name}" in the pack`];
    return ajv.validate(schema, config) ? [] : (ajv.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message}`);
};

describe("policy config files", () => {
    for (const stack of ["prod", "dr"]) {
        it(`policy-config.${stack}.json fits the pack's schemas`, () => {
            const config = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, `policy-config.${stack}.json`), "utf8"));
            assert.deepStrictEqual(Object.entries(config).flatMap(([name, value]) => problemsOf(name, value)), []);
        });
    }

    it("refuses an exception without a reviewer, a policy the pack lacks and a misspelt setting", () => {
        assert.match(problemsOf("stateful-resources-protected", { exceptions: [{ resource: "kafka", reason: "Moving to KRaft node pools" }] })[0], /must have required property 'reviewedBy'/);
        assert.deepStrictEqual(problemsOf("no-such-policy", {}), ['no policy named "no-such-policy" in the pack']);
        assert.match(problemsOf("topic-durability", { stack: ["prod"] })[0], /must NOT have additional properties/);
    });

    it("accepts a complete exception: the resource, why, who reviewed it and its last day", () => {
        const exception = { resource: "topic-user-events", reason: "Recreated with 48 partitions, see PR 42", reviewedBy: "kafka-oncall", expires: "2026-12-31" };
        assert.deepStrictEqual(problemsOf("stateful-resources-protected", { exceptions: [exception] }), []);
    });

    it("refuses an exception that excuses nothing reviewable or would never run out: no resource, no reviewer, a reason under 10 characters, an expiry not written YYYY-MM-DD or misspelt", () => {
        const valid = { resource: "topic-user-events", reason: "Recreated with 48 partitions", reviewedBy: "kafka-oncall" };
        const broken = [{ ...valid, resource: "" }, { ...valid, reviewedBy: "" }, { ...valid, reason: "because" }, { ...valid, expires: "31/12/2026" }, { ...valid, expiry: "2026-12-31" }];
        assert.deepStrictEqual(
            broken.map((exception) => problemsOf("stateful-resources-protected", { exceptions: [exception] }).length),
            broken.map(() => 1),
        );
    });

    it("refuses the advisories' settings of the wrong shape: one value where a list of patterns is meant, a pattern that is not text, a file that is not a path", () => {
        assert.match(problemsOf("partition-increase-on-keyed-topic", { keyedTopics: "user\\..*" })[0], /must be array/);
        assert.match(problemsOf("partition-increase-on-keyed-topic", { keyedTopics: [["user\\..*"]] })[0], /must be string/);
        assert.match(problemsOf("partition-increase-on-keyed-topic", { baselineTopicsDir: [".baseline/topics"] })[0], /must be string/);
        assert.match(problemsOf("topic-has-consumer", { readElsewhere: "dlq\\..*" })[0], /must be array/);
        assert.match(problemsOf("topic-has-consumer", { readElsewhere: [["dlq\\..*"]] })[0], /must be string/);
        assert.match(problemsOf("topic-has-consumer", { consumerGroupsFile: ["topics/consumer-groups.yaml"] })[0], /must be string/);
    });

    it("refuses a durability setting that is not a list of stack names", () => {
        assert.deepStrictEqual(problemsOf("topic-durability", { stacks: ["prod", "dr"] }), []);
        assert.match(problemsOf("topic-durability", { stacks: "prod" })[0], /must be array/);
        assert.match(problemsOf("topic-durability", { stacks: [["prod"]] })[0], /must be string/);
    });
});
