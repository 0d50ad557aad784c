// The platform producer: idempotent, acks from all in-sync replicas, LZ4, and transactions that abort cleanly.
import { CompressionTypes, IHeaders, Kafka, Partitioners, Producer } from "kafkajs";
import { registerLz4Codec } from "./lz4-codec";
import { TopicName } from "./topics";

export interface OutgoingRecord {
    /** The partition key; use partition-keys.ts so one entity's records stay in order. */
    key: string | Buffer | null;
    /** Objects are sent as JSON; strings and Buffers as they are. */
    value: unknown;
    headers?: IHeaders;
}

export interface PlatformProducerOptions {
    /** Enables sendTransactional; one id per producing instance, stable across its restarts. */
    transactionalId?: string;
    /** Written to each record's `source` header. */
    source?: string;
    /** How long a transaction may stay open before the broker aborts it (default 60 s). */
    transactionTimeoutMs?: number;
}

/** acks=-1: the write is acknowledged by every in-sync replica, as min.insync.replicas=2 intends. */
const ACKS_ALL = -1;

export function encodeValue(value: unknown): Buffer | string | null {
    if (value === null || value === undefined) return null;
    if (typeof value === "string" || Buffer.isBuffer(value)) return value;
    return JSON.stringify(value);
}

/** `Topic` defaults to the catalog's names, so a typo is a compile error. */
export class PlatformProducer<Topic extends string = TopicName> {
    private readonly producer: Producer;
    private connected = false;

    constructor(kafka: Kafka, private readonly options: PlatformProducerOptions = {}) {
        registerLz4Codec();
        this.producer = kafka.producer({
            idempotent: true,
            // kafkajs keeps per-partition sequence numbers right only with one request in flight.
            maxInFlightRequests: 1,
            transactionalId: options.transactionalId,
            transactionTimeout: options.transactionTimeoutMs ?? 60000,
            allowAutoTopicCreation: false,
            // The Java client's murmur2 partitioner: a key lands on the same partition whichever language wrote it.
            createPartitioner: Partitioners.DefaultPartitioner,
        });
    }

    async connect(): Promise<void> {
        if (this.connected) return;
        await this.producer.connect();
        this.connected = true;
    }

    async disconnect(): Promise<void> {
        if (!this.connected) return;
        await this.producer.disconnect();
        this.connected = false;
    }

    async send(topic: Topic, records: OutgoingRecord[]): Promise<void> {
        await this.connect();
        await this.producer.send({ topic, messages: records.map((r) => this.message(r)), acks: ACKS_ALL, compression: CompressionTypes.LZ4 });
    }

    /**
     * Sends all batches atomically: read-committed consumers see every record or none. Any failure
     * aborts the transaction and rethrows the original error, not the abort's.
     */
    async sendTransactional(batches: { topic: Topic; records: OutgoingRecord[] }[]): Promise<void> {
        await this.inTransaction(async (send) => {
            for (const batch of batches) await send(batch.topic, batch.records);
        });
    }

    /** Runs `work` inside a transaction and commits when it resolves, aborts when it throws. */
    async inTransaction(work: (send: (topic: Topic, records: OutgoingRecord[]) => Promise<void>) => Promise<void>): Promise<void> {
        if (!this.options.transactionalId) throw new Error("inTransaction needs a transactionalId in the producer options");
        await this.connect();
        const transaction = await this.producer.transaction();
        try {
            await work(async (topic, records) => {
                await transaction.send({ topic, messages: records.map((r) => this.message(r)), acks: ACKS_ALL, compression: CompressionTypes.LZ4 });
            });
            await transaction.commit();
        } catch (error) {
            await transaction.abort().catch(() => undefined);
            throw error;
        }
    }

    private message(record: OutgoingRecord): { key: string | Buffer | null; value: Buffer | string | null; headers: IHeaders } {
        const headers: IHeaders = { ...(record.headers ?? {}) };
        if (this.options.source !== undefined) headers.source = this.options.source;
        return { key: record.key, value: encodeValue(record.value), headers };
    }
}
