// Tests `npm run lag` against a stand-in cluster: which groups it reports, its table and JSON, its exit codes and its refusals.
import * as assert from "assert";
import * as path from "path";
import { loadCatalog } from "../../../catalog";
import { EXIT_FINDING, EXIT_OK, UsageError } from "../../../tools/cli";
import { formatLagReport, main } from "../../../tools/lag";
import { computeLag } from "../../../tools/lag-report";
import { listConsumerGroups, readGroupOffsets } from "../../../tools/live-groups";
import { captureOutput, FakeCluster, fakeCluster, runAgainst } from "./fake-cluster";

const TOPICS_DIR = path.resolve(__dirname, "..", "..", "..", "topics");

/** Two consumer groups on task.events (two partitions), one of them stopped, and a Connect worker group. */
function cluster(): FakeCluster {
    return fakeCluster(
        { "task.events": { replicas: [3, 3], ends: ["5000", "300"] }, "task.comments": { replicas: [3], ends: ["10"] } },
        {
            "search-index-updater": { state: "Stable", members: 2, protocolType: "consumer", offsets: { "task.events": ["3000", "100"] } },
            "cache-invalidator": { state: "Empty", members: 0, protocolType: "consumer", offsets: { "task.comments": ["10"] } },
            "connect-cluster": { state: "Stable", members: 1, protocolType: "connect", offsets: {} },
        },
    );
}

const lag = runAgainst(main);

describe("npm run lag", () => {
    it("prints its usage for --help and exits 0 without connecting", async () => {
        const c = cluster();
        const { result, stdout } = await captureOutput(() => main(["--help"], c.kafkaFor));
        assert.strictEqual(result, EXIT_OK);
        assert.match(stdout, /^Usage: npm run lag -- --brokers HOST:PORT/);
        assert.match(stdout, /--threshold N {5}lag above which a partition is flagged \(default 1000\)/);
        assert.match(stdout, /--sasl-mechanism NAME/);
        assert.deepStrictEqual(c.clients, []);
    });

    it("reports every consumer group of the cluster, and not Connect's or other protocols' groups", async () => {
        const c = cluster();
        const { result, stdout } = await lag(c, "--json");
        const report = JSON.parse(stdout);
        assert.deepStrictEqual(report.groups.map((g: { groupId: string }) => g.groupId), ["cache-invalidator", "search-index-updater"]);
        // The stopped group and the partition 2000 behind are both flagged.
        assert.strictEqual(report.flagged, 2);
        assert.strictEqual(result, EXIT_FINDING);
        assert.deepStrictEqual(c.clients.map((client) => [client.clientId, client.connection.brokers]), [["kafka-platform-lag", ["k:9092"]]]);
    });

    it("prints a table with a row per partition, the stopped group on its own line, a summary per group and the verdict", async () => {
        const { stdout } = await lag(cluster());
        assert.strictEqual(
            stdout,
            [
                "GROUP                 TOPIC          PARTITION  COMMITTED  END   LAG   FLAG",
                "--------------------  -------------  ---------  ---------  ----  ----  -----------------",
                "cache-invalidator                                                0     NO ACTIVE MEMBERS",
                "cache-invalidator     task.comments  0          10         10    0",
                "search-index-updater  task.events    0          3000       5000  2000  HIGH LAG",
                "search-index-updater  task.events    1          100        300   200",
                "",
                "cache-invalidator: Empty, 0 members, total lag 0",
                "search-index-updater: Stable, 2 members, total lag 2200",
                "2 flagged (threshold 1000)",
                "",
            ].join("\n"),
        );
    });

    it("exits 0 and says nothing is above the threshold when every group runs and keeps up", async () => {
        const c = cluster();
        delete c.groups["cache-invalidator"];
        const { result, stdout } = await lag(c, "--threshold", "2000");
        assert.strictEqual(result, EXIT_OK);
        assert.match(stdout, /\nnothing above 2000\n$/);
        assert.doesNotMatch(stdout, /HIGH LAG/);
    });

    it("accepts a threshold of 0, flagging any lag at all, and refuses one that is not a whole number", async () => {
        const c = cluster();
        delete c.groups["cache-invalidator"];
        const { stdout } = await lag(c, "--json", "--threshold", "0");
        assert.strictEqual(JSON.parse(stdout).flagged, 2);
        await assert.rejects(lag(cluster(), "--threshold=-1"), (e: Error) => e instanceof UsageError && e.message === '--threshold: "-1" is not a whole number');
    });

    it("reports only the groups named with --group", async () => {
        const c = cluster();
        const { stdout } = await lag(c, "--json", "--group", "search-index-updater");
        assert.deepStrictEqual(JSON.parse(stdout).groups.map((g: { groupId: string }) => g.groupId), ["search-index-updater"]);
        assert.ok(c.calls.includes("describeGroups:search-index-updater"), c.calls.join(" "));
    });

    it("refuses a --group the cluster does not know, naming the groups it does, and disconnects", async () => {
        const c = cluster();
        const error = await lag(c, "--group", "search-index-updatr").then(
            () => assert.fail("a misspelt group was accepted"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof UsageError);
        assert.strictEqual(
            (error as Error).message,
            '--group: "search-index-updatr" is no consumer group of this cluster (never joined, nothing committed); it has cache-invalidator, search-index-updater',
        );
        assert.strictEqual(c.calls[c.calls.length - 1], "disconnect");
    });

    it("names every unknown group at once, and says so when the cluster has no group at all", async () => {
        await assert.rejects(lag(fakeCluster(), "--group", "a", "--group", "b"), (e: Error) => e.message === '--group: "a", "b" are no consumer groups of this cluster (never joined, nothing committed); it has none');
    });

    it("lists at most 20 of the cluster's groups after an unknown --group, with the count of the rest", async () => {
        const c = fakeCluster();
        for (let i = 10; i < 35; i++) c.groups[`group-${i}`] = { state: "Stable", members: 1, protocolType: "consumer", offsets: {} };
        await assert.rejects(lag(c, "--group", "nope"), (e: Error) => e.message.endsWith("it has group-10, group-11, group-12, group-13, group-14, group-15, group-16, group-17, group-18, group-19, group-20, group-21, group-22, group-23, group-24, group-25, group-26, group-27, group-28, group-29 and 5 more"));
    });

    it("lists all of the cluster's groups after an unknown --group when there are exactly 20", async () => {
        const c = fakeCluster();
        for (let i = 10; i < 30; i++) c.groups[`group-${i}`] = { state: "Stable", members: 1, protocolType: "consumer", offsets: {} };
        await assert.rejects(lag(c, "--group", "nope"), (e: Error) => e.message.endsWith("it has group-10, group-11, group-12, group-13, group-14, group-15, group-16, group-17, group-18, group-19, group-20, group-21, group-22, group-23, group-24, group-25, group-26, group-27, group-28, group-29"));
    });

    it("with --catalog, also shows the catalog's groups that never started, as having no active members", async () => {
        const c = cluster();
        const { result, stdout } = await lag(c, "--json", "--catalog", TOPICS_DIR);
        const catalogGroups = loadCatalog({ topics: TOPICS_DIR }).groups.map((g) => g.groupId);
        const report = JSON.parse(stdout) as { groups: Array<{ groupId: string; inactive: boolean; state: string }> };
        for (const groupId of catalogGroups) {
            const group = report.groups.find((g) => g.groupId === groupId);
            assert.ok(group, `${groupId} is missing`);
            if (groupId !== "search-index-updater") assert.deepStrictEqual([group.state, group.inactive], [groupId === "cache-invalidator" ? "Empty" : "Dead", true]);
        }
        assert.strictEqual(result, EXIT_FINDING);
    });

    it("gives up after --timeout seconds when the cluster does not answer", async () => {
        const c = cluster();
        c.hold = new Promise(() => undefined);
        await assert.rejects(lag(c, "--timeout", "1"), /^Error: lag did not finish within 1s$/);
    });

    it("disconnects once the report is read", async () => {
        const c = cluster();
        await lag(c);
        assert.strictEqual(c.calls[0], "connect");
        assert.strictEqual(c.calls[c.calls.length - 1], "disconnect");
    });
});

describe("formatLagReport", () => {
    it("says so when there are no consumer groups", () => {
        assert.strictEqual(formatLagReport(computeLag([], [])), "no consumer groups");
    });

    it("shows a partition the group never committed on with dashes", () => {
        const text = formatLagReport(computeLag([{ groupId: "g", state: "Stable", members: 1, committed: [{ topic: "t", partition: 0, offset: "-1" }] }], [{ topic: "t", partition: 0, end: "7" }]));
        assert.strictEqual(text.split("\n")[2], "g      t      0          -          7    -");
    });
});

describe("readGroupOffsets", () => {
    it("asks nothing more of the cluster when there is no group to read", async () => {
        const c = fakeCluster({ "task.events": { replicas: [3] } });
        assert.deepStrictEqual(await readGroupOffsets(c.admin), { groups: [], ends: [] });
        assert.deepStrictEqual(c.calls, ["listGroups"]);
    });

    it("reads the end offsets of the topics the groups committed on that still exist, and no others", async () => {
        const c = cluster();
        c.groups["search-index-updater"].offsets["deleted.topic"] = ["7"];
        const { groups, ends } = await readGroupOffsets(c.admin, ["search-index-updater"]);
        assert.deepStrictEqual(groups, [
            {
                groupId: "search-index-updater",
                state: "Stable",
                members: 2,
                committed: [
                    { topic: "task.events", partition: 0, offset: "3000" },
                    { topic: "task.events", partition: 1, offset: "100" },
                    { topic: "deleted.topic", partition: 0, offset: "7" },
                ],
            },
        ]);
        assert.deepStrictEqual(
            [...ends].sort((a, b) => a.partition - b.partition),
            [
                { topic: "task.events", partition: 0, end: "5000" },
                { topic: "task.events", partition: 1, end: "300" },
            ],
        );
        assert.ok(!c.calls.includes("fetchTopicOffsets:task.comments"));
    });

    it("reads each topic's ends once however many groups committed on it", async () => {
        const c = cluster();
        c.groups["cache-invalidator"].offsets = { "task.events": ["1", "1"] };
        await readGroupOffsets(c.admin);
        assert.deepStrictEqual(c.calls.filter((call) => call.startsWith("fetchTopicOffsets")), ["fetchTopicOffsets:task.events"]);
    });
});

describe("listConsumerGroups", () => {
    it("lists consumer groups and groups that only committed through the admin API, not Connect's", async () => {
        const c = cluster();
        c.groups["admin-committed"] = { state: "Empty", members: 0, protocolType: "", offsets: {} };
        assert.deepStrictEqual(await listConsumerGroups(c.admin), ["search-index-updater", "cache-invalidator", "admin-committed"]);
    });
});
