// The live benchmark: `verify` over 1,000 topics on the local broker, timed beside Kafka's own kafka-topics --describe.
//
//   scripts/kafka-local.sh start && npm run bench:live [-- --topics 1000 --runs 5 --write]
//
// --write replaces the "## Live cluster" section of docs/benchmarks.md with the results.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { parseArgs } from "util";
import { Admin, Kafka, logLevel } from "kafkajs";
import { loadCatalog } from "../catalog";
import { verifyCluster } from "../tools/verify";

const REPO_ROOT = path.join(__dirname, "..");
const BENCH_PREFIX = "bench.live.";
const TOPIC_CONFIG = { "retention.ms": "604800000", "cleanup.policy": "delete", "compression.type": "lz4", "segment.ms": "86400000" };
const SECTION_TITLE = "## Live cluster";

function benchTopicName(index: number): string {
    return `${BENCH_PREFIX}t${String(index).padStart(4, "0")}`;
}

async function ensureBenchTopics(admin: Admin, count: number, partitions: number): Promise<void> {
    const existing = new Set(await admin.listTopics());
    const wanted = Array.from({ length: count }, (_, i) => benchTopicName(i)).filter((name) => !existing.has(name));
    for (let start = 0; start < wanted.length; start += 100) {
        await admin.createTopics({
            waitForLeaders: false,
            topics: wanted.slice(start, start + 100).map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1, configEntries: Object.entries(TOPIC_CONFIG).map(([name, value]) => ({ name, value })) })),
        });
    }
    const deadline = Date.now() + 120000;
    while ((await admin.listTopics()).filter((t) => t.startsWith(BENCH_PREFIX)).length < count) {
        if (Date.now() > deadline) throw new Error("the broker did not create the benchmark topics within 120 s");
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}

function writeBenchCatalog(count: number, partitions: number): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-catalog-"));
    const lines = ["topics:"];
    for (let i = 0; i < count; i++) {
        lines.push(
            `  - name: ${benchTopicName(i)}`,
            "    description: benchmark topic",
            `    partitions: ${partitions}`,
            "    replication_factor: 1",
            "    retention_ms: 604800000",
            "    segment_ms: 86400000",
            "    compression_type: lz4",
            "    cleanup_policy: delete",
        );
    }
    fs.writeFileSync(path.join(dir, "topics.yaml"), `${lines.join("\n")}\n`);
    fs.writeFileSync(path.join(dir, "consumer-groups.yaml"), "consumer_groups: []\n");
    return dir;
}

function timeCommand(command: string, args: string[], expectStatus: number): { seconds: number; stdout: string } {
    const started = performance.now();
    const run = spawnSync(command, args, { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, KAFKA_BOOTSTRAP: "" } });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== expectStatus) throw new Error(`${path.basename(command)} ${args.slice(0, 4).join(" ")} exited ${run.status}: ${(run.stderr || run.stdout).slice(0, 500)}`);
    return { seconds, stdout: run.stdout };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function kafkaToolsClasspath(): string {
    const run = spawnSync("bash", [path.join(REPO_ROOT, "scripts", "kafka-local.sh"), "classpath"], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`scripts/kafka-local.sh classpath failed: ${run.stderr.trim()}`);
    return run.stdout.trim().split("\n").pop() ?? "";
}

function replaceSection(document: string, section: string): string {
    const start = document.indexOf(SECTION_TITLE);
    if (start < 0) return document.trim() === "" ? `# Benchmarks\n\n${section}` : `${document.trimEnd()}\n\n${section}`;
    const next = document.indexOf("\n## ", start + SECTION_TITLE.length);
    return `${document.slice(0, start)}${section}${next < 0 ? "" : `\n${document.slice(next + 1)}`}`;
}

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { topics: { type: "string" }, partitions: { type: "string" }, runs: { type: "string" }, write: { type: "boolean" } } });
    const topicCount = Number(values.topics ?? 1000);
    const partitions = Number(values.partitions ?? 3);
    const runs = Number(values.runs ?? 5);
    const bootstrap = process.env.KAFKA_BOOTSTRAP || `127.0.0.1:${process.env.KAFKA_LOCAL_PORT || 9092}`;

    const admin = new Kafka({ clientId: "bench-live", brokers: [bootstrap], logLevel: logLevel.NOTHING, requestTimeout: 60000 }).admin();
    await admin.connect();
    process.stdout.write(`creating ${topicCount} topics of ${partitions} partitions on ${bootstrap} (once; they are reused)\n`);
    await ensureBenchTopics(admin, topicCount, partitions);
    const catalogDir = writeBenchCatalog(topicCount, partitions);
    const onlyBench = `(?!${BENCH_PREFIX.replace(/\./g, "\\.")}).*`;

    // In-process: what verify itself costs once Node is up (catalog load + one metadata + one config request + comparison).
    const inProcess: number[] = [];
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const catalog = loadCatalog({ topics: catalogDir });
        const report = await verifyCluster(admin, catalog, [new RegExp(`^${onlyBench}$`)]);
        inProcess.push((performance.now() - started) / 1000);
        if (report.drift.length !== 0 || report.topicsInSync !== topicCount) throw new Error(`verify found drift in the benchmark topics: ${JSON.stringify(report.drift.slice(0, 3))}`);
    }
    await admin.disconnect();

    const verifyArgs = ["run", "-s", "verify", "--", "--brokers", bootstrap, "--catalog", catalogDir, "--ignore", onlyBench];
    const classpath = kafkaToolsClasspath();
    const kafkaTopicsArgs = ["-Xmx512m", "-cp", classpath, "-Dlog4j.configuration=file:/dev/null", "kafka.admin.TopicCommand", "--bootstrap-server", bootstrap, "--describe", "--topic", `${BENCH_PREFIX.replace(/\./g, "\\.")}.*`];
    const verifyRuns: number[] = [];
    const kafkaRuns: number[] = [];
    let described = 0;
    for (let i = 0; i < runs; i++) {
        const ours = timeCommand("npm", verifyArgs, 0);
        if (!ours.stdout.includes(`${topicCount} catalog topics, ${topicCount} in sync`)) throw new Error(`unexpected verify output: ${ours.stdout.slice(0, 300)}`);
        verifyRuns.push(ours.seconds);
        const theirs = timeCommand("java", kafkaTopicsArgs, 0);
        described = theirs.stdout.split("\n").filter((line) => /^Topic: \S+\tTopicId/.test(line)).length;
        kafkaRuns.push(theirs.seconds);
    }
    if (described !== topicCount) throw new Error(`kafka-topics --describe described ${described} topics, expected ${topicCount}`);

    const fmt = (s: number) => s.toFixed(2);
    const ratio = median(kafkaRuns) / median(verifyRuns);
    const cpu = os.cpus();
    const section = `${SECTION_TITLE}

\`npm run bench:live\` (bench/live.ts) against the local broker of \`scripts/kafka-local.sh\` (Apache Kafka 3.6.2, KRaft,
one node, 512 MB heap): ${topicCount} topics of ${partitions} partitions, each with four topic configs, and a catalog declaring
them all. Both commands run as fresh processes and describe the same topics: partitions, replicas and configs.
Median of ${runs} runs, wall clock, measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}, 1-minute load
average ${os.loadavg()[0].toFixed(1)} when it ended), Node ${process.version}.

| command | median | runs (s) |
| --- | --- | --- |
| \`npm run verify\` (whole command: npm, ts-node with swc, catalog, requests, comparison) | ${fmt(median(verifyRuns))} s | ${verifyRuns.map(fmt).join(", ")} |
| verify in process (catalog load, one batched metadata and one DescribeConfigs request for all topics, comparison) | ${fmt(median(inProcess))} s | ${inProcess.map(fmt).join(", ")} |
| \`kafka-topics.sh --describe --topic 'bench\\.live\\..*'\` (kafka.admin.TopicCommand, same jars) | ${fmt(median(kafkaRuns))} s | ${kafkaRuns.map(fmt).join(", ")} |

Ratio: Kafka's tool takes **${ratio.toFixed(1)}×** as long as \`verify\`, which also compares every topic with the catalog.
Target: under 3 s and faster than Kafka's tools: ${median(verifyRuns) < 3 && ratio > 1 ? "met" : "NOT met"}.
`;
    process.stdout.write(`\n${section}`);
    if (values.write) {
        const file = path.join(REPO_ROOT, "docs", "benchmarks.md");
        const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        fs.writeFileSync(file, replaceSection(before, section));
        process.stdout.write(`\nwrote the "${SECTION_TITLE}" section of ${path.relative(process.cwd(), file)}\n`);
    }
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        process.stderr.write(`bench:live: error: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
    },
);
