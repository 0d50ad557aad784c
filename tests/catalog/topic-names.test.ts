// Tests the KafkaTopic resource names at Kubernetes' 253-character limit.
import * as assert from "assert";
import { topicCrName } from "../../catalog/topic-names";

describe("KafkaTopic resource names at the length limit", () => {
    it("keeps a DNS name of 253 characters as it is, and shortens a longer one to at most 253", () => {
        const longest = "a".repeat(253);
        assert.strictEqual(topicCrName(longest), longest);
        const tooLong = topicCrName("a".repeat(254));
        assert.ok(tooLong.length <= 253, tooLong);
        assert.match(tooLong, /^a+-[0-9a-f]{10}$/);
    });
});
