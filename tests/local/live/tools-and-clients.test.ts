// The live tools and the client library against the local platform: verify finds no drift, smoke gets everything back, clients/ works over TLS.
import { strict as assert } from "assert";
import { randomUUID } from "crypto";
import * as path from "path";
import { ConfigResourceTypes } from "kafkajs";
import { loadCatalog } from "../../../catalog";
import { GroupConsumer } from "../../../clients/consumer";
import { PlatformProducer } from "../../../clients/producer";
import { catalogGroup } from "../../../clients/topics";
import { REPO_ROOT } from "../../../local/platform";
import { runTool, waitFor } from "../../integration/helpers";
import { kafkaAs, kafkaAsOperator, platform, stackConfig } from "./platform-fixture";

/** The platform's tools run as Strimzi's operators do: on the replication listener with the topic operator's certificate. */
function operatorFlags(): string[] {
    const admin = platform().admin;
    return ["--brokers", admin.bootstrap, "--ssl-ca", admin.ca, "--ssl-cert", admin.cert, "--ssl-key", admin.key];
}

describe("live tools on the local platform", function () {
    it("verify with the project's unmodified catalog reports no drift and no unmanaged platform topic", () => {
        const run = runTool("verify", [...operatorFlags(), "--json"]);
        assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
        const report = JSON.parse(run.stdout) as { inSync: boolean; catalogTopics: number; topicsInSync: number; drift: unknown[] };
        assert.deepEqual(report.drift, []);
        assert.equal(report.topicsInSync, report.catalogTopics);
    });

    it("holds every catalog topic at replication factor 3 and min.insync.replicas 2 on the brokers", async () => {
        const catalog = loadCatalog({ topics: path.join(REPO_ROOT, "topics") });
        const admin = kafkaAsOperator().admin();
        await admin.connect();
        try {
            const { topics } = await admin.fetchTopicMetadata({ topics: catalog.topics.map((t) => t.name) });
            for (const topic of topics) for (const p of topic.partitions) assert.equal(p.replicas.length, 3, `${topic.name}-${p.partitionId}`);
            const described = await admin.describeConfigs({ includeSynonyms: false, resources: catalog.topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.name, configNames: ["min.insync.replicas"] })) });
            for (const resource of described.resources) assert.equal(resource.configEntries[0]?.configValue, "2", resource.resourceName);
        } finally {
            await admin.disconnect();
        }
    });

    it("smoke gets every canary back and reports its latency", () => {
        const run = runTool("smoke", [...operatorFlags(), "--count", "50", "--json"]);
        assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
        const summary = JSON.parse(run.stdout) as { sent: number; received: number; p50Ms: number; p99Ms: number };
        assert.equal(summary.received, summary.sent);
        assert.ok(summary.p50Ms > 0 && summary.p99Ms >= summary.p50Ms, run.stdout);
        process.stdout.write(`      smoke: ${summary.received}/${summary.sent} back, round trip p50 ${summary.p50Ms.toFixed(1)} ms, p99 ${summary.p99Ms.toFixed(1)} ms\n`);
    });
});

describe("the client library on the local platform, over TLS as the services", function () {
    it("fsm-api's transactional producer writes task.events and task-event-processor's consumer reads it", async () => {
        const transactionalId = stackConfig()["kafka-platform:clients"].transactionalIds["fsm-api"];
        const producer = new PlatformProducer(kafkaAs("fsm-api"), { transactionalId, source: "local-platform-test" });
        const group = catalogGroup("task-event-processor");
        const consumer = new GroupConsumer(kafkaAs("task-event-processor"), group);
        const runId = randomUUID();
        const seen = new Set<string>();
        try {
            const joined = new Promise<void>((resolve) => consumer.kafkajsConsumer.on(consumer.kafkajsConsumer.events.GROUP_JOIN, () => resolve()));
            await consumer.start(async (record) => {
                if (record.message.headers?.run?.toString() === runId) seen.add(record.message.key!.toString());
            });
            await joined;
            await producer.connect();
            // Keys spread the records over the partitions, whichever the group starts from.
            const keys = [...Array(20).keys()].map((i) => `${runId}-${i}`);
            await producer.inTransaction(async (send) => send("task.events", keys.map((key) => ({ key, value: { runId }, headers: { run: runId } }))));
            await waitFor("the transaction's records at the consumer", () => (seen.size === keys.length ? true : undefined), 60_000);
        } finally {
            await consumer.stop();
            await producer.disconnect();
        }
    });

    it("fsm-api's transactional producer stores every record once in transactions begun right after the last commit", async () => {
        const transactionalId = stackConfig()["kafka-platform:clients"].transactionalIds["fsm-api"];
        // Short retries, as a latency-minded service sets them: the coordinator answers a transaction begun right after
        // a commit with CONCURRENT_TRANSACTIONS, and the retry comes while other brokers' requests of the send are in flight.
        const kafka = kafkaAs("fsm-api", { retry: { retries: 50, initialRetryTime: 10, maxRetryTime: 200, factor: 0.2, multiplier: 1.5 } });
        const producer = new PlatformProducer(kafka, { transactionalId, source: "local-platform-test" });
        const runId = randomUUID();
        const transactions = 60;
        const perTransaction = 96; // two records per partition of task.events on average, over all three brokers
        try {
            for (let t = 0; t < transactions; t++) {
                await producer.sendTransactional([{ topic: "task.events", records: Array.from({ length: perTransaction }, (_, i) => ({ key: `${runId}-${i}`, value: `${t}:${i}`, headers: { run: runId } })) }]);
            }
        } finally {
            await producer.disconnect();
        }
        const copies = new Map<string, number>();
        const reader = kafkaAsOperator().consumer({ groupId: `local-test-copies-${runId}`, maxWaitTimeInMs: 200 });
        await reader.connect();
        try {
            await reader.subscribe({ topics: ["task.events"], fromBeginning: true });
            let last = Date.now();
            await reader.run({ eachMessage: async ({ message }) => {
                if (message.headers?.run?.toString() !== runId) return;
                const value = message.value!.toString();
                copies.set(value, (copies.get(value) ?? 0) + 1);
                last = Date.now();
            } });
            const expected = transactions * perTransaction;
            await waitFor(`${expected} records of the run`, () => ([...copies.values()].reduce((a, b) => a + b, 0) >= expected && Date.now() - last > 3000 ? true : undefined), 120_000);
        } finally {
            await reader.disconnect();
        }
        const twice = [...copies].filter(([, n]) => n > 1);
        assert.deepStrictEqual({ records: copies.size, storedMoreThanOnce: twice.length, examples: twice.slice(0, 5) }, { records: transactions * perTransaction, storedMoreThanOnce: 0, examples: [] });
    });
});
