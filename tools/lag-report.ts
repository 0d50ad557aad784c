// Works out consumer lag per group, topic and partition from committed and end offsets; pure.

/** A group as the cluster describes it, with the offsets it has committed. */
export interface GroupOffsets {
    groupId: string;
    /** Kafka's group state: Stable, Empty, PreparingRebalance, CompletingRebalance or Dead. */
    state: string;
    members: number;
    committed: { topic: string; partition: number; offset: string }[];
}

/** A partition's log end offset (high watermark). */
export interface PartitionEnd {
    topic: string;
    partition: number;
    end: string;
}

export interface LagRow {
    groupId: string;
    topic: string;
    partition: number;
    /** Null where the group has never committed on this partition (Kafka's CLI shows "-"). */
    committed: number | null;
    end: number;
    lag: number | null;
    overThreshold: boolean;
}

export interface GroupLag {
    groupId: string;
    state: string;
    members: number;
    totalLag: number;
    /** No member is consuming: lag can only grow. */
    inactive: boolean;
    rows: LagRow[];
}

export interface LagReport {
    threshold: number;
    groups: GroupLag[];
    /** Partitions over the threshold plus inactive groups: what `lag` exits 1 for. */
    flagged: number;
}

/** The design's HIGH LAG line fired above 1000 records. */
export const DEFAULT_LAG_THRESHOLD = 1000;

export function computeLag(groups: GroupOffsets[], ends: PartitionEnd[], threshold = DEFAULT_LAG_THRESHOLD): LagReport {
    const endOf = new Map(ends.map((e) => [`${e.topic}\u0000${e.partition}`, Number(e.end)]));
    const result: GroupLag[] = [];
    let flagged = 0;
    for (const group of [...groups].sort((a, b) => compare(a.groupId, b.groupId))) {
        const rows: LagRow[] = [];
        for (const { topic, partition, offset } of group.committed) {
            const end = endOf.get(`${topic}\u0000${partition}`);
            if (end === undefined) continue; // the topic is gone; its offsets are leftovers
            // Kafka reports -1 for a partition of a committed topic that this group has not committed on.
            const committed = Number(offset) >= 0 ? Number(offset) : null;
            const lag = committed === null ? null : Math.max(0, end - committed);
            const overThreshold = lag !== null && lag > threshold;
            if (overThreshold) flagged++;
            rows.push({ groupId: group.groupId, topic, partition, committed, end, lag, overThreshold });
        }
        rows.sort((a, b) => compare(a.topic, b.topic) || a.partition - b.partition);
        const inactive = group.members === 0;
        if (inactive) flagged++;
        result.push({ groupId: group.groupId, state: group.state, members: group.members, totalLag: rows.reduce((sum, r) => sum + (r.lag ?? 0), 0), inactive, rows });
    }
    return { threshold, groups: result, flagged };
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Groups the cluster does not know: Kafka describes any id it has never seen as Dead, with no
 * members and no committed offsets, rather than refusing it.
 */
export function unknownGroups(groups: GroupOffsets[]): string[] {
    return groups.filter((g) => g.state === "Dead" && g.members === 0 && g.committed.length === 0).map((g) => g.groupId);
}
