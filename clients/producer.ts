// The platform producer: idempotent, acks from all in-sync replicas, LZ4, and transactions that abort cleanly.
import { Admin, CompressionTypes, IHeaders, Kafka, Message, PartitionMetadata, Partitioners, Producer, ProducerRecord } from "kafkajs";
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
/** How long a topic's partition list is trusted, as the Java client's metadata.max.age.ms. */
const PARTITIONS_MAX_AGE_MS = 300_000;

export function encodeValue(value: unknown): Buffer | string | null {
    if (value === null || value === undefined) return null;
    if (typeof value === "string" || Buffer.isBuffer(value)) return value;
    return JSON.stringify(value);
}

/** Waits for every send, so a transaction is aborted only once nothing of it is still in flight; throws the first failure. */
async function allSettled(sends: Promise<unknown>[]): Promise<void> {
    const failed = (await Promise.allSettled(sends)).find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
}

/** `Topic` defaults to the catalog's names, so a typo is a compile error. */
export class PlatformProducer<Topic extends string = TopicName> {
    private readonly producer: Producer;
    private readonly admin: Admin;
    // The Java client's murmur2 partitioner: a key lands on the same partition whichever language wrote it.
    private readonly partitionOf = Partitioners.DefaultPartitioner();
    private readonly partitions = new Map<string, { metadata: PartitionMetadata[]; fetchedAt: number }>();
    private connected = false;

    constructor(kafka: Kafka, private readonly options: PlatformProducerOptions = {}) {
        registerLz4Codec();
        this.admin = kafka.admin();
        this.producer = kafka.producer({
            idempotent: true,
            // kafkajs keeps per-partition sequence numbers right only with one request in flight.
            maxInFlightRequests: 1,
            transactionalId: options.transactionalId,
            transactionTimeout: options.transactionTimeoutMs ?? 60000,
            allowAutoTopicCreation: false,
            createPartitioner: Partitioners.DefaultPartitioner,
        });
    }

    async connect(): Promise<void> {
        if (this.connected) return;
        await this.producer.connect();
        await this.admin.connect();
        this.connected = true;
    }

    async disconnect(): Promise<void> {
        if (!this.connected) return;
        await this.producer.disconnect();
        await this.admin.disconnect();
        this.connected = false;
    }

    async send(topic: Topic, records: OutgoingRecord[]): Promise<void> {
        await this.connect();
        await this.sendPerBroker(topic, records, (record) => this.producer.send(record));
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
            await work((topic, records) => this.sendPerBroker(topic, records, (record) => transaction.send(record)));
            await transaction.commit();
        } catch (error) {
            await transaction.abort().catch(() => undefined);
            throw error;
        }
    }

    /**
     * The records as one batch per partition leader, each message's partition set. kafkajs sends one request per
     * broker and, when one of them fails, retries the whole send: a request still in flight to another broker is
     * then sent again with the next sequence numbers, and that broker stores its records twice (seen in
     * transactions begun right after a commit, which the coordinator answers with CONCURRENT_TRANSACTIONS). A send
     * that reaches one broker has one request, so a retry only repeats the request that failed. One batch per
     * leader, not per partition, keeps a transaction's AddPartitionsToTxn requests at one per broker.
     */
    private async sendPerBroker(topic: string, records: OutgoingRecord[], send: (record: ProducerRecord) => Promise<unknown>): Promise<void> {
        const batches = await this.oneBrokerEach(topic, records);
        await allSettled(batches.map((messages) => send({ topic, messages, acks: ACKS_ALL, compression: CompressionTypes.LZ4 })));
    }

    private async oneBrokerEach(topic: string, records: OutgoingRecord[]): Promise<Message[][]> {
        const partitionMetadata = await this.partitionsOf(topic);
        const leaders = new Map(partitionMetadata.map((p) => [p.partitionId, p.leader]));
        const batches = new Map<number | undefined, Message[]>();
        for (const record of records) {
            const message: Message = this.message(record);
            const partition = this.partitionOf({ topic, partitionMetadata, message });
            message.partition = partition;
            const leader = leaders.get(partition);
            const batch = batches.get(leader);
            if (batch) batch.push(message);
            else batches.set(leader, [message]);
        }
        return [...batches.values()];
    }

    private async partitionsOf(topic: string): Promise<PartitionMetadata[]> {
        const known = this.partitions.get(topic);
        if (known && Date.now() - known.fetchedAt < PARTITIONS_MAX_AGE_MS) return known.metadata;
        const { topics } = await this.admin.fetchTopicMetadata({ topics: [topic] });
        const metadata = topics.find((t) => t.name === topic)?.partitions ?? [];
        if (metadata.length === 0) throw new Error(`topic ${topic} has no partitions the producer can see`);
        this.partitions.set(topic, { metadata, fetchedAt: Date.now() });
        return metadata;
    }

    private message(record: OutgoingRecord): { key: string | Buffer | null; value: Buffer | string | null; headers: IHeaders } {
        const headers: IHeaders = { ...(record.headers ?? {}) };
        if (this.options.source !== undefined) headers.source = this.options.source;
        return { key: record.key, value: encodeValue(record.value), headers };
    }
}
