// Tests `npm run mirror-offsets` against a stand-in cluster: the start offsets it prints for a mirror's source connector, and its refusals.
import * as assert from "assert";
import * as path from "path";
import { EXIT_OK, UsageError } from "../../../tools/cli";
import { main } from "../../../tools/mirror-offsets";
import { captureOutput, catalogWithExtraTopic, FakeCluster, fakeCluster, runAgainst } from "./fake-cluster";

const TOPICS_DIR = path.resolve(__dirname, "..", "..", "..", "topics");

/** Two mirrored topics (one written, one never written to), the schemas topic, and a topic outside the catalog. */
function cluster(): FakeCluster {
    return fakeCluster({
        "task.events": { replicas: [3, 3, 3], ends: ["120", "0", "7"] },
        "audit.events": { replicas: [3], ends: ["0"] },
        _schemas: { replicas: [3], ends: ["42"] },
        "scratch.a": { replicas: [1], ends: ["5"] },
    });
}

const mirrorOffsets = runAgainst(main);

describe("npm run mirror-offsets", () => {
    it("prints its usage for --help and exits 0 without connecting", async () => {
        const c = cluster();
        const { result, stdout } = await captureOutput(() => main(["--help"], c.kafkaFor));
        assert.strictEqual(result, EXIT_OK);
        assert.match(stdout, /^Usage: npm run mirror-offsets -- --flow failback\|dr/);
        assert.deepStrictEqual(c.clients, []);
    });

    it("prints the offsets body that starts the failback mirror at DR's current ends, topic by topic in name order", async () => {
        const c = cluster();
        const { result, stdout, stderr } = await mirrorOffsets(c, "--flow", "failback", "--catalog", TOPICS_DIR);
        assert.strictEqual(result, EXIT_OK);
        const at = (topic: string, partition: number, offset: number | null) => ({ partition: { cluster: "dr", topic, partition }, offset: offset === null ? null : { offset } });
        // A partition at 0 has nothing to skip: it keeps no offset and the mirror starts at its beginning.
        assert.deepStrictEqual(JSON.parse(stdout), { offsets: [at("_schemas", 0, 41), at("audit.events", 0, null), at("task.events", 0, 119), at("task.events", 1, null), at("task.events", 2, 6)] });
        assert.strictEqual(stderr, "dr->primary.MirrorSourceConnector: start offsets of 3 topics, 5 partitions\n");
        assert.ok(!c.calls.includes("fetchTopicOffsets:scratch.a"), "a topic outside the catalog is not mirrored");
        assert.deepStrictEqual(c.clients.map((client) => client.clientId), ["kafka-platform-mirror-offsets"]);
        assert.deepStrictEqual([c.calls[0], c.calls[c.calls.length - 1]], ["connect", "disconnect"]);
    });

    it("names the DR mirror's connector, on the primary, for --flow dr (the catalog defaults to topics)", async () => {
        const { stdout, stderr } = await mirrorOffsets(cluster(), "--flow", "dr");
        assert.strictEqual(stderr, "primary->dr.MirrorSourceConnector: start offsets of 3 topics, 5 partitions\n");
        assert.deepStrictEqual(JSON.parse(stdout).offsets[0], { partition: { cluster: "primary", topic: "_schemas", partition: 0 }, offset: { offset: 41 } });
    });

    it("mirrors the topics of the catalog given with --catalog", async () => {
        const c = cluster();
        c.topics["scratch.extra"] = { replicas: [3], ends: ["9"] };
        const { stdout, stderr } = await mirrorOffsets(c, "--flow", "dr", "--catalog", catalogWithExtraTopic("scratch.extra"));
        assert.strictEqual(stderr, "primary->dr.MirrorSourceConnector: start offsets of 4 topics, 6 partitions\n");
        assert.ok(JSON.parse(stdout).offsets.some((o: { partition: { topic: string } }) => o.partition.topic === "scratch.extra"));
    });

    it("refuses a missing or unknown --flow, saying what each flow is, before connecting", async () => {
        const c = cluster();
        const message = (flow: string) => `--flow: "${flow}" must be failback (the mirror from DR into the primary) or dr (the DR mirror)`;
        await assert.rejects(mirrorOffsets(c), (e: Error) => e instanceof UsageError && e.message === message(""));
        await assert.rejects(mirrorOffsets(c, "--flow", "primary"), (e: Error) => e instanceof UsageError && e.message === message("primary"));
        assert.deepStrictEqual(c.clients, []);
    });

    it("gives up after --timeout seconds when the cluster does not answer", async () => {
        const c = cluster();
        c.hold = new Promise(() => undefined);
        await assert.rejects(mirrorOffsets(c, "--flow", "dr", "--timeout", "1"), /^Error: mirror-offsets did not finish within 1s$/);
    });
});
