// The LZ4 codec kafkajs lacks, built on lz4js (pure JavaScript, no install scripts); registering it makes LZ4 batches work.
import { CompressionCodecs, CompressionTypes } from "kafkajs";
// lz4js ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const lz4: { compress(input: Uint8Array): Uint8Array | number[]; decompress(input: Uint8Array): Uint8Array | number[] } = require("lz4js");

/** Kafka's record batches (magic 2) carry standard LZ4 frames, which is what lz4js writes and reads. */
export const lz4Codec = {
    async compress(encoder: { buffer: Buffer }): Promise<Buffer> {
        return Buffer.from(lz4.compress(encoder.buffer));
    },
    async decompress(buffer: Buffer): Promise<Buffer> {
        return Buffer.from(lz4.decompress(buffer));
    },
};

/** Makes every kafkajs client in this process able to send and read LZ4; safe to call more than once. */
export function registerLz4Codec(): void {
    (CompressionCodecs as Record<number, () => unknown>)[CompressionTypes.LZ4] = () => lz4Codec;
}
