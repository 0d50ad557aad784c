// Tests what policy/index.ts hands Pulumi's policy server: the pack's name, its description and every guardrail.
import * as assert from "assert";
import * as path from "path";
import { policies } from "../../policy/rules";

const PACK = path.resolve(__dirname, "..", "..", "policy", "index.ts");
// PolicyPack's constructor serves the pack through this module's `serve`; in a test it is recorded instead.
const server = require("@pulumi/policy/server") as { serve: (...args: unknown[]) => void };

describe("the policy pack's entry point", () => {
    let served: unknown[][];
    let realServe: typeof server.serve;
    before(() => {
        realServe = server.serve;
        served = [];
        server.serve = (...args: unknown[]) => served.push(args);
        delete require.cache[require.resolve(PACK)];
        require(PACK);
    });
    after(() => {
        server.serve = realServe;
        delete require.cache[require.resolve(PACK)];
    });

    it("serves one pack named kafka-platform, the name previews report its violations under", () => {
        assert.deepStrictEqual(served.map(([name]) => name), ["kafka-platform"]);
    });

    it("serves every guardrail of policy/rules, so the pack refuses what the render's offline check refuses", () => {
        const [, , , args] = served[0] as [string, string, string, { policies: unknown }];
        assert.strictEqual(args.policies, policies);
    });

    it("blocks a deployment on six guardrails and only warns on two, as the README's guardrail table says", () => {
        const [, , , args] = served[0] as [string, string, string, { policies: Array<{ name: string; enforcementLevel: string }> }];
        assert.deepStrictEqual(args.policies.map((p) => [p.name, p.enforcementLevel]), [
            ["topic-durability", "mandatory"],
            ["unclean-leader-election-off", "mandatory"],
            ["storage-keeps-claims", "mandatory"],
            ["bucket-safety", "mandatory"],
            ["stateful-resources-protected", "mandatory"],
            ["no-plain-secrets", "mandatory"],
            ["partition-increase-on-keyed-topic", "advisory"],
            ["topic-has-consumer", "advisory"],
        ]);
    });

    it("describes the pack in a sentence, which the policy server reports with the pack's rules", () => {
        const [, , , args] = served[0] as [string, string, string, { description: string }];
        assert.match(args.description, /^[A-Z].{20,}\.$/);
    });
});
