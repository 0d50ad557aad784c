// Unit tests of the group consumer's delivery guarantees: when it commits, and that a failed record is never dropped.
import * as assert from "assert";
import { GroupConsumer } from "../../../clients/consumer";
import { deadLetterOrigin } from "../../../clients/dead-letter";
import { GroupSettings } from "../../../clients/topics";
import { fakeKafka } from "./fake-kafka";

function group(overrides: Partial<GroupSettings<string>> = {}, clientConfig: GroupSettings<string>["clientConfig"] = {}): GroupSettings<string> {
    return { groupId: "billing-workers", topics: ["orders", "refunds"], clientConfig: { "auto.offset.reset": "earliest", "enable.auto.commit": false, ...clientConfig }, ...overrides };
}

async function started(settings: GroupSettings<string>, handler: (value: string) => Promise<void>, onDeadLetter?: (value: string, error: unknown) => void) {
    const fake = fakeKafka();
    const consumer = new GroupConsumer<string>(fake.kafka, settings, { onDeadLetter: onDeadLetter && ((r, e) => onDeadLetter(r.message.value?.toString() ?? "", e)) });
    await consumer.start(async ({ message }) => handler(message.value?.toString() ?? ""));
    const [kafkajs] = fake.consumers;
    const deliver = (value: string, offset: string) => kafkajs.deliver("orders", 3, { value: Buffer.from(value), key: Buffer.from("order:1"), offset });
    return { fake, consumer, kafkajs, deliver, dlqProducer: fake.producers[0] };
}

describe("GroupConsumer", () => {
    it("joins the catalog's group on its topics, reading committed records only, never creating topics", async () => {
        const { kafkajs } = await started(group(), async () => undefined);
        assert.strictEqual(kafkajs.config.groupId, "billing-workers");
        assert.strictEqual(kafkajs.config.readUncommitted, false);
        assert.strictEqual(kafkajs.config.allowAutoTopicCreation, false);
        assert.deepStrictEqual(kafkajs.subscriptions, [{ topics: ["orders", "refunds"], fromBeginning: true }]);
        assert.strictEqual(kafkajs.runConfig?.autoCommit, false);
    });

    it("commits the offset after a record only once its handler has succeeded", async () => {
        let finish!: () => void;
        const { kafkajs, deliver } = await started(group(), () => new Promise<void>((resolve) => (finish = resolve)));
        const delivery = deliver("ok", "41");
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepStrictEqual(kafkajs.commits, [], "nothing is committed while the handler runs");
        finish();
        await delivery;
        assert.deepStrictEqual(kafkajs.commits, [[{ topic: "orders", partition: 3, offset: "42" }]]);
    });

    it("leaves committing to kafkajs where the group auto-commits (it commits only records whose handler returned)", async () => {
        const { kafkajs, deliver } = await started(group({}, { "enable.auto.commit": true, "auto.commit.interval.ms": 1000 }), async () => undefined);
        await deliver("ok", "7");
        assert.deepStrictEqual(kafkajs.commits, []);
        assert.deepStrictEqual(kafkajs.runConfig, { autoCommit: true, autoCommitInterval: 1000 });
    });

    it("without a dead-letter topic, lets a handler's error through and commits nothing, so the record comes again", async () => {
        const { kafkajs, deliver, fake } = await started(group(), async () => {
            throw new Error("cannot parse");
        });
        await assert.rejects(deliver("bad", "5"), /cannot parse/);
        assert.deepStrictEqual(kafkajs.commits, []);
        assert.deepStrictEqual(fake.producers, [], "no dead-letter producer exists without a dead-letter topic");
    });

    it("stops a group without a dead-letter topic by disconnecting its consumer, with no producer to close", async () => {
        const { fake, consumer, kafkajs } = await started(group(), async () => undefined);
        await consumer.stop();
        assert.strictEqual(kafkajs.disconnects, 1);
        assert.deepStrictEqual(fake.producers, []);
    });

    it("hands out the kafkajs consumer it runs, for its events (GROUP_JOIN, CRASH) and seek", () => {
        const fake = fakeKafka();
        const made: unknown[] = [];
        const consumerOf = fake.kafka.consumer.bind(fake.kafka);
        fake.kafka.consumer = (config) => {
            const kafkajs = consumerOf(config);
            made.push(kafkajs);
            return kafkajs;
        };
        const consumer = new GroupConsumer<string>(fake.kafka, group(), {});
        assert.strictEqual(made.length, 1);
        assert.strictEqual(consumer.kafkajsConsumer, made[0]);
    });

    describe("with a dead-letter topic", () => {
        const failing = async (value: string) => {
            if (value === "bad") throw new TypeError("amount is missing");
        };

        it("writes a failed record to the dead-letter topic, then commits past it and goes on", async () => {
            const deadLetters: string[] = [];
            const { deliver, dlqProducer, fake } = await started(group({ deadLetterTopic: "dlq.processing_errors" }), failing, (value) => deadLetters.push(value));
            await deliver("bad", "9");
            await deliver("good", "10");
            assert.deepStrictEqual(fake.log, ["send:dlq.processing_errors", "commit:orders/3@10", "commit:orders/3@11"]);
            const [sent] = dlqProducer.sends;
            assert.strictEqual(sent.acks, -1, "the dead letter is acknowledged by all in-sync replicas before the commit");
            assert.strictEqual(sent.messages[0].value?.toString(), "bad");
            assert.deepStrictEqual(
                { ...deadLetterOrigin(sent.messages[0].headers), failedAt: undefined },
                { topic: "orders", partition: 3, offset: "9", groupId: "billing-workers", errorClass: "TypeError", errorMessage: "amount is missing", failedAt: undefined },
            );
            assert.deepStrictEqual(deadLetters, ["bad"]);
        });

        it("commits a failed record only after its dead-letter write has been acknowledged", async () => {
            let acknowledge!: () => void;
            const { kafkajs, deliver, dlqProducer } = await started(group({ deadLetterTopic: "dlq.processing_errors" }), failing);
            dlqProducer.holdNextSend = new Promise<void>((resolve) => (acknowledge = resolve));
            const delivery = deliver("bad", "9");
            await new Promise((resolve) => setImmediate(resolve));
            assert.deepStrictEqual(kafkajs.commits, [], "not committed while the dead-letter write is in flight");
            acknowledge();
            await delivery;
            assert.deepStrictEqual(kafkajs.commits, [[{ topic: "orders", partition: 3, offset: "10" }]]);
        });

        it("commits nothing when the dead-letter write fails, so the record is delivered again instead of lost", async () => {
            const deadLetters: string[] = [];
            const { kafkajs, deliver, dlqProducer } = await started(group({ deadLetterTopic: "dlq.processing_errors" }), failing, (value) => deadLetters.push(value));
            dlqProducer.failNextSend = new Error("dead-letter topic unavailable");
            await assert.rejects(deliver("bad", "9"), /dead-letter topic unavailable/);
            assert.deepStrictEqual(kafkajs.commits, []);
            assert.deepStrictEqual(deadLetters, [], "onDeadLetter reports only records that reached the dead-letter topic");
        });

        it("connects the dead-letter producer before consuming, and stop disconnects both", async () => {
            const { consumer, kafkajs, dlqProducer } = await started(group({ deadLetterTopic: "dlq.processing_errors" }), failing);
            assert.strictEqual(dlqProducer.connects, 1);
            assert.strictEqual(kafkajs.connects, 1);
            await consumer.stop();
            assert.strictEqual(kafkajs.disconnects, 1);
            assert.strictEqual(dlqProducer.disconnects, 1);
        });
    });
});
