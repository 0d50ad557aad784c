// Tests the "did you mean" suggestions every unknown-key problem carries.
import * as assert from "assert";
import { closestName, didYouMean } from "../../catalog/problems";

describe("did-you-mean suggestions", () => {
    it("suggests the first-listed of two names equally close to a misspelling, so the hint is stable", () => {
        assert.strictEqual(didYouMean("ab_ms", ["aa_ms", "bb_ms"]), ' (did you mean "aa_ms"?)');
    });

    it("suggests a name two edits away from a short word, and nothing for one three edits away", () => {
        assert.strictEqual(closestName("topicsxy", ["topics"]), "topics");
        assert.strictEqual(closestName("topicsxyz", ["topics"]), undefined);
    });
});
