// Tests the policy pack as Pulumi runs it: it compiles, serves every rule at its level and reads the stack's config.
import * as assert from "assert";
import { STRIMZI_KAFKA } from "../../policy/rules/resource-types";
import { ServedPack } from "./served-pack";

const unprotectedKafka = { type: STRIMZI_KAFKA, name: "kafka", protect: false, props: { spec: { kafka: { config: { "unclean.leader.election.enable": false } } } } };

describe("the kafka-platform policy pack, served by Pulumi's policy runner", function () {
    this.timeout(120_000);
    let pack: ServedPack;
    before(async () => {
        pack = await ServedPack.start();
    });
    after(() => pack?.stop());

    it("serves six mandatory rules and two advisory ones", async () => {
        const policies = await pack.policies();
        assert.deepStrictEqual(
            policies.filter((p) => p.enforcementLevel === "advisory").map((p) => p.name),
            ["partition-increase-on-keyed-topic", "topic-has-consumer"],
        );
        assert.strictEqual(policies.filter((p) => p.enforcementLevel === "mandatory").length, 6);
    });

    it("blocks an unprotected Kafka cluster with a mandatory violation", async () => {
        const diagnostics = await pack.analyze(unprotectedKafka);
        assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["stateful-resources-protected", "mandatory"]]);
    });

    it("lets the unprotected Kafka cluster through once the config names it in a reviewed exception", async () => {
        await pack.configure({ "stateful-resources-protected": { exceptions: [{ resource: "kafka", reason: "Moving to KRaft node pools, see PR 42", reviewedBy: "kafka-oncall" }] } });
        assert.deepStrictEqual(await pack.analyze(unprotectedKafka), []);
    });
});
