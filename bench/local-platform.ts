// The design's headline figures held up on the local platform: clients/ beside Kafka's own perf tools, and LZ4 on task events.
//
//   npm run local -- up && npm run bench:local [-- --records 100000 --write]
//
// --write replaces the "## Local platform" section of docs/benchmarks.md with the results.
import { execFile } from "child_process";
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { promisify } from "util";
import { parseArgs } from "util";
import { Kafka, logLevel } from "kafkajs";
import { GroupConsumer } from "../clients/consumer";
import { compressLz4Frame, registerLz4Codec } from "../clients/lz4-codec";
import { taskEventKey } from "../clients/partition-keys";
import { PlatformProducer } from "../clients/producer";
import { defaultStateDir, LocalPlatformState, requireState } from "../local/platform";

const run = promisify(execFile);
const REPO_ROOT = path.join(__dirname, "..");
const SECTION_TITLE = "## Local platform";
/** A keyed topic of the catalog with the design's settings (48 partitions, RF 3, min.insync.replicas 2, LZ4). */
const TOPIC = "task.events";
/** The design sets no linger or batch size: Kafka 3.6's defaults apply. */
const DESIGN_PRODUCER = { acks: "all", "enable.idempotence": "true", "compression.type": "lz4", "max.in.flight.requests.per.connection": "5", "linger.ms": "0", "batch.size": "16384" };

/** A task event as the design's Avro schema shapes it, written as JSON (what the services send). */
function taskEvent(i: number): { key: string; value: string } {
    const taskId = randomUUID();
    const types = ["TASK_CREATED", "TASK_UPDATED", "TASK_COMPLETED", "TASK_ASSIGNED", "TASK_STATUS_CHANGED"];
    const value = {
        event_id: randomUUID(),
        event_type: types[i % types.length],
        task_id: taskId,
        project_id: `project-${i % 500}`,
        organization_id: `org-${i % 40}`,
        user_id: `user-${i % 5000}`,
        timestamp: Date.now() - (i % 100000),
        payload: { status: ["open", "in_progress", "done"][i % 3], priority: ["low", "medium", "high"][i % 3], title: `Inspect installation ${i % 977}`, assignee: `technician-${i % 311}` },
        metadata: { source: "fsm-api", version: "1.0", correlation_id: randomUUID(), causation_id: null },
    };
    return { key: taskEventKey(taskId), value: JSON.stringify(value) };
}

function percentile(sorted: number[], p: number): number {
    return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function kafkaFor(state: LocalPlatformState, user: string): Kafka {
    registerLz4Codec();
    const credentials = state.users.find((u) => u.user === user)!;
    const tls = state.listeners.find((l) => l.authentication === "tls")!;
    return new Kafka({ clientId: `bench-${user}`, brokers: tls.bootstrap.split(","), ssl: { ca: [fs.readFileSync(state.clusterCaCert, "utf8")], cert: fs.readFileSync(credentials.cert!, "utf8"), key: fs.readFileSync(credentials.key!, "utf8") }, logLevel: logLevel.NOTHING });
}

function operatorKafka(state: LocalPlatformState): Kafka {
    registerLz4Codec();
    return new Kafka({ clientId: "bench-reader", brokers: state.admin.bootstrap.split(","), ssl: { ca: [fs.readFileSync(state.admin.ca, "utf8")], cert: fs.readFileSync(state.admin.cert, "utf8"), key: fs.readFileSync(state.admin.key, "utf8") }, logLevel: logLevel.NOTHING });
}

/** The clients/ producer's throughput: batches of records in flight one at a time, as PlatformProducer sends them. */
async function clientsProducerThroughput(state: LocalPlatformState, records: { key: string; value: string }[], batch: number): Promise<{ perSecond: number; mbPerSecond: number }> {
    const producer = new PlatformProducer<string>(kafkaFor(state, "fsm-api"), { source: "bench" });
    await producer.connect();
    const bytes = records.reduce((n, r) => n + r.key.length + r.value.length, 0);
    const started = performance.now();
    for (let i = 0; i < records.length; i += batch) await producer.send(TOPIC, records.slice(i, i + batch).map((r) => ({ key: r.key, value: r.value })));
    const seconds = (performance.now() - started) / 1000;
    await producer.disconnect();
    return { perSecond: records.length / seconds, mbPerSecond: bytes / seconds / 1e6 };
}

/** Produce-to-consume latency through clients/: records sent one by one at a steady rate, each carrying its send time. */
async function clientsEndToEnd(state: LocalPlatformState, count: number, perSecond: number): Promise<{ p50: number; p99: number; received: number }> {
    const runId = randomUUID();
    const consumer = new GroupConsumer<string>(operatorKafka(state), { groupId: `bench-latency-${runId}`, topics: [TOPIC], clientConfig: { "auto.offset.reset": "latest", "session.timeout.ms": 10000, "heartbeat.interval.ms": 1000 } });
    const latencies: number[] = [];
    const joined = new Promise<void>((resolve) => consumer.kafkajsConsumer.on(consumer.kafkajsConsumer.events.GROUP_JOIN, () => resolve()));
    await consumer.start(async ({ message }) => {
        if (message.headers?.run?.toString() !== runId) return;
        latencies.push(performance.timeOrigin + performance.now() - Number(message.headers.sent!.toString()));
    });
    await joined;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const producer = new PlatformProducer<string>(kafkaFor(state, "fsm-api"), { source: "bench" });
    await producer.connect();
    for (let i = 0; i < count; i++) {
        const next = performance.now() + 1000 / perSecond;
        const event = taskEvent(i);
        await producer.send(TOPIC, [{ key: event.key, value: event.value, headers: { run: runId, sent: String(performance.timeOrigin + performance.now()) } }]);
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const deadline = Date.now() + 15000;
    while (latencies.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await producer.disconnect();
    await consumer.stop();
    const sorted = [...latencies].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), received: latencies.length };
}

async function javaProducerPerf(state: LocalPlatformState, payloadFile: string, records: number): Promise<{ perSecond: number; mbPerSecond: number; p50: number; p99: number; line: string }> {
    const fsmApi = state.users.find((u) => u.user === "fsm-api")!;
    const { stdout } = await run("java", ["-Xmx512m", "-Dlog4j.configuration=file:/dev/null", "-cp", state.classpath, "org.apache.kafka.tools.ProducerPerformance",
        "--topic", TOPIC, "--num-records", String(records), "--throughput", "-1", "--payload-file", payloadFile,
        "--producer.config", fsmApi.propertiesFile, "--producer-props", ...Object.entries(DESIGN_PRODUCER).map(([k, v]) => `${k}=${v}`)], { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
    const line = stdout.trim().split("\n").filter((l) => l.includes("records sent")).pop() ?? "";
    const number = (re: RegExp) => Number(re.exec(line)?.[1] ?? NaN);
    return { perSecond: number(/([\d.]+) records\/sec/), mbPerSecond: number(/\(([\d.]+) MB\/sec\)/), p50: number(/([\d.]+) ms 50th/), p99: number(/([\d.]+) ms 99th/), line };
}

async function javaConsumerPerf(state: LocalPlatformState, records: number): Promise<{ perSecond: number; line: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-consumer-"));
    const config = path.join(dir, "consumer.properties");
    fs.writeFileSync(config, ["security.protocol=SSL", "ssl.truststore.type=PEM", `ssl.truststore.location=${state.admin.ca}`, "ssl.keystore.type=PEM", `ssl.keystore.location=${state.admin.keystore}`].join("\n"));
    try {
        const { stdout } = await run("java", ["-Xmx512m", "-Dlog4j.configuration=file:/dev/null", "-cp", state.classpath, "org.apache.kafka.tools.ConsumerPerformance",
            "--bootstrap-server", state.admin.bootstrap, "--consumer.config", config, "--topic", TOPIC, "--messages", String(records), "--group", `bench-consumer-${randomUUID()}`, "--timeout", "60000"], { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
        const line = stdout.trim().split("\n").pop() ?? "";
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        return { perSecond: Number(line.split(",")[5]), line };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The clients/ consumer reading `records` records from the beginning (a fresh group), as fast as it goes. */
async function clientsConsumerThroughput(state: LocalPlatformState, records: number): Promise<number> {
    const consumer = new GroupConsumer<string>(operatorKafka(state), { groupId: `bench-read-${randomUUID()}`, topics: [TOPIC], clientConfig: { "auto.offset.reset": "earliest", "enable.auto.commit": true } });
    let count = 0;
    let started = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.start(async () => {
        if (count === 0) started = performance.now();
        if (++count === records) done();
    });
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 180_000))]);
    const seconds = (performance.now() - started) / 1000;
    await consumer.stop();
    return count / seconds;
}

/** LZ4's saving on task events, batch by batch at the producer's batch size, as the broker stores them. */
function lz4Saving(records: { key: string; value: string }[], batchBytes: number): { raw: number; compressed: number; saving: number } {
    let raw = 0;
    let compressed = 0;
    let batch: string[] = [];
    let size = 0;
    const flush = () => {
        if (batch.length === 0) return;
        const bytes = Buffer.from(batch.join(""));
        raw += bytes.length;
        compressed += compressLz4Frame(bytes).length;
        batch = [];
        size = 0;
    };
    for (const r of records) {
        batch.push(r.key, r.value);
        size += r.key.length + r.value.length;
        if (size >= batchBytes) flush();
    }
    flush();
    return { raw, compressed, saving: 1 - compressed / raw };
}

function replaceSection(document: string, section: string): string {
    const start = document.indexOf(SECTION_TITLE);
    if (start < 0) return `${document.trimEnd()}\n\n${section}`;
    const next = document.indexOf("\n## ", start + SECTION_TITLE.length);
    return `${document.slice(0, start)}${section}${next < 0 ? "" : `\n${document.slice(next + 1)}`}`;
}

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { records: { type: "string" }, stack: { type: "string" }, state: { type: "string" }, write: { type: "boolean" } } });
    const state = requireState(values.state ?? defaultStateDir(values.stack ?? "prod"));
    const count = Number(values.records ?? 100000);
    const records = Array.from({ length: count }, (_, i) => taskEvent(i));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-payloads-"));
    const payloadFile = path.join(dir, "task-events.jsonl");
    fs.writeFileSync(payloadFile, records.slice(0, 5000).map((r) => r.value).join("\n"));
    const avgBytes = records.reduce((n, r) => n + r.value.length, 0) / records.length;
    process.stdout.write(`local platform ${state.stack} on base port ${state.basePort}; ${count} task events of ${avgBytes.toFixed(0)} bytes on ${TOPIC}\n`);

    const java = await javaProducerPerf(state, payloadFile, count);
    process.stdout.write(`Java producer: ${java.line}\n`);
    const clients = await clientsProducerThroughput(state, records, 500);
    process.stdout.write(`clients/ producer: ${clients.perSecond.toFixed(0)} records/s\n`);
    const javaRead = await javaConsumerPerf(state, count);
    process.stdout.write(`Java consumer: ${javaRead.perSecond.toFixed(0)} records/s\n`);
    const clientsRead = await clientsConsumerThroughput(state, count);
    process.stdout.write(`clients/ consumer: ${clientsRead.toFixed(0)} records/s\n`);
    const latency = await clientsEndToEnd(state, 1000, 100);
    process.stdout.write(`clients/ produce-to-consume at 100 records/s: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms (${latency.received}/1000 back)\n`);
    const lz4 = lz4Saving(records, Number(DESIGN_PRODUCER["batch.size"]));
    process.stdout.write(`LZ4 on task events in 16 KB batches: ${(lz4.saving * 100).toFixed(1)}% saved\n`);
    fs.rmSync(dir, { recursive: true, force: true });

    const load = os.loadavg().map((l) => l.toFixed(1)).join(", ");
    const section = [
        SECTION_TITLE,
        "",
        `\`npm run bench:local\` on the local platform (\`npm run local -- up\`: three brokers, ZooKeeper, TLS with client certificates), ${new Date().toISOString().slice(0, 10)},`,
        `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, shared with other work (load average at the end: ${load}). ${count.toLocaleString("en")} task events shaped as the design's`,
        `Avro schema (JSON, ${avgBytes.toFixed(0)} bytes each) on \`${TOPIC}\` (48 partitions, replication factor 3, \`min.insync.replicas\` 2), written as fsm-api with`,
        "the design's producer settings: `acks=all`, idempotence, LZ4, at most 5 requests in flight; the design sets no linger or batch size, so Kafka's defaults (`linger.ms=0`, `batch.size=16384`).",
        "",
        "| Measure | clients/ (kafkajs) | Kafka's Java client | clients/ ÷ Java |",
        "| --- | ---: | ---: | ---: |",
        `| Producer throughput, records/s | ${clients.perSecond.toFixed(0)} | ${java.perSecond.toFixed(0)} | ${(clients.perSecond / java.perSecond).toFixed(2)} |`,
        `| Consumer throughput, records/s | ${clientsRead.toFixed(0)} | ${javaRead.perSecond.toFixed(0)} | ${(clientsRead / javaRead.perSecond).toFixed(2)} |`,
        `| Producer send-to-acknowledgement latency, p50 / p99 ms (Java: under full load) | - | ${java.p50} / ${java.p99} | |`,
        `| Produce-to-consume latency at 100 records/s, p50 / p99 ms | ${latency.p50.toFixed(1)} / ${latency.p99.toFixed(1)} | | |`,
        `| LZ4 storage saving on task events (16 KB batches) | ${(lz4.saving * 100).toFixed(1)}% | | |`,
        "",
    ].join("\n");
    if (values.write) {
        const file = path.join(REPO_ROOT, "docs", "benchmarks.md");
        fs.writeFileSync(file, replaceSection(fs.readFileSync(file, "utf8"), section));
        process.stdout.write(`wrote the "${SECTION_TITLE}" section of docs/benchmarks.md\n`);
    } else {
        process.stdout.write(`\n${section}`);
    }
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        process.stderr.write(`bench:local: ${(error as Error).message}\n`);
        process.exit(2);
    },
);
