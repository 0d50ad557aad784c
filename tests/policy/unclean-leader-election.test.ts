// Tests that unclean leader election stays off on the cluster and on topics.
import * as assert from "assert";
import { checkRenderedResources } from "../../policy/check-rendered";
import { KAFKA_PROVIDER_TOPIC, STRIMZI_KAFKA, STRIMZI_TOPIC } from "../../policy/rules/resource-types";
import { uncleanLeaderElection } from "../../policy/rules/unclean-leader-election";
import { violationsOf } from "./policy-harness";

const kafka = (unclean: unknown) => ({ type: STRIMZI_KAFKA, props: { spec: { kafka: { config: { "unclean.leader.election.enable": unclean, "min.insync.replicas": 2 } } } } });

describe("unclean-leader-election-off policy", () => {
    it("accepts a Kafka cluster with unclean leader election disabled", async () => {
        assert.deepStrictEqual(await violationsOf(uncleanLeaderElection, kafka(false)), []);
    });

    it("refuses a Kafka cluster that enables unclean leader election, as a boolean or a string", async () => {
        assert.match((await violationsOf(uncleanLeaderElection, kafka(true)))[0], /Kafka cluster sets unclean.leader.election.enable: true/);
        assert.strictEqual((await violationsOf(uncleanLeaderElection, kafka("TRUE"))).length, 1);
        assert.strictEqual((await violationsOf(uncleanLeaderElection, kafka(" true "))).length, 1, "Kafka trims a boolean setting");
    });

    it("tells the user why: an out-of-sync replica would become leader and acknowledged records would be lost", async () => {
        for (const violation of [...(await violationsOf(uncleanLeaderElection, kafka(true))), ...(await violationsOf(uncleanLeaderElection, { type: STRIMZI_TOPIC, props: { spec: { topicName: "audit.log", config: { "unclean.leader.election.enable": true } } } }))]) {
            assert.match(violation, /an out-of-sync replica would become leader and acknowledged records would be lost/);
        }
    });

    it("judges a Kafka cluster whose spec, Kafka section or config is not given (as in a preview) without failing", async () => {
        for (const props of [{}, { spec: {} }, { spec: { kafka: {} } }]) assert.deepStrictEqual(await violationsOf(uncleanLeaderElection, { type: STRIMZI_KAFKA, props }), [], JSON.stringify(props));
    });

    it("names the guardrail unclean-leader-election-off in the refusal, the name a stack's policy config knows it by", async () => {
        const cluster = { type: STRIMZI_KAFKA, name: "kafka", inputs: kafka(true).props, options: { protect: true } };
        assert.deepStrictEqual(
            (await checkRenderedResources([cluster], "prod")).map((d) => [d.policyName, d.enforcementLevel]),
            [["unclean-leader-election-off", "mandatory"]],
        );
        assert.deepStrictEqual(await checkRenderedResources([cluster], "prod", { "unclean-leader-election-off": "disabled" }), []);
    });

    it("blames the Kafka cluster only for the cluster's own settings, not for another kind's spec.kafka.config", async () => {
        const application = { type: "kubernetes:apps.example.com/v1:StreamProcessor", props: kafka(true).props };
        assert.deepStrictEqual(await violationsOf(uncleanLeaderElection, application), []);
    });

    it("refuses a topic that enables unclean leader election and accepts one that does not", async () => {
        const topic = (config: object) => ({ type: STRIMZI_TOPIC, props: { spec: { topicName: "audit.log", replicas: 3, config } } });
        assert.match((await violationsOf(uncleanLeaderElection, topic({ "unclean.leader.election.enable": "true" })))[0], /Topic "audit.log"/);
        assert.deepStrictEqual(await violationsOf(uncleanLeaderElection, topic({ "cleanup.policy": "delete" })), []);
    });

    it("refuses it on topics of the kafka backend too (the Kafka provider's Topic, settings as strings)", async () => {
        const topic = (config: object) => ({ type: KAFKA_PROVIDER_TOPIC, props: { name: "payments.settled", partitions: 6, replicationFactor: 3, config } });
        assert.match((await violationsOf(uncleanLeaderElection, topic({ "unclean.leader.election.enable": "true" })))[0], /Topic "payments.settled": unclean.leader.election.enable: is true/);
        assert.deepStrictEqual(await violationsOf(uncleanLeaderElection, topic({ "unclean.leader.election.enable": "false" })), []);
    });

    it("names a KafkaTopic without spec.topicName by its metadata name, the topic Strimzi creates", async () => {
        const topic = { type: STRIMZI_TOPIC, props: { metadata: { name: "audit-log" }, spec: { replicas: 3, config: { "unclean.leader.election.enable": true } } } };
        assert.match((await violationsOf(uncleanLeaderElection, topic))[0], /Topic "audit-log"/);
    });
});
