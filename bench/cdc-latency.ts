// `npm run bench:cdc`: the time from a committed row in PostgreSQL to its change record on the catalog topic, on the local platform.
import { execFile } from "child_process";
import { randomUUID } from "crypto";
import * as os from "os";
import * as fs from "fs";
import { parseArgs, promisify } from "util";
import { Kafka, logLevel } from "kafkajs";
import { registerLz4Codec } from "../clients/lz4-codec";
import { defaultStateDir, requireState } from "../local/platform";
import { connectorOutputTopics } from "../specs/kafka-connect";
import { percentile } from "../tools/round-trip";

const execFileAsync = promisify(execFile);

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { state: { type: "string" }, rows: { type: "string" }, "interval-ms": { type: "string" } }, strict: true });
    const state = requireState(values.state ?? defaultStateDir("prod"));
    if (!state.connect || !state.database) throw new Error("the local platform runs no Connect: its render has no KafkaConnect");
    const rows = Number(values.rows ?? 300);
    const intervalMs = Number(values["interval-ms"] ?? 100);
    const table = "app.tasks";
    const topic = connectorOutputTopics(state.connect.config).find((r) => r.table === table)!.topic;

    registerLz4Codec();
    const kafka = new Kafka({
        clientId: "bench-cdc-latency",
        brokers: state.admin.bootstrap.split(","),
        ssl: { ca: [fs.readFileSync(state.admin.ca, "utf8")], cert: fs.readFileSync(state.admin.cert, "utf8"), key: fs.readFileSync(state.admin.key, "utf8") },
        logLevel: logLevel.NOTHING,
    });
    const received = new Map<string, number>();
    /** Per row: when Debezium read the change, and when its producer created the record (CreateTime). */
    const stages = new Map<string, { debezium: number; produced: number }>();
    const consumer = kafka.consumer({ groupId: `bench-cdc-${randomUUID()}`, maxWaitTimeInMs: 20 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    let assigned = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (assigned = true));
    await consumer.run({
        eachMessage: async ({ message }) => {
            const at = Date.now();
            const id = message.key ? JSON.parse(message.key.toString()).id : undefined;
            if (id && !received.has(id) && message.value) {
                received.set(id, at);
                stages.set(id, { debezium: JSON.parse(message.value.toString()).ts_ms, produced: Number(message.timestamp) });
            }
        },
    });
    while (!assigned) await new Promise((r) => setTimeout(r, 100));
    // Let the consumer reach the end of every partition before the first row is written.
    await new Promise((r) => setTimeout(r, 3000));

    // One psql session: each INSERT commits on its own, and the server's clock just after it is the commit time.
    const ids = Array.from({ length: rows }, () => randomUUID());
    const script = ["SET ROLE fsm_app;", ...ids.flatMap((id) => [
        `INSERT INTO app.tasks (id, project_id, organization_id, title) VALUES ('${id}', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'latency probe');`,
        `SELECT '${id}', (extract(epoch from clock_timestamp()) * 1000)::bigint;`,
        `SELECT pg_sleep(${intervalMs / 1000});`,
    ])].join("\n");
    const db = state.database;
    const child = execFileAsync("psql", ["-X", "-q", "-A", "-t", "-F", " ", "-v", "ON_ERROR_STOP=1", "-h", db.host, "-p", String(db.port), "-U", db.superuser.user, "-d", db.database, "-c", script], {
        env: { ...process.env, PGPASSWORD: db.superuser.password },
        maxBuffer: 16 * 1024 * 1024,
    });
    const committed = new Map<string, number>();
    for (const line of (await child).stdout.split("\n")) {
        const [id, at] = line.trim().split(" ");
        if (id && at) committed.set(id, Number(at));
    }
    const deadline = Date.now() + 60_000;
    while (ids.some((id) => !received.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await consumer.disconnect();

    const measured = ids.filter((id) => received.has(id) && committed.has(id));
    const latencies = measured.map((id) => received.get(id)! - committed.get(id)!).sort((a, b) => a - b);
    const median = (values: number[]) => percentile(values.sort((a, b) => a - b), 50);
    const toDebezium = median(measured.map((id) => stages.get(id)!.debezium - committed.get(id)!));
    const toProducer = median(measured.map((id) => stages.get(id)!.produced - stages.get(id)!.debezium));
    const toConsumer = median(measured.map((id) => received.get(id)! - stages.get(id)!.produced));
    const lost = ids.filter((id) => !received.has(id)).length;
    const load = os.loadavg()[0].toFixed(1);
    process.stdout.write(`${table} -> ${topic}: ${latencies.length} rows, one every ${intervalMs} ms; p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms; not received: ${lost}; 1-minute load ${load}\n`);
    process.stdout.write(`medians by stage: commit to Debezium ${toDebezium} ms, Debezium to the record's creation ${toProducer} ms, creation to the consumer ${toConsumer} ms\n`);
    if (lost > 0) process.exitCode = 1;
}

main().catch((error) => {
    process.stderr.write(`bench:cdc: ${(error as Error).message}\n`);
    process.exit(2);
});
