// Tests the drill's counting (percentiles, copies, re-deliveries), its table and when it fails.
import * as assert from "assert";
import { copiedTwice, DrillFindings, drillExitCode, drillRows, extraCopies, missing, PHASE, percentile, phaseOf, recordValue, redelivered, renderDrillTable, rereads } from "../../drill/measure";

const healthy: DrillFindings = {
    produced: 1000,
    mirrored: 1000,
    lost: 0,
    latencyP50Ms: 20,
    latencyP99Ms: 400,
    commitWaitMs: { p50: 5, p99: 100 },
    mirrorLatencyMs: { p50: 15, p99: 300, of: 1000 },
    offsetsTranslated: { partitions: 48, of: 48 },
    failoverDuplicates: { total: 30, worstPartition: 3 },
    visibleAbortedOrOpen: 0,
    largeRecord: { bytes: 10484736, topic: "task.comments", mirrored: true },
    failedTasks: [],
    stalledPartitions: [],
    verifyDifferences: 0,
    failback: { expected: 500, arrived: 500, duplicated: 0, resumedExpected: 100, resumedArrived: 100, resumedDuplicated: 0 },
    writtenTwice: 0,
    rtoSeconds: 12.5,
};

describe("drill measurements (drill/measure)", () => {
    it("takes nearest-rank percentiles", () => {
        const values = Array.from({ length: 100 }, (_, i) => i + 1);
        assert.strictEqual(percentile(values, 50), 50);
        assert.strictEqual(percentile(values, 99), 99);
        assert.strictEqual(percentile([7], 99), 7);
        assert.ok(Number.isNaN(percentile([], 50)));
    });

    it("knows a record's phase from its value", () => {
        assert.strictEqual(phaseOf(recordValue(PHASE.aborted, 3)), "a");
        assert.strictEqual(phaseOf("zz:1"), undefined);
    });

    it("counts copies beyond the first, only of the phases asked", () => {
        const records = ["c:1", "c:1", "c:1", "d:1", "d:1", "p:2"].map((value) => ({ partition: 0, value }));
        assert.strictEqual(extraCopies(records, [PHASE.committed]), 2);
        assert.strictEqual(extraCopies(records, [PHASE.afterFailover, PHASE.afterFailback]), 1);
    });

    it("counts a value stored at two offsets as a duplicate, and a second read of one offset as none", () => {
        const twoCopies = [{ partition: 3, offset: "10", value: "d:7" }, { partition: 3, offset: "52", value: "d:7" }];
        assert.strictEqual(extraCopies(twoCopies, [PHASE.afterFailover]), 1);
        const readTwice = [{ partition: 3, offset: "10", value: "d:7" }, { partition: 3, offset: "10", value: "d:7" }];
        assert.strictEqual(extraCopies(readTwice, [PHASE.afterFailover]), 0);
        assert.strictEqual(rereads(readTwice), 1);
        assert.strictEqual(rereads(twoCopies), 0);
        // The same value on two partitions is two records, whatever their offsets.
        assert.strictEqual(extraCopies([{ partition: 1, offset: "5", value: "c:1" }, { partition: 2, offset: "5", value: "c:1" }], [PHASE.committed]), 1);
    });

    it("counts what a mirror copied twice against what its source holds, not a client's own double write", () => {
        const at = (partition: number, offset: number, value: string) => ({ partition, offset: String(offset), value });
        const onDr = [at(0, 0, "d:1"), at(0, 1, "d:2"), at(0, 2, "d:2")]; // the client wrote d:2 twice
        assert.strictEqual(copiedTwice(onDr, [at(0, 5, "d:1"), at(0, 6, "d:2"), at(0, 7, "d:2")], [PHASE.afterFailover]), 0);
        assert.strictEqual(copiedTwice(onDr, [at(0, 5, "d:1"), at(0, 6, "d:2"), at(0, 7, "d:2"), at(0, 8, "d:1")], [PHASE.afterFailover]), 1);
        assert.strictEqual(copiedTwice(onDr, [at(0, 5, "d:2"), at(0, 6, "d:2"), at(0, 7, "d:2")], [PHASE.afterFailover]), 1);
        // The primary's own history copied back onto it: the source holds it once, the target twice.
        assert.strictEqual(copiedTwice([at(3, 0, "c:9")], [at(3, 0, "c:9"), at(3, 40, "c:9")], [PHASE.committed]), 1);
        assert.strictEqual(copiedTwice([at(3, 0, "c:9")], [at(3, 0, "c:9"), at(3, 40, "c:9")], [PHASE.afterFailover]), 0);
    });

    it("fails a drill whose failback stored one record twice, or whose producer did", () => {
        const onDr = [{ partition: 0, offset: "0", value: "d:1" }, { partition: 0, offset: "1", value: "d:2" }];
        const onPrimary = [{ partition: 0, offset: "0", value: "d:1" }, { partition: 0, offset: "1", value: "d:2" }, { partition: 0, offset: "2", value: "d:1" }];
        const failback = { ...healthy.failback, duplicated: copiedTwice(onDr, onPrimary, [PHASE.committed, PHASE.afterFailover, PHASE.afterFailback]) };
        assert.strictEqual(drillExitCode(drillRows({ ...healthy, failback }, 10, 1000)), 1);
        assert.strictEqual(drillExitCode(drillRows({ ...healthy, writtenTwice: 1 }, 10, 1000)), 1);
        assert.strictEqual(drillExitCode(drillRows(healthy, 10, 1000)), 0);
    });

    it("lists what a cluster lacks", () => {
        assert.deepStrictEqual(missing(["c:1", "c:2", "c:3"], [{ partition: 0, value: "c:2" }]), ["c:1", "c:3"]);
    });

    it("counts re-deliveries after failover per partition: only records processed on the primary", () => {
        const processed = new Set(["c:1", "c:2", "c:3"]);
        const read = [{ partition: 0, value: "c:1" }, { partition: 0, value: "c:2" }, { partition: 1, value: "c:3" }, { partition: 1, value: "d:9" }];
        const r = redelivered(processed, read);
        assert.deepStrictEqual([r.total, r.worstPartition], [3, 2]);
    });
});

describe("drill verdict (drill/measure)", () => {
    const failsWith = (change: Partial<DrillFindings>) => drillExitCode(drillRows({ ...healthy, ...change }, 10, 1000));

    it("passes a healthy drill", () => {
        assert.strictEqual(failsWith({}), 0);
    });

    it("fails on a lost record, a visible aborted record, an unmirrored large record, a failed task or a stalled partition", () => {
        assert.strictEqual(failsWith({ lost: 1 }), 1);
        assert.strictEqual(failsWith({ visibleAbortedOrOpen: 150 }), 1);
        assert.strictEqual(failsWith({ largeRecord: { ...healthy.largeRecord, mirrored: false } }), 1);
        assert.strictEqual(failsWith({ failedTasks: ["primary->dr.MirrorSourceConnector task 3: RecordTooLargeException"] }), 1);
        assert.strictEqual(failsWith({ stalledPartitions: ["task.events-7"] }), 1);
    });

    it("fails when failback copies a record twice, either way, or leaves one behind", () => {
        assert.strictEqual(failsWith({ failback: { ...healthy.failback, duplicated: 1200 } }), 1);
        assert.strictEqual(failsWith({ failback: { ...healthy.failback, resumedDuplicated: 1 } }), 1);
        assert.strictEqual(failsWith({ failback: { ...healthy.failback, arrived: 499 } }), 1);
    });

    it("reports, without failing, targets that are measurements: latency, re-deliveries, verify", () => {
        const rows = drillRows({ ...healthy, latencyP99Ms: 1500, failoverDuplicates: { total: 3810, worstPartition: 100 } }, 10, 1000);
        assert.strictEqual(drillExitCode(rows), 0);
        const table = renderDrillTable(rows);
        assert.match(table, /replication latency p50 \/ p99\s+20 ms \/ 1500 ms\s+p99 < 1000 ms\s+missed/);
        assert.match(table, /duplicates after failover \(total \/ worst partition\)\s+3810 \/ 100\s+≤ 10 per partition\s+missed/);
    });
});
