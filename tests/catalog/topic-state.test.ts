// Tests that planTopics refuses catalog edits that would lose data and releases removed topics only on purpose.
import * as assert from "assert";
import { Catalog, RemovedTopic, TopicSpec } from "../../catalog";
import { partitionIncreaseMessage } from "../../policy/rules/partition-increase";
import { DeployedTopic, deployedStateOf, parseDeployedTopics, planTopics } from "../../specs/topic-state";

function topic(name: string, partitions: number, replicationFactor = 3): TopicSpec {
    return { name, description: name, partitions, replicationFactor, config: {}, source: { file: "topics/core.yaml", line: 7 } };
}

function removed(name: string, deleteData = false): RemovedTopic {
    return { name, reason: "replaced by task.events.v2", deleteData, source: { file: "topics/core.yaml", line: 30 } };
}

function catalogOf(topics: TopicSpec[], removedTopics: RemovedTopic[] = []): Catalog {
    return { topics, removedTopics, groups: [], producers: [], warnings: [] };
}

function deployed(name: string, partitions: number, replicationFactor = 3, released = false): DeployedTopic {
    return { name, partitions, replicationFactor, released };
}

describe("planTopics", () => {
    it("refuses an edit that contradicts any record of a topic, when the previous state holds several", () => {
        const decrease = planTopics(catalogOf([topic("task.events", 12)]), [deployed("task.events", 12), deployed("task.events", 48)]);
        assert.strictEqual(decrease.problems.length, 1);
        assert.match(decrease.problems[0], /topic "task\.events": partitions: 48 -> 12 is a decrease/);
        const replication = planTopics(catalogOf([topic("task.events", 48, 3)]), [deployed("task.events", 48, 3), deployed("task.events", 48, 2)]);
        assert.match(replication.problems.join("\n"), /topic "task\.events": replication_factor: 2 -> 3/);
        const agreeing = planTopics(catalogOf([topic("task.events", 48)]), [deployed("task.events", 48), deployed("task.events", 48)]);
        assert.deepStrictEqual(agreeing.problems, []);
    });

    it("plans every catalog topic as active on the first deployment", () => {
        const plan = planTopics(catalogOf([topic("task.events", 48), topic("user.events", 12)]), []);
        assert.deepStrictEqual(plan.active.map((t) => t.name), ["task.events", "user.events"]);
        assert.deepStrictEqual([plan.releasing, plan.problems, plan.warnings], [[], [], []]);
    });

    it("refuses a partition decrease of task.events, naming the topic, its file and both counts", () => {
        const plan = planTopics(catalogOf([topic("task.events", 24), topic("user.events", 12)]), [deployed("task.events", 48), deployed("user.events", 12)]);
        assert.strictEqual(plan.problems.length, 1);
        assert.match(plan.problems[0], /^topics\/core\.yaml:7: topic "task\.events": partitions: 48 -> 24 is a decrease/);
    });

    it("refuses a replication factor change in either direction", () => {
        for (const rf of [2, 4]) {
            const plan = planTopics(catalogOf([topic("task.events", 48, rf)]), [deployed("task.events", 48, 3)]);
            assert.strictEqual(plan.problems.length, 1, `replication factor 3 -> ${rf}`);
            assert.match(plan.problems[0], new RegExp(`topic "task\\.events": replication_factor: 3 -> ${rf} cannot be applied`));
        }
    });

    it("reports a decrease and a replication factor change of the same topic both", () => {
        const plan = planTopics(catalogOf([topic("task.events", 24, 2)]), [deployed("task.events", 48, 3)]);
        assert.strictEqual(plan.problems.length, 2);
    });

    it("accepts a partition increase, warning with the file and both counts that per-key ordering breaks across it", () => {
        const plan = planTopics(catalogOf([topic("task.events", 96)]), [deployed("task.events", 48)]);
        assert.deepStrictEqual(plan.problems, []);
        assert.strictEqual(plan.active[0].partitions, 96);
        assert.deepStrictEqual(plan.warnings, [`topics/core.yaml:7: topic "task.events": partitions: ${partitionIncreaseMessage("task.events", "keyed", 48, 96)}`]);
    });

    it("warns on a partition increase of a compacted topic that a key's latest value can exist twice until compaction", () => {
        for (const cleanup of ["compact", "compact,delete"]) {
            const snapshots = { ...topic("user.profile.snapshots", 24), config: { "cleanup.policy": cleanup } };
            const plan = planTopics(catalogOf([snapshots]), [deployed("user.profile.snapshots", 12)]);
            assert.deepStrictEqual(plan.warnings, [`topics/core.yaml:7: topic "user.profile.snapshots": partitions: ${partitionIncreaseMessage("user.profile.snapshots", "compacted", 12, 24)}`], cleanup);
        }
        const deleting = { ...topic("task.events", 96), config: { "cleanup.policy": "delete" } };
        assert.match(planTopics(catalogOf([deleting]), [deployed("task.events", 48)]).warnings[0], /is keyed and goes from 48 to 96 partitions/);
    });

    it("neither warns nor refuses where a topic keeps its deployed partitions and replication factor", () => {
        const plan = planTopics(catalogOf([topic("task.events", 48), topic("user.events", 12, 2)]), [deployed("task.events", 48), deployed("user.events", 12, 2)]);
        assert.deepStrictEqual([plan.problems, plan.warnings], [[], []]);
    });

    it("refuses a topic that left the catalog without a removed_topics entry, naming it", () => {
        const plan = planTopics(catalogOf([topic("user.events", 12)]), [deployed("user.events", 12), deployed("task.comments", 24)]);
        assert.strictEqual(plan.problems.length, 1);
        assert.match(plan.problems[0], /^topic "task\.comments": was removed from the catalog.*removed_topics/);
    });

    it("releases a topic listed under removed_topics, keeping its data unless delete_data is true", () => {
        const plan = planTopics(catalogOf([topic("user.events", 12)], [removed("task.comments"), removed("scratch", true)]), [
            deployed("user.events", 12),
            deployed("task.comments", 24),
            deployed("scratch", 1, 1),
        ]);
        assert.deepStrictEqual(plan.problems, []);
        assert.deepStrictEqual(
            plan.releasing.map((r) => [r.topic.name, r.topic.partitions, r.deleteData]),
            [["task.comments", 24, false], ["scratch", 1, true]],
        );
        assert.deepStrictEqual(plan.active.map((t) => t.name), ["user.events"]);
        assert.deepStrictEqual(plan.warnings, [], "an entry that releases a held topic is not called pointless");
    });

    it("records a released topic as released, so the next run may let it go", () => {
        const plan = planTopics(catalogOf([topic("user.events", 12)], [removed("task.comments")]), [deployed("user.events", 12), deployed("task.comments", 24)]);
        assert.deepStrictEqual(deployedStateOf(plan), [deployed("task.comments", 24, 3, true), deployed("user.events", 12)]);
    });

    it("lets a topic released by the previous run go without complaint, with or without its entry", () => {
        const previous = [deployed("user.events", 12), deployed("task.comments", 24, 3, true)];
        for (const removedTopics of [[removed("task.comments")], []]) {
            const plan = planTopics(catalogOf([topic("user.events", 12)], removedTopics), previous);
            assert.deepStrictEqual([plan.problems, plan.releasing], [[], []]);
        }
    });

    it("does not compare a re-added topic with the spec it had when it was released", () => {
        const plan = planTopics(catalogOf([topic("task.comments", 6)]), [deployed("task.comments", 24, 3, true)]);
        assert.deepStrictEqual(plan.problems, []);
    });

    it("warns that a removed_topics entry the stack does not hold has no effect", () => {
        const plan = planTopics(catalogOf([topic("user.events", 12)], [removed("never.deployed")]), [deployed("user.events", 12)]);
        assert.deepStrictEqual(plan.problems, []);
        assert.deepStrictEqual(plan.warnings, ['topics/core.yaml:30: removed topic "never.deployed": the stack does not hold it; the entry has no effect and can go']);
    });

    it("names the file alone where a topic's line is unknown", () => {
        const unlocated = { ...topic("task.events", 24), source: { file: "topics/core.yaml" } };
        const plan = planTopics(catalogOf([unlocated]), [deployed("task.events", 48)]);
        assert.match(plan.problems[0], /^topics\/core\.yaml: topic "task\.events": partitions: 48 -> 24/);
        const stale = planTopics(catalogOf([], [{ ...removed("never.deployed"), source: { file: "topics/core.yaml" } }]), []);
        assert.deepStrictEqual(stale.warnings, ['topics/core.yaml: removed topic "never.deployed": the stack does not hold it; the entry has no effect and can go']);
    });

    it("releases a removed topic with the widest partition count any record of it holds", () => {
        const plan = planTopics(catalogOf([], [removed("task.comments")]), [deployed("task.comments", 24), deployed("task.comments", 48), deployed("task.comments", 12)]);
        assert.deepStrictEqual(plan.releasing.map((r) => [r.topic.name, r.topic.partitions, r.topic.released]), [["task.comments", 48, false]]);
    });

    it("still holds a removed topic that any record shows unreleased, so its removal is not skipped", () => {
        const previous = [deployed("task.comments", 24, 3, true), deployed("task.comments", 24, 3, false)];
        assert.match(planTopics(catalogOf([]), previous).problems.join("\n"), /topic "task\.comments": was removed from the catalog/);
        assert.strictEqual(planTopics(catalogOf([], [removed("task.comments")]), previous).releasing.length, 1);
    });

    it("reports every refused edit at once", () => {
        const plan = planTopics(catalogOf([topic("task.events", 24), topic("user.events", 12, 2)]), [deployed("task.events", 48), deployed("user.events", 12), deployed("gone.a", 1), deployed("gone.b", 1)]);
        assert.strictEqual(plan.problems.length, 4);
    });
});

describe("parseDeployedTopics", () => {
    it("reads nothing as no deployed topics, and a released flag only when true", () => {
        assert.deepStrictEqual(parseDeployedTopics(undefined, "stack"), []);
        assert.deepStrictEqual(parseDeployedTopics(null, "stack"), []);
        assert.deepStrictEqual(parseDeployedTopics([{ name: "a", partitions: 1, replicationFactor: 3, released: true }], "stack"), [deployed("a", 1, 3, true)]);
        assert.deepStrictEqual(parseDeployedTopics([{ name: "a", partitions: 1, replicationFactor: 3, released: "yes" }], "stack"), [deployed("a", 1, 3, false)]);
    });

    it("refuses a malformed entry, naming where it came from", () => {
        assert.throws(() => parseDeployedTopics([{ name: "a", partitions: "1", replicationFactor: 3 }], "stack org/p/prod"), /^Error: stack org\/p\/prod: deployedTopics\[0\] must have name, partitions and replicationFactor$/);
        assert.throws(() => parseDeployedTopics({ name: "a" }, "stack org/p/prod"), /^Error: stack org\/p\/prod: deployedTopics must be a list, got object$/);
        // Each field is checked: a record the guard cannot compare against must stop the run, not pass as empty.
        for (const entry of [{ partitions: 1, replicationFactor: 3 }, { name: 7, partitions: 1, replicationFactor: 3 }, { name: "a", partitions: 1.5, replicationFactor: 3 }, { name: "a", partitions: 1 }, { name: "a", partitions: 1, replicationFactor: "3" }, null]) {
            assert.throws(() => parseDeployedTopics([entry], "stack"), /deployedTopics\[0\] must have name, partitions and replicationFactor/, JSON.stringify(entry));
        }
    });
});
