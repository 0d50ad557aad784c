// Tests SUMMARY.md as a reviewer reads it: changes in human units, access gained and lost, readers and writers, placeholders.
import * as assert from "assert";
import { RenderedResource } from "../../render/output";
import { humanBytes, humanDuration, placeholderOf, renderSummary, topicAccess, topicChanges, topicRows } from "../../render/summary";

const topic = (name: string, partitions: number, config: Record<string, unknown>, protect = true): RenderedResource => ({
    type: "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic",
    name: `topics-${name}`,
    parent: "topics",
    inputs: { metadata: { name: name.replace(/[._]/g, "-") }, spec: { topicName: name, partitions, replicas: 3, config } },
    options: { protect, retainOnDelete: protect },
});
const user = (name: string, acls: Array<[string, string[]]>): RenderedResource => ({
    type: "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser",
    name: `access-${name}`,
    parent: "access",
    inputs: { metadata: { name }, spec: { authorization: { type: "simple", acls: acls.map(([t, operations]) => ({ resource: { type: "topic", name: t, patternType: "literal" }, operations })) } } },
    options: { protect: false, retainOnDelete: false },
});
const WEEK = 604800000;

describe("SUMMARY.md", () => {
    const before = [topic("orders", 12, { "retention.ms": WEEK, "cleanup.policy": "delete" }), topic("legacy", 3, {}), user("billing", [["orders", ["Read", "Describe"]]]), user("shop", [["orders", ["Write"]]])];
    const after = [
        topic("orders", 24, { "retention.ms": 2 * WEEK, "cleanup.policy": "delete", "max.message.bytes": 2097152 }),
        topic("invoices", 6, { "retention.ms": 30 * 86400000 }),
        user("billing", [["invoices", ["Read"]]]),
        user("shop", [["orders", ["Write"]], ["invoices", ["Write"]]]),
        { type: "kubernetes:core/v1:Secret", name: "kafka-cdc", parent: null, inputs: { stringData: { password: "<redacted>" } }, options: { protect: false, retainOnDelete: false } },
    ];
    // Written inside each test, not while the file loads, so every test that reads it is one that runs the summary's code.
    const summaryOf = () => renderSummary({ stack: "prod", resources: after, warnings: [], advisories: ["example advisory (guardrail topic-has-consumer)"], previous: before });

    it("says durations and sizes as a person does", () => {
        assert.deepStrictEqual([humanDuration("604800000"), humanDuration("3600000"), humanDuration("129600000"), humanDuration("-1"), humanDuration("1500"), humanDuration(undefined)], ["7 d", "1 h", "36 h", "forever", "1500 ms", "default"]);
        assert.deepStrictEqual([humanBytes("524288"), humanBytes("2097152"), humanBytes("1000")], ["512 KiB", "2 MiB", "1000 B"]);
    });

    it("opens with the changes: topics added, removed, and each changed setting as old → new", () => {
        const summary = summaryOf();
        assert.ok(summary.indexOf("## Changes") < summary.indexOf("## Topics"));
        assert.match(summary, /Topics added \(1\):\n\n- `invoices`: 6 partitions, 3 replicas, retention 30 d, delete/);
        assert.match(summary, /Topics removed from the stack \(1\):\n\n- `legacy`/);
        assert.match(summary, /- `orders`: partitions 12 → 24, max.message.bytes default → 2 MiB, retention 7 d → 14 d\n  - advisory: Topic "orders" is keyed and goes from 12 to 24 partitions/);
    });

    it("lists which service gains or loses Read or Write on which topic", () => {
        const summary = summaryOf();
        const access = summary.slice(summary.indexOf("## Access changes"), summary.indexOf("## Topics"));
        assert.deepStrictEqual(access.split("\n").filter((l) => l.startsWith("- ")), [
            "- `billing` gains Read on `invoices`",
            "- `shop` gains Write on `invoices`",
            "- `billing` loses Read on `orders`",
        ]);
    });

    it("shows each topic's readers, writers, retention in days and the resource name exceptions use", () => {
        const summary = summaryOf();
        assert.match(summary, /\| `invoices` \| `topics-invoices` \| 6 \| 3 \| 30 d \| default \| delete \| billing \| shop \|/);
        assert.match(summary, /\| `orders` \| `topics-orders` \| 24 \| 3 \| 14 d \| default \| delete \| - \| shop \| max.message.bytes=2 MiB \|/);
    });

    it("keeps every advisory and marks the values an offline render cannot know", () => {
        const summary = summaryOf();
        assert.match(summary, /## Advisories \(1\)\n\n.*\n\n- example advisory \(guardrail topic-has-consumer\)/);
        assert.match(summary, /## Placeholders\n\n.*\n\n- a secret, never written: `kafka-cdc`/);
    });

    it("marks a deployment-assigned address as a placeholder with or without its port, and no real address", () => {
        assert.match(placeholderOf("10.0.0.10:9094") ?? "", /address assigned at deployment/);
        assert.match(placeholderOf("203.0.113.10") ?? "", /address assigned at deployment/);
        assert.strictEqual(placeholderOf("10.0.0.100:9094"), undefined);
        assert.strictEqual(placeholderOf("10.99.0.10:9094"), undefined);
    });

    it("marks a topic released through removed_topics as a change", () => {
        assert.deepStrictEqual(topicChanges(topicRows([topic("legacy", 3, {})])[0], topicRows([topic("legacy", 3, {}, false)])[0]), ["released: unprotected for its last deployment (removed_topics)"]);
    });

    it("without a previous render, says so and has no Changes section", () => {
        const first = renderSummary({ stack: "dr", resources: after, warnings: [], advisories: [] });
        assert.match(first, /^# Plan of stack `dr`\n\n\d+ resources, 2 topics\. No previous state was given/);
        assert.ok(!first.includes("## Changes"));
    });
});

describe("SUMMARY.md: topics no service may write or read", () => {
    const prefixed = (name: string, acls: Array<[string, string[]]>): RenderedResource => {
        const u = user(name, acls);
        for (const acl of (u.inputs as any).spec.authorization.acls) acl.resource.patternType = "prefix"; // eslint-disable-line @typescript-eslint/no-explicit-any
        return u;
    };
    const resources = [
        topic("orders", 3, {}), topic("dead.letters", 3, {}), topic("imports", 3, {}),
        user("orders-api", [["orders", ["Write", "Describe"]]]),
        user("orders-reader", [["orders", ["Read", "Describe"]], ["dead.letters", ["Write"]]]),
        user("mirror-maker-2", [["orders", ["Read"]], ["dead.letters", ["Read"]], ["imports", ["Read"]]]),
    ];

    it("lists a topic no KafkaUser may write", () => {
        assert.deepStrictEqual(topicAccess(resources, ["orders", "dead.letters", "imports"]).unwritten, ["imports"]);
    });

    it("lists a topic only MirrorMaker 2 reads as one no service reads", () => {
        assert.deepStrictEqual(topicAccess(resources, ["orders", "dead.letters", "imports"]).unread, ["dead.letters", "imports"]);
    });

    it("counts a prefixed ACL as covering the topics it begins", () => {
        assert.deepStrictEqual(topicAccess([...resources, prefixed("importer", [["imp", ["Write"]]])], ["imports"]).unwritten, []);
    });

    it("says so plainly in the summary", () => {
        const summary = renderSummary({ stack: "prod", resources, warnings: [], advisories: [] });
        assert.match(summary, /## Topics no service may write \(1\)[\s\S]*- `imports`/);
        assert.match(summary, /## Topics no service may read \(2\)[\s\S]*- `dead.letters`/);
    });
});
