// verify against a real broker: an in-sync cluster passes, and drift injected by hand is found, in one batched request.
import * as assert from "assert";
import { Admin, ConfigResourceTypes } from "kafkajs";
import { loadCatalog } from "../../catalog";
import { verifyCluster } from "../../tools/verify";
import { BOOTSTRAP, createTopics, everythingBut, runTool, testKafka, uniqueName, writeCatalog } from "./helpers";

describe("verify on a live broker", function () {
    const prefix = uniqueName("verify");
    const orders = `${prefix}.orders`;
    const audit = `${prefix}.audit`;
    const snapshots = `${prefix}.snapshots`;
    const kept = `${prefix}.kept`;
    const ordersConfig = { "retention.ms": "86400000", "cleanup.policy": "delete", "compression.type": "lz4", "segment.ms": "3600000" };
    const catalogDir = writeCatalog(
        [
            { name: orders, partitions: 3, fields: { retention_ms: 86400000, cleanup_policy: "delete", compression_type: "lz4", segment_ms: 3600000 } },
            // cleanup.policy delete is the broker default: created without it, the topic still matches.
            { name: audit, partitions: 2, fields: { cleanup_policy: "delete", retention_ms: 604800000 } },
            { name: snapshots, partitions: 1, fields: { cleanup_policy: "compact", retention_ms: -1 }, configs: { min_cleanable_dirty_ratio: 0.5 } },
        ],
        [{ name: kept, deleteData: false }],
    );
    const catalog = loadCatalog({ topics: catalogDir });
    const onlyThisTest = [everythingBut(prefix)];
    const cliIgnore = ["--ignore", `(?!${prefix.replace(/[.-]/g, "\\$&")}).*`];
    let admin: Admin;

    before(async () => {
        admin = testKafka().admin();
        await admin.connect();
        await createTopics(admin, [
            { topic: orders, numPartitions: 3, configEntries: Object.entries(ordersConfig).map(([name, value]) => ({ name, value })) },
            { topic: audit, numPartitions: 2, configEntries: [{ name: "retention.ms", value: "604800000" }] },
            { topic: snapshots, numPartitions: 1, configEntries: [{ name: "cleanup.policy", value: "compact" }, { name: "retention.ms", value: "-1" }, { name: "min.cleanable.dirty.ratio", value: "0.5" }] },
            { topic: kept, numPartitions: 1 },
        ]);
    });

    after(async () => {
        await admin.disconnect();
    });

    it("finds a cluster that matches the catalog in sync, broker defaults and a released topic aside", async () => {
        const report = await verifyCluster(admin, catalog, onlyThisTest);
        assert.deepStrictEqual(report.drift, []);
        assert.strictEqual(report.topicsInSync, 3);
    });

    it("exits 0 from the command line when in sync", () => {
        const run = runTool("verify", ["--brokers", BOOTSTRAP, "--catalog", catalogDir, ...cliIgnore]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /3 catalog topics, 3 in sync; .*no drift/);
    });

    it("asks Kafka for all configs in one request and for metadata a fixed few times, not per topic", async () => {
        const requests: string[] = [];
        const stop = admin.on(admin.events.REQUEST, (event) => requests.push(event.payload.apiName));
        await verifyCluster(admin, catalog, onlyThisTest);
        stop();
        assert.deepStrictEqual(requests.filter((r) => r === "DescribeConfigs"), ["DescribeConfigs"]);
        // One Metadata request is verify's own; kafkajs adds its cluster refreshes (before DescribeConfigs), none per topic.
        const topicsOnCluster = (await admin.listTopics()).length;
        assert.ok(requests.filter((r) => r === "Metadata").length <= 3, requests.join(","));
        assert.ok(topicsOnCluster > 3, `the cluster holds ${topicsOnCluster} topics`);
    });

    describe("after drift is injected by hand", () => {
        const stray = `${prefix}.stray`;
        before(async () => {
            // AlterConfigs replaces a topic's whole override set, so the other overrides are sent again.
            await admin.alterConfigs({
                validateOnly: false,
                resources: [{ type: ConfigResourceTypes.TOPIC, name: orders, configEntries: Object.entries({ ...ordersConfig, "retention.ms": "3600000" }).map(([name, value]) => ({ name, value })) }],
            });
            await admin.createPartitions({ topicPartitions: [{ topic: audit, count: 3 }] });
            await admin.deleteTopics({ topics: [snapshots] });
            await createTopics(admin, [{ topic: stray, numPartitions: 1 }]);
        });

        it("finds the changed config, the extra partition, the missing topic and the unmanaged topic", async () => {
            const report = await verifyCluster(admin, catalog, onlyThisTest);
            assert.deepStrictEqual(report.drift, [
                { topic: audit, kind: "partitions", expected: "2", actual: "3" },
                { topic: orders, kind: "config", setting: "retention.ms", expected: "86400000", actual: "3600000" },
                { topic: snapshots, kind: "missing", expected: "1 partitions" },
                { topic: stray, kind: "unmanaged", actual: "1 partitions" },
            ]);
        });

        it("exits 1 and prints the drift as a table, or as JSON with --json", () => {
            const table = runTool("verify", ["--brokers", BOOTSTRAP, "--catalog", catalogDir, ...cliIgnore]);
            assert.strictEqual(table.status, 1, table.stderr);
            assert.match(table.stdout, /^TOPIC +DRIFT +SETTING +CATALOG +CLUSTER/m);
            assert.match(table.stdout, new RegExp(`${orders.replace(/\./g, "\\.")} +config +retention\\.ms +86400000 +3600000`));
            const json = runTool("verify", ["--brokers", BOOTSTRAP, "--catalog", catalogDir, "--json", ...cliIgnore]);
            assert.strictEqual(json.status, 1, json.stderr);
            const parsed = JSON.parse(json.stdout);
            assert.strictEqual(parsed.inSync, false);
            assert.deepStrictEqual(parsed.drift.map((d: { kind: string }) => d.kind), ["partitions", "config", "missing", "unmanaged"]);
        });
    });
});
