// Tests what the pack's list of guardrails (policy/rules/index.ts) shows a user of each rule.
import * as assert from "assert";
import { policies } from "../../policy/rules";

describe("the pack's guardrails", () => {
    it("gives each guardrail its own name, the key a stack's policy config sets it by and the name a preview reports it under", () => {
        const names = policies.map((p) => p.name);
        assert.deepStrictEqual(names.filter((name) => !/^[a-z][a-z0-9-]*[a-z0-9]$/.test(name)), []);
        assert.deepStrictEqual(names.filter((name, i) => names.indexOf(name) !== i), []);
    });

    it("describes each guardrail in a sentence, which a preview prints above each of its violations", () => {
        assert.deepStrictEqual(policies.filter((p) => !/^[A-Z].{20,}\.$/.test(p.description ?? "")).map((p) => p.name), []);
    });
});
