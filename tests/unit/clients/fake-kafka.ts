// A stand-in for kafkajs's Kafka that records what the client library asks of the broker, for unit tests.
import { ConsumerConfig, EachMessagePayload, Kafka, KafkaMessage, ProducerConfig, ProducerRecord } from "kafkajs";

export interface RecordedTransaction {
    sends: ProducerRecord[];
    outcome: "open" | "committed" | "aborted";
}

export interface FakeProducer {
    config: ProducerConfig;
    connects: number;
    disconnects: number;
    sends: ProducerRecord[];
    transactions: RecordedTransaction[];
    /** Makes the next send (plain or in a transaction) fail, or hang until released. */
    failNextSend?: Error;
    holdNextSend?: Promise<void>;
    failAbort?: Error;
}

export interface FakeConsumer {
    config: ConsumerConfig;
    connects: number;
    disconnects: number;
    subscriptions: Array<{ topics: string[]; fromBeginning?: boolean }>;
    runConfig?: { autoCommit?: boolean; autoCommitInterval?: number | null };
    commits: Array<Array<{ topic: string; partition: number; offset: string }>>;
    /** Hands one record to the running consumer, as kafkajs does, and resolves when eachMessage returns. */
    deliver(topic: string, partition: number, message: Partial<KafkaMessage>): Promise<void>;
}

export interface FakeKafka {
    kafka: Kafka;
    /** Each topic's partition count as the brokers' metadata gives it (a topic not named has one). */
    partitionCounts: Record<string, number>;
    /** The topics of each metadata request, in order. */
    metadataRequests: string[][];
    producers: FakeProducer[];
    consumers: FakeConsumer[];
    /** Everything in the order it reached the broker: "send:TOPIC", "commit:TOPIC/PARTITION@OFFSET", ... */
    log: string[];
}

export function fakeKafka(): FakeKafka {
    const producers: FakeProducer[] = [];
    const consumers: FakeConsumer[] = [];
    const log: string[] = [];
    const partitionCounts: Record<string, number> = {};
    const metadataRequests: string[][] = [];

    const deliverSend = async (state: FakeProducer, record: ProducerRecord) => {
        const hold = state.holdNextSend;
        state.holdNextSend = undefined;
        if (hold) await hold;
        const failure = state.failNextSend;
        state.failNextSend = undefined;
        if (failure) {
            log.push(`send-failed:${record.topic}`);
            throw failure;
        }
        log.push(`send:${record.topic}`);
    };

    const kafka = {
        admin() {
            return {
                connect: async () => undefined,
                disconnect: async () => undefined,
                fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
                    metadataRequests.push([...topics]);
                    return { topics: topics.map((name) => ({ name, partitions: Array.from({ length: partitionCounts[name] ?? 1 }, (_, partitionId) => ({ partitionId, leader: partitionId % 3, replicas: [0, 1, 2], isr: [0, 1, 2], offlineReplicas: [], partitionErrorCode: 0 })) })) };
                },
            };
        },
        producer(config: ProducerConfig = {}) {
            const state: FakeProducer = { config, connects: 0, disconnects: 0, sends: [], transactions: [] };
            producers.push(state);
            return {
                connect: async () => void state.connects++,
                disconnect: async () => void state.disconnects++,
                send: async (record: ProducerRecord) => {
                    state.sends.push(record);
                    await deliverSend(state, record);
                    return [];
                },
                transaction: async () => {
                    const tx: RecordedTransaction = { sends: [], outcome: "open" };
                    state.transactions.push(tx);
                    return {
                        send: async (record: ProducerRecord) => {
                            tx.sends.push(record);
                            await deliverSend(state, record);
                            return [];
                        },
                        commit: async () => {
                            tx.outcome = "committed";
                        },
                        abort: async () => {
                            tx.outcome = "aborted";
                            if (state.failAbort) throw state.failAbort;
                        },
                    };
                },
            };
        },
        consumer(config: ConsumerConfig) {
            let eachMessage: ((payload: EachMessagePayload) => Promise<void>) | undefined;
            const state: FakeConsumer = {
                config,
                connects: 0,
                disconnects: 0,
                subscriptions: [],
                commits: [],
                deliver: async (topic, partition, message) => {
                    if (!eachMessage) throw new Error("the consumer is not running");
                    const full = { key: null, value: null, timestamp: "0", attributes: 0, offset: "0", headers: {}, ...message } as KafkaMessage;
                    await eachMessage({ topic, partition, message: full, heartbeat: async () => undefined, pause: () => () => undefined });
                },
            };
            consumers.push(state);
            return {
                connect: async () => void state.connects++,
                disconnect: async () => void state.disconnects++,
                subscribe: async (s: { topics: string[]; fromBeginning?: boolean }) => void state.subscriptions.push({ topics: [...s.topics], fromBeginning: s.fromBeginning }),
                run: async (run: { autoCommit?: boolean; autoCommitInterval?: number | null; eachMessage: (payload: EachMessagePayload) => Promise<void> }) => {
                    state.runConfig = { autoCommit: run.autoCommit, autoCommitInterval: run.autoCommitInterval };
                    eachMessage = run.eachMessage;
                },
                commitOffsets: async (offsets: Array<{ topic: string; partition: number; offset: string }>) => {
                    state.commits.push(offsets);
                    for (const o of offsets) log.push(`commit:${o.topic}/${o.partition}@${o.offset}`);
                },
            };
        },
    } as unknown as Kafka;
    return { kafka, partitionCounts, metadataRequests, producers, consumers, log };
}
