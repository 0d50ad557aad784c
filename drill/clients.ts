// The drill's Kafka clients on the local platform: each connects as a rendered user (or the operators' identity) over its listener.
import * as fs from "fs";
import { Consumer, Kafka, logLevel, RetryOptions } from "kafkajs";
import { registerLz4Codec } from "../clients/lz4-codec";
import { listenerFor } from "../local/client-properties";
import { LocalPlatformState } from "../local/platform";
import { SeenRecord } from "./measure";

/** A kafkajs client for one rendered user of a running local platform, on the listener its authentication uses. */
export function userKafka(state: LocalPlatformState, userName: string, clientId: string, retry: RetryOptions = { retries: 10, initialRetryTime: 200, maxRetryTime: 5000 }): Kafka {
    const user = state.users.find((u) => u.user === userName);
    if (!user) throw new Error(`the ${state.stack} render has no KafkaUser ${userName}`);
    const listener = listenerFor(user.authentication, state.listeners);
    registerLz4Codec();
    const ca = [fs.readFileSync(state.clusterCaCert, "utf8")];
    return new Kafka({
        clientId,
        brokers: listener.bootstrap.split(","),
        ssl: user.authentication === "tls" ? { ca, cert: fs.readFileSync(user.cert!, "utf8"), key: fs.readFileSync(user.key!, "utf8") } : { ca },
        sasl: user.authentication === "scram-sha-512" ? { mechanism: "scram-sha-512", username: user.user, password: user.password! } : undefined,
        logLevel: logLevel.NOTHING,
        connectionTimeout: 10_000,
        requestTimeout: 60_000,
        retry,
    });
}

/** The operators' identity (a super user on the replication listener): the drill's own observers, never an application. */
export function operatorKafka(state: LocalPlatformState, clientId: string): Kafka {
    registerLz4Codec();
    return new Kafka({
        clientId,
        brokers: state.admin.bootstrap.split(","),
        ssl: { ca: [fs.readFileSync(state.admin.ca, "utf8")], cert: fs.readFileSync(state.admin.cert, "utf8"), key: fs.readFileSync(state.admin.key, "utf8") },
        logLevel: logLevel.NOTHING,
        connectionTimeout: 10_000,
        requestTimeout: 60_000,
        retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 5000 },
    });
}

/** Each partition's end offset (high watermark). */
export async function endOffsets(kafka: Kafka, topics: string[]): Promise<Record<string, number[]>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
        const out: Record<string, number[]> = {};
        for (const topic of topics) {
            const offsets = await admin.fetchTopicOffsets(topic);
            out[topic] = offsets.sort((a, b) => a.partition - b.partition).map((o) => Number(o.high));
        }
        return out;
    } finally {
        await admin.disconnect();
    }
}

/**
 * Everything a read_committed reader sees in a topic, from its beginning until it has read at least `atLeast`
 * records and then been idle for `idleMs`: idleness alone ended a read of a loaded cluster after one record.
 * A cluster holding fewer than `atLeast` is read until `timeoutMs`, so what it lacks is still counted.
 */
export async function readAll(kafka: Kafka, topic: string, groupId: string, atLeast = 1, idleMs = 10_000, timeoutMs = 300_000): Promise<SeenRecord[]> {
    const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 12 * 1048576, maxBytes: 64 * 1048576, allowAutoTopicCreation: false, sessionTimeout: 30_000 });
    const records: SeenRecord[] = [];
    let last = Date.now();
    await consumer.connect();
    try {
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await consumer.run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
                records.push({ partition, offset: message.offset, value: message.value?.toString("utf8", 0, 40).split("|")[0] ?? "" });
                last = Date.now();
            },
        });
        const started = Date.now();
        while (Date.now() - last < idleMs || records.length < Math.max(1, atLeast)) {
            if (Date.now() - started > timeoutMs) break;
            await new Promise((r) => setTimeout(r, 500));
        }
        return records;
    } finally {
        await consumer.disconnect();
    }
}

/** Waits until `done` holds, checking every `everyMs`; false when `timeoutMs` passed first. */
export async function waitFor(done: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 1000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await done()) return true;
        await new Promise((r) => setTimeout(r, everyMs));
    }
    return false;
}

export type { Consumer };
