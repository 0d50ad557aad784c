// Durability on the local platform, with the rendered topic settings: acks=all survives one broker down, is refused with two, and loses nothing.
import { strict as assert } from "assert";
import { randomUUID } from "crypto";
import { CompressionTypes, Kafka, Producer } from "kafkajs";
import { startBrokerAgain, stopBroker } from "../../../local/platform";
import { kafkaAs, kafkaAsOperator, listener, platform } from "./platform-fixture";

const TOPIC = "task.events";

/** The design's producer settings, with a few retries (a stopped broker may be the seed it tries first) so a refusal shows within seconds. */
async function connectProducer(kafka: Kafka): Promise<Producer> {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 2000 } });
    await producer.connect();
    return producer;
}

/** fsm-api on the TLS listener of the brokers still running: a client told of a stopped broker may pick it as its seed and give up. */
function fsmApiOn(brokerIds: number[]): Kafka {
    return kafkaAs("fsm-api", { brokers: brokerIds.map((id) => `127.0.0.1:${listener("tls").ports[id]}`) });
}

/** Waits until the running brokers no longer list the stopped ones, so clients are not sent to them by stale metadata. */
async function waitUntilGone(stopped: number[]): Promise<void> {
    const admin = kafkaAsOperator({ brokers: [platform().admin.bootstrap.split(",")[0]] }).admin();
    await admin.connect();
    try {
        const deadline = Date.now() + 120_000;
        while ((await admin.describeCluster()).brokers.some((b) => stopped.includes(b.nodeId))) {
            if (Date.now() > deadline) throw new Error(`brokers ${stopped.join(", ")} still listed 120 s after they stopped`);
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    } finally {
        await admin.disconnect();
    }
}

async function send(producer: Producer, runId: string, phase: string, count: number): Promise<string[]> {
    const keys = [...Array(count).keys()].map((i) => `${runId}-${phase}-${i}`);
    await producer.send({ topic: TOPIC, acks: -1, timeout: 10_000, compression: CompressionTypes.LZ4, messages: keys.map((key) => ({ key, value: phase })) });
    return keys;
}

describe("durability with the rendered topic settings (acks=all, replication factor 3, min.insync.replicas 2)", function () {
    this.timeout(600_000);
    const runId = randomUUID();
    const acknowledged: string[] = [];
    const [first, second] = [2, 1];

    after(async function () {
        // Whatever happened, the brokers come back for the tests after this one.
        for (const id of [first, second]) await startBrokerAgain(platform(), id);
    });

    it("writes with all three brokers up", async () => {
        const producer = await connectProducer(kafkaAs("fsm-api"));
        try {
            acknowledged.push(...(await send(producer, runId, "three-up", 200)));
        } finally {
            await producer.disconnect();
        }
    });

    it(`keeps writing with broker ${first} down`, async () => {
        await stopBroker(platform(), first);
        await waitUntilGone([first]);
        const producer = await connectProducer(fsmApiOn([0, second]));
        try {
            acknowledged.push(...(await send(producer, runId, "one-down", 200)));
        } finally {
            await producer.disconnect();
        }
    });

    it(`is refused with brokers ${first} and ${second} down (fewer in-sync replicas than min.insync.replicas)`, async () => {
        await stopBroker(platform(), second);
        await waitUntilGone([first, second]);
        const producer = await connectProducer(fsmApiOn([0]));
        try {
            await assert.rejects(send(producer, runId, "two-down", 50), (error: Error & { type?: string; cause?: { type?: string } }) => {
                const text = `${error.message} ${error.type ?? ""} ${error.cause?.type ?? ""}`;
                return /NOT_ENOUGH_REPLICAS|not enough replicas|in-sync replicas/i.test(text) || (assert.fail(`refused for another reason: ${text}`) as never);
            });
        } finally {
            await producer.disconnect();
        }
    });

    it("holds every acknowledged record after the brokers return", async () => {
        for (const id of [second, first]) await startBrokerAgain(platform(), id);
        const kafka = kafkaAsOperator();
        const admin = kafka.admin();
        await admin.connect();
        const ends = await admin.fetchTopicOffsets(TOPIC);
        await admin.disconnect();
        const consumer = kafka.consumer({ groupId: `local-durability-${runId}`, maxWaitTimeInMs: 200 });
        const found = new Set<string>();
        const remaining = new Set(ends.filter((e) => e.high !== e.low).map((e) => e.partition));
        await consumer.connect();
        try {
            await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
            await consumer.run({
                eachMessage: async ({ partition, message }) => {
                    const key = message.key?.toString() ?? "";
                    if (key.startsWith(runId)) found.add(key);
                    if (BigInt(message.offset) + 1n >= BigInt(ends.find((e) => e.partition === partition)!.high)) remaining.delete(partition);
                },
            });
            const deadline = Date.now() + 120_000;
            while (remaining.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
        } finally {
            await consumer.disconnect();
        }
        const lost = acknowledged.filter((key) => !found.has(key));
        assert.equal(acknowledged.length, 400);
        assert.deepEqual(lost, [], `${lost.length} acknowledged records are missing`);
    });
});
