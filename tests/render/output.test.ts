// Tests that a render never writes a secret value: Secrets keep only their keys, secret inputs anywhere are redacted.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { kubernetesObjects, REDACTED, renderedResources, writeRender } from "../../render/output";
import { RecordedResource, runUnderMocks } from "../../render/mock-runtime";
import { scratchDir } from "../scratch";

/** A secret input as the engine receives it from the program. */
const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

function recorded(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<RecordedResource> = {}): RecordedResource {
    return { type, name, urn: `urn:pulumi:prod::kafka-platform::${type}::${name}`, inputs, options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], aliases: 0 }, ...extra };
}

const SECRET = "kubernetes:core/v1:Secret";

describe("renderedResources redaction", () => {
    it("keeps a Secret's keys and metadata and redacts every value, plain or secret, in data and stringData", () => {
        const [rendered] = renderedResources([
            recorded(SECRET, "db", { metadata: { name: "db", namespace: "kafka" }, type: "Opaque", data: { token: "aHVudGVyMg==" }, stringData: secret({ password: "hunter2", user: "cdc" }) }),
        ]);
        assert.deepStrictEqual(rendered.inputs, { data: { token: REDACTED }, metadata: { name: "db", namespace: "kafka" }, stringData: { password: REDACTED, user: REDACTED }, type: "Opaque" });
        assert.strictEqual(REDACTED, "<redacted>", "the marker the README tells readers of a render to expect");
    });

    it("redacts a Secret's data given as one plain value", () => {
        const [rendered] = renderedResources([recorded(SECRET, "whole-plain", { data: "cGFzc3dvcmQ9aHVudGVyMg==", stringData: "password=hunter2" })]);
        assert.deepStrictEqual(rendered.inputs, { data: REDACTED, stringData: REDACTED });
    });

    it("redacts a Secret's data given as one value, and unwraps a secret wrapped twice", () => {
        const [whole, nested] = renderedResources([
            recorded(SECRET, "whole", { stringData: secret("password=hunter2") }),
            recorded(SECRET, "nested", { stringData: secret(secret({ password: "hunter2" })) }),
        ]);
        assert.deepStrictEqual(whole.inputs, { stringData: REDACTED });
        assert.deepStrictEqual(nested.inputs, { stringData: { password: REDACTED } });
    });

    it("leaves a Secret without data as it is, adding no fields", () => {
        const [rendered] = renderedResources([recorded(SECRET, "empty", { metadata: { name: "empty" } })]);
        assert.deepStrictEqual(rendered.inputs, { metadata: { name: "empty" } });
    });

    it("redacts a secret input wherever any resource carries it, in objects and lists alike", () => {
        const [rendered] = renderedResources([
            recorded("kubernetes:kafka.strimzi.io/v1beta2:KafkaConnector", "cdc", { spec: { config: { "database.password": secret("hunter2"), hosts: ["a", secret("b")] } } }),
        ]);
        assert.deepStrictEqual(rendered.inputs, { spec: { config: { "database.password": REDACTED, hosts: ["a", REDACTED] } } });
        assert.ok(!JSON.stringify(rendered).includes("hunter2"));
    });

    it("redacts the Kubernetes provider's kubeconfig, which holds the cluster's credentials", () => {
        const [withConfig, without] = renderedResources([
            recorded("pulumi:providers:kubernetes", "gke", { kubeconfig: "apiVersion: v1\nusers: [{user: {token: abc}}]", enableServerSideApply: "true" }),
            recorded("pulumi:providers:kubernetes", "in-cluster", { enableServerSideApply: "true" }),
        ]);
        assert.deepStrictEqual(withConfig.inputs, { enableServerSideApply: "true", kubeconfig: REDACTED });
        assert.deepStrictEqual(without.inputs, { enableServerSideApply: "true" });
    });

    it("does not redact a field named like a Secret's or the provider's on other resources", () => {
        const [configMap] = renderedResources([recorded("kubernetes:core/v1:ConfigMap", "settings", { data: { "bootstrap.servers": "kafka:9093" }, kubeconfig: "shown" })]);
        assert.deepStrictEqual(configMap.inputs, { data: { "bootstrap.servers": "kafka:9093" }, kubeconfig: "shown" });
    });

    it("writes keys sorted and drops undefined inputs, with parent and options as recorded, so renders compare line by line", () => {
        const [rendered] = renderedResources([
            recorded("kubernetes:core/v1:ConfigMap", "c", { metadata: { namespace: "apps", name: "c" }, data: undefined, apiVersion: "v1" }, { parent: "platform", options: { protect: true, retainOnDelete: true, deleteBeforeReplace: false, ignoreChanges: [], aliases: 0 } }),
        ]);
        assert.strictEqual(JSON.stringify(rendered), JSON.stringify({ type: "kubernetes:core/v1:ConfigMap", name: "c", parent: "platform", inputs: { apiVersion: "v1", metadata: { name: "c", namespace: "apps" } }, options: { protect: true, retainOnDelete: true } }));
        assert.strictEqual(renderedResources([recorded("kubernetes:core/v1:ConfigMap", "top", {})])[0].parent, null);
        assert.deepStrictEqual(renderedResources([recorded("kubernetes:core/v1:ConfigMap", "nulls", { data: null, binaryData: [null] })])[0].inputs, { binaryData: [null], data: null }, "null inputs are kept as null");
    });
});

describe("kubernetesObjects", () => {
    const resource = (type: string, inputs: Record<string, unknown>) => ({ type, name: "x", parent: null, inputs, options: { protect: false, retainOnDelete: false } });

    it("groups Kubernetes objects by kind into one file each, sorted by namespace and name, apiVersion and kind first", () => {
        const objects = kubernetesObjects([
            resource("kubernetes:core/v1:ConfigMap", { kind: "ConfigMap", apiVersion: "v1", metadata: { namespace: "b", name: "a" }, data: {} }),
            resource("kubernetes:core/v1:ConfigMap", { kind: "ConfigMap", apiVersion: "v1", metadata: { namespace: "a", name: "z" } }),
            resource("kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", { apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaTopic", spec: {} }),
            resource("gcp:storage/bucket:Bucket", { kind: "Bucket", apiVersion: "v1", name: "logs" }),
            resource("kubernetes:helm.sh/v3:Release", { chart: "strimzi" }),
        ]);
        assert.deepStrictEqual([...objects.keys()], ["configmap.yaml", "kafkatopic.yaml"]);
        assert.deepStrictEqual(objects.get("configmap.yaml")?.map((o) => o.metadata), [{ namespace: "a", name: "z" }, { namespace: "b", name: "a" }]);
        assert.deepStrictEqual(Object.keys(objects.get("configmap.yaml")?.[1] ?? {}), ["apiVersion", "kind", "metadata", "data"]);
        assert.deepStrictEqual(objects.get("kafkatopic.yaml"), [{ apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaTopic", spec: {} }]);
    });

    it("writes only objects with both an apiVersion and a kind, which applying them needs", () => {
        const objects = kubernetesObjects([
            resource("kubernetes:core/v1:ConfigMap", { kind: "ConfigMap", metadata: { name: "no-api-version" } }),
            resource("kubernetes:core/v1:ConfigMap", { apiVersion: "v1", metadata: { name: "no-kind" } }),
        ]);
        assert.deepStrictEqual([...objects.keys()], []);
    });

    it("puts objects Pulumi names itself (no name yet) and objects without a namespace first in their kind's file", () => {
        const objects = kubernetesObjects([
            resource("kubernetes:core/v1:ConfigMap", { kind: "ConfigMap", apiVersion: "v1", metadata: { namespace: "apps", name: "a" } }),
            resource("kubernetes:core/v1:ConfigMap", { kind: "ConfigMap", apiVersion: "v1", metadata: { namespace: "apps" } }),
            resource("kubernetes:core/v1:ConfigMap", { kind: "ConfigMap", apiVersion: "v1", metadata: { name: "b" } }),
        ]);
        assert.deepStrictEqual(objects.get("configmap.yaml")?.map((o) => o.metadata), [{ name: "b" }, { namespace: "apps" }, { namespace: "apps", name: "a" }]);
    });
});

describe("writeRender", () => {
    let folder: string;
    before(() => (folder = scratchDir("kafka-platform-write-")));
    after(() => fs.rmSync(folder, { recursive: true, force: true }));
    const configMap = { type: "kubernetes:core/v1:ConfigMap", name: "c", parent: null, inputs: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "apps" } }, options: { protect: false, retainOnDelete: false } };

    it("replaces an earlier render as a whole", () => {
        const out = path.join(folder, "earlier");
        writeRender(out, [configMap], "# one\n");
        fs.writeFileSync(path.join(out, "manifests", "stale.yaml"), "");
        writeRender(out, [configMap], "# two\n");
        assert.ok(!fs.existsSync(path.join(out, "manifests", "stale.yaml")));
        assert.deepStrictEqual(YAML.parse(fs.readFileSync(path.join(out, "manifests", "configmap.yaml"), "utf8")), configMap.inputs);
        assert.strictEqual(fs.readFileSync(path.join(out, "SUMMARY.md"), "utf8"), "# two\n");
    });

    it("writes resources.json as the resources' JSON array, two-space indented, and an empty render as []", () => {
        const other = { ...configMap, name: "d", inputs: { ...configMap.inputs, metadata: { name: "d", namespace: "apps" } } };
        const out = path.join(folder, "json");
        writeRender(out, [configMap, other], "");
        assert.strictEqual(fs.readFileSync(path.join(out, "resources.json"), "utf8"), `${JSON.stringify([configMap, other], null, 2)}\n`);
        writeRender(out, [], "");
        assert.strictEqual(fs.readFileSync(path.join(out, "resources.json"), "utf8"), "[]\n");
    });

    it("writes each kind's objects as one multi-document YAML file, and nothing for a resource without inputs", () => {
        const other = { ...configMap, name: "d", inputs: { ...configMap.inputs, metadata: { name: "d", namespace: "apps" } } };
        const out = path.join(folder, "kinds");
        writeRender(out, [other, configMap, { type: "kubernetes:core/v1:Namespace", name: "n" }], "");
        assert.deepStrictEqual(fs.readdirSync(path.join(out, "manifests")), ["configmap.yaml"]);
        const documents = YAML.parseAllDocuments(fs.readFileSync(path.join(out, "manifests", "configmap.yaml"), "utf8")).map((d) => d.toJS());
        assert.deepStrictEqual(documents, [configMap.inputs, other.inputs]);
    });

    it("creates a new output folder, its parents too, and an empty one, leaving no staging folder behind", () => {
        const nested = path.join(folder, "a", "b", "render");
        writeRender(nested, [configMap], "# summary\n");
        assert.strictEqual(fs.readFileSync(path.join(nested, "SUMMARY.md"), "utf8"), "# summary\n");
        const empty = path.join(folder, "empty");
        fs.mkdirSync(empty);
        writeRender(empty, [configMap], "");
        assert.deepStrictEqual(fs.readdirSync(empty).sort(), ["SUMMARY.md", "manifests", "resources.json"]);
        assert.deepStrictEqual(fs.readdirSync(folder).filter((f) => f.includes(".tmp-")), []);
        assert.deepStrictEqual(fs.readdirSync(path.join(folder, "a", "b")), ["render"]);
    });

    it("replaces a staging folder an earlier, killed render left under this process id (a container's renders often share one)", () => {
        const out = path.join(folder, "restaged");
        fs.mkdirSync(path.join(`${out}.tmp-${process.pid}`, "manifests"), { recursive: true });
        fs.writeFileSync(path.join(`${out}.tmp-${process.pid}`, "manifests", "stale.yaml"), "");
        writeRender(out, [configMap], "");
        assert.deepStrictEqual(fs.readdirSync(path.join(out, "manifests")), ["configmap.yaml"]);
        assert.ok(!fs.existsSync(`${out}.tmp-${process.pid}`));
    });

    it("leaves no file open once the render is written (an open resources.json would block the folder's rename on Windows)", () => {
        const open = () => fs.readdirSync("/proc/self/fd").length;
        const before = open();
        for (let i = 0; i < 5; i++) writeRender(path.join(folder, "closed"), [configMap], "");
        assert.strictEqual(open(), before);
    });

    it("refuses an output path that is a file, and leaves it as it was", () => {
        const file = path.join(folder, "notes.txt");
        fs.writeFileSync(file, "keep me");
        assert.throws(() => writeRender(file, [configMap], ""), /exists and is not an earlier render/);
        assert.strictEqual(fs.readFileSync(file, "utf8"), "keep me");
    });

    it("refuses to replace a folder that holds something other than a render, and leaves it as it was", () => {
        const out = path.join(folder, "notes");
        fs.mkdirSync(out);
        fs.writeFileSync(path.join(out, "todo.txt"), "keep me");
        assert.throws(() => writeRender(out, [configMap], "# summary\n"), /^Error: --out .*notes: exists and is not an earlier render/);
        assert.deepStrictEqual(fs.readdirSync(out), ["todo.txt"]);
        assert.deepStrictEqual(fs.readdirSync(folder).filter((f) => f.startsWith("notes.tmp-")), []);
    });
});

describe("renderedResources of a program's run", () => {
    /** What a `secure:` config value renders as; it must never reach the output. */
    const SECRET_PLACEHOLDER = "[secret kafka-platform:cdcDatabasePassword]";

    it("redacts a Kubernetes Secret's values, keeps its keys, and redacts a secret passed to any other resource", async () => {
        const { resources } = await runUnderMocks(
            async () => {
                const password = pulumi.secret(SECRET_PLACEHOLDER);
                new k8s.core.v1.Secret("cdc", { metadata: { name: "cdc", namespace: "kafka" }, stringData: { password, user: "debezium" } });
                new k8s.core.v1.Secret("plain", { metadata: { name: "plain", namespace: "kafka" }, data: { token: Buffer.from("hunter2").toString("base64") } });
                new k8s.core.v1.ConfigMap("leaky", { metadata: { name: "leaky", namespace: "kafka" }, data: { "database.password": password } });
                return {};
            },
            { project: "kafka-platform", stack: "prod", config: {} },
        );
        const rendered = renderedResources(resources);
        const byName = (name: string) => rendered.find((r) => r.name === name)?.inputs as Record<string, unknown>;
        assert.deepStrictEqual(byName("cdc").stringData, { password: REDACTED, user: REDACTED });
        assert.deepStrictEqual(byName("plain").data, { token: REDACTED });
        // Pulumi marks the whole map secret when one value is; either way nothing of it may show.
        const leaky = JSON.stringify(byName("leaky").data);
        assert.ok(leaky === JSON.stringify(REDACTED) || leaky === JSON.stringify({ "database.password": REDACTED }), leaky);
        const text = JSON.stringify(rendered);
        assert.ok(!text.includes(SECRET_PLACEHOLDER) && !text.includes(Buffer.from("hunter2").toString("base64")), text);
    });
});
