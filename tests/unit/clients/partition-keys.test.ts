// Unit tests of the partition key strategies.
import * as assert from "assert";
import { analyticsEventKey, auditEventKey, cdcEventKey, PartitionKeyStrategy, taskEventKey, userEventKey } from "../../../clients/partition-keys";

describe("partition keys", () => {
    it("prefixes each id with its kind, as the design does", () => {
        assert.strictEqual(userEventKey("42"), "user:42");
        assert.strictEqual(taskEventKey("t-9"), "task:t-9");
        assert.strictEqual(cdcEventKey("tasks", "17"), "tasks:17");
        assert.strictEqual(auditEventKey("project", "p-1"), "project:p-1");
        assert.strictEqual(PartitionKeyStrategy.forOrganizationEvent("o-1"), "org:o-1");
        assert.strictEqual(PartitionKeyStrategy.forProjectEvent("p-1"), "project:p-1");
        assert.strictEqual(PartitionKeyStrategy.forNotificationEvent("u-1"), "user:u-1");
    });

    it("orders analytics by session, else by user", () => {
        assert.strictEqual(analyticsEventKey({ sessionId: "s-1", userId: "u-1" }), "session:s-1");
        assert.strictEqual(analyticsEventKey({ sessionId: "", userId: "u-1" }), "user:u-1");
        assert.strictEqual(PartitionKeyStrategy.forAnalyticsEvent("", "u-2"), "user:u-2");
    });

    it("refuses a missing id instead of keying on 'undefined' as the design did", () => {
        assert.throws(() => analyticsEventKey({}), /sessionId or a userId/);
        assert.throws(() => userEventKey(""), /non-empty id/);
        assert.throws(() => cdcEventKey("tasks", " "), /record partition key/);
    });

    it("names the kind of id that is missing", () => {
        const missing: [() => string, string][] = [
            [() => userEventKey(" "), "user"],
            [() => PartitionKeyStrategy.forOrganizationEvent(""), "organization"],
            [() => PartitionKeyStrategy.forProjectEvent(""), "project"],
            [() => taskEventKey(""), "task"],
            [() => PartitionKeyStrategy.forNotificationEvent(""), "user"],
            [() => cdcEventKey("", "17"), "table"],
            [() => auditEventKey(" ", "p-1"), "entity type"],
            [() => auditEventKey("project", ""), "entity"],
        ];
        for (const [key, kind] of missing) assert.throws(key, (err: Error) => err.message === `a ${kind} partition key needs a non-empty id`, kind);
    });

    it("treats a blank session or user id as missing, so blank ids never share one partition", () => {
        assert.strictEqual(analyticsEventKey({ sessionId: "  ", userId: "u-1" }), "user:u-1");
        assert.throws(() => analyticsEventKey({ sessionId: " ", userId: " " }), /sessionId or a userId/);
        assert.throws(() => analyticsEventKey({ userId: "" }), /sessionId or a userId/);
    });
});
