// Unit tests of the LZ4 frames the codec writes: readable back, and shaped as Kafka's broker demands.
import * as assert from "assert";
import { randomBytes } from "crypto";
import { CompressionCodecs, CompressionTypes } from "kafkajs";
import { compressLz4Frame, decompressLz4Frame, registerLz4Codec } from "../../../clients/lz4-codec";

describe("compressLz4Frame", () => {
    it("round-trips text, random bytes, an empty input and inputs spanning several 64 KB blocks", () => {
        const inputs = [
            Buffer.from("hello kafka ".repeat(1000)),
            randomBytes(1000),
            Buffer.alloc(0),
            Buffer.concat([randomBytes(70000), Buffer.alloc(200000, 7), randomBytes(5)]),
        ];
        for (const input of inputs) assert.ok(decompressLz4Frame(compressLz4Frame(input)).equals(input), `length ${input.length}`);
    });

    it("compresses repetitive data", () => {
        const input = Buffer.from(JSON.stringify({ event_type: "task.created", task_id: "t-1" }).repeat(500));
        assert.ok(compressLz4Frame(input).length < input.length / 10);
    });

    it("sets the block-independence flag and 64 KB blocks, without which the broker refuses the batch", () => {
        const frame = compressLz4Frame(Buffer.from("x".repeat(100)));
        assert.strictEqual(frame.readUInt32LE(0), 0x184d2204);
        assert.strictEqual(frame[4] & 0xc0, 0x40, "version 01");
        assert.strictEqual(frame[4] & 0x20, 0x20, "independent blocks");
        assert.strictEqual(frame[5], 0x40, "64 KB maximum block size");
    });

    it("never lets a block refer back into the previous one", () => {
        // The second block repeats the first exactly; a dependent encoder would code it as one back-reference.
        const block = randomBytes(64 * 1024);
        const frame = compressLz4Frame(Buffer.concat([block, block]));
        assert.ok(frame.length > 2 * block.length, `frame of ${frame.length} bytes reuses the first block`);
    });

    it("stores a block that does not compress as it is, so a frame is never more than its input and 15 bytes of framing", () => {
        for (const length of [1, 1000, 64 * 1024, 64 * 1024 + 1, 3 * 64 * 1024]) {
            const input = randomBytes(length);
            const blocks = Math.ceil(length / (64 * 1024));
            // 7 bytes of header, 4 bytes of size before each block, 4 bytes of end mark.
            assert.strictEqual(compressLz4Frame(input).length, 7 + 4 * blocks + length + 4, `length ${length}`);
        }
    });
});

describe("registerLz4Codec", () => {
    it("gives every kafkajs client of the process a codec that writes and reads LZ4 frames", async () => {
        registerLz4Codec();
        const codec = (CompressionCodecs as Record<number, () => { compress(e: { buffer: Buffer }): Promise<Buffer>; decompress(b: Buffer): Promise<Buffer> }>)[CompressionTypes.LZ4]();
        const input = Buffer.from("task.created ".repeat(200));
        const frame = await codec.compress({ buffer: input });
        assert.strictEqual(frame.readUInt32LE(0), 0x184d2204);
        assert.ok((await codec.decompress(frame)).equals(input));
    });
});
