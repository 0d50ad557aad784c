// lag against a real broker: figures match what was produced and committed; idle groups and high lag are flagged.
import * as assert from "assert";
import { Admin, Consumer, Kafka } from "kafkajs";
import { computeLag } from "../../tools/lag-report";
import { readGroupOffsets } from "../../tools/live-groups";
import { BOOTSTRAP, createTopics, runTool, testKafka, uniqueName, waitFor, writeCatalog } from "./helpers";

async function produce(kafka: Kafka, topic: string, partition: number, count: number): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    for (let start = 0; start < count; start += 500) {
        const size = Math.min(500, count - start);
        await producer.send({ topic, messages: Array.from({ length: size }, (_, i) => ({ partition, value: `record ${start + i}` })) });
    }
    await producer.disconnect();
}

describe("lag on a live broker", function () {
    const topic = uniqueName("lag");
    const idleGroup = `${topic}-idle`;
    const liveGroup = `${topic}-live`;
    const kafka = testKafka();
    let admin: Admin;
    let consumer: Consumer;

    before(async () => {
        admin = kafka.admin();
        await admin.connect();
        await createTopics(admin, [{ topic, numPartitions: 2 }]);
        await produce(kafka, topic, 0, 1500);
        await produce(kafka, topic, 1, 200);
        // The idle group committed 300 on partition 0 and 150 on partition 1, then went away.
        await admin.setOffsets({ groupId: idleGroup, topic, partitions: [{ partition: 0, offset: "300" }, { partition: 1, offset: "150" }] });
        // The live group reads everything and stays connected.
        consumer = kafka.consumer({ groupId: liveGroup, maxWaitTimeInMs: 100 });
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        let consumed = 0;
        await consumer.run({ autoCommitInterval: 100, eachMessage: async () => void consumed++ });
        await waitFor("the live group to read all 1700 records", () => (consumed >= 1700 ? true : undefined));
        await waitFor("the live group's commits", async () => {
            const offsets = await admin.fetchOffsets({ groupId: liveGroup, topics: [topic] });
            return offsets[0].partitions.every((p) => p.offset === (p.partition === 0 ? "1500" : "200")) ? true : undefined;
        });
    });

    after(async () => {
        await consumer.disconnect();
        await admin.disconnect();
    });

    it("reports end minus committed per partition, flags lag over the threshold and the group with no members", async () => {
        const { groups, ends } = await readGroupOffsets(admin, [idleGroup, liveGroup]);
        const report = computeLag(groups, ends, 1000);
        const idle = report.groups.find((g) => g.groupId === idleGroup);
        const live = report.groups.find((g) => g.groupId === liveGroup);
        assert.ok(idle && live);
        assert.deepStrictEqual(idle.rows.map((r) => [r.partition, r.committed, r.end, r.lag, r.overThreshold]), [
            [0, 300, 1500, 1200, true],
            [1, 150, 200, 50, false],
        ]);
        assert.strictEqual(idle.inactive, true);
        assert.strictEqual(idle.state, "Empty");
        assert.deepStrictEqual(live.rows.map((r) => [r.partition, r.committed, r.end, r.lag]), [
            [0, 1500, 1500, 0],
            [1, 200, 200, 0],
        ]);
        assert.strictEqual(live.state, "Stable");
        assert.strictEqual(live.members, 1);
        assert.strictEqual(report.flagged, 2);
    });

    it("finds the groups by itself when none is named", async () => {
        const { groups } = await readGroupOffsets(admin);
        const ids = groups.map((g) => g.groupId);
        assert.ok(ids.includes(idleGroup) && ids.includes(liveGroup), ids.join(","));
    });

    it("prints HIGH LAG and NO ACTIVE MEMBERS and exits 1; a healthy group alone exits 0", () => {
        const flagged = runTool("lag", ["--brokers", BOOTSTRAP, "--group", idleGroup, "--group", liveGroup]);
        assert.strictEqual(flagged.status, 1, flagged.stderr);
        assert.match(flagged.stdout, new RegExp(`${idleGroup} +${topic} +0 +300 +1500 +1200 +HIGH LAG`));
        assert.match(flagged.stdout, new RegExp(`${idleGroup} .*NO ACTIVE MEMBERS`));
        const healthy = runTool("lag", ["--brokers", BOOTSTRAP, "--group", liveGroup, "--json"]);
        assert.strictEqual(healthy.status, 0, healthy.stderr);
        assert.strictEqual(JSON.parse(healthy.stdout).groups[0].totalLag, 0);
    });

    it("with --catalog, reports a catalog group that never started as having no active members", () => {
        const neverStarted = `${topic}-never`;
        const catalogDir = writeCatalog([{ name: topic, partitions: 2 }], [], [{ groupId: neverStarted, topics: [topic] }]);
        const run = runTool("lag", ["--brokers", BOOTSTRAP, "--catalog", catalogDir, "--json"]);
        assert.strictEqual(run.status, 1, run.stderr);
        const never = JSON.parse(run.stdout).groups.find((g: { groupId: string }) => g.groupId === neverStarted);
        assert.deepStrictEqual([never.members, never.inactive, never.rows.length], [0, true, 0]);
    });

    it("says so when --group names a group the cluster does not know, and names those it does", () => {
        const typo = `${liveGroup}-typo`;
        const run = runTool("lag", ["--brokers", BOOTSTRAP, "--group", typo]);
        assert.strictEqual(run.status, 2, run.stdout);
        assert.strictEqual(run.stdout, "");
        assert.match(run.stderr, new RegExp(`^lag: error: --group: "${typo}" is no consumer group of this cluster \\(never joined, nothing committed\\); it has \\S`));
        assert.strictEqual(run.stderr.trim().split("\n").length, 1);
    });

    it("takes its threshold from --threshold", () => {
        const run = runTool("lag", ["--brokers", BOOTSTRAP, "--group", idleGroup, "--threshold", "2000", "--json"]);
        const report = JSON.parse(run.stdout);
        assert.strictEqual(report.threshold, 2000);
        assert.strictEqual(report.groups[0].rows.filter((r: { overThreshold: boolean }) => r.overThreshold).length, 0);
        assert.strictEqual(report.flagged, 1, "the idle group is still flagged");
    });
});
