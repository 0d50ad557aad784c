// Tests that production topics keep replication factor 3 and min.insync.replicas 2 or more.
import * as assert from "assert";
import { KAFKA_PROVIDER_TOPIC, STRIMZI_TOPIC } from "../../policy/rules/resource-types";
import { topicDurability } from "../../policy/rules/topic-durability";
import { violationsOf } from "./policy-harness";

function strimziTopic(replicas: number, minInsync?: number, stack = "prod") {
    const config = minInsync === undefined ? { "cleanup.policy": "delete" } : { "min.insync.replicas": minInsync, "cleanup.policy": "delete" };
    return { type: STRIMZI_TOPIC, stack, props: { metadata: { name: "user-events" }, spec: { topicName: "user.events", partitions: 12, replicas, config } } };
}

describe("topic-durability policy", () => {
    it("accepts a production KafkaTopic with 3 replicas and min.insync.replicas 2", async () => {
        assert.deepStrictEqual(await violationsOf(topicDurability, strimziTopic(3, 2)), []);
    });

    it("refuses a production KafkaTopic with 2 replicas", async () => {
        const violations = await violationsOf(topicDurability, strimziTopic(2, 2));
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /^Topic "user.events": replication.factor: is 2; prod topics keep 3 replicas/);
    });

    it("refuses a production KafkaTopic with min.insync.replicas 1", async () => {
        const violations = await violationsOf(topicDurability, strimziTopic(3, 1));
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /^Topic "user.events": min.insync.replicas: is 1; set it to 2 or more/);
    });

    it("refuses a production KafkaTopic that leaves min.insync.replicas unset", async () => {
        assert.match((await violationsOf(topicDurability, strimziTopic(3)))[0], /min.insync.replicas: is unset/);
    });

    it("refuses a replication factor or min.insync.replicas that is not a number, such as a list", async () => {
        const listed = { type: STRIMZI_TOPIC, props: { spec: { topicName: "user.events", replicas: [3], config: { "min.insync.replicas": [2] } } } };
        assert.deepStrictEqual((await violationsOf(topicDurability, listed)).map((v) => v.split(": ")[1]), ["replication.factor", "min.insync.replicas"]);
    });

    it("reads string settings of a Kafka provider topic", async () => {
        const props = { name: "task.events", partitions: 24, replicationFactor: 3, config: { "min.insync.replicas": "2" } };
        assert.deepStrictEqual(await violationsOf(topicDurability, { type: KAFKA_PROVIDER_TOPIC, props }), []);
        const weak = { ...props, replicationFactor: 1, config: { "min.insync.replicas": "1" } };
        assert.strictEqual((await violationsOf(topicDurability, { type: KAFKA_PROVIDER_TOPIC, props: weak })).length, 2);
    });

    it("leaves topics of stacks not listed in its config alone", async () => {
        assert.deepStrictEqual(await violationsOf(topicDurability, strimziTopic(1, 1, "dr")), []);
        assert.strictEqual((await violationsOf(topicDurability, strimziTopic(1, 1, "dr"), { stacks: ["prod", "dr"] })).length, 2);
    });

    it("judges a topic whose name is not given yet (as in a preview) without failing", async () => {
        const unnamed = [
            { type: STRIMZI_TOPIC, props: { spec: { partitions: 12, replicas: 1, config: { "min.insync.replicas": 2 } } } },
            { type: KAFKA_PROVIDER_TOPIC, props: { partitions: 12, replicationFactor: 1, config: { "min.insync.replicas": "2" } } },
        ];
        for (const topic of unnamed) assert.deepStrictEqual(await violationsOf(topicDurability, topic), ['Topic "": replication.factor: is 1; prod topics keep 3 replicas, so one broker can fail while another is restarted.'], topic.type);
    });
});
