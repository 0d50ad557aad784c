// Tests renderStack in process: how a render finds the stacks a program reads (the primary, the last deployment) and names a flag's bad value.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { loadCatalog } from "../../catalog";
import { mapSecretMarkers, previousResourcesFromFile, previousTopicsFromFile, projectRoot, renderStack, RenderResult, unwrapSecrets } from "../../render/render";
import { scratchDir } from "../scratch";

const ROOT = path.resolve(__dirname, "..", "..");
const MIRROR_MAKER = "kubernetes:kafka.strimzi.io/v1beta2:KafkaMirrorMaker2";
const STRIMZI_TOPIC = "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic";
const KAFKA_TOPIC = "kafka:index/topic:Topic";

/** The bootstrap address of each cluster the DR stack's MirrorMaker 2 connects to, by alias. */
function mirrorClusters(result: RenderResult): Record<string, string> {
    const mirror = result.resources.find((r) => r.type === MIRROR_MAKER);
    assert.ok(mirror, "the DR stack renders a MirrorMaker 2");
    const clusters = (mirror.inputs.spec as { clusters: Array<{ alias: string; bootstrapServers: string }> }).clusters;
    return Object.fromEntries(clusters.map((c) => [c.alias, c.bootstrapServers]));
}

describe("renderStack", function () {
    // Whole-stack renders: seconds each, minutes on a loaded machine or under a mutation run's instrumentation.
    this.timeout(600000);
    let prod: RenderResult;
    before(async () => {
        prod = await renderStack({ root: ROOT, stack: "prod" });
    });

    it("renders the DR stack after the primary it names, from the same catalog, and mirrors from the primary's cross-region address", async () => {
        const dr = await renderStack({ root: ROOT, stack: "dr" });
        assert.deepStrictEqual(dr.stacksRead, ["fsm/kafka-platform/prod", "organization/kafka-platform/dr"]);
        const primaryAddress = (unwrapSecrets(prod.outputs.kafkaBootstrap) as { crossRegion: string }).crossRegion;
        assert.strictEqual(mirrorClusters(dr).primary, primaryAddress);
    });

    it("reads the primary's outputs as given instead of rendering it", async () => {
        const outputs = unwrapSecrets(prod.outputs) as Record<string, unknown>;
        const given = { ...outputs, kafkaBootstrap: { ...(outputs.kafkaBootstrap as object), crossRegion: "primary.example:9095" } };
        const dr = await renderStack({ root: ROOT, stack: "dr", otherStacks: { "fsm/kafka-platform/prod": given } });
        assert.strictEqual(mirrorClusters(dr).primary, "primary.example:9095");
    });

    it("reads the last deployment from this stack by default, and from the stack stateStack names", async () => {
        assert.deepStrictEqual(prod.stacksRead, ["organization/kafka-platform/prod"]);
        // A last deployment with one more partition than the catalog now gives task.events, whatever that is.
        const spec = prod.resources.find((r) => r.type === STRIMZI_TOPIC && (r.inputs.spec as { topicName: string }).topicName === "task.events")?.inputs.spec as { partitions: number; replicas: number };
        const decreased = [{ name: "task.events", partitions: spec.partitions + 1, replicationFactor: spec.replicas, released: false }];
        const decrease = new RegExp(`topic "task\\.events": partitions: ${spec.partitions + 1} -> ${spec.partitions} is a decrease`);
        await assert.rejects(renderStack({ root: ROOT, stack: "prod", previous: decreased }), decrease);
        await assert.rejects(
            renderStack({ root: ROOT, stack: "prod", config: ["kafka-platform:stateStack=acme/kafka-platform/prod-state"], previous: decreased }),
            decrease,
        );
    });

    it("renders the topic catalog and consumer groups it is given instead of the project's", async () => {
        // The project's catalog as it stands (teams edit it), plus a topic file of this test's own.
        const catalog = scratchDir("render-catalog-");
        fs.cpSync(path.join(ROOT, "topics"), catalog, { recursive: true });
        const topic = "experiments.render-check";
        fs.writeFileSync(path.join(catalog, "render-check.yaml"), `topics:\n  - name: ${topic}\n    description: A/B test exposures\n    partitions: 6\n    replication_factor: 3\n    min_insync_replicas: 2\n`);
        // Outside the catalog folder, whose own consumer-groups.yaml would be read without the flag.
        const groups = path.join(scratchDir("render-groups-"), "groups.yaml");
        const groupsFile = YAML.parse(fs.readFileSync(path.join(catalog, "consumer-groups.yaml"), "utf8")) as { consumer_groups: unknown[] };
        groupsFile.consumer_groups.push({ group_id: "experiment-reader", topics: [topic], instances: 2 });
        fs.writeFileSync(groups, YAML.stringify(groupsFile));
        const { resources } = await renderStack({ root: ROOT, stack: "prod", catalog, groups });
        const topicNames = resources.filter((r) => r.type === STRIMZI_TOPIC).map((r) => (r.inputs.spec as { topicName: string }).topicName);
        assert.ok(topicNames.includes(topic), "the given catalog's new topic is rendered");
        assert.ok(
            resources.some((r) => r.type === "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser" && JSON.stringify(r.inputs).includes("experiment-reader")),
            "the given groups file's new group gets its user",
        );
        assert.ok(!prod.resources.some((r) => JSON.stringify(r.inputs).includes(topic)), "the project's own render has neither");
    });

    it("names the --config flag a bad value came from, not the stack file", async () => {
        await assert.rejects(renderStack({ root: ROOT, stack: "prod", config: ["kafka-platform:topicBackend=kafa"] }), (err: Error) => {
            assert.match(err.message, /^ {2}--config kafka-platform:topicBackend: must be "strimzi" or "kafka"/m);
            return true;
        });
    });
});

describe("render helpers", () => {
    it("finds the project folder from any folder under it, and says so when there is none", () => {
        assert.strictEqual(projectRoot(path.join(ROOT, "render")), ROOT);
        assert.strictEqual(projectRoot(ROOT), ROOT);
        const outside = scratchDir("no-project-");
        assert.throws(() => projectRoot(outside), { message: `no Pulumi.yaml above ${outside}` });
    });

    it("replaces each secret marker, however deep, and sorts keys so a written render is stable", () => {
        const outputs = { b: { secret: "pw" }, a: [{ z: 1, y: { secret: { inner: { secret: "x" } } } }], c: { secret: "s", other: 1 }, d: null };
        assert.strictEqual(JSON.stringify(mapSecretMarkers(outputs, () => "<redacted>")), JSON.stringify({ a: [{ y: "<redacted>", z: 1 }], b: "<redacted>", c: { other: 1, secret: "s" }, d: null }));
        assert.deepStrictEqual(unwrapSecrets(outputs), { a: [{ y: { inner: "x" }, z: 1 }], b: "pw", c: { other: 1, secret: "s" }, d: null });
    });

    it("reads an earlier render's resources without its stack entry or a null entry, for the summary's changes", () => {
        const file = path.join(scratchDir("previous-"), "resources.json");
        const topic = { type: "kafka:index/topic:Topic", name: "t", parent: null, inputs: { name: "t" }, options: { protect: true, retainOnDelete: true } };
        fs.writeFileSync(file, JSON.stringify([null, { type: "pulumi:pulumi:Stack", name: "kafka-platform-prod", parent: null, inputs: {} }, topic]));
        assert.deepStrictEqual(previousResourcesFromFile(file), [topic]);
    });
});

describe("renderStack with a previous deployment", () => {
    // The CLI's handling of --previous is tested in render.test.ts; this is about the plan.
    const deployedCatalog = () => loadCatalog({ topics: path.join(ROOT, "topics") }).topics.map((t) => ({ name: t.name, partitions: t.partitions, replicationFactor: t.replicationFactor, released: false }));

    it("accepts a partition increase over the previous deployment", async () => {
        const previous = deployedCatalog().map((t) => (t.name === "task.events" ? { ...t, partitions: 24 } : t));
        const { resources } = await renderStack({ root: ROOT, stack: "prod", catalog: path.join(ROOT, "topics"), previous });
        const taskEvents = resources.find((r) => r.type === STRIMZI_TOPIC && (r.inputs.spec as { topicName: string }).topicName === "task.events");
        assert.strictEqual((taskEvents?.inputs.spec as { partitions: number }).partitions, 48);
    });
});

describe("previousTopicsFromFile", () => {
    let folder: string;
    before(() => (folder = scratchDir("kafka-platform-previous-")));
    after(() => fs.rmSync(folder, { recursive: true, force: true }));
    const write = (name: string, content: unknown) => {
        const file = path.join(folder, name);
        fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
        return file;
    };

    it("reads the stack's deployedTopics output when the file has one", () => {
        const file = write("with-output.json", [{ type: "pulumi:pulumi:Stack", name: "p", outputs: { deployedTopics: [{ name: "a", partitions: 6, replicationFactor: 3, released: true }] } }]);
        assert.deepStrictEqual(previousTopicsFromFile(file), [{ name: "a", partitions: 6, replicationFactor: 3, released: true }]);
    });

    it("falls back to the topic resources of either backend, with Strimzi's released annotation", () => {
        const file = write("resources-only.json", [
            { type: "pulumi:pulumi:Stack", name: "p", outputs: {} },
            { type: STRIMZI_TOPIC, name: "t-a", inputs: { metadata: { annotations: { "kafka-platform/released": "true" } }, spec: { topicName: "a", partitions: 6, replicas: 3 } } },
            { type: KAFKA_TOPIC, name: "t-b", inputs: { name: "b", partitions: 12, replicationFactor: 2 } },
        ]);
        assert.deepStrictEqual(previousTopicsFromFile(file), [
            { name: "a", partitions: 6, replicationFactor: 3, released: true },
            { name: "b", partitions: 12, replicationFactor: 2, released: false },
        ]);
    });

    it("keeps both records when a hand edit makes the topic resources and the stack output disagree", () => {
        const file = write("edited.json", [
            { type: "pulumi:pulumi:Stack", name: "p", outputs: { deployedTopics: [{ name: "a", partitions: 6, replicationFactor: 3, released: false }] } },
            { type: STRIMZI_TOPIC, name: "t-a", inputs: { spec: { topicName: "a", partitions: 24, replicas: 3 } } },
        ]);
        assert.deepStrictEqual(previousTopicsFromFile(file), [
            { name: "a", partitions: 24, replicationFactor: 3, released: false },
            { name: "a", partitions: 6, replicationFactor: 3, released: false },
        ]);
    });

    it("takes a topic the stack's output records as released as released, though its resource carries no annotation", () => {
        const file = write("released-by-stack.json", [
            null,
            { type: "pulumi:pulumi:Stack", name: "p", outputs: { deployedTopics: [{ name: "b", partitions: 12, replicationFactor: 2, released: true }] } },
            { type: KAFKA_TOPIC, name: "t-b", inputs: { name: "b", partitions: 12, replicationFactor: 2 } },
            { type: STRIMZI_TOPIC, name: "t-c", inputs: { metadata: {}, spec: { topicName: "c", partitions: 3, replicas: 3 } } },
        ]);
        assert.deepStrictEqual(previousTopicsFromFile(file), [
            { name: "b", partitions: 12, replicationFactor: 2, released: true },
            { name: "c", partitions: 3, replicationFactor: 3, released: false },
        ]);
    });

    it("names the file and the entry of a malformed record: the stack's output, or the topic resource by its place, a KafkaTopic without a spec too", () => {
        const badOutput = write("bad-output.json", [{ type: "pulumi:pulumi:Stack", name: "p", outputs: { deployedTopics: "all of them" } }]);
        assert.throws(() => previousTopicsFromFile(badOutput), { message: `--previous ${badOutput}: deployedTopics must be a list, got string` });
        const badResource = write("bad-resource.json", [
            { type: KAFKA_TOPIC, name: "t-a", inputs: { name: "a", partitions: 3, replicationFactor: 3 } },
            { type: STRIMZI_TOPIC, name: "t-b", inputs: { spec: { topicName: "b" } } },
        ]);
        assert.throws(() => previousTopicsFromFile(badResource), { message: `--previous ${badResource}: topic resource #2: deployedTopics[0] must have name, partitions and replicationFactor` });
        const specless = write("specless.json", [{ type: "pulumi:pulumi:Stack", name: "p" }, { type: STRIMZI_TOPIC, name: "t-a", inputs: { metadata: { name: "t-a" } } }]);
        assert.throws(() => previousTopicsFromFile(specless), { message: `--previous ${specless}: topic resource #1: deployedTopics[0] must have name, partitions and replicationFactor` });
    });

    it("refuses a file that is not a render's resources.json, naming it", () => {
        const notJson = write("not-json.json", "{");
        assert.throws(() => previousTopicsFromFile(notJson), (err: Error) => err.message.startsWith(`--previous ${notJson}: cannot read it as JSON`));
        const notArray = write("object.json", { deployedTopics: [] });
        assert.throws(() => previousTopicsFromFile(notArray), /expected the JSON array of a render's resources\.json/);
    });
});
