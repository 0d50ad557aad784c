// The LZ4 codec kafkajs lacks, on lz4js's block compressor (pure JavaScript), writing frames Kafka's brokers accept.
import { CompressionCodecs, CompressionTypes } from "kafkajs";

// lz4js ships no type declarations.
interface Lz4js {
    compressBound(length: number): number;
    compressBlock(src: Uint8Array, dst: Uint8Array, srcIndex: number, srcLength: number, hashTable: Uint32Array): number;
    decompress(src: Uint8Array): Uint8Array | number[];
}
const lz4: Lz4js = require("lz4js");
const xxh32: { hash(seed: number, src: Uint8Array, index: number, length: number): number } = require("lz4js/xxh32");

const FRAME_MAGIC = 0x184d2204;
/** FLG: format version 01 and the block-independence bit; no checksums, no content size. */
const FLG_VERSION_1_INDEPENDENT_BLOCKS = 0x60;
/** BD: 64 KB blocks, as Kafka's Java client writes them. */
const BD_64KB = 4 << 4;
const BLOCK_SIZE = 64 * 1024;
const UNCOMPRESSED_BLOCK = 0x80000000;
const HASH_TABLE_SIZE = 1 << 16;

/**
 * lz4js's own `compress` writes frames whose blocks may refer back to earlier blocks and leaves the
 * block-independence flag unset; Kafka's broker refuses those ("Dependent block stream is
 * unsupported"). So each 64 KB block is compressed alone, with a fresh hash table.
 */
export function compressLz4Frame(input: Uint8Array): Buffer {
    const chunks: Buffer[] = [];
    const header = Buffer.alloc(7);
    header.writeUInt32LE(FRAME_MAGIC, 0);
    header[4] = FLG_VERSION_1_INDEPENDENT_BLOCKS;
    header[5] = BD_64KB;
    header[6] = (xxh32.hash(0, header, 4, 2) >>> 8) & 0xff;
    chunks.push(header);

    const hashTable = new Uint32Array(HASH_TABLE_SIZE);
    const scratch = new Uint8Array(lz4.compressBound(BLOCK_SIZE));
    for (let start = 0; start < input.length; start += BLOCK_SIZE) {
        const block = input.subarray(start, Math.min(start + BLOCK_SIZE, input.length));
        hashTable.fill(0);
        const compressedLength = lz4.compressBlock(block, scratch, 0, block.length, hashTable);
        const size = Buffer.alloc(4);
        if (compressedLength === 0 || compressedLength >= block.length) {
            size.writeUInt32LE((UNCOMPRESSED_BLOCK | block.length) >>> 0, 0);
            chunks.push(size, Buffer.from(block));
        } else {
            size.writeUInt32LE(compressedLength, 0);
            chunks.push(size, Buffer.from(scratch.subarray(0, compressedLength)));
        }
    }
    chunks.push(Buffer.alloc(4)); // end mark
    return Buffer.concat(chunks);
}

/** Reads any standard LZ4 frame, the Java client's and the broker's included. */
export function decompressLz4Frame(frame: Uint8Array): Buffer {
    return Buffer.from(lz4.decompress(frame));
}

/** The codec object kafkajs calls for batches whose attributes say LZ4. */
export const lz4Codec = {
    async compress(encoder: { buffer: Buffer }): Promise<Buffer> {
        return compressLz4Frame(encoder.buffer);
    },
    async decompress(buffer: Buffer): Promise<Buffer> {
        return decompressLz4Frame(buffer);
    },
};

/** Makes every kafkajs client in this process able to send and read LZ4; safe to call more than once. */
export function registerLz4Codec(): void {
    (CompressionCodecs as Record<number, () => unknown>)[CompressionTypes.LZ4] = () => lz4Codec;
}
