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
});
