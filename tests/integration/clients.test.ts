// The client library against a real broker: LZ4 both ways, the dead-letter path, commits after success, aborted transactions.
import * as assert from "assert";
import { randomBytes } from "crypto";
import { Admin, Kafka, KafkaMessage, logLevel } from "kafkajs";
import { GroupConsumer } from "../../clients/consumer";
import { deadLetterOrigin, DLQ_HEADERS } from "../../clients/dead-letter";
import { PlatformProducer } from "../../clients/producer";
import { GroupSettings } from "../../clients/topics";
import { BOOTSTRAP, createTopics, testKafka, uniqueName, waitFor } from "./helpers";

/** Reads a topic from the beginning with a throwaway group until `count` records arrived. */
async function readAll(kafka: Kafka, topic: string, count: number, options: { readUncommitted?: boolean } = {}): Promise<KafkaMessage[]> {
    const consumer = kafka.consumer({ groupId: uniqueName("reader"), maxWaitTimeInMs: 100, readUncommitted: options.readUncommitted ?? false });
    const messages: KafkaMessage[] = [];
    await consumer.connect();
    try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
        await waitFor(`${count} records from ${topic}`, () => (messages.length >= count ? true : undefined));
    } finally {
        await consumer.disconnect();
    }
    return messages;
}

function groupSettings(topic: string, clientConfig: GroupSettings["clientConfig"], deadLetterTopic?: string): GroupSettings<string> {
    return { groupId: uniqueName("group"), topics: [topic], deadLetterTopic, clientConfig: { "auto.offset.reset": "earliest", "session.timeout.ms": 10000, "heartbeat.interval.ms": 1000, ...clientConfig } };
}

describe("client library on a live broker", function () {
    const kafka = testKafka();
    let admin: Admin;

    before(async () => {
        admin = kafka.admin();
        await admin.connect();
    });

    after(async () => {
        await admin.disconnect();
    });

    describe("LZ4", () => {
        const values = ["small", JSON.stringify({ event_type: "task.created", payload: "x".repeat(5000) }), randomBytes(300 * 1024).toString("base64")];

        it("round-trips records the producer compressed, through a topic that keeps LZ4 (the broker validates each batch)", async () => {
            const topic = uniqueName("lz4");
            await createTopics(admin, [{ topic, numPartitions: 1, configEntries: [{ name: "compression.type", value: "lz4" }] }]);
            const producer = new PlatformProducer<string>(kafka);
            await producer.send(topic, values.map((value, i) => ({ key: `k${i}`, value })));
            await producer.disconnect();
            const read = await readAll(kafka, topic, values.length);
            assert.deepStrictEqual(read.map((m) => m.value?.toString()), values);
        });

        it("lets the broker decompress it to recompress with gzip", async () => {
            const topic = uniqueName("lz4-to-gzip");
            await createTopics(admin, [{ topic, numPartitions: 1, configEntries: [{ name: "compression.type", value: "gzip" }] }]);
            const producer = new PlatformProducer<string>(kafka);
            await producer.send(topic, values.map((value) => ({ key: null, value })));
            await producer.disconnect();
            assert.deepStrictEqual((await readAll(kafka, topic, values.length)).map((m) => m.value?.toString()), values);
        });

        it("reads LZ4 batches written by Kafka's own Java code", async () => {
            // Sent uncompressed to a topic that keeps LZ4, the broker compresses with the Java implementation.
            const topic = uniqueName("java-lz4");
            await createTopics(admin, [{ topic, numPartitions: 1, configEntries: [{ name: "compression.type", value: "lz4" }] }]);
            const producer = kafka.producer();
            await producer.connect();
            await producer.send({ topic, messages: values.map((value) => ({ value })) });
            await producer.disconnect();
            assert.deepStrictEqual((await readAll(kafka, topic, values.length)).map((m) => m.value?.toString()), values);
        });
    });

    describe("acknowledgement", () => {
        it("fails a send that fewer in-sync replicas than min.insync.replicas hold, instead of counting it delivered", async () => {
            // One broker holds one replica: with acks from all in-sync replicas, min.insync.replicas=2 cannot be met.
            const topic = uniqueName("isr");
            await createTopics(admin, [{ topic, numPartitions: 1, configEntries: [{ name: "min.insync.replicas", value: "2" }] }]);
            const quickKafka = new Kafka({ brokers: [BOOTSTRAP], logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 } });
            const producer = new PlatformProducer<string>(quickKafka);
            try {
                await assert.rejects(producer.send(topic, [{ key: "k", value: "unsafe" }]), /in-sync replicas|NOT_ENOUGH_REPLICAS/i);
            } finally {
                await producer.disconnect();
            }
            // A leader-only acknowledgement would have taken the same record.
            const leaderOnly = quickKafka.producer();
            await leaderOnly.connect();
            await leaderOnly.send({ topic, acks: 1, messages: [{ value: "leader-only" }] });
            await leaderOnly.disconnect();
        });
    });

    describe("dead-letter path", () => {
        it("sends a failing handler's record to the dead-letter topic with its origin and error, and goes on", async () => {
            const topic = uniqueName("orders");
            const dlq = uniqueName("dlq");
            await createTopics(admin, [
                { topic, numPartitions: 1 },
                { topic: dlq, numPartitions: 1 },
            ]);
            const producer = new PlatformProducer<string>(kafka, { source: "it-producer" });
            await producer.send(topic, [
                { key: "order:1", value: { ok: true } },
                { key: "order:2", value: { ok: false }, headers: { "trace-id": "abc" } },
                { key: "order:3", value: { ok: true } },
            ]);
            await producer.disconnect();

            const group = groupSettings(topic, { "enable.auto.commit": false }, dlq);
            const consumer = new GroupConsumer<string>(kafka, group);
            const handled: string[] = [];
            await consumer.start(async ({ message }) => {
                const body = JSON.parse(message.value?.toString() ?? "{}");
                if (!body.ok) throw new RangeError(`order ${message.key?.toString()} is not ok`);
                handled.push(message.key?.toString() ?? "");
            });
            try {
                const [dead] = await readAll(kafka, dlq, 1);
                await waitFor("offsets committed past every record", async () => {
                    const [offsets] = await admin.fetchOffsets({ groupId: group.groupId, topics: [topic] });
                    return offsets.partitions[0].offset === "3" ? true : undefined;
                });
                assert.deepStrictEqual(handled, ["order:1", "order:3"]);
                assert.strictEqual(dead.key?.toString(), "order:2");
                assert.deepStrictEqual(JSON.parse(dead.value?.toString() ?? ""), { ok: false });
                const origin = deadLetterOrigin(dead.headers);
                assert.deepStrictEqual({ ...origin, failedAt: undefined }, { topic, partition: 0, offset: "1", groupId: group.groupId, errorClass: "RangeError", errorMessage: "order order:2 is not ok", failedAt: undefined });
                assert.ok(!Number.isNaN(Date.parse(dead.headers?.[DLQ_HEADERS.failedAt]?.toString() ?? "")));
                assert.strictEqual(dead.headers?.["trace-id"]?.toString(), "abc", "the original headers travel along");
                assert.strictEqual(dead.headers?.source?.toString(), "it-producer");
            } finally {
                await consumer.stop();
            }
        });

        it("commits nothing past a record whose handler fails when there is no dead-letter topic", async () => {
            const topic = uniqueName("no-dlq");
            await createTopics(admin, [{ topic, numPartitions: 1 }]);
            const producer = new PlatformProducer<string>(kafka);
            await producer.send(topic, ["a", "b", "poison", "d"].map((value) => ({ key: null, value })));
            await producer.disconnect();

            // Few, quick retries so kafkajs gives up on the poison record within the test.
            const quickKafka = new Kafka({ brokers: [BOOTSTRAP], logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 } });
            const group = groupSettings(topic, { "enable.auto.commit": false });
            const consumer = new GroupConsumer<string>(quickKafka, group);
            const attempts: string[] = [];
            await consumer.start(async ({ message }) => {
                attempts.push(message.value?.toString() ?? "");
                if (message.value?.toString() === "poison") throw new Error("cannot handle poison");
            });
            try {
                await waitFor("the poison record to be retried", () => (attempts.filter((a) => a === "poison").length >= 2 ? true : undefined));
                const [offsets] = await admin.fetchOffsets({ groupId: group.groupId, topics: [topic] });
                assert.strictEqual(offsets.partitions[0].offset, "2", "committed up to the poison record, not past it");
                assert.ok(!attempts.includes("d"), "the record after the poison one is not handled");
            } finally {
                await consumer.stop();
            }
        });
        it("commits nothing past a failed record whose dead-letter write the broker refuses, so the group reads it again", async () => {
            const topic = uniqueName("dlq-refused");
            const dlq = uniqueName("dlq-small");
            // The dead-letter topic takes no record this size (random, so LZ4 cannot shrink it): the broker refuses the dead letter.
            await createTopics(admin, [
                { topic, numPartitions: 1 },
                { topic: dlq, numPartitions: 1, configEntries: [{ name: "max.message.bytes", value: "200" }] },
            ]);
            const poison = `poison ${randomBytes(1000).toString("base64")}`;
            const producer = new PlatformProducer<string>(kafka);
            await producer.send(topic, [{ key: null, value: "a" }, { key: null, value: poison }, { key: null, value: "c" }]);
            await producer.disconnect();

            const quickKafka = new Kafka({ brokers: [BOOTSTRAP], logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 } });
            const group = groupSettings(topic, { "enable.auto.commit": false }, dlq);
            const deadLettered: string[] = [];
            const first = new GroupConsumer<string>(quickKafka, group, { onDeadLetter: (record) => void deadLettered.push(record.message.value?.toString() ?? "") });
            const attempts: string[] = [];
            // kafkajs stops a consumer for good on an error the broker says is final (the refused dead letter).
            const restarts: boolean[] = [];
            first.kafkajsConsumer.on(first.kafkajsConsumer.events.CRASH, (event) => void restarts.push(event.payload.restart));
            await first.start(async ({ message }) => {
                const value = message.value?.toString() ?? "";
                attempts.push(value);
                if (value === poison) throw new Error("cannot handle poison");
            });
            try {
                await waitFor("the consumer to stop on the refused dead letter", () => (restarts.length > 0 ? true : undefined));
                assert.deepStrictEqual(restarts, [false]);
                const [offsets] = await admin.fetchOffsets({ groupId: group.groupId, topics: [topic] });
                assert.strictEqual(offsets.partitions[0].offset, "1", "committed up to the poison record, not past it");
                assert.ok(!attempts.includes("c"), "the record after the poison one is not handled");
                assert.deepStrictEqual(deadLettered, []);
            } finally {
                await first.stop();
            }

            // The next instance of the service starts at the poison record: nothing was lost.
            const seen: string[] = [];
            const next = new GroupConsumer<string>(kafka, group);
            await next.start(async ({ message }) => void seen.push(message.value?.toString() ?? ""));
            try {
                await waitFor("the records from the poison one on", () => (seen.length >= 2 ? true : undefined));
                assert.deepStrictEqual(seen, [poison, "c"]);
            } finally {
                await next.stop();
            }
        });
    });

    describe("transactions", () => {
        it("hides an aborted transaction from a read-committed consumer and shows a committed one", async () => {
            const topic = uniqueName("tx");
            await createTopics(admin, [{ topic, numPartitions: 1 }]);
            const producer = new PlatformProducer<string>(kafka, { transactionalId: uniqueName("tx-producer") });
            try {
                await assert.rejects(
                    producer.inTransaction(async (send) => {
                        await send(topic, [{ key: "a", value: "aborted-1" }, { key: "a", value: "aborted-2" }]);
                        throw new Error("the payment service said no");
                    }),
                    /the payment service said no/,
                );
                await producer.sendTransactional([{ topic, records: [{ key: "b", value: "committed-1" }, { key: "b", value: "committed-2" }] }]);
            } finally {
                await producer.disconnect();
            }

            const committedView = await readAll(kafka, topic, 2);
            assert.deepStrictEqual(committedView.map((m) => m.value?.toString()), ["committed-1", "committed-2"]);

            // The aborted records were written: a read-uncommitted consumer sees them.
            const uncommittedView = await readAll(kafka, topic, 4, { readUncommitted: true });
            assert.deepStrictEqual(uncommittedView.map((m) => m.value?.toString()), ["aborted-1", "aborted-2", "committed-1", "committed-2"]);
        });

        it("reads through GroupConsumer with read-committed isolation", async () => {
            const topic = uniqueName("tx-group");
            await createTopics(admin, [{ topic, numPartitions: 1 }]);
            const producer = new PlatformProducer<string>(kafka, { transactionalId: uniqueName("tx-producer") });
            await producer.inTransaction(async (send) => send(topic, [{ key: null, value: "never" }]).then(() => Promise.reject(new Error("abort"))) ).catch(() => undefined);
            await producer.sendTransactional([{ topic, records: [{ key: null, value: "kept" }] }]);
            await producer.disconnect();

            const seen: string[] = [];
            const consumer = new GroupConsumer<string>(kafka, groupSettings(topic, { "enable.auto.commit": true }));
            await consumer.start(async ({ message }) => void seen.push(message.value?.toString() ?? ""));
            try {
                await waitFor("the committed record", () => (seen.length >= 1 ? true : undefined));
                await new Promise((resolve) => setTimeout(resolve, 500));
                assert.deepStrictEqual(seen, ["kept"]);
            } finally {
                await consumer.stop();
            }
        });
    });
});

