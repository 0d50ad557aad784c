// Tests the pack's topic guardrails as the program asks them before registering anything: what is refused, where it is located, what only warns.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { TopicSpec } from "../../catalog";
import { checkTopicGuardrails } from "../../platform/guardrails";
import { PackConfig, readPackConfig } from "../../policy/local-run";
import { repoCatalog, stackConfig } from "../specs/stack-fixtures";
import { thrownBy } from "./stack-helpers";

/** A durable topic as the catalog would give it, at a known place in a catalog file. */
const topic = (name: string, line: number, overrides: Partial<TopicSpec> = {}): TopicSpec => ({
    name,
    description: "a test topic",
    partitions: 6,
    replicationFactor: 3,
    config: { "min.insync.replicas": 2 },
    source: { file: "topics/orders.yaml", line },
    ...overrides,
});

/** The error the guardrails stop the run with; fails when they let the topics through. */
function refusal(stack: string, topics: TopicSpec[], packConfig: PackConfig): Error {
    return thrownBy(() => checkTopicGuardrails(stack, topics, packConfig), "the guardrails let the topics through, but they should have refused them");
}

describe("the pack's topic guardrails before registration (platform/guardrails)", () => {
    it("lets the repository's catalog through on prod and on DR, with no warnings", () => {
        for (const stack of ["prod", "dr"] as const) {
            const topics = repoCatalog(stackConfig(stack)).topics;
            assert.deepStrictEqual(checkTopicGuardrails(stack, topics, readPackConfig(stack)), { warnings: [] }, stack);
        }
    });

    it("refuses a fragile prod topic as the run's error, locating each setting by its catalog field and naming the guardrail", () => {
        const fragile = topic("orders.created", 12, { replicationFactor: 2, config: { "min.insync.replicas": 1 } });
        const error = refusal("prod", [fragile], readPackConfig("prod"));
        // A RunError is printed as its message alone, so the list is what the deployer sees.
        assert.ok(pulumi.RunError.isInstance(error), `a ${error.constructor.name}: ${error.message}`);
        assert.strictEqual(
            error.message,
            [
                "the guardrails of stack prod refuse the catalog (2 problems):",
                '  topics/orders.yaml:12: topic "orders.created": replication_factor: is 2; prod topics keep 3 replicas, so one broker can fail while another is restarted (guardrail topic-durability)',
                '  topics/orders.yaml:12: topic "orders.created": min_insync_replicas: is 1; set it to 2 or more so an acknowledged write survives losing a broker (guardrail topic-durability)',
            ].join("\n"),
        );
    });

    it("names a topic setting that is not a top-level catalog field under configs.", () => {
        const unclean = topic("orders.created", 7, { config: { "min.insync.replicas": 2, "unclean.leader.election.enable": true } });
        const error = refusal("dr", [unclean], readPackConfig("dr"));
        assert.match(error.message, /^the guardrails of stack dr refuse the catalog \(1 problem\):/);
        assert.match(error.message, /topics\/orders\.yaml:7: topic "orders\.created": configs\.unclean_leader_election_enable: is true; .* \(guardrail unclean-leader-election-off\)$/);
    });

    it("lists every refused topic of every guardrail in one run, not only the first", () => {
        const topics = [topic("orders.created", 3, { replicationFactor: 1 }), topic("orders.paid", 20), topic("orders.shipped", 40, { config: { "min.insync.replicas": 2, "unclean.leader.election.enable": "true" } })];
        const error = refusal("prod", topics, readPackConfig("prod"));
        assert.match(error.message, /\(2 problems\)/);
        assert.match(error.message, /topics\/orders\.yaml:3: topic "orders\.created": replication_factor:/);
        assert.match(error.message, /topics\/orders\.yaml:40: topic "orders\.shipped": configs\.unclean_leader_election_enable:/);
        assert.doesNotMatch(error.message, /orders\.paid/);
    });

    it("holds only the stacks the durability guardrail lists to three replicas: a DR topic with two passes", () => {
        const twoReplicas = topic("orders.created", 5, { replicationFactor: 2 });
        assert.deepStrictEqual(checkTopicGuardrails("dr", [twoReplicas], readPackConfig("dr")), { warnings: [] });
        // The policy config's own list of stacks is the one asked, as the pack would.
        assert.throws(() => checkTopicGuardrails("dr", [twoReplicas], { "topic-durability": { stacks: ["dr"] } }), /replication_factor: is 2; dr topics keep 3 replicas/);
    });

    it("turns an advisory guardrail's findings into warnings, formatted as the refusals are, and goes ahead", () => {
        const fragile = topic("orders.created", 9, { replicationFactor: 2 });
        const { warnings } = checkTopicGuardrails("prod", [fragile], { "topic-durability": { enforcementLevel: "advisory", stacks: ["prod"] } });
        assert.deepStrictEqual(warnings, ['topics/orders.yaml:9: topic "orders.created": replication_factor: is 2; prod topics keep 3 replicas, so one broker can fail while another is restarted (guardrail topic-durability)']);
    });

    it("asks nothing of a guardrail the stack's policy config disables", () => {
        const unclean = topic("orders.created", 9, { replicationFactor: 1, config: { "unclean.leader.election.enable": true } });
        assert.deepStrictEqual(checkTopicGuardrails("prod", [unclean], { "topic-durability": "disabled", "unclean-leader-election-off": "disabled" }), { warnings: [] });
    });
});
