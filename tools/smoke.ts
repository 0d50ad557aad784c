// `npm run smoke`: sends canary records to system.health_checks, reads them back and reports round trips and loss.
import { randomUUID } from "crypto";
import { performance } from "perf_hooks";
import { Admin, Kafka } from "kafkajs";
import { registerLz4Codec } from "../clients/lz4-codec";
import { PlatformProducer } from "../clients/producer";
import { HEALTH_CHECK_TOPIC } from "../clients/topics";
import { CONNECTION_HELP, EXIT_FINDING, EXIT_OK, readToolFlags, runTool, stringFlag, timeoutMs, toolKafka, wholeNumberFlag, withTimeout } from "./cli";
import { RoundTripSummary, summarizeRoundTrips } from "./round-trip";

const HELP = `Usage: npm run smoke -- --brokers HOST:PORT [--count N] [--topic NAME] [--wait SECONDS] [--json]

Produces N canary records (idempotent, acks=all, LZ4, through the platform producer) and consumes
them back with a throwaway consumer group, reporting p50/p99 round trip and any loss.
Exits 0 when every record came back, 1 on loss, 2 when it cannot run.

  --count N         records to send (default 100)
  --topic NAME      topic to use (default ${HEALTH_CHECK_TOPIC})
  --wait SECONDS    how long to wait for the last records after sending (default 10)
${CONNECTION_HELP}`;

const OPTIONS = {
    count: { type: "string" },
    topic: { type: "string" },
    wait: { type: "string" },
} as const;

const RUN_HEADER = "smoke.run";
const SEQ_HEADER = "smoke.seq";

export interface SmokeOptions {
    topic: string;
    count: number;
    waitMs: number;
}

/**
 * Commits the current ends as the throwaway group's offsets before it joins, so only this run's records
 * are read: a seek after joining can lose to a rebalance or an in-flight fetch that resets to "latest"
 * after the first canary is already written, and that canary then counts as lost.
 */
export async function runSmoke(kafka: Kafka, admin: Admin, options: SmokeOptions): Promise<RoundTripSummary> {
    registerLz4Codec();
    const known = (await admin.fetchTopicMetadata()).topics.some((t) => t.name === options.topic);
    if (!known) throw new Error(`topic ${options.topic} does not exist on this cluster`);
    const ends = await admin.fetchTopicOffsets(options.topic);

    const runId = randomUUID();
    const groupId = `kafka-platform-smoke-${runId}`;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100, sessionTimeout: 10000, heartbeatInterval: 1000 });
    const producer = new PlatformProducer<string>(kafka, { source: "kafka-platform-smoke" });
    const receipts: { seq: number; at: number }[] = [];
    const sentAt: number[] = [];
    let allBack: () => void = () => undefined;
    const everyRecordBack = new Promise<void>((resolve) => (allBack = resolve));

    try {
        await admin.setOffsets({ groupId, topic: options.topic, partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })) });
        const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
        await consumer.connect();
        await consumer.subscribe({ topics: [options.topic], fromBeginning: false });
        await consumer.run({
            eachMessage: async ({ message }) => {
                if (message.headers?.[RUN_HEADER]?.toString() !== runId) return;
                receipts.push({ seq: Number(message.headers[SEQ_HEADER]?.toString()), at: performance.now() });
                if (new Set(receipts.map((r) => r.seq)).size >= options.count) allBack();
            },
        });
        // Waiting for the assignment keeps the group's join out of the first canaries' round trips.
        await joined;
        await producer.connect();

        for (let seq = 0; seq < options.count; seq++) {
            sentAt[seq] = performance.now();
            await producer.send(options.topic, [{ key: `${runId}-${seq}`, value: { runId, seq, sentAt: new Date().toISOString() }, headers: { [RUN_HEADER]: runId, [SEQ_HEADER]: String(seq) } }]);
        }
        await Promise.race([everyRecordBack, new Promise((resolve) => setTimeout(resolve, options.waitMs))]);
        return summarizeRoundTrips(sentAt, receipts);
    } finally {
        await consumer.disconnect().catch(() => undefined);
        await producer.disconnect().catch(() => undefined);
        // The throwaway group would otherwise linger in the cluster's group list until offsets expire.
        await admin.deleteGroups([groupId]).catch(() => undefined);
    }
}

export function formatSmokeSummary(topic: string, summary: RoundTripSummary): string {
    const lines = [
        `${topic}: sent ${summary.sent}, received ${summary.received}, lost ${summary.lost.length}, duplicates ${summary.duplicates}`,
        `round trip p50 ${summary.p50Ms ?? "-"} ms, p99 ${summary.p99Ms ?? "-"} ms, max ${summary.maxMs ?? "-"} ms`,
    ];
    if (summary.lost.length > 0) lines.push(`LOST sequence numbers: ${summary.lost.slice(0, 20).join(", ")}${summary.lost.length > 20 ? ", ..." : ""}`);
    return lines.join("\n");
}

/** `kafkaFor` builds the client; tests hand in a stand-in for the cluster. */
export async function main(argv: string[], kafkaFor: typeof toolKafka = toolKafka): Promise<number> {
    const flags = readToolFlags(argv, OPTIONS, HELP);
    if (!flags) return EXIT_OK;
    const { values, connection } = flags;
    const options: SmokeOptions = {
        topic: stringFlag(values, "topic") ?? HEALTH_CHECK_TOPIC,
        count: wholeNumberFlag(values, "count", 100),
        waitMs: wholeNumberFlag(values, "wait", 10) * 1000,
    };
    const kafka = kafkaFor(connection, "kafka-platform-smoke");
    const admin = kafka.admin();
    const summary = await withTimeout(
        (async () => {
            await admin.connect();
            try {
                return await runSmoke(kafka, admin, options);
            } finally {
                await admin.disconnect();
            }
        })(),
        timeoutMs(values) + options.waitMs,
        "smoke",
    );
    process.stdout.write(values.json ? `${JSON.stringify({ topic: options.topic, ...summary }, null, 2)}\n` : `${formatSmokeSummary(options.topic, summary)}\n`);
    return summary.lost.length === 0 ? EXIT_OK : EXIT_FINDING;
}

if (require.main === module) runTool("smoke", main);
