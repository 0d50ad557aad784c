// What the integration tests share: the broker's address, clients, unique names, topics, catalogs and CLI runs.
import { spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Admin, ITopicConfig, Kafka, logLevel } from "kafkajs";
import { registerLz4Codec } from "../../clients/lz4-codec";
import { waitForLeaders } from "../../local/operators";
import { scratchDir } from "../scratch";

/** The broker under test: KAFKA_BOOTSTRAP, or the one scripts/kafka-local.sh runs on KAFKA_LOCAL_PORT. */
export const BOOTSTRAP = process.env.KAFKA_BOOTSTRAP ?? `127.0.0.1:${process.env.KAFKA_LOCAL_PORT ?? 9092}`;
/** A SASL/PLAIN listener (scripts/kafka-local.sh opens one two ports above the plain one). */
export const SASL_BOOTSTRAP = process.env.KAFKA_SASL_BOOTSTRAP ?? BOOTSTRAP.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 2}`);
/** A user that listener accepts; scripts/kafka-local.sh creates admin / admin-secret. */
export const SASL_USERNAME = process.env.KAFKA_SASL_TEST_USERNAME ?? "admin";
export const SASL_PASSWORD = process.env.KAFKA_SASL_TEST_PASSWORD ?? "admin-secret";
export const REPO_ROOT = path.join(__dirname, "..", "..");
const TS_NODE = path.join(REPO_ROOT, "node_modules", "ts-node", "dist", "bin.js");

export function testKafka(): Kafka {
    registerLz4Codec();
    return new Kafka({ clientId: "integration-tests", brokers: [BOOTSTRAP], logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 } });
}

/** A name no other test run has used, so tests need no clean broker and leave each other alone. */
export function uniqueName(label: string): string {
    return `it-${label}-${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export async function createTopics(admin: Admin, topics: ITopicConfig[]): Promise<void> {
    const created = await admin.createTopics({ topics: topics.map((t) => ({ replicationFactor: 1, ...t })) });
    if (!created) throw new Error(`topics already exist: ${topics.map((t) => t.topic).join(", ")}`);
    // kafkajs' own wait gives up on the first "does not host this topic-partition", which a busy broker answers
    // for a moment after it created the topic.
    await waitForLeaders(admin, topics.map((t) => ({ name: t.topic, partitions: t.numPartitions ?? 1 })), 60_000);
}

export interface CatalogTopic {
    name: string;
    partitions: number;
    fields?: Record<string, string | number>;
    configs?: Record<string, string | number>;
}

/** Writes a catalog folder in the topics/*.yaml format (replication factor 1, for a one-broker cluster). */
export function writeCatalog(topics: CatalogTopic[], removed: { name: string; deleteData: boolean }[] = [], groups: { groupId: string; topics: string[] }[] = []): string {
    const dir = scratchDir("catalog-");
    const lines = ["topics:"];
    for (const topic of topics) {
        lines.push(`  - name: ${topic.name}`, "    description: integration test topic", `    partitions: ${topic.partitions}`, "    replication_factor: 1");
        for (const [key, value] of Object.entries(topic.fields ?? {})) lines.push(`    ${key}: ${value}`);
        if (topic.configs) {
            lines.push("    configs:");
            for (const [key, value] of Object.entries(topic.configs)) lines.push(`      ${key}: ${value}`);
        }
    }
    if (removed.length > 0) {
        lines.push("removed_topics:");
        for (const r of removed) lines.push(`  - name: ${r.name}`, "    reason: integration test", `    delete_data: ${r.deleteData}`);
    }
    fs.writeFileSync(path.join(dir, "topics.yaml"), `${lines.join("\n")}\n`);
    const groupLines = groups.flatMap((g) => [`  - group_id: ${g.groupId}`, "    topics:", ...g.topics.map((t) => `      - ${t}`), "    instances: 1"]);
    fs.writeFileSync(path.join(dir, "consumer-groups.yaml"), groups.length === 0 ? "consumer_groups: []\n" : `consumer_groups:\n${groupLines.join("\n")}\n`);
    return dir;
}

export interface CliRun {
    status: number | null;
    stdout: string;
    stderr: string;
    seconds: number;
}

/** Runs a tool the way `npm run <tool> --` does, as its own process. */
export function runTool(tool: "verify" | "lag" | "smoke", args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
    const started = Date.now();
    const result = spawnSync(process.execPath, [TS_NODE, "--swc", path.join("tools", `${tool}.ts`), ...args], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { ...process.env, KAFKA_BOOTSTRAP: "", KAFKA_SASL_PASSWORD: "", ...env },
        timeout: 90000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: (Date.now() - started) / 1000 };
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await check();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/** A regular expression for --ignore / findDrift that leaves out every topic but this test's own. */
export function everythingBut(prefix: string): RegExp {
    return new RegExp(`^(?!${prefix.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}).*$`);
}
