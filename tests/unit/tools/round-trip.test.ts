// Unit tests of the smoke run summary: percentiles, loss and duplicates.
import * as assert from "assert";
import { percentile, summarizeRoundTrips } from "../../../tools/round-trip";

describe("percentile", () => {
    it("uses the nearest rank", () => {
        const values = Array.from({ length: 100 }, (_, i) => i + 1);
        assert.strictEqual(percentile(values, 50), 50);
        assert.strictEqual(percentile(values, 99), 99);
        assert.strictEqual(percentile([7], 99), 7);
        assert.strictEqual(percentile([], 50), null);
    });
});

describe("summarizeRoundTrips", () => {
    it("measures from each record's send to its first receipt and lists the lost ones", () => {
        const summary = summarizeRoundTrips([0, 10, 20, 30], [
            { seq: 1, at: 15 },
            { seq: 0, at: 2 },
            { seq: 1, at: 40 },
            { seq: 3, at: 38 },
        ]);
        assert.deepStrictEqual(summary, { sent: 4, received: 3, lost: [2], duplicates: 1, p50Ms: 5, p99Ms: 8, maxMs: 8 });
    });

    it("ignores receipts that are not of this run", () => {
        const summary = summarizeRoundTrips([0], [{ seq: 5, at: 1 }, { seq: Number.NaN, at: 1 }]);
        assert.deepStrictEqual(summary.lost, [0]);
        assert.strictEqual(summary.received, 0);
    });

    it("ignores sequence numbers just outside the run's range: below 0 and equal to the number sent", () => {
        const summary = summarizeRoundTrips([0, 10], [{ seq: -1, at: 1 }, { seq: 2, at: 12 }, { seq: 1, at: 13 }]);
        assert.deepStrictEqual([summary.received, summary.lost, summary.duplicates, summary.maxMs], [1, [0], 0, 3]);
    });
});
