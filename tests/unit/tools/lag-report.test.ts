// Unit tests of the lag arithmetic and flags behind `npm run lag`.
import * as assert from "assert";
import { computeLag, unknownGroups } from "../../../tools/lag-report";

const ends = [
    { topic: "task.events", partition: 0, end: "5000" },
    { topic: "task.events", partition: 1, end: "300" },
    { topic: "task.comments", partition: 0, end: "10" },
];

describe("computeLag", () => {
    it("subtracts the committed offset from the end offset per partition and flags lag above the threshold", () => {
        const report = computeLag(
            [{ groupId: "search-index-updater", state: "Stable", members: 2, committed: [{ topic: "task.events", partition: 1, offset: "100" }, { topic: "task.events", partition: 0, offset: "3000" }] }],
            ends,
            1000,
        );
        const group = report.groups[0];
        assert.deepStrictEqual(group.rows.map((r) => [r.partition, r.committed, r.end, r.lag, r.overThreshold]), [
            [0, 3000, 5000, 2000, true],
            [1, 100, 300, 200, false],
        ]);
        assert.strictEqual(group.totalLag, 2200);
        assert.strictEqual(group.inactive, false);
        assert.strictEqual(report.flagged, 1);
    });

    it("does not flag lag equal to the threshold", () => {
        const report = computeLag([{ groupId: "g", state: "Stable", members: 1, committed: [{ topic: "task.events", partition: 0, offset: "4000" }] }], ends, 1000);
        assert.strictEqual(report.flagged, 0);
    });

    it("flags a group with no active members even when it has no lag", () => {
        const report = computeLag([{ groupId: "cache-invalidator", state: "Empty", members: 0, committed: [{ topic: "task.comments", partition: 0, offset: "10" }] }], ends);
        assert.strictEqual(report.groups[0].inactive, true);
        assert.strictEqual(report.groups[0].totalLag, 0);
        assert.strictEqual(report.flagged, 1);
    });

    it("shows no lag for a partition the group never committed on, and skips topics that are gone", () => {
        const report = computeLag(
            [{ groupId: "g", state: "Stable", members: 1, committed: [{ topic: "task.events", partition: 1, offset: "-1" }, { topic: "deleted.topic", partition: 0, offset: "7" }] }],
            ends,
        );
        assert.deepStrictEqual(report.groups[0].rows.map((r) => [r.topic, r.committed, r.lag]), [["task.events", null, null]]);
        assert.strictEqual(report.flagged, 0);
    });
});

describe("computeLag: ordering", () => {
    it("lists groups by id, and each group's rows by topic, then partition", () => {
        const report = computeLag(
            ["b-group", "c-group", "a-group"].map((groupId) => ({
                groupId,
                state: "Stable",
                members: 1,
                committed: [
                    { topic: "task.events", partition: 1, offset: "300" },
                    { topic: "task.comments", partition: 0, offset: "10" },
                    { topic: "task.events", partition: 0, offset: "5000" },
                ],
            })),
            ends,
        );
        assert.deepStrictEqual(report.groups.map((g) => g.groupId), ["a-group", "b-group", "c-group"]);
        for (const group of report.groups) assert.deepStrictEqual(group.rows.map((r) => `${r.topic}/${r.partition}`), ["task.comments/0", "task.events/0", "task.events/1"]);
    });

    it("counts a group that committed offset 0 as lagging by the whole partition", () => {
        const report = computeLag([{ groupId: "g", state: "Stable", members: 1, committed: [{ topic: "task.comments", partition: 0, offset: "0" }] }], ends);
        assert.deepStrictEqual(report.groups[0].rows.map((r) => [r.committed, r.lag]), [[0, 10]]);
    });
});

describe("unknownGroups", () => {
    it("does not take a group that exists but has committed nothing yet for an unknown one", () => {
        assert.deepStrictEqual(unknownGroups([{ groupId: "just-started", state: "Empty", members: 0, committed: [] }, { groupId: "joining", state: "PreparingRebalance", members: 0, committed: [] }]), []);
    });

    it("names the groups Kafka describes as Dead with no members and no commits, and only those", () => {
        assert.deepStrictEqual(
            unknownGroups([
                { groupId: "typo-group", state: "Dead", members: 0, committed: [] },
                { groupId: "emptied", state: "Empty", members: 0, committed: [{ topic: "task.events", partition: 0, offset: "7" }] },
                { groupId: "dead-but-committed", state: "Dead", members: 0, committed: [{ topic: "task.events", partition: 0, offset: "7" }] },
                { groupId: "running", state: "Stable", members: 3, committed: [] },
            ]),
            ["typo-group"],
        );
    });
});
