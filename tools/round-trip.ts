// Summarises a smoke run: how many canary records came back, how fast, and which were lost; pure.

export interface RoundTripSummary {
    sent: number;
    received: number;
    lost: number[];
    duplicates: number;
    p50Ms: number | null;
    p99Ms: number | null;
    maxMs: number | null;
}

/** Nearest-rank percentile of ascending values: the smallest value with at least p% of values at or below it. */
export function percentile(sortedAscending: number[], p: number): number | null {
    if (sortedAscending.length === 0) return null;
    const rank = Math.ceil((p / 100) * sortedAscending.length);
    return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1];
}

/**
 * `sentAt[i]` is when record i was sent; `receipts` lists (sequence, time received) in arrival
 * order, duplicates included. Times are milliseconds on one monotonic clock.
 */
export function summarizeRoundTrips(sentAt: number[], receipts: { seq: number; at: number }[]): RoundTripSummary {
    const firstReceipt = new Map<number, number>();
    let duplicates = 0;
    for (const { seq, at } of receipts) {
        if (!Number.isInteger(seq) || seq < 0 || seq >= sentAt.length) continue;
        if (firstReceipt.has(seq)) duplicates++;
        else firstReceipt.set(seq, at);
    }
    const durations = [...firstReceipt.entries()].map(([seq, at]) => at - sentAt[seq]).sort((a, b) => a - b);
    const lost = sentAt.map((_, seq) => seq).filter((seq) => !firstReceipt.has(seq));
    return {
        sent: sentAt.length,
        received: firstReceipt.size,
        lost,
        duplicates,
        p50Ms: round(percentile(durations, 50)),
        p99Ms: round(percentile(durations, 99)),
        maxMs: round(durations.length ? durations[durations.length - 1] : null),
    };
}

function round(ms: number | null): number | null {
    return ms === null ? null : Math.round(ms * 100) / 100;
}
