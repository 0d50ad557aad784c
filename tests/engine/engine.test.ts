// The program under the real Pulumi engine (file backend, passphrase secrets) on a local Kubernetes API server with Strimzi's CRDs.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { differences, kubectlKind, renderedObjects } from "./live-objects";
import { clusterPorts, LocalCluster, startLocalCluster } from "./local-cluster";
import { StandIn, STAND_IN_LOAD_BALANCER_IP, startStandIn } from "./operator-stand-in";
import { CONNECT_ON_EXISTING_CLUSTER, copyProject, PulumiCli, toolchainEnvironment } from "./pulumi-cli";

const REPO = path.resolve(__dirname, "../..");
const log = (line: string) => console.log(`      ${line}`);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Markers set as secret config: they must never appear in plain text in the state. */
const SECRETS = {
    cdcDatabasePassword: `cdc-marker-${crypto.randomBytes(6).toString("hex")}`,
    mirrorMakerPassword: `mm2-marker-${crypto.randomBytes(6).toString("hex")}`,
};

describe("the program under the real Pulumi engine, on an existing Kubernetes cluster", function () {
    this.timeout(30 * 60_000);
    let work: string;
    let project: string;
    /** One cluster per region, as in production: the DR stack deploys into its own. */
    const clusters: Record<"prod" | "dr", LocalCluster> = {} as never;
    const standIns: StandIn[] = [];
    let pulumi: PulumiCli;
    let stateDir: string;
    const policy = (stack: string) => ["--policy-pack", "policy", "--policy-pack-config", `policy/policy-config.${stack}.json`];

    before(async function () {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "kafka-platform-engine-"));
        const env = toolchainEnvironment(REPO);
        process.env.PATH = env.PATH;
        const crds = [path.join(env.KAFKA_PLATFORM_CRDS, "strimzi"), path.join(env.KAFKA_PLATFORM_CRDS, "prometheus-operator")];
        for (const [stack, region] of [["prod", "primary"], ["dr", "dr"]] as const) {
            const cluster = await startLocalCluster(stack, clusterPorts(region), path.join(work, `cluster-${stack}`), crds, log);
            clusters[stack] = cluster;
            // The existing cluster's side of the contract: Strimzi runs in the `kafka` namespace.
            cluster.kubectl(["create", "namespace", "kafka"]);
            standIns.push(startStandIn(cluster.kubeconfig, (line) => log(`${stack} ${line}`)));
        }
        project = copyProject(REPO, path.join(work, "project"));
        stateDir = path.join(work, "state");
        fs.mkdirSync(stateDir);
        pulumi = new PulumiCli(project, {
            ...env,
            // Both clusters' contexts in one file (the provider reads KUBECONFIG as one path, not kubectl's list);
            // each stack names its own in kafka-platform:kubernetes.context.
            KUBECONFIG: mergedKubeconfig([clusters.prod.kubeconfig, clusters.dr.kubeconfig], path.join(work, "kubeconfig")),
            PULUMI_BACKEND_URL: `file://${stateDir}`,
            PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
            // The language host would type-check the program on every command (about 15 s each); `npm test` has.
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        });
    });

    after(async function () {
        for (const standIn of standIns) await standIn.stop();
        for (const cluster of Object.values(clusters)) cluster.stop();
        if (work && !process.env.ENGINE_KEEP_WORK) fs.rmSync(work, { recursive: true, force: true });
        else if (work) log(`work directory kept: ${work}`);
    });

    it("a new prod stack from the committed Pulumi.prod.yaml names each secret it needs, and previews once they are set", async () => {
        await pulumi.ok(["stack", "init", "prod"]);
        await pulumi.onExistingCluster("prod", CONNECT_ON_EXISTING_CLUSTER);
        const unset = await pulumi.run(["preview", "-s", "prod"]);
        assert.notStrictEqual(unset.code, 0, unset.output);
        assert.doesNotMatch(unset.output, /decrypt/i, "the committed stack file holds no ciphertext a new stack cannot read");
        for (const key of Object.keys(SECRETS)) assert.match(unset.output, new RegExp(`pulumi config set --secret kafka-platform:${key}`));
        for (const [key, value] of Object.entries(SECRETS)) await pulumi.ok(["config", "set", "-s", "prod", "--secret", `kafka-platform:${key}`, value]);
        await pulumi.ok(["preview", "-s", "prod"]);
    });

    it("pulumi preview of prod passes the policy pack on the design's catalog", async () => {
        const output = await pulumi.ok(["preview", "-s", "prod", ...policy("prod")]);
        assert.match(output, /kafka-platform/);
        assert.doesNotMatch(output, /mandatory policy violation/i);
    });

    it("pulumi preview fails the policy pack on a guardrail violation: production topics without protect", async () => {
        await pulumi.ok(["config", "set", "-s", "prod", "kafka-platform:protect", "false"]);
        try {
            const result = await pulumi.run(["preview", "-s", "prod", ...policy("prod")]);
            assert.notStrictEqual(result.code, 0, result.output);
            // The pack's own report (Pulumi's "Policies:" section), not a check of the program's.
            assert.match(result.output, /\[mandatory\]\s+stateful-resources-protected/);
            assert.match(result.output, /KafkaTopic/);
        } finally {
            await pulumi.ok(["config", "rm", "-s", "prod", "kafka-platform:protect"]);
        }
    });

    it("pulumi up of prod creates every Kubernetes object exactly as npm run render writes it", async () => {
        await pulumi.ok(["up", "-s", "prod", "--yes", "--skip-preview", ...policy("prod")]);
        assertLiveMatchesRender("prod");
    });

    it("a second pulumi up of prod changes nothing", async () => {
        const output = await pulumi.ok(["up", "-s", "prod", "--yes", "--expect-no-changes", ...policy("prod")]);
        assert.doesNotMatch(output, /[1-9]\d* (to )?(create|update|replace|delete)/, output);
    });

    it("keeps every secret out of the state file in plain text", async () => {
        const state = fs.readFileSync(path.join(stateDir, ".pulumi", "stacks", "kafka-platform", "prod.json"), "utf8");
        for (const [key, marker] of Object.entries(SECRETS)) {
            assert.ok(!state.includes(marker), `${key} is in the state in plain text`);
            assert.ok(!state.includes(Buffer.from(marker).toString("base64")), `${key} is in the state in base64`);
        }
        assert.match(state, /"ciphertext"/, "the secrets are there, encrypted");
    });

    it("the dr stack reads prod through a real StackReference and mirrors from its cross-region address", async () => {
        await pulumi.ok(["stack", "init", "dr"]);
        // A file backend knows one organization, `organization`; the committed file names the company's.
        await pulumi.onExistingCluster("dr", [["kafka-platform:primaryStack", "organization/kafka-platform/prod"]]);
        await pulumi.ok(["preview", "-s", "dr", ...policy("dr")]);
        await pulumi.ok(["up", "-s", "dr", "--yes", "--skip-preview", ...policy("dr")]);
        const mirror = JSON.parse(clusters.dr.kubectl(["get", "kafkamirrormaker2.kafka.strimzi.io", "-n", "kafka", "-o", "json"])).items[0];
        const source = mirror.spec.clusters.find((c: { alias: string }) => c.alias !== mirror.spec.connectCluster);
        assert.strictEqual(source.bootstrapServers, `${STAND_IN_LOAD_BALANCER_IP}:9094`);
        const password = JSON.parse(clusters.dr.kubectl(["get", "secret", "mirror-maker-2-primary-password", "-n", "kafka", "-o", "json"]));
        assert.strictEqual(Buffer.from(password.data.password, "base64").toString(), SECRETS.mirrorMakerPassword, "the primary's secret output, through the StackReference");
        assertLiveMatchesRender("dr");
    });

    it("after up, a partition decrease fails preview naming the topic", async () => {
        const file = path.join(project, "topics", "analytics.yaml");
        const original = fs.readFileSync(file, "utf8");
        fs.writeFileSync(file, original.replace(/(name: analytics\.events\n(?:.*\n)*?\s+partitions: )96/, (_, head) => `${head}48`));
        try {
            const result = await pulumi.run(["preview", "-s", "prod"]);
            assert.notStrictEqual(result.code, 0, result.output);
            assert.match(result.output, /analytics\.events/);
            assert.match(result.output, /partition/i);
        } finally {
            fs.writeFileSync(file, original);
        }
    });

    it("after up, removing a topic without a removed_topics entry fails preview naming the topic", async () => {
        const { file, removed } = unreferencedTopic();
        const original = fs.readFileSync(file, "utf8");
        fs.writeFileSync(file, original.replace(new RegExp(`  - name: ${escape(removed)}\\n(?:(?!  - name:).*\\n)*`), ""));
        try {
            const result = await pulumi.run(["preview", "-s", "prod"]);
            assert.notStrictEqual(result.code, 0, result.output);
            assert.match(result.output, new RegExp(escape(removed)));
            assert.match(result.output, /removed_topics/);
        } finally {
            fs.writeFileSync(file, original);
        }
    });

    it("pulumi destroy of prod is refused while its resources are protected, and the cluster keeps them", async () => {
        const topicsBefore = JSON.parse(clusters.prod.kubectl(["get", "kafkatopics.kafka.strimzi.io", "-n", "kafka", "-o", "json"])).items.length;
        assert.ok(topicsBefore > 30, `${topicsBefore} KafkaTopics before the destroy`);
        const result = await pulumi.run(["destroy", "-s", "prod", "--yes", "--skip-preview"]);
        assert.notStrictEqual(result.code, 0, result.output);
        assert.match(result.output, /protect/i);
        assert.strictEqual(JSON.parse(clusters.prod.kubectl(["get", "kafka.kafka.strimzi.io", "production-kafka", "-n", "kafka", "-o", "json"])).metadata.name, "production-kafka");
        const topicsLeft = JSON.parse(clusters.prod.kubectl(["get", "kafkatopics.kafka.strimzi.io", "-n", "kafka", "-o", "json"])).items.length;
        assert.strictEqual(topicsLeft, topicsBefore, "every KafkaTopic is still there");
    });

    /** One kubeconfig file holding every context of `files`, as `kubectl config view --flatten` merges them. */
    function mergedKubeconfig(files: string[], into: string): string {
        const merged = execFileSync("kubectl", ["config", "view", "--flatten"], { env: { ...process.env, KUBECONFIG: files.join(path.delimiter) }, encoding: "utf8" });
        fs.writeFileSync(into, merged, { mode: 0o600 });
        return into;
    }

    /** A catalog topic no group, producer or connector names, so removing it trips only the data-loss guard. */
    function unreferencedTopic(): { file: string; removed: string } {
        const dir = path.join(project, "topics");
        const references = ["consumer-groups.yaml", "producers.yaml"].map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
        for (const name of fs.readdirSync(dir).filter((f) => !["consumer-groups.yaml", "producers.yaml"].includes(f)).sort()) {
            const file = path.join(dir, name);
            for (const [, topic] of fs.readFileSync(file, "utf8").matchAll(/^  - name: (\S+)$/gm)) {
                if (!references.includes(topic) && !topic.startsWith("cdc.")) return { file, removed: topic };
            }
        }
        throw new Error("every catalog topic is named by a group, producer or connector");
    }

    /** Renders `stack` from the same stack file under mocks and holds every object it writes to the live one. */
    function assertLiveMatchesRender(stack: "prod" | "dr") {
        const cluster = clusters[stack];
        const out = path.join(work, `render-${stack}`);
        execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "scripts/render.ts", "--stack", stack, "--out", out], { cwd: project, stdio: ["ignore", "ignore", "inherit"] });
        const objects = renderedObjects(JSON.parse(fs.readFileSync(path.join(out, "resources.json"), "utf8")));
        assert.ok(objects.length > 20, `the render holds ${objects.length} Kubernetes objects`);
        const found: string[] = [];
        for (const { inputs } of objects) {
            const { name, namespace } = inputs.metadata;
            const args = ["get", kubectlKind(inputs), name, "-o", "json", ...(namespace ? ["-n", namespace] : [])];
            let live: Record<string, unknown>;
            try {
                live = JSON.parse(cluster.kubectl(args));
            } catch (err) {
                found.push(`${inputs.kind} ${namespace ?? ""}/${name}: not on the API server (${(err as Error).message.split("\n")[0]})`);
                continue;
            }
            for (const difference of differences(inputs, live)) found.push(`${inputs.kind} ${namespace ?? ""}/${name}: ${difference}`);
        }
        log(`${stack}: ${objects.length} rendered objects compared with the API server`);
        assert.deepStrictEqual(found, []);
    }
});
