// Tests of SUMMARY.md's statement of topics no service may write or read.
import { strict as assert } from "assert";
import { renderSummary, topicAccess } from "../../render/summary";
import { RenderedResource } from "../../render/output";

const USER = "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser";
const TOPIC = "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic";

function user(name: string, acls: { name: string; operations: string[]; patternType?: string }[]): RenderedResource {
    return { type: USER, name, parent: null, inputs: { metadata: { name }, spec: { authorization: { type: "simple", acls: acls.map((a) => ({ resource: { type: "topic", name: a.name, patternType: a.patternType ?? "literal" }, operations: a.operations })) } } }, options: {} } as unknown as RenderedResource;
}

function topic(name: string): RenderedResource {
    return { type: TOPIC, name, parent: null, inputs: { metadata: { name }, spec: { topicName: name, partitions: 1, replicas: 3, config: {} } }, options: {} } as unknown as RenderedResource;
}

describe("SUMMARY.md: topics no service may write or read", () => {
    const resources = [
        topic("orders"), topic("dead.letters"), topic("imports"),
        user("orders-api", [{ name: "orders", operations: ["Write", "Describe"] }]),
        user("orders-reader", [{ name: "orders", operations: ["Read", "Describe"] }, { name: "dead.letters", operations: ["Write"] }]),
        user("mirror-maker-2", [{ name: "orders", operations: ["Read"] }, { name: "dead.letters", operations: ["Read"] }, { name: "imports", operations: ["Read"] }]),
    ];

    it("lists a topic no KafkaUser may write", () => {
        assert.deepEqual(topicAccess(resources, ["orders", "dead.letters", "imports"]).unwritten, ["imports"]);
    });

    it("lists a topic only MirrorMaker 2 reads as one no service reads", () => {
        assert.deepEqual(topicAccess(resources, ["orders", "dead.letters", "imports"]).unread, ["dead.letters", "imports"]);
    });

    it("counts a prefixed ACL as covering the topics it begins", () => {
        const withPrefix = [...resources, user("importer", [{ name: "imp", operations: ["Write"], patternType: "prefix" }])];
        assert.deepEqual(topicAccess(withPrefix, ["imports"]).unwritten, []);
    });

    it("says so plainly in the summary", () => {
        const summary = renderSummary("prod", resources, []);
        assert.match(summary, /## Topics no service may write \(1\)[\s\S]*- `imports`/);
        assert.match(summary, /## Topics no service may read \(2\)[\s\S]*- `dead.letters`/);
    });
});
