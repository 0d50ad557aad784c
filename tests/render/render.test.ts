// Tests the offline render end to end through its CLI: the outputs it writes, its refusals, and the deployed-state guard.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { loadCatalog } from "../../catalog";
import { REDACTED } from "../../render/output";
import { scratchDir } from "../scratch";

const ROOT = path.resolve(__dirname, "..", "..");
const BAD_CATALOG = path.join(ROOT, "tests", "fixtures", "bad-catalog");
const STRIMZI_TOPIC = "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic";
const KAFKA_TOPIC = "kafka:index/topic:Topic";
const KAFKA_BACKEND = ["--config", "kafka-platform:topicBackend=kafka", "--config", "kafka-platform:topicBackendBootstrap=127.0.0.1:9092"];
/** What a `secure:` config value renders as; it must never reach the output. */
const SECRET_PLACEHOLDER = "[secret kafka-platform:cdcDatabasePassword]";

interface CliRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

interface RenderedEntry {
    type: string;
    name: string;
    parent: string | null;
    inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    options: { protect: boolean; retainOnDelete: boolean };
    outputs?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

// CLI renders run a few at a time in the background, each test awaiting its own, so the file stays fast on two cores.
const MAX_PARALLEL_RENDERS = 3;
let running = 0;
const waiting: Array<() => void> = [];

/** Runs `scripts/render.ts` with `args` as a user would, from the project root. */
async function cli(args: string[]): Promise<CliRun> {
    if (running >= MAX_PARALLEL_RENDERS) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
        return await new Promise<CliRun>((resolve, reject) => {
            const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "scripts/render.ts", ...args], { cwd: ROOT, env: { ...process.env, INIT_CWD: ROOT } });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (d) => (stdout += d));
            child.stderr.on("data", (d) => (stderr += d));
            child.on("error", reject);
            child.on("close", (status) => resolve({ status, stdout, stderr }));
        });
    } finally {
        running--;
        waiting.shift()?.();
    }
}

let tmp: string;
const dir = (name: string) => path.join(tmp, name);
const resourcesOf = (out: string): RenderedEntry[] => JSON.parse(fs.readFileSync(path.join(out, "resources.json"), "utf8"));
const stackOf = (out: string): RenderedEntry => resourcesOf(out)[0];

/** Every file under `root` (relative path to contents), for byte-for-byte comparisons. */
function filesUnder(root: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(d, entry.name);
            if (entry.isDirectory()) walk(full);
            else files.set(path.relative(root, full), fs.readFileSync(full));
        }
    };
    walk(root);
    return files;
}

/** Every object of every YAML document under `out/manifests`, whatever the file layout. */
function manifestObjects(out: string): unknown[] {
    return [...filesUnder(path.join(out, "manifests")).values()].flatMap((content) => YAML.parseAllDocuments(content.toString("utf8")).map((doc) => doc.toJS()));
}

/** JSON with sorted keys, to compare objects regardless of key order. */
function canonical(value: unknown): string {
    const sorted = (v: unknown): unknown =>
        Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    return JSON.stringify(sorted(value));
}

/** Asserts a failed run left no staging folder beside `out`. */
function assertNoStagingLeft(out: string): void {
    const leftovers = fs.readdirSync(path.dirname(out)).filter((f) => f.startsWith(`${path.basename(out)}.tmp-`));
    assert.deepStrictEqual(leftovers, []);
}

/** A resources.json whose stack recorded `deployedTopics` as `edit` leaves them, taken from a real render. */
function previousFile(name: string, from: string, edit: (topics: Array<Record<string, unknown>>) => void): string {
    const resources = resourcesOf(from);
    edit(resources[0].outputs?.deployedTopics);
    const file = dir(`${name}.json`);
    fs.writeFileSync(file, JSON.stringify(resources));
    return file;
}

const catalogTopics = loadCatalog({ topics: path.join(ROOT, "topics") }).topics;

describe("npm run render", function () {
    // Each test awaits a CLI render started in before(); on a busy machine the first ones wait for several.
    this.timeout(600_000);
    // Started together in before(), awaited by the tests.
    let prod: Promise<CliRun>;
    let prodAgain: Promise<CliRun>;
    let kafkaBackend: Promise<CliRun>;
    let badCatalog: Promise<CliRun>;
    let badCatalogOverExisting: Promise<CliRun>;
    let unknownFlag: Promise<CliRun>;
    let decrease: Promise<CliRun>;
    let released: Promise<CliRun>;
    let unlisted: Promise<CliRun>;
    let unprotected: Promise<CliRun>;

    before(() => {
        tmp = scratchDir("kafka-platform-render-");
        fs.mkdirSync(dir("existing"));
        fs.writeFileSync(dir("existing/resources.json"), "[]\n");

        // A copy of the catalog that takes legacy.events out on purpose, keeping its records.
        fs.cpSync(path.join(ROOT, "topics"), dir("catalog-with-removal"), { recursive: true });
        fs.writeFileSync(dir("catalog-with-removal/removed.yaml"), "removed_topics:\n  - name: legacy.events\n    reason: replaced by user.events\n    delete_data: false\n");

        prod = cli(["--stack", "prod", "--out", dir("prod")]);
        prodAgain = cli(["--out", dir("prod-again")]);
        kafkaBackend = cli([...KAFKA_BACKEND, "--out", dir("kafka-backend")]);
        badCatalog = cli(["--catalog", BAD_CATALOG, "--out", dir("bad/render")]);
        badCatalogOverExisting = cli(["--catalog", BAD_CATALOG, "--out", dir("existing")]);
        unknownFlag = cli(["--colour", "--out", dir("unknown-flag")]);
        unprotected = cli(["--config", "kafka-platform:protect=false", "--out", dir("unprotected")]);
        // The runs with --previous start from the first render's own resources.json.
        const firstRender = prod.then(() => undefined);
        decrease = firstRender.then(() => {
            const file = previousFile("previous-more-partitions", dir("prod"), (topics) => {
                const taskEvents = topics.find((t) => t.name === "task.events") as Record<string, unknown>;
                taskEvents.partitions = 96; // the catalog has 48
            });
            return cli(["--previous", file, "--out", dir("decrease")]);
        });
        // The stack last held legacy.events, which the catalog no longer has: refused, unless removed_topics lists it.
        const withLegacy = firstRender.then(() =>
            previousFile("previous-with-legacy", dir("prod"), (topics) => topics.push({ name: "legacy.events", partitions: 3, replicationFactor: 3, released: false })),
        );
        unlisted = withLegacy.then((file) => cli(["--previous", file, "--out", dir("unlisted")]));
        released = withLegacy.then((file) => cli(["--catalog", dir("catalog-with-removal"), "--previous", file, "--out", dir("released")]));
        // Rejections are awaited by the tests; keep them from counting as unhandled in the meantime.
        for (const run of [prod, prodAgain, kafkaBackend, badCatalog, badCatalogOverExisting, unknownFlag, decrease, unlisted, released, unprotected]) run.catch(() => undefined);
    });

    after(async () => {
        // Runs a filtered test run (mocha -g) never awaited may still be writing here.
        await Promise.allSettled([prod, prodAgain, kafkaBackend, badCatalog, badCatalogOverExisting, unknownFlag, decrease, unlisted, released, unprotected]);
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("writes resources.json, a manifest per Kubernetes object and SUMMARY.md", async () => {
        const run = await prod;
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^rendered stack prod: \d+ resources/m);
        const resources = resourcesOf(dir("prod"));
        assert.strictEqual(resources[0].type, "pulumi:pulumi:Stack");
        assert.ok(Array.isArray(resources[0].outputs?.deployedTopics));
        for (const r of resources.slice(1)) assert.deepStrictEqual(Object.keys(r).sort(), ["inputs", "name", "options", "parent", "type"], r.name);

        // The manifests hold every Kubernetes object (a resource with apiVersion and kind) once, exactly its inputs.
        const objects = resources.filter((r) => r.type.startsWith("kubernetes:") && typeof r.inputs.kind === "string" && typeof r.inputs.apiVersion === "string");
        const manifests = manifestObjects(dir("prod"));
        assert.deepStrictEqual(manifests.map(canonical).sort(), objects.map((o) => canonical(o.inputs)).sort());
        const kafkaTopics = resources.filter((r) => r.type === STRIMZI_TOPIC);
        for (const topic of catalogTopics) assert.ok(kafkaTopics.some((r) => r.inputs.spec.topicName === topic.name), `no KafkaTopic for ${topic.name}`);
        const summary = fs.readFileSync(path.join(dir("prod"), "SUMMARY.md"), "utf8");
        assert.match(summary, /^# Plan of stack `prod`/);
        for (const topic of catalogTopics) assert.ok(summary.includes(`| \`${topic.name}\` |`), `SUMMARY.md lacks ${topic.name}`);
    });

    it("records every catalog topic as deployed, unreleased, in the stack's deployedTopics output", async () => {
        await prod;
        const deployed = stackOf(dir("prod")).outputs?.deployedTopics as Array<{ name: string; partitions: number; replicationFactor: number; released: boolean }>;
        for (const topic of catalogTopics) {
            assert.deepStrictEqual(
                deployed.find((t) => t.name === topic.name),
                { name: topic.name, partitions: topic.partitions, released: false, replicationFactor: topic.replicationFactor },
            );
        }
    });

    it("writes byte-identical output on a second run", async () => {
        const [first, second] = await Promise.all([prod, prodAgain]);
        assert.strictEqual(first.status, 0, first.stderr);
        assert.strictEqual(second.status, 0, second.stderr);
        const a = filesUnder(dir("prod"));
        const b = filesUnder(dir("prod-again"));
        assert.deepStrictEqual([...b.keys()], [...a.keys()]);
        for (const [file, content] of a) assert.ok(content.equals(b.get(file) as Buffer), `${file} differs between two runs`);
    });

    it("never writes a secret config value, and keeps only the keys of Kubernetes Secrets", async () => {
        await prod;
        for (const [file, content] of filesUnder(dir("prod"))) {
            assert.ok(!content.includes(SECRET_PLACEHOLDER), `${file} holds ${SECRET_PLACEHOLDER}`);
            assert.ok(!content.includes("[secret "), `${file} holds a secret config value`);
            assert.ok(!content.includes(pulumi.runtime.specialSigKey), `${file} holds a raw secret wrapper`);
        }
        const secrets = resourcesOf(dir("prod")).filter((r) => r.type === "kubernetes:core/v1:Secret");
        for (const secret of secrets) {
            for (const field of ["data", "stringData"]) {
                const values = secret.inputs[field];
                if (values === undefined) continue;
                assert.ok(Object.keys(values).length > 0, `${secret.name}.${field} has no keys`);
                for (const [key, value] of Object.entries(values)) assert.strictEqual(value, REDACTED, `${secret.name}.${field}.${key}`);
            }
        }
    });

    it("switches every topic to a direct kafka.Topic with --config kafka-platform:topicBackend=kafka", async () => {
        const run = await kafkaBackend;
        assert.strictEqual(run.status, 0, run.stderr);
        const resources = resourcesOf(dir("kafka-backend"));
        assert.strictEqual(resources.filter((r) => r.type === STRIMZI_TOPIC).length, 0);
        const direct = resources.filter((r) => r.type === KAFKA_TOPIC);
        for (const topic of catalogTopics) {
            const resource = direct.find((r) => r.inputs.name === topic.name);
            assert.ok(resource, `no kafka.Topic for ${topic.name}`);
            assert.deepStrictEqual([resource.inputs.partitions, resource.inputs.replicationFactor], [topic.partitions, topic.replicationFactor]);
        }
    });

    it("refuses a bad catalog with exit code 1, printing every problem, and creates no output folder", async () => {
        const run = await badCatalog;
        assert.strictEqual(run.status, 1, run.stdout + run.stderr);
        const expected = [
            'tests/fixtures/bad-catalog/topics.yaml:5: topic "orders": partitions: must be at least 1, got 0',
            'tests/fixtures/bad-catalog/topics.yaml:10: topic "payments": replication_factor: must be at most 6, got 7',
            'tests/fixtures/bad-catalog/topics.yaml:12: topic "payments": configs.retention.ms: unknown topic config',
            'tests/fixtures/bad-catalog/consumer-groups.yaml:5: group "billing": topics: "ordres" is not a topic of the catalog',
        ];
        for (const line of expected) assert.ok(run.stderr.includes(line), `stderr lacks ${line}:\n${run.stderr}`);
        assert.match(run.stderr, /\(4 problems\)/);
        assert.ok(!run.stderr.includes("    at "), `a refused catalog is not a crash; no stack trace expected:\n${run.stderr}`);
        assert.ok(!fs.existsSync(dir("bad")), "the output folder (or its parent) was created");
    });

    it("refuses a bad stack config with exit code 1, naming the flag and every key, with no stack trace and no output folder", async () => {
        const run = await cli(["--stack", "prod", "--out", dir("bad-config"), "--config", 'kafka-platform:network={"subnetCidr":"10.10.0.1/20"}', "--config", "kafka-platform:topicBackend=kafa"]);
        assert.strictEqual(run.status, 1, run.stdout + run.stderr);
        assert.ok(run.stderr.includes("--config kafka-platform:network.subnetCidr: \"10.10.0.1/20\" has host bits set; use the network address 10.10.0.0/20"), run.stderr);
        assert.ok(run.stderr.includes("--config kafka-platform:topicBackend: must be \"strimzi\" or \"kafka\""), run.stderr);
        assert.match(run.stderr, /\(2 problems\)/);
        assert.ok(!run.stderr.includes("    at "), `a refused config is not a crash; no stack trace expected:\n${run.stderr}`);
        assert.ok(!fs.existsSync(dir("bad-config")), "the output folder was created");
    });

    it("puts the Kafka and ZooKeeper volumes on the storage class kafka.storageClass names, and creates that class", async () => {
        const run = await cli(["--stack", "prod", "--out", dir("storage-class"), "--config", 'kafka-platform:kafka={"storageClass":"kafka-ssd"}']);
        assert.strictEqual(run.status, 0, run.stdout + run.stderr);
        const kafka = YAML.parse(fs.readFileSync(dir("storage-class/manifests/kafka.yaml"), "utf8"));
        assert.deepStrictEqual([kafka.spec.kafka.storage.class, kafka.spec.zookeeper.storage.class], ["kafka-ssd", "kafka-ssd"]);
        const storageClass = YAML.parse(fs.readFileSync(dir("storage-class/manifests/storageclass.yaml"), "utf8"));
        assert.strictEqual(storageClass.metadata.name, "kafka-ssd");
    });

    it("leaves an existing output folder untouched when the render fails", async () => {
        const run = await badCatalogOverExisting;
        assert.strictEqual(run.status, 1, run.stdout + run.stderr);
        assert.deepStrictEqual(fs.readdirSync(dir("existing")), ["resources.json"]);
        assert.strictEqual(fs.readFileSync(dir("existing/resources.json"), "utf8"), "[]\n");
        assertNoStagingLeft(dir("existing"));
    });

    it("refuses, with --previous, a partition decrease of task.events, naming it", async () => {
        const run = await decrease;
        assert.strictEqual(run.status, 1, run.stdout + run.stderr);
        assert.match(run.stderr, /topic "task\.events": partitions: 96 -> 48 is a decrease/);
        assert.ok(!fs.existsSync(dir("decrease")));
    });

    it("refuses, with --previous, a topic the stack holds that left the catalog without a removed_topics entry, naming it", async () => {
        const run = await unlisted;
        assert.strictEqual(run.status, 1, run.stdout + run.stderr);
        assert.match(run.stderr, /topic "legacy\.events": was removed from the catalog, but the stack holds it/);
        assert.match(run.stderr, /removed_topics/);
        assert.ok(!fs.existsSync(dir("unlisted")));
    });

    it("releases a topic listed under removed_topics: unprotected, unmanaged by Strimzi, recorded as released", async () => {
        const run = await released;
        assert.strictEqual(run.status, 0, run.stderr);
        const resources = resourcesOf(dir("released"));
        const legacy = resources.filter((r) => r.type === STRIMZI_TOPIC && r.inputs.spec.topicName === "legacy.events");
        assert.strictEqual(legacy.length, 1);
        assert.deepStrictEqual(legacy[0].inputs.metadata.annotations, { "kafka-platform/released": "true", "strimzi.io/managed": "false" });
        assert.strictEqual(legacy[0].options.protect, false);
        assert.deepStrictEqual(
            (stackOf(dir("released")).outputs?.deployedTopics as Array<{ name: string }>).find((t) => t.name === "legacy.events"),
            { name: "legacy.events", partitions: 3, released: true, replicationFactor: 3 },
        );
        // The catalog's own topics stay protected.
        const userEvents = resources.find((r) => r.type === STRIMZI_TOPIC && r.inputs.spec.topicName === "user.events");
        assert.strictEqual(userEvents?.options.protect, true);
    });

    it("refuses what the policy pack refuses, naming each resource and the guardrail, and writes nothing", async () => {
        const run = await unprotected;
        assert.strictEqual(run.status, 1, run.stdout + run.stderr);
        assert.match(run.stderr, /the guardrails refuse stack prod \(\d+ problems\):/);
        assert.match(run.stderr, /^ {2}topics-task\.events: "topics-task\.events" .* is not protected.*\(guardrail stateful-resources-protected\)$/m);
        assert.ok(!fs.existsSync(dir("unprotected")));
    });

    it("exits 2 with the usage on an unknown flag", async () => {
        const run = await unknownFlag;
        assert.strictEqual(run.status, 2, run.stdout + run.stderr);
        assert.match(run.stderr, /--colour/);
        assert.match(run.stderr, /^usage: npm run render -- /m);
        assert.ok(!fs.existsSync(dir("unknown-flag")));
    });
});
