// Unit tests of the dead-letter record: original key, value and headers kept, origin and error added.
import * as assert from "assert";
import { KafkaMessage } from "kafkajs";
import { deadLetterMessage, deadLetterOrigin, DLQ_HEADERS } from "../../../clients/dead-letter";
import { nextOffset } from "../../../clients/consumer";

const failed = {
    topic: "notifications.email",
    partition: 4,
    groupId: "email-notification-dispatcher",
    error: new TypeError("recipient is missing"),
    message: { key: Buffer.from("user:42"), value: Buffer.from('{"to":null}'), headers: { source: Buffer.from("fsm-api") }, offset: "1234", timestamp: "1700000000000", attributes: 0 } as KafkaMessage,
};

describe("deadLetterMessage", () => {
    it("keeps the original key, value and headers and adds where the record came from and why it failed", () => {
        const message = deadLetterMessage(failed, new Date("2026-01-02T03:04:05Z"));
        assert.strictEqual(message.key?.toString(), "user:42");
        assert.strictEqual(message.value?.toString(), '{"to":null}');
        assert.deepStrictEqual(message.headers, {
            source: Buffer.from("fsm-api"),
            [DLQ_HEADERS.topic]: "notifications.email",
            [DLQ_HEADERS.partition]: "4",
            [DLQ_HEADERS.offset]: "1234",
            [DLQ_HEADERS.timestamp]: "1700000000000",
            [DLQ_HEADERS.group]: "email-notification-dispatcher",
            [DLQ_HEADERS.errorClass]: "TypeError",
            [DLQ_HEADERS.errorMessage]: "recipient is missing",
            [DLQ_HEADERS.failedAt]: "2026-01-02T03:04:05.000Z",
        });
    });

    it("accepts a thrown non-error and cuts a huge error message", () => {
        const message = deadLetterMessage({ ...failed, error: "x".repeat(5000) });
        assert.strictEqual(String(message.headers?.[DLQ_HEADERS.errorMessage]).length, 2000);
        assert.strictEqual(message.headers?.[DLQ_HEADERS.errorClass], "Error");
    });

    it("reads its own headers back as they arrive from Kafka (Buffers)", () => {
        const asConsumed = Object.fromEntries(Object.entries(deadLetterMessage(failed).headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]));
        const origin = deadLetterOrigin(asConsumed);
        assert.deepStrictEqual({ ...origin, failedAt: undefined }, { topic: "notifications.email", partition: 4, offset: "1234", groupId: "email-notification-dispatcher", errorClass: "TypeError", errorMessage: "recipient is missing", failedAt: undefined });
        assert.strictEqual(deadLetterOrigin({ source: Buffer.from("x") }), undefined);
    });

    it("reads no origin from a record missing its original topic, partition or offset, so a replay never guesses where it goes", () => {
        const complete = deadLetterMessage(failed).headers ?? {};
        assert.ok(deadLetterOrigin(complete), "the complete headers read back");
        for (const header of [DLQ_HEADERS.topic, DLQ_HEADERS.partition, DLQ_HEADERS.offset]) {
            const without = { ...complete };
            delete without[header];
            assert.strictEqual(deadLetterOrigin(without), undefined, `without ${header}`);
        }
        assert.strictEqual(deadLetterOrigin(undefined), undefined, "a record without headers");
    });

    it("reads the origin of a dead letter without the group and error headers, leaving those fields empty", () => {
        const origin = deadLetterOrigin({ [DLQ_HEADERS.topic]: Buffer.from("notifications.email"), [DLQ_HEADERS.partition]: Buffer.from("4"), [DLQ_HEADERS.offset]: Buffer.from("1234") });
        assert.deepStrictEqual(origin, { topic: "notifications.email", partition: 4, offset: "1234", groupId: "", errorClass: "", errorMessage: "", failedAt: "" });
    });

    it("reads the first value of a header Kafka delivers more than once", () => {
        const origin = deadLetterOrigin({
            [DLQ_HEADERS.topic]: [Buffer.from("notifications.email"), Buffer.from("tasks.events")],
            [DLQ_HEADERS.partition]: [Buffer.from("4"), Buffer.from("0")],
            [DLQ_HEADERS.offset]: [Buffer.from("1234"), Buffer.from("1")],
        });
        assert.deepStrictEqual([origin?.topic, origin?.partition, origin?.offset], ["notifications.email", 4, "1234"]);
    });
});

describe("nextOffset", () => {
    it("commits the offset after the record, beyond 2^53 too", () => {
        assert.strictEqual(nextOffset("41"), "42");
        assert.strictEqual(nextOffset("9007199254740993"), "9007199254740994");
    });
});
