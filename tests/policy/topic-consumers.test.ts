// Tests the advisory about topics that no consumer group or connector reads.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { STRIMZI_CONNECTOR, STRIMZI_TOPIC } from "../../policy/rules/resource-types";
import { topicConsumers } from "../../policy/rules/topic-consumers";
import { stackViolationsOf } from "./policy-harness";
import { scratchDir } from "../scratch";

const GROUPS = "consumer_groups:\n  - group_id: task-event-processor\n    topics:\n      - task.events\n      - task.comments\n";
const topic = (topicName: string) => ({ type: STRIMZI_TOPIC, name: `topic-${topicName}`, props: { spec: { topicName } } });

describe("topic-has-consumer policy", () => {
    let consumerGroupsFile: string;
    before(() => {
        consumerGroupsFile = path.join(scratchDir("groups-"), "consumer-groups.yaml");
        fs.writeFileSync(consumerGroupsFile, GROUPS);
    });
    after(() => fs.rmSync(path.dirname(consumerGroupsFile), { recursive: true, force: true }));

    it("accepts topics read by a consumer group", async () => {
        assert.deepStrictEqual(await stackViolationsOf(topicConsumers, [topic("task.events"), topic("task.comments")], { consumerGroupsFile }), []);
    });

    it("warns once about the topics nobody reads, grouped by domain, saying who can act and how", async () => {
        const resources = [topic("task.events"), topic("audit.log"), topic("sales.b"), topic("sales.a")];
        const violations = await stackViolationsOf(topicConsumers, resources, { consumerGroupsFile });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0].message, /^3 topics have no consumer group in topics\/consumer-groups.yaml and no connector reading them: audit.\* \(1\): audit.log; sales.\* \(2\): sales.a, sales.b\. /);
        assert.match(violations[0].message, /adds the topic to its group in topics\/consumer-groups.yaml .* under readElsewhere in policy\/policy-config.<stack>.json/);
        assert.strictEqual(violations[0].urn, undefined);
    });

    it("counts sink connector topics and the readElsewhere patterns as read", async () => {
        const sink = { type: STRIMZI_CONNECTOR, name: "gcs-sink", props: { spec: { config: { topics: "audit.log, analytics.events" } } } };
        const resources = [topic("audit.log"), topic("analytics.events"), topic("dlq.processing_errors"), sink];
        assert.deepStrictEqual(await stackViolationsOf(topicConsumers, resources, { consumerGroupsFile, readElsewhere: ["dlq\\..*"] }), []);
    });

    it("lets readElsewhere excuse only the topics whose whole name a pattern matches", async () => {
        const violations = await stackViolationsOf(topicConsumers, [topic("dlq.orders"), topic("audit.dlq.orders")], { consumerGroupsFile, readElsewhere: ["dlq\\..*"] });
        assert.match(violations[0].message, /^1 topic has no consumer group .* and no connector reading it: audit\.\* \(1\): audit\.dlq\.orders\. /);
    });

    it("counts only connectors as readers besides the catalog: another resource naming topics in spec.config.topics has no read access granted", async () => {
        const application = { type: "kubernetes:apps.example.com/v1:StreamProcessor", name: "audit-reader", props: { spec: { config: { topics: "audit.log" } } } };
        assert.strictEqual((await stackViolationsOf(topicConsumers, [topic("audit.log"), application], { consumerGroupsFile })).length, 1);
    });

    it("judges a connector whose spec or config is not given (as in a preview) without failing", async () => {
        const connectors = [{}, { spec: {} }].map((props) => ({ type: STRIMZI_CONNECTOR, name: "sink", props }));
        assert.deepStrictEqual(await stackViolationsOf(topicConsumers, [topic("task.events"), ...connectors], { consumerGroupsFile }), []);
    });

    it("stays quiet when the consumer groups file is absent, as for a stack checked outside the repository", async () => {
        assert.deepStrictEqual(await stackViolationsOf(topicConsumers, [topic("audit.log")], { consumerGroupsFile: path.join(path.dirname(consumerGroupsFile), "absent.yaml") }), []);
    });

    it("reads a malformed groups file leniently: an empty entry, a group without topics and a topic that is not a name give no readers", async () => {
        const file = path.join(path.dirname(consumerGroupsFile), "malformed.yaml");
        fs.writeFileSync(file, "consumer_groups:\n  - null\n  - group_id: idle\n  - group_id: audit-reader\n    topics:\n      - audit.log\n      - 42\n");
        const violations = await stackViolationsOf(topicConsumers, [topic("audit.log"), topic("task.events")], { consumerGroupsFile: file });
        assert.match(violations[0].message, /^1 topic has .*: task\.\* \(1\): task\.events\. /);
    });

    it("reads the repository's own consumer groups file by default", async () => {
        assert.deepStrictEqual(await stackViolationsOf(topicConsumers, [topic("task.events")]), []);
        assert.strictEqual((await stackViolationsOf(topicConsumers, [topic("no.such.topic")])).length, 1);
    });
});
