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

describe("SUMMARY.md: what a reviewer reads in every case", () => {
    const kafkaTopic = (name: string, partitions: number, replicationFactor: number, config: Record<string, unknown>): RenderedResource => ({
        type: "kafka:index/topic:Topic",
        name: `topics-${name}`,
        parent: "topics",
        inputs: { name, partitions, replicationFactor, config },
        options: { protect: true, retainOnDelete: true },
    });
    const section = (summary: string, heading: string) => {
        const start = summary.indexOf(`## ${heading}`);
        assert.ok(start >= 0, `no section ${heading}`);
        const end = summary.indexOf("\n## ", start + 1);
        return summary.slice(start, end < 0 ? undefined : end);
    };

    it("says minutes, hours and days only for whole units, and milliseconds otherwise", () => {
        assert.deepStrictEqual([humanDuration("60000"), humanDuration("5400000"), humanDuration("90000"), humanDuration("0"), humanDuration("86400000")], ["1 min", "90 min", "90000 ms", "0 ms", "1 d"]);
        assert.strictEqual(humanDuration("later"), "later");
    });

    it("says a size in the largest whole binary unit, and leaves a size that is not one as it is", () => {
        assert.deepStrictEqual([humanBytes("1073741824"), humanBytes("1024"), humanBytes("1536"), humanBytes("0")], ["1 GiB", "1 KiB", "1536 B", "0 B"]);
        assert.deepStrictEqual([humanBytes("-1"), humanBytes("lots")], ["-1", "lots"]);
    });

    it("reads a topic of the kafka backend like a Strimzi one, sorted by name with the Strimzi ones", () => {
        const rows = topicRows([kafkaTopic("zeta", 6, 3, { "retention.ms": 1000 }), topic("alpha", 3, {})]);
        assert.deepStrictEqual(rows.map((r) => [r.name, r.resource, r.partitions, r.replicas, r.config, r.released]), [
            ["alpha", "topics-alpha", 3, 3, {}, false],
            ["zeta", "topics-zeta", 6, 3, { "retention.ms": "1000" }, false],
        ]);
    });

    it("names a replica change, a setting set or unset, and settings in name order with their labels", () => {
        const before = topicRows([kafkaTopic("orders", 12, 3, { "segment.ms": 3600000, "min.insync.replicas": 2 })])[0];
        const after = topicRows([kafkaTopic("orders", 12, 2, { "retention.ms": 86400000, "segment.bytes": 536870912 })])[0];
        assert.deepStrictEqual(topicChanges(before, after), ["replicas 3 → 2", "min.insync.replicas 2 → default", "retention default → 1 d", "segment.bytes default → 512 MiB", "segment 1 h → default"]);
    });

    it("leaves a small size in bytes as written, since 1000 bytes reads better than a fraction of a KiB", () => {
        const before = topicRows([topic("orders", 3, { "max.message.bytes": 1000 })])[0];
        const after = topicRows([topic("orders", 3, { "max.message.bytes": 1048576 })])[0];
        assert.deepStrictEqual(topicChanges(before, after), ["max.message.bytes 1000 → 1 MiB"]);
    });

    it("finds no change in a topic that kept every setting", () => {
        const row = topicRows([topic("orders", 3, { "retention.ms": WEEK })])[0];
        assert.deepStrictEqual(topicChanges(row, { ...row, config: { ...row.config } }), []);
    });

    it("says when nothing changed for topics or access, rather than leaving the sections empty", () => {
        const same = [topic("orders", 3, {}), user("shop", [["orders", ["Write"]]])];
        const summary = renderSummary({ stack: "prod", resources: same, warnings: [], advisories: [], previous: same });
        assert.match(section(summary, "Changes"), /No topic changes\./);
        assert.match(section(summary, "Access changes"), /No service gains or loses Read or Write on a topic\./);
        assert.ok(!summary.includes("Topics added") && !summary.includes("Topics removed") && !summary.includes("Topics changed"));
    });

    it("says a removed topic was released earlier when its last render had it unprotected", () => {
        const summary = renderSummary({ stack: "prod", resources: [], warnings: [], advisories: [], previous: [topic("legacy", 3, {}, false), topic("old", 3, {})] });
        assert.match(summary, /Topics removed from the stack \(2\):\n\n- `legacy` \(released earlier through removed_topics\)\n- `old`\n/);
    });

    it("warns of a compacted topic's partition increase with the compaction caveat, and not of a decrease-free change", () => {
        const before = [topic("profiles", 6, { "cleanup.policy": "compact" }), topic("orders", 6, { "retention.ms": WEEK })];
        const after = [topic("profiles", 12, { "cleanup.policy": "compact" }), topic("orders", 6, { "retention.ms": 2 * WEEK })];
        const changes = section(renderSummary({ stack: "prod", resources: after, warnings: [], advisories: [], previous: before }), "Changes");
        assert.match(changes, /- `profiles`: partitions 6 → 12\n  - advisory: Topic "profiles" is compacted and goes from 6 to 12 partitions/);
        assert.match(changes, /- `orders`: retention 7 d → 14 d\n(?! {2}- advisory)/);
    });

    it("counts Read and Write from a single-operation ACL too, and never Describe", () => {
        const single: RenderedResource = {
            type: "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser",
            name: "access-audit",
            parent: "access",
            inputs: { metadata: { name: "audit" }, spec: { authorization: { acls: [{ resource: { type: "topic", name: "orders" }, operation: "Read" }, { resource: { type: "group", name: "orders" }, operation: "Read" }, { resource: { type: "topic", name: "orders" }, operation: "Describe" }] } } },
            options: { protect: false, retainOnDelete: false },
        };
        const summary = renderSummary({ stack: "prod", resources: [topic("orders", 3, {}), single], warnings: [], advisories: [] });
        assert.match(summary, /\| `orders` \| `topics-orders` \| 3 \| 3 \| default \| default \| delete \| audit \| - \| +\|/);
    });

    it("names readers and writers of a topic in name order, and a released topic as such", () => {
        const resources = [topic("orders", 3, {}, false), user("zeta", [["orders", ["Read"]]]), user("alpha", [["orders", ["Read", "Write"]]])];
        assert.match(renderSummary({ stack: "prod", resources, warnings: [], advisories: [] }), /\| `orders` \(released\) \| `topics-orders` \| 3 \| 3 \| default \| default \| delete \| alpha, zeta \| alpha \| +\|/);
    });

    it("lists each warning, and says None where there are no advisories or warnings", () => {
        const summary = renderSummary({ stack: "prod", resources: [], warnings: ["catalog: topic x has no consumer"], advisories: [] });
        assert.match(section(summary, "Warnings (1)"), /- catalog: topic x has no consumer/);
        assert.match(section(summary, "Advisories (0)"), /None\./);
        assert.match(section(renderSummary({ stack: "prod", resources: [], warnings: [], advisories: [] }), "Warnings (0)"), /None\./);
    });

    it("says None for topics nobody is missing, and for a render without placeholders", () => {
        const resources = [topic("orders", 3, {}), user("shop", [["orders", ["Write"]]]), user("billing", [["orders", ["Read"]]])];
        const summary = renderSummary({ stack: "prod", resources, warnings: [], advisories: [] });
        assert.match(section(summary, "Topics no service may write (0)"), /None\./);
        assert.match(section(summary, "Topics no service may read (0)"), /None\./);
        assert.match(section(summary, "Placeholders"), /None\./);
    });

    it("finds placeholders inside base64 data, lists the resources holding each, and tells IDs and cluster certificates apart", () => {
        const resource = (name: string, inputs: Record<string, unknown>): RenderedResource => ({ type: "kubernetes:core/v1:Secret", name, parent: null, inputs, options: { protect: false, retainOnDelete: false } });
        const resources = [
            resource("zeta-ca", { data: { "ca.crt": Buffer.from("-----BEGIN CERTIFICATE-----\nmock CA of kafka/prod-cluster-ca-cert\n").toString("base64") } }),
            resource("alpha-ca", { data: { "ca.crt": Buffer.from("mock-cluster-ca").toString("base64") } }),
            resource("peering", { network: "vpc-prod-id" }),
            resource("plain", { note: "an ordinary value", address: "10.0.0.10" }),
        ];
        const lines = section(renderSummary({ stack: "prod", resources, warnings: [], advisories: [] }), "Placeholders").split("\n").filter((l) => l.startsWith("- "));
        assert.deepStrictEqual(lines.sort(), [
            "- a certificate read from the cluster at deployment (mock runtime): `alpha-ca`, `zeta-ca`",
            "- an ID assigned at creation (mock runtime): `peering`",
            "- an address assigned at deployment (mock runtime): `plain`",
        ].sort());
        assert.strictEqual(placeholderOf("mock-cluster-ca"), "a certificate read from the cluster at deployment (mock runtime)");
        assert.strictEqual(placeholderOf("<redacted>"), "a secret, never written");
        assert.strictEqual(placeholderOf("an ordinary value"), undefined);
    });

    it("counts resources by type, types in name order", () => {
        const summary = renderSummary({ stack: "prod", resources: [user("b", []), topic("x", 3, {}), user("a", [])], warnings: [], advisories: [] });
        assert.match(summary, /^3 resources, 1 topics\./m);
        assert.match(section(summary, "Resources by type"), /\| `kubernetes:kafka.strimzi.io\/v1beta2:KafkaTopic` \| 1 \|\n\| `kubernetes:kafka.strimzi.io\/v1beta2:KafkaUser` \| 2 \|\n/);
    });

    it("counts an All or wildcard ACL as access, but not the mirror's Read, and not another user's", () => {
        const wildcard: RenderedResource = { ...user("ops", []), inputs: { metadata: { name: "ops" }, spec: { authorization: { acls: [{ resource: { type: "topic", name: "*", patternType: "literal" }, operations: ["All"] }] } } } };
        assert.deepStrictEqual(topicAccess([wildcard], ["a", "b"]), { unwritten: [], unread: [] });
        assert.deepStrictEqual(topicAccess([user("mirror-maker-2", [["a", ["All"]]]), user("x", [["b", ["Read"]]])], ["a", "b", "a"]), { unwritten: ["b"], unread: ["a"] });
        const group: RenderedResource = { ...user("g", []), inputs: { metadata: { name: "g" }, spec: { authorization: { acls: [{ resource: { type: "group", name: "a" }, operations: ["Read"] }] } } } };
        assert.deepStrictEqual(topicAccess([group], ["a"]).unread, ["a"]);
    });
});

describe("SUMMARY.md as a whole", () => {
    it("reads, for a small change, as exactly this markdown: sections in order, each separated by a blank line", () => {
        const before = [topic("orders", 3, { "retention.ms": 86400000 }), user("shop", [["orders", ["Write"]]])];
        const after = [topic("orders", 6, { "retention.ms": 86400000, "flush.messages": 2048 }), topic("audit", 1, {}), user("shop", [["orders", ["Write"]]]), user("billing", [["orders", ["Read"]]])];
        const expected = [
            "# Plan of stack `prod`",
            "",
            "4 resources, 2 topics.",
            "",
            "## Changes",
            "",
            "Topics added (1):",
            "",
            "- `audit`: 1 partition, 3 replicas, retention default, delete",
            "",
            "Topics changed (1):",
            "",
            "- `orders`: partitions 3 → 6, flush.messages default → 2048",
            '  - advisory: Topic "orders" is keyed and goes from 3 to 6 partitions: existing keys map to new partitions, so per-key ordering breaks across the change. Prefer a new topic and a migration, or confirm consumers tolerate it.',
            "",
            "## Access changes",
            "",
            "- `billing` gains Read on `orders`",
            "",
            "## Topics (2)",
            "",
            "Resource: the name policy exceptions use. Readers are consumer groups, writers producers (Kafka users with Read or Write).",
            "",
            "| Topic | Resource | Partitions | Replicas | Retention | Segment | Cleanup | Readers | Writers | Other settings |",
            "| --- | --- | ---: | ---: | --- | --- | --- | --- | --- | --- |",
            "| `audit` | `topics-audit` | 1 | 3 | default | default | delete | - | - |  |",
            "| `orders` | `topics-orders` | 6 | 3 | 1 d | default | delete | billing | shop | flush.messages=2048 |",
            "",
            "## Topics no service may write (1)",
            "",
            "No KafkaUser has Write on these, so nothing the platform runs can put a record in them; name the service that does in `topics/producers.yaml`.",
            "- `audit`",
            "",
            "## Topics no service may read (1)",
            "",
            "No KafkaUser but MirrorMaker 2's (`mirror-maker-2`, which copies them to DR) has Read on these: their records cannot be consumed or replayed; name the group that does in `topics/consumer-groups.yaml`.",
            "- `audit`",
            "",
            "## Advisories (1)",
            "",
            "From the policy pack, as `pulumi preview` reports them; none blocks the change.",
            "",
            "- a1",
            "",
            "## Warnings (1)",
            "",
            "- w1",
            "",
            "## Placeholders",
            "",
            "This render ran offline; these values stand in for what only a deployment knows:",
            "",
            "None.",
            "",
            "## Resources by type",
            "",
            "| Type | Count |",
            "| --- | ---: |",
            "| `kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic` | 2 |",
            "| `kubernetes:kafka.strimzi.io/v1beta2:KafkaUser` | 2 |",
            "",
        ].join("\n");
        assert.strictEqual(renderSummary({ stack: "prod", resources: after, warnings: ["w1"], advisories: ["a1"], previous: before }), expected);
    });

    it("shows a size in KiB from 1024 bytes on, and a count that is no size (flush.messages) as written", () => {
        const before = topicRows([topic("orders", 3, { "segment.bytes": 1023, "flush.messages": 4096 })])[0];
        const after = topicRows([topic("orders", 3, { "segment.bytes": 1024, "flush.messages": 8192 })])[0];
        assert.deepStrictEqual(topicChanges(before, after), ["flush.messages 4096 → 8192", "segment.bytes 1023 → 1 KiB"]);
    });

    it("lists access gained and lost in name order, whatever order the users come in", () => {
        const before = [user("zeta", [["orders", ["Read"]]]), user("alpha", [["orders", ["Read"]]])];
        const after = [user("zeta", [["invoices", ["Write"]]]), user("alpha", [["invoices", ["Write"]]])];
        const summary = renderSummary({ stack: "prod", resources: after, warnings: [], advisories: [], previous: before });
        assert.deepStrictEqual(summary.split("\n").filter((l) => / (gains|loses) /.test(l)), [
            "- `alpha` gains Write on `invoices`",
            "- `zeta` gains Write on `invoices`",
            "- `alpha` loses Read on `orders`",
            "- `zeta` loses Read on `orders`",
        ]);
    });

    it("does not count Read on a consumer group of a topic's name as Read on the topic", () => {
        const groupOnly: RenderedResource = { ...user("audit", []), inputs: { metadata: { name: "audit" }, spec: { authorization: { acls: [{ resource: { type: "group", name: "orders" }, operations: ["Read"] }] } } } };
        assert.match(renderSummary({ stack: "prod", resources: [topic("orders", 3, {}), groupOnly], warnings: [], advisories: [] }), /\| `orders` \| `topics-orders` \| 3 \| 3 \| default \| default \| delete \| - \| - \|/);
    });

    it("finds a placeholder in a list, and calls no real address or name ending in -id one", () => {
        const secret: RenderedResource = { type: "kubernetes:core/v1:Secret", name: "listed", parent: null, inputs: { items: [{ value: "<redacted>" }] }, options: { protect: false, retainOnDelete: false } };
        assert.match(renderSummary({ stack: "prod", resources: [secret], warnings: [], advisories: [] }), /- a secret, never written: `listed`/);
        for (const real of ["110.0.0.10", "10.0.0.10.5", "vpc-identity", "a network-id", "x203.0.113.10:9094"]) assert.strictEqual(placeholderOf(real), undefined, real);
    });

    it("counts only the topics a prefixed ACL's name begins, and a single Write operation as write access", () => {
        const prefixed: RenderedResource = { ...user("importer", []), inputs: { metadata: { name: "importer" }, spec: { authorization: { acls: [{ resource: { type: "topic", name: "imp", patternType: "prefix" }, operations: ["Write"] }] } } } };
        assert.deepStrictEqual(topicAccess([prefixed], ["orders", "imports"]).unwritten, ["orders"]);
        const single: RenderedResource = { ...user("shop", []), inputs: { metadata: { name: "shop" }, spec: { authorization: { acls: [{ resource: { type: "topic", name: "orders" }, operation: "Write" }] } } } };
        assert.deepStrictEqual(topicAccess([single], ["orders"]), { unwritten: [], unread: ["orders"] });
        assert.deepStrictEqual(topicAccess([], ["zeta", "alpha"]), { unwritten: ["alpha", "zeta"], unread: ["alpha", "zeta"] });
    });
});

describe("SUMMARY.md: changes that balance out", () => {
    it("lists a renamed topic as one added and one removed, never as no change", () => {
        const summary = renderSummary({ stack: "prod", resources: [topic("orders.v2", 3, {})], warnings: [], advisories: [], previous: [topic("orders", 3, {})] });
        const changes = summary.slice(summary.indexOf("## Changes"), summary.indexOf("## Access changes"));
        assert.strictEqual(changes, "## Changes\n\nTopics added (1):\n\n- `orders.v2`: 3 partitions, 3 replicas, retention default, delete\n\nTopics removed from the stack (1):\n\n- `orders`\n\n");
    });

    it("says an added topic's cleanup policy as the catalog set it, and delete where it is unset", () => {
        const summary = renderSummary({ stack: "prod", resources: [topic("user.profiles", 6, { "cleanup.policy": "compact" }), topic("orders", 3, {})], warnings: [], advisories: [], previous: [] });
        assert.deepStrictEqual(summary.split("\n").filter((l) => l.startsWith("- `")).slice(0, 2), [
            "- `orders`: 3 partitions, 3 replicas, retention default, delete",
            "- `user.profiles`: 6 partitions, 3 replicas, retention default, compact",
        ]);
    });

    it("reads an earlier render's partial records: a topic without options, a user without metadata, spec or ACL resource", () => {
        const optionless = { ...topic("orders", 3, {}), options: undefined } as unknown as RenderedResource;
        const kafkaUser = (name: string, inputs: Record<string, unknown>): RenderedResource => ({ ...user(name, []), inputs });
        const previous = [
            optionless,
            kafkaUser("shop", { spec: { authorization: { acls: [{ resource: { type: "topic", name: "orders" }, operations: ["Write"] }] } } }),
            kafkaUser("empty", {}),
            kafkaUser("open", { metadata: { name: "open" }, spec: {} }),
            kafkaUser("odd", { metadata: { name: "odd" }, spec: { authorization: { acls: [{ operations: ["Read"] }] } } }),
        ];
        const summary = renderSummary({ stack: "prod", resources: [topic("orders", 3, {})], warnings: [], advisories: [], previous });
        assert.strictEqual(summary.slice(summary.indexOf("## Changes"), summary.indexOf("## Topics")), "## Changes\n\nNo topic changes.\n\n## Access changes\n\n- `access-shop` loses Write on `orders`\n\n");
    });

    it("writes an unchanged plan's Changes section as one sentence", () => {
        const same = [topic("orders", 3, {})];
        const summary = renderSummary({ stack: "prod", resources: same, warnings: [], advisories: [], previous: same });
        assert.strictEqual(summary.slice(summary.indexOf("## Changes"), summary.indexOf("## Access changes")), "## Changes\n\nNo topic changes.\n\n");
    });

    it("lists a topic's other settings comma-separated, and reads past empty inputs", () => {
        const withNull: RenderedResource = { type: "kubernetes:core/v1:ConfigMap", name: "empty", parent: null, inputs: { data: null, count: 3 }, options: { protect: false, retainOnDelete: false } };
        const summary = renderSummary({ stack: "prod", resources: [topic("orders", 3, { "min.insync.replicas": 2, "max.message.bytes": 2097152 }), withNull], warnings: [], advisories: [] });
        assert.match(summary, /\| min\.insync\.replicas=2, max\.message\.bytes=2 MiB \|/);
    });
});
