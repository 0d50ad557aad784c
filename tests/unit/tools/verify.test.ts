// Tests `npm run verify` against a stand-in cluster: how it reads the live topics, what it prints, its exit codes and its refusals.
import * as assert from "assert";
import * as path from "path";
import { loadCatalog } from "../../../catalog";
import { EXIT_FINDING, EXIT_OK, UsageError } from "../../../tools/cli";
import { configSourceOf, readLiveTopics } from "../../../tools/live-topics";
import { formatDriftReport, main, verifyCluster } from "../../../tools/verify";
import { captureOutput, catalogWithExtraTopic, FakeCluster, fakeCluster, runAgainst } from "./fake-cluster";

const TOPICS_DIR = path.resolve(__dirname, "..", "..", "..", "topics");

/** A cluster holding exactly the catalog's topics, each set on the topic as the catalog says, plus Kafka's own offsets topic. */
function inSyncCluster(): FakeCluster {
    const c = fakeCluster();
    for (const topic of loadCatalog({ topics: TOPICS_DIR }).topics) {
        c.topics[topic.name] = {
            replicas: Array.from({ length: topic.partitions }, () => topic.replicationFactor),
            configs: Object.entries(topic.config).map(([configName, value]) => ({ configName, configValue: String(value), isDefault: false, configSource: 1 })),
        };
    }
    c.topics.__consumer_offsets = { replicas: [3] };
    return c;
}

const verify = runAgainst(main);

describe("npm run verify", () => {
    it("prints its usage for --help and exits 0 without connecting", async () => {
        const c = inSyncCluster();
        const { result, stdout } = await captureOutput(() => main(["--help"], c.kafkaFor));
        assert.strictEqual(result, EXIT_OK);
        assert.match(stdout, /^Usage: npm run verify -- --brokers HOST:PORT/);
        assert.match(stdout, /--ignore REGEX/);
        assert.deepStrictEqual(c.clients, []);
    });

    it("exits 0 with a one-line summary when the cluster holds the catalog (the default catalog folder is topics)", async () => {
        const c = inSyncCluster();
        const { result, stdout } = await verify(c);
        assert.strictEqual(result, EXIT_OK);
        const count = loadCatalog({ topics: TOPICS_DIR }).topics.length;
        assert.strictEqual(stdout, `${count} catalog topics, ${count} in sync; ${count} topics in the cluster (the platform's own aside); no drift\n`);
        assert.deepStrictEqual(c.clients.map((client) => client.clientId), ["kafka-platform-verify"]);
        assert.deepStrictEqual([c.calls[0], c.calls[c.calls.length - 1]], ["connect", "disconnect"]);
    });

    it("exits 1 and prints each difference in a table: an unmanaged topic, a changed setting, an override the catalog lacks", async () => {
        const c = inSyncCluster();
        c.topics["scratch.a"] = { replicas: [1, 1] };
        const audit = c.topics["audit.events"].configs!;
        audit.find((e) => e.configName === "retention.ms")!.configValue = "1000";
        audit.push({ configName: "flush.messages", configValue: "1", isDefault: false, configSource: 1 });
        const { result, stdout } = await verify(c, "--catalog", TOPICS_DIR);
        assert.strictEqual(result, EXIT_FINDING);
        const count = loadCatalog({ topics: TOPICS_DIR }).topics.length;
        assert.strictEqual(
            stdout,
            [
                "TOPIC         DRIFT             SETTING         CATALOG     CLUSTER",
                "------------  ----------------  --------------  ----------  ------------",
                "audit.events  config            retention.ms    7776000000  1000",
                "audit.events  unmanaged-config  flush.messages  -           1",
                "scratch.a     unmanaged                         -           2 partitions",
                "",
                `${count} catalog topics, ${count - 1} in sync; ${count + 1} topics in the cluster (the platform's own aside); 3 differences`,
                "",
            ].join("\n"),
        );
    });

    it("holds the cluster against the catalog given with --catalog", async () => {
        const c = inSyncCluster();
        const { result, stdout } = await verify(c, "--catalog", catalogWithExtraTopic("scratch.extra"));
        assert.strictEqual(result, EXIT_FINDING);
        assert.match(stdout, /\nscratch\.extra  missing  +1 partitions  -\n/);
    });

    it("leaves topics matching an --ignore pattern out of the unmanaged check, and counts them", async () => {
        const c = inSyncCluster();
        c.topics["scratch.a"] = { replicas: [1] };
        c.topics["scratch.b"] = { replicas: [1] };
        const { result, stdout } = await verify(c, "--ignore", "scratch\\..*");
        assert.strictEqual(result, EXIT_OK);
        assert.match(stdout, /topics in the cluster \(the platform's own aside, 2 ignored\); no drift\n$/);
    });

    it("matches an --ignore pattern against the whole topic name", async () => {
        const c = inSyncCluster();
        c.topics["scratch.a"] = { replicas: [1] };
        const { result } = await verify(c, "--ignore", "scratch");
        assert.strictEqual(result, EXIT_FINDING);
    });

    it("refuses an --ignore pattern that is not a regular expression, before connecting", async () => {
        const c = inSyncCluster();
        await assert.rejects(verify(c, "--ignore", "scratch.("), (e: Error) => e instanceof UsageError && e.message === '--ignore: "scratch.(" is not a regular expression');
        assert.deepStrictEqual(c.clients, []);
    });

    it("prints the report as JSON with --json, saying whether the cluster is in sync", async () => {
        const c = inSyncCluster();
        c.topics["scratch.a"] = { replicas: [1] };
        const { stdout } = await verify(c, "--json");
        const report = JSON.parse(stdout);
        assert.strictEqual(report.inSync, false);
        assert.deepStrictEqual(report.drift, [{ topic: "scratch.a", kind: "unmanaged", actual: "1 partitions" }]);
        assert.strictEqual(JSON.parse((await verify(inSyncCluster(), "--json")).stdout).inSync, true);
    });

    it("gives up after --timeout seconds when the cluster does not answer", async () => {
        const c = inSyncCluster();
        c.hold = new Promise(() => undefined);
        await assert.rejects(verify(c, "--timeout", "1"), /^Error: verify did not finish within 1s$/);
    });
});

describe("verifyCluster", () => {
    it("reports every topic outside the catalog when given no --ignore patterns, as the DR drill calls it", async () => {
        const c = fakeCluster({ "scratch.a": { replicas: [1] } });
        const report = await verifyCluster(c.admin, { topics: [], removedTopics: [] });
        assert.deepStrictEqual(report.drift, [{ topic: "scratch.a", kind: "unmanaged", actual: "1 partitions" }]);
    });
});

describe("formatDriftReport", () => {
    it("shows a dash for a value the catalog or the cluster lacks", () => {
        const text = formatDriftReport({ catalogTopics: 1, clusterTopics: 0, topicsInSync: 0, ignoredTopics: [], drift: [{ topic: "t", kind: "missing", expected: "3 partitions" }] });
        assert.strictEqual(text.split("\n")[2], "t      missing           3 partitions  -");
    });
});

describe("readLiveTopics", () => {
    it("reads each topic's partitions in partition order, their replica counts and its configs with their sources", async () => {
        const c = fakeCluster({
            orders: {
                replicas: [3, 3, 2],
                configs: [
                    { configName: "retention.ms", configValue: "1000", isDefault: false, configSource: 1 },
                    { configName: "compression.type", configValue: "producer", isDefault: true, configSource: 5 },
                    { configName: "min.insync.replicas", configValue: "2", isDefault: false, configSource: 4 },
                    { configName: "segment.bytes", configValue: "1024", isDefault: true },
                    { configName: "cleanup.policy", configValue: null, isDefault: false },
                ],
            },
        });
        assert.deepStrictEqual(await readLiveTopics(c.admin), [
            {
                name: "orders",
                partitions: 3,
                replicasPerPartition: [3, 3, 2],
                configs: [
                    { name: "retention.ms", value: "1000", source: "topic" },
                    { name: "compression.type", value: "producer", source: "default" },
                    { name: "min.insync.replicas", value: "2", source: "broker" },
                    { name: "segment.bytes", value: "1024", source: "default" },
                    { name: "cleanup.policy", value: null, source: "broker" },
                ],
            },
        ]);
        // One metadata request for every topic and one config request for all of them.
        assert.deepStrictEqual(c.calls, ["fetchTopicMetadata:*", "describeConfigs:orders"]);
    });

    it("asks for no configs of a cluster without topics", async () => {
        const c = fakeCluster();
        assert.deepStrictEqual(await readLiveTopics(c.admin), []);
        assert.deepStrictEqual(c.calls, ["fetchTopicMetadata:*"]);
    });

    it("fails naming the topic whose configs Kafka would not describe, with Kafka's message or its error code", async () => {
        await assert.rejects(readLiveTopics(fakeCluster({ a: { replicas: [1], configError: { errorCode: 29, errorMessage: "Topic authorization failed" } } }).admin), (e: Error) => e.message === "describing the configs of a failed: Topic authorization failed");
        await assert.rejects(readLiveTopics(fakeCluster({ a: { replicas: [1], configError: { errorCode: 29 } } }).admin), (e: Error) => e.message === "describing the configs of a failed: error code 29");
    });
});

describe("configSourceOf", () => {
    it("tells a topic's own setting from a default and from a broker-wide one", () => {
        assert.strictEqual(configSourceOf(1, false), "topic");
        assert.strictEqual(configSourceOf(1, true), "topic");
        assert.strictEqual(configSourceOf(5, false), "default");
        assert.strictEqual(configSourceOf(undefined, true), "default");
        for (const brokerSource of [2, 3, 4, undefined]) assert.strictEqual(configSourceOf(brokerSource, false), "broker");
    });
});
