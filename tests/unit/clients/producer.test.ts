// Unit tests of the platform producer's delivery guarantees: what it asks of the broker for every send and transaction.
import * as assert from "assert";
import { CompressionTypes, Partitioners, ProducerRecord } from "kafkajs";
import { encodeValue, PlatformProducer } from "../../../clients/producer";
import { fakeKafka } from "./fake-kafka";

/** Utils.toPositive(Utils.murmur2(key)) % 48, as Kafka 3.6's Java client computes it for these keys. */
const JAVA_PARTITION = { "task:42": 6, "task:7": 5 };

describe("PlatformProducer", () => {
    it("is idempotent with one request in flight, so a retried batch is never written twice or out of order", () => {
        const fake = fakeKafka();
        new PlatformProducer<string>(fake.kafka);
        const config = fake.producers[0].config;
        assert.strictEqual(config.idempotent, true);
        assert.strictEqual(config.maxInFlightRequests, 1);
    });

    it("never creates a topic by writing to it, and partitions keys as the Java client does", () => {
        const fake = fakeKafka();
        new PlatformProducer<string>(fake.kafka);
        const config = fake.producers[0].config;
        assert.strictEqual(config.allowAutoTopicCreation, false);
        assert.strictEqual(config.createPartitioner, Partitioners.DefaultPartitioner);
    });

    it("has every send acknowledged by all in-sync replicas (acks=-1), LZ4-compressed", async () => {
        const fake = fakeKafka();
        const producer = new PlatformProducer<string>(fake.kafka);
        await producer.send("orders", [{ key: "order:1", value: "a" }]);
        await producer.send("orders", [{ key: "order:2", value: "b" }]);
        assert.deepStrictEqual(fake.producers[0].sends.map((s) => [s.acks, s.compression]), [
            [-1, CompressionTypes.LZ4],
            [-1, CompressionTypes.LZ4],
        ]);
    });

    it("sends each record's key, its value (objects as JSON) and headers, with the source header added", async () => {
        const fake = fakeKafka();
        const producer = new PlatformProducer<string>(fake.kafka, { source: "billing-api" });
        await producer.send("invoices", [
            { key: "invoice:7", value: { amount: 12 }, headers: { "trace-id": "t1" } },
            { key: null, value: "plain" },
        ]);
        const [sent] = fake.producers[0].sends;
        assert.strictEqual(sent.topic, "invoices");
        assert.deepStrictEqual(sent.messages, [
            { key: "invoice:7", value: '{"amount":12}', headers: { "trace-id": "t1", source: "billing-api" }, partition: 0 },
            { key: null, value: "plain", headers: { source: "billing-api" }, partition: 0 },
        ]);
    });

    it("adds no source header unless one is configured, and leaves the caller's headers untouched", async () => {
        const fake = fakeKafka();
        const producer = new PlatformProducer<string>(fake.kafka);
        const headers = { "trace-id": "t1" };
        await producer.send("invoices", [{ key: "k", value: "v", headers }]);
        assert.deepStrictEqual(fake.producers[0].sends[0].messages[0].headers, { "trace-id": "t1" });
        const tagged = new PlatformProducer<string>(fakeKafka().kafka, { source: "x" });
        await tagged.send("invoices", [{ key: "k", value: "v", headers }]);
        assert.deepStrictEqual(headers, { "trace-id": "t1" });
    });

    it("connects once however many sends, and disconnects only a connected producer", async () => {
        const fake = fakeKafka();
        const producer = new PlatformProducer<string>(fake.kafka);
        await producer.disconnect();
        assert.strictEqual(fake.producers[0].disconnects, 0);
        await producer.send("t", [{ key: null, value: "1" }]);
        await producer.send("t", [{ key: null, value: "2" }]);
        assert.strictEqual(fake.producers[0].connects, 1);
        await producer.disconnect();
        await producer.disconnect();
        assert.strictEqual(fake.producers[0].disconnects, 1);
        await producer.send("t", [{ key: null, value: "3" }]);
        assert.strictEqual(fake.producers[0].connects, 2, "a send after disconnect reconnects");
    });

    describe("one request per broker, so a retry never writes another broker's records twice", () => {
        const keys = Array.from({ length: 40 }, (_, i) => `task:${i}`);
        // The fake's metadata leads partition p from broker p % 3.
        const leadersOf = (sends: ProducerRecord[]) => sends.map((s) => [...new Set(s.messages.map((m) => m.partition! % 3))]);

        it("sends each leader's records as a send of their own, in the order given, every record once", async () => {
            const fake = fakeKafka();
            fake.partitionCounts["task.events"] = 48;
            const producer = new PlatformProducer<string>(fake.kafka);
            await producer.send("task.events", keys.map((key, i) => ({ key, value: String(i) })));
            const sends = fake.producers[0].sends;
            assert.strictEqual(sends.length, 3, "40 keys over 48 partitions led by three brokers");
            for (const leaders of leadersOf(sends)) assert.strictEqual(leaders.length, 1);
            assert.strictEqual(new Set(leadersOf(sends).flat()).size, 3, "no broker's records are split over two sends");
            const values = sends.flatMap((s) => s.messages.map((m) => Number(m.value)));
            assert.deepStrictEqual([...values].sort((a, b) => a - b), keys.map((_, i) => i));
            for (const send of sends) {
                const inSend = send.messages.map((m) => Number(m.value));
                assert.deepStrictEqual(inSend, [...inSend].sort((a, b) => a - b), "records keep their order");
            }
        });

        it("puts a key on the partition the Java client's murmur2 partitioner picks for the topic's partition count", async () => {
            const fake = fakeKafka();
            fake.partitionCounts["task.events"] = 48;
            const producer = new PlatformProducer<string>(fake.kafka);
            await producer.send("task.events", [{ key: "task:42", value: "a" }, { key: "task:42", value: "b" }, { key: "task:7", value: "c" }]);
            const partitionOfKey = new Map(fake.producers[0].sends.flatMap((s) => s.messages.map((m) => [String(m.key), m.partition])));
            assert.deepStrictEqual(Object.fromEntries(partitionOfKey), { "task:42": JAVA_PARTITION["task:42"], "task:7": JAVA_PARTITION["task:7"] });
        });

        it("splits a transaction's batches the same way, all inside the one transaction", async () => {
            const fake = fakeKafka();
            fake.partitionCounts["task.events"] = 48;
            const producer = new PlatformProducer<string>(fake.kafka, { transactionalId: "fsm-api-0" });
            await producer.sendTransactional([{ topic: "task.events", records: keys.map((key, i) => ({ key, value: String(i) })) }]);
            const [tx] = fake.producers[0].transactions;
            assert.strictEqual(tx.outcome, "committed");
            assert.strictEqual(tx.sends.length, 3);
            for (const leaders of leadersOf(tx.sends)) assert.strictEqual(leaders.length, 1);
            assert.strictEqual(tx.sends.flatMap((s) => s.messages).length, keys.length);
            assert.deepStrictEqual(fake.producers[0].sends, []);
        });

        it("aborts a transaction only after every one of its sends has settled, and rethrows the failure", async () => {
            const fake = fakeKafka();
            fake.partitionCounts["task.events"] = 48;
            const producer = new PlatformProducer<string>(fake.kafka, { transactionalId: "fsm-api-0" });
            await producer.connect();
            let release!: () => void;
            fake.producers[0].holdNextSend = new Promise<void>((resolve) => (release = resolve));
            const refused = new Error("not enough in-sync replicas");
            const sending = producer.sendTransactional([{ topic: "task.events", records: keys.map((key) => ({ key, value: "v" })) }]);
            // The first partition's send waits; the next one fails.
            await new Promise((resolve) => setImmediate(resolve));
            fake.producers[0].failNextSend = refused;
            await new Promise((resolve) => setTimeout(resolve, 20));
            assert.strictEqual(fake.producers[0].transactions[0].outcome, "open", "not aborted while a send is in flight");
            release();
            await assert.rejects(sending, (error) => error === refused);
            assert.strictEqual(fake.producers[0].transactions[0].outcome, "aborted");
        });

        it("asks the brokers for a topic's partitions once, not for every send", async () => {
            const fake = fakeKafka();
            fake.partitionCounts["task.events"] = 48;
            const producer = new PlatformProducer<string>(fake.kafka);
            await producer.send("task.events", [{ key: "task:1", value: "a" }]);
            await producer.send("task.events", [{ key: "task:2", value: "b" }]);
            await producer.send("user.events", [{ key: "user:1", value: "c" }]);
            assert.deepStrictEqual(fake.metadataRequests, [["task.events"], ["user.events"]]);
        });

        it("asks again once its partition list is five minutes old, as the Java client does, so partitions added since are written to", async () => {
            const fake = fakeKafka();
            fake.partitionCounts["task.events"] = 48;
            const producer = new PlatformProducer<string>(fake.kafka);
            const realNow = Date.now;
            let now = realNow();
            Date.now = () => now;
            try {
                await producer.send("task.events", [{ key: "task:1", value: "a" }]);
                now += 299_999;
                await producer.send("task.events", [{ key: "task:1", value: "b" }]);
                now += 1;
                fake.partitionCounts["task.events"] = 96;
                await producer.send("task.events", [{ key: "task:1", value: "c" }]);
            } finally {
                Date.now = realNow;
            }
            assert.deepStrictEqual(fake.metadataRequests, [["task.events"], ["task.events"]]);
            // murmur2("task:1") is 18 modulo 48 and 66 modulo 96.
            assert.deepStrictEqual(fake.producers[0].sends.flatMap((s) => s.messages.map((m) => m.partition)), [18, 18, 66]);
        });

        it("refuses a topic the brokers' metadata leaves out, naming it, before sending anything", async () => {
            const fake = fakeKafka();
            const adminOf = fake.kafka.admin.bind(fake.kafka);
            fake.kafka.admin = () => ({ ...adminOf(), fetchTopicMetadata: async () => ({ topics: [] }) }) as unknown as ReturnType<typeof adminOf>;
            const producer = new PlatformProducer<string>(fake.kafka);
            await assert.rejects(producer.send("gone.topic", [{ key: "k", value: "v" }]), /^Error: topic gone\.topic has no partitions the producer can see$/);
            assert.deepStrictEqual(fake.producers[0].sends, []);
        });

        it("refuses a topic the brokers show no partitions of, before sending anything", async () => {
            const fake = fakeKafka();
            fake.partitionCounts["gone.topic"] = 0;
            const producer = new PlatformProducer<string>(fake.kafka);
            await assert.rejects(producer.send("gone.topic", [{ key: "k", value: "v" }]), /topic gone\.topic has no partitions the producer can see/);
            assert.deepStrictEqual(fake.producers[0].sends, []);
        });
    });

    describe("transactions", () => {
        it("are enabled by a transactionalId, with a 60 s transaction timeout unless configured", () => {
            const fake = fakeKafka();
            new PlatformProducer<string>(fake.kafka, { transactionalId: "billing-1" });
            new PlatformProducer<string>(fake.kafka, { transactionalId: "billing-2", transactionTimeoutMs: 15000 });
            assert.deepStrictEqual(fake.producers.map((p) => [p.config.transactionalId, p.config.transactionTimeout]), [
                ["billing-1", 60000],
                ["billing-2", 15000],
            ]);
        });

        it("commit every batch of sendTransactional in one transaction, each with acks=-1 and LZ4", async () => {
            const fake = fakeKafka();
            const producer = new PlatformProducer<string>(fake.kafka, { transactionalId: "billing-1", source: "billing" });
            await producer.sendTransactional([
                { topic: "invoices", records: [{ key: "i:1", value: { n: 1 } }] },
                { topic: "payments", records: [{ key: "p:1", value: "paid" }] },
            ]);
            const [tx] = fake.producers[0].transactions;
            assert.strictEqual(fake.producers[0].transactions.length, 1);
            assert.strictEqual(tx.outcome, "committed");
            assert.deepStrictEqual(tx.sends.map((s) => [s.topic, s.acks, s.compression]), [
                ["invoices", -1, CompressionTypes.LZ4],
                ["payments", -1, CompressionTypes.LZ4],
            ]);
            assert.deepStrictEqual(tx.sends[0].messages, [{ key: "i:1", value: '{"n":1}', headers: { source: "billing" }, partition: 0 }]);
            assert.deepStrictEqual(fake.producers[0].sends, [], "nothing is sent outside the transaction");
        });

        it("abort when a send fails, so read-committed consumers see none of the batches, and rethrow the send's error", async () => {
            const fake = fakeKafka();
            const producer = new PlatformProducer<string>(fake.kafka, { transactionalId: "billing-1" });
            await producer.connect();
            const refused = new Error("not enough in-sync replicas");
            let sends = 0;
            await assert.rejects(
                producer.inTransaction(async (send) => {
                    await send("invoices", [{ key: null, value: "1" }]);
                    sends++;
                    fake.producers[0].failNextSend = refused;
                    await send("payments", [{ key: null, value: "2" }]);
                    sends++;
                }),
                (error) => error === refused,
            );
            assert.strictEqual(sends, 1);
            assert.strictEqual(fake.producers[0].transactions[0].outcome, "aborted");
        });

        it("abort when the work throws, and surface the work's error even when the abort fails too", async () => {
            const fake = fakeKafka();
            const producer = new PlatformProducer<string>(fake.kafka, { transactionalId: "billing-1" });
            await producer.connect();
            fake.producers[0].failAbort = new Error("coordinator unavailable");
            await assert.rejects(
                producer.inTransaction(async (send) => {
                    await send("invoices", [{ key: null, value: "1" }]);
                    throw new Error("the payment service said no");
                }),
                /the payment service said no/,
            );
            assert.strictEqual(fake.producers[0].transactions[0].outcome, "aborted");
        });

        it("are refused without a transactionalId, before anything reaches the broker", async () => {
            const fake = fakeKafka();
            const producer = new PlatformProducer<string>(fake.kafka);
            await assert.rejects(producer.sendTransactional([{ topic: "invoices", records: [{ key: null, value: "1" }] }]), /inTransaction needs a transactionalId in the producer options/);
            assert.strictEqual(fake.producers[0].connects, 0);
            assert.deepStrictEqual(fake.producers[0].transactions, []);
        });
    });
});

describe("encodeValue", () => {
    it("writes objects as JSON, strings and bytes as they are, and null or undefined as a tombstone", () => {
        const bytes = Buffer.from([1, 2, 3]);
        assert.strictEqual(encodeValue({ a: [1] }), '{"a":[1]}');
        assert.strictEqual(encodeValue(42), "42");
        assert.strictEqual(encodeValue("text"), "text");
        assert.strictEqual(encodeValue(bytes), bytes);
        assert.strictEqual(encodeValue(null), null);
        assert.strictEqual(encodeValue(undefined), null);
    });
});
