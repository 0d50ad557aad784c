// smoke against a real broker: canary records go out through the platform producer and all come back.
import * as assert from "assert";
import { Admin } from "kafkajs";
import { HEALTH_CHECK_TOPIC } from "../../clients/topics";
import { runSmoke } from "../../tools/smoke";
import { BOOTSTRAP, createTopics, runTool, testKafka, uniqueName } from "./helpers";

describe("smoke on a live broker", function () {
    const kafka = testKafka();
    let admin: Admin;

    before(async () => {
        admin = kafka.admin();
        await admin.connect();
        if (!(await admin.listTopics()).includes(HEALTH_CHECK_TOPIC)) {
            await createTopics(admin, [{ topic: HEALTH_CHECK_TOPIC, numPartitions: 6, configEntries: [{ name: "compression.type", value: "lz4" }] }]);
        }
    });

    after(async () => {
        await admin.disconnect();
    });

    it("gets every record back, with round-trip percentiles, and leaves no consumer group behind", async () => {
        const topic = uniqueName("health");
        await createTopics(admin, [{ topic, numPartitions: 3 }]);
        const groupsBefore = (await admin.listGroups()).groups.length;
        const summary = await runSmoke(kafka, admin, { topic, count: 60, waitMs: 10000 });
        assert.strictEqual(summary.sent, 60);
        assert.strictEqual(summary.received, 60);
        assert.deepStrictEqual(summary.lost, []);
        assert.strictEqual(summary.duplicates, 0);
        assert.ok(summary.p50Ms !== null && summary.p99Ms !== null && summary.p50Ms > 0 && summary.p50Ms <= summary.p99Ms, JSON.stringify(summary));
        assert.strictEqual((await admin.listGroups()).groups.length, groupsBefore);
    });

    it("reads only its own records when the topic already holds others", async () => {
        const topic = uniqueName("busy");
        await createTopics(admin, [{ topic, numPartitions: 2 }]);
        const producer = kafka.producer();
        await producer.connect();
        await producer.send({ topic, messages: Array.from({ length: 50 }, (_, i) => ({ value: `old ${i}` })) });
        await producer.disconnect();
        const summary = await runSmoke(kafka, admin, { topic, count: 10, waitMs: 10000 });
        assert.deepStrictEqual([summary.received, summary.duplicates, summary.lost.length], [10, 0, 0]);
    });

    it("runs against system.health_checks from the command line and exits 0", () => {
        const run = runTool("smoke", ["--brokers", BOOTSTRAP, "--count", "20"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^system\.health_checks: sent 20, received 20, lost 0, duplicates 0$/m);
        assert.match(run.stdout, /round trip p50 [\d.]+ ms, p99 [\d.]+ ms/);
    });

    it("reports records a read-committed consumer cannot see as lost and exits 1", async () => {
        // A transaction left open holds back every later record of its partition from read-committed
        // consumers: the canaries are written but never come back, as with a hung producer in production.
        const topic = uniqueName("stuck");
        await createTopics(admin, [{ topic, numPartitions: 1 }]);
        const stuckProducer = kafka.producer({ transactionalId: uniqueName("stuck-tx"), idempotent: true, maxInFlightRequests: 1 });
        await stuckProducer.connect();
        const transaction = await stuckProducer.transaction();
        await transaction.send({ topic, messages: [{ value: "open transaction" }] });
        try {
            const run = runTool("smoke", ["--brokers", BOOTSTRAP, "--topic", topic, "--count", "5", "--wait", "2"]);
            assert.strictEqual(run.status, 1, run.stderr);
            assert.match(run.stdout, /sent 5, received 0, lost 5/);
            assert.match(run.stdout, /^LOST sequence numbers: 0, 1, 2, 3, 4$/m);
        } finally {
            await transaction.abort();
            await stuckProducer.disconnect();
        }
    });

    it("refuses a topic the cluster does not have, in one line", () => {
        const run = runTool("smoke", ["--brokers", BOOTSTRAP, "--topic", "no.such.topic", "--count", "1"]);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(run.stderr.trim(), "smoke: error: topic no.such.topic does not exist on this cluster");
    });
});
