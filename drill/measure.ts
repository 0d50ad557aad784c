// The drill's findings from what each cluster holds, its table and its verdict; pure, so each rule is tested without a cluster.

/** Record values the drill writes: a phase letter and a sequence number, so every copy of a record is recognised. */
export const PHASE = {
    committed: "c", // the load on the primary, committed transactions
    aborted: "a", // a transaction the primary's producer aborted
    open: "o", // a transaction still open when the primary was lost
    large: "l", // the record near the catalog's largest size
    afterFailover: "d", // written to DR by the failed-over producers
    afterFailback: "p", // written to the primary after failing back
    warmUp: "w", // the first transaction, before the load
} as const;

export type Phase = (typeof PHASE)[keyof typeof PHASE];

export const recordValue = (phase: Phase, seq: number) => `${phase}:${seq}`;

export function phaseOf(value: string): Phase | undefined {
    const phase = value.split(":", 1)[0];
    return (Object.values(PHASE) as string[]).includes(phase) ? (phase as Phase) : undefined;
}

/** One record as a reader saw it; `offset` tells a second copy (another offset) from a second read of the same one. */
export interface SeenRecord {
    partition: number;
    value: string;
    offset?: string;
}

/** Nearest-rank percentile of a list of numbers (`p` from 0 to 100). */
export function percentile(values: number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** How many copies of each value a topic holds: records at distinct partitions and offsets; a reader's re-read of one offset is not a copy. */
export function multiplicities(records: SeenRecord[]): Map<string, number> {
    const copies = new Map<string, Set<string>>();
    records.forEach((r, i) => {
        const at = r.offset === undefined ? `read ${i}` : `${r.partition}@${r.offset}`;
        copies.set(r.value, (copies.get(r.value) ?? new Set()).add(at));
    });
    return new Map([...copies].map(([value, at]) => [value, at.size]));
}

/** Reads beyond the first of the same record (same partition and offset): the reader's doing, not the cluster's. */
export function rereads(records: SeenRecord[]): number {
    const seen = new Set<string>();
    let again = 0;
    for (const r of records) {
        if (r.offset === undefined) continue;
        const at = `${r.partition}@${r.offset}`;
        if (seen.has(at)) again++;
        else seen.add(at);
    }
    return again;
}

/** Copies beyond the first of the values of the given phases. */
export function extraCopies(records: SeenRecord[], phases: Phase[]): number {
    let extra = 0;
    for (const [value, count] of multiplicities(records)) if (phases.includes(phaseOf(value) as Phase) && count > 1) extra += count - 1;
    return extra;
}

/**
 * Copies a mirror added beyond what its source holds, of the values of the given phases: a record its source holds
 * once and its target twice was copied twice; one its source already holds twice (a client wrote it twice) was not.
 */
export function copiedTwice(source: SeenRecord[], target: SeenRecord[], phases: Phase[]): number {
    const onSource = multiplicities(source);
    let extra = 0;
    for (const [value, count] of multiplicities(target)) {
        if (!phases.includes(phaseOf(value) as Phase)) continue;
        extra += Math.max(0, count - Math.max(1, onSource.get(value) ?? 0));
    }
    return extra;
}

/** Values of `expected` that `records` lack. */
export function missing(expected: Iterable<string>, records: SeenRecord[]): string[] {
    const seen = new Set(records.map((r) => r.value));
    return [...expected].filter((v) => !seen.has(v));
}

/** Records a failed-over consumer read again: those it had already processed on the primary, in total and on its worst partition. */
export function redelivered(processedOnPrimary: Set<string>, readOnDr: SeenRecord[]): { total: number; worstPartition: number; perPartition: Map<number, number> } {
    const perPartition = new Map<number, number>();
    for (const r of readOnDr) if (processedOnPrimary.has(r.value)) perPartition.set(r.partition, (perPartition.get(r.partition) ?? 0) + 1);
    const counts = [...perPartition.values()];
    return { total: counts.reduce((a, b) => a + b, 0), worstPartition: Math.max(0, ...counts), perPartition };
}

export interface DrillFindings {
    produced: number;
    mirrored: number;
    lost: number;
    latencyP50Ms: number;
    latencyP99Ms: number;
    /** From the produce timestamp to an observer reading the record on the primary: the transaction's commit, and a fetch. */
    commitWaitMs: { p50: number; p99: number };
    /** From an observer reading a record on the primary to one reading it on DR: what the mirror adds. */
    mirrorLatencyMs: { p50: number; p99: number; of: number };
    offsetsTranslated: { partitions: number; of: number };
    failoverDuplicates: { total: number; worstPartition: number };
    visibleAbortedOrOpen: number;
    largeRecord: { bytes: number; topic: string; mirrored: boolean };
    failedTasks: string[];
    stalledPartitions: string[];
    verifyDifferences: number;
    failback: { expected: number; arrived: number; duplicated: number; resumedExpected: number; resumedArrived: number; resumedDuplicated: number };
    /** Records the platform's producer (clients/) stored twice on the cluster it wrote them to; the mirrors carry them as they are. */
    writtenTwice: number;
    rtoSeconds: number;
}

export interface Target {
    row: string;
    value: string;
    target: string;
    /** A miss of this target fails the drill (exit 1). */
    failing: boolean;
    met: boolean;
}

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : "-");

/** Every row of the table, with its target and whether a miss fails the drill. */
export function drillRows(f: DrillFindings, maxDuplicatesPerPartition: number, latencyTargetMs: number): Target[] {
    return [
        { row: "records produced (committed)", value: String(f.produced), target: "", failing: false, met: true },
        { row: "records mirrored to DR", value: String(f.mirrored), target: `= ${f.produced}`, failing: false, met: f.mirrored >= f.produced },
        { row: "records lost", value: String(f.lost), target: "0", failing: true, met: f.lost === 0 },
        { row: "replication latency p50 / p99", value: `${ms(f.latencyP50Ms)} / ${ms(f.latencyP99Ms)}`, target: `p99 < ${latencyTargetMs} ms`, failing: false, met: f.latencyP99Ms < latencyTargetMs },
        { row: "  of which produce to readable on the primary p50 / p99", value: `${ms(f.commitWaitMs.p50)} / ${ms(f.commitWaitMs.p99)}`, target: "", failing: false, met: true },
        { row: "  of which readable on the primary to readable on DR p50 / p99", value: `${ms(f.mirrorLatencyMs.p50)} / ${ms(f.mirrorLatencyMs.p99)} (${f.mirrorLatencyMs.of} records)`, target: "", failing: false, met: true },
        { row: "group offsets translated", value: `${f.offsetsTranslated.partitions} of ${f.offsetsTranslated.of} partitions`, target: "every partition", failing: false, met: f.offsetsTranslated.partitions === f.offsetsTranslated.of },
        { row: "duplicates after failover (total / worst partition)", value: `${f.failoverDuplicates.total} / ${f.failoverDuplicates.worstPartition}`, target: `≤ ${maxDuplicatesPerPartition} per partition`, failing: false, met: f.failoverDuplicates.worstPartition <= maxDuplicatesPerPartition },
        { row: "aborted or open transactional records visible on DR", value: String(f.visibleAbortedOrOpen), target: "0", failing: true, met: f.visibleAbortedOrOpen === 0 },
        { row: `large record mirrored (${f.largeRecord.bytes} bytes, ${f.largeRecord.topic})`, value: f.largeRecord.mirrored ? "yes" : "no", target: "yes", failing: true, met: f.largeRecord.mirrored },
        { row: "failed mirror tasks / stalled partitions", value: `${f.failedTasks.length} / ${f.stalledPartitions.length}`, target: "0 / 0", failing: true, met: f.failedTasks.length === 0 && f.stalledPartitions.length === 0 },
        { row: "verify on DR: differences from the catalog", value: String(f.verifyDifferences), target: "0", failing: false, met: f.verifyDifferences === 0 },
        { row: "failback: DR's records on the primary", value: `${f.failback.arrived} of ${f.failback.expected}`, target: "all", failing: true, met: f.failback.arrived === f.failback.expected },
        { row: "failback: resumed mirror, primary's new records on DR", value: `${f.failback.resumedArrived} of ${f.failback.resumedExpected}`, target: "all", failing: true, met: f.failback.resumedArrived === f.failback.resumedExpected },
        { row: "records the platform's producer stored twice", value: String(f.writtenTwice), target: "0", failing: true, met: f.writtenTwice === 0 },
        { row: "records duplicated by failback", value: String(f.failback.duplicated + f.failback.resumedDuplicated), target: "0", failing: true, met: f.failback.duplicated + f.failback.resumedDuplicated === 0 },
        { row: "failover, machine part (stop mirror to consumers caught up on DR)", value: `${f.rtoSeconds.toFixed(1)} s`, target: "", failing: false, met: true },
    ];
}

export function renderDrillTable(rows: Target[]): string {
    const cells = [["", "MEASURED", "TARGET", ""], ...rows.map((r) => [r.row, r.value, r.target, r.met ? "ok" : r.failing ? "FAIL" : "missed"])];
    const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)));
    return cells.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

/** 1 when any failing target was missed. */
export function drillExitCode(rows: Target[]): number {
    return rows.some((r) => r.failing && !r.met) ? 1 : 0;
}
