// Tests the mock runtime every render and stack test stands on: it must record what a program registers as the engine would receive it.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ProgramFailure, resolveOutputs, runUnderMocks } from "../../render/mock-runtime";

const STACK = { project: "kafka-platform", stack: "prod", config: {} };

/** A resource of any provider's type, as a program would declare it. */
class Thing extends pulumi.CustomResource {
    declare readonly endpoint: pulumi.Output<string>;
    declare readonly selfLink: pulumi.Output<string>;
    declare readonly email: pulumi.Output<string>;
    declare readonly status: pulumi.Output<{ loadBalancer: { ingress: Array<{ ip: string }> } }>;
    declare readonly masterAuth: pulumi.Output<{ clusterCaCertificate: string }>;
    declare readonly data: pulumi.Output<Record<string, string>>;
    constructor(type: string, name: string, inputs: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super(type, name, { endpoint: undefined, selfLink: undefined, email: undefined, status: undefined, masterAuth: undefined, data: undefined, ...inputs }, opts);
    }
}

class Group extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:test:Group", name, {}, opts);
    }
}

const output = <T>(o: pulumi.Output<T>) => resolveOutputs(o) as Promise<T>;

describe("runUnderMocks", () => {
    it("records each resource in the order the program declared it, with its type, name, parent and inputs", async () => {
        const { resources } = await runUnderMocks(async () => {
            const group = new Group("topics");
            const late = new Thing("kafka:index/topic:Topic", "orders", { partitions: pulumi.output(new Promise((r) => setTimeout(() => r(12), 20))) }, { parent: group });
            new Thing("kafka:index/topic:Topic", "invoices", { partitions: 6, config: { "retention.ms": "1000" } }, { dependsOn: late });
        }, STACK);
        assert.deepStrictEqual(resources.map((r) => [r.type, r.name, r.parent, r.inputs.partitions]), [
            ["kafka-platform:test:Group", "topics", undefined, undefined],
            ["kafka:index/topic:Topic", "orders", "topics", 12],
            ["kafka:index/topic:Topic", "invoices", undefined, 6],
        ]);
        assert.deepStrictEqual(resources[2].inputs.config, { "retention.ms": "1000" });
        assert.match(resources[1].urn, /^urn:pulumi:prod::kafka-platform::kafka-platform:test:Group\$kafka:index\/topic:Topic::orders$/);
    });

    it("records the options that decide what a deletion or replacement does", async () => {
        const { resources } = await runUnderMocks(async () => {
            new Thing("gcp:storage/bucket:Bucket", "kept", {}, { protect: true, retainOnDelete: true, deleteBeforeReplace: true, ignoreChanges: ["labels"], aliases: [{ name: "old" }, { name: "older" }] });
            new Thing("gcp:storage/bucket:Bucket", "plain", {});
        }, STACK);
        assert.deepStrictEqual(resources.find((r) => r.name === "kept")?.options, { protect: true, retainOnDelete: true, deleteBeforeReplace: true, ignoreChanges: ["labels"], aliases: 2 });
        assert.deepStrictEqual(resources.find((r) => r.name === "plain")?.options, { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], aliases: 0 });
    });

    it("records resources a program declares inside an apply, once their inputs are known", async () => {
        const { resources } = await runUnderMocks(async () => {
            const first = new Thing("kafka:index/topic:Topic", "first", { partitions: 3 });
            first.urn.apply(() => new Thing("kafka:index/acl:Acl", "second", { resourceName: "first" }));
        }, STACK);
        assert.deepStrictEqual(resources.map((r) => r.name), ["first", "second"]);
    });

    it("hands the program the stack's config, with secret keys read back as secrets", async () => {
        const { outputs } = await runUnderMocks(
            async () => {
                const config = new pulumi.Config("kafka-platform");
                return { backend: config.require("topicBackend"), password: config.requireSecret("cdcDatabasePassword"), stack: pulumi.getStack(), project: pulumi.getProject() };
            },
            { project: "fsm", stack: "dr", config: { "kafka-platform:topicBackend": "kafka", "kafka-platform:cdcDatabasePassword": "s3cret" }, secretKeys: ["kafka-platform:cdcDatabasePassword"] },
        );
        assert.deepStrictEqual(outputs, { backend: "kafka", password: { secret: "s3cret" }, stack: "dr", project: "fsm" });
    });

    it("answers a stack reference with the outputs given for that stack, and none for a stack without them", async () => {
        const seen: string[] = [];
        const { outputs } = await runUnderMocks(
            async () => {
                const primary = new pulumi.StackReference("primary", { name: "fsm/kafka-platform/prod" });
                const other = new pulumi.StackReference("other", { name: "fsm/kafka-platform/staging" });
                return { bootstrap: primary.getOutput("bootstrap"), missing: other.getOutput("bootstrap") };
            },
            { ...STACK, stack: "dr", stackOutputs: (name) => (seen.push(name), name === "fsm/kafka-platform/prod" ? { bootstrap: "10.1.0.5:9093" } : undefined) },
        );
        assert.deepStrictEqual(outputs, { bootstrap: "10.1.0.5:9093", missing: undefined });
        assert.deepStrictEqual(seen.sort(), ["fsm/kafka-platform/prod", "fsm/kafka-platform/staging"]);
    });

    it("reads a stack reference as a stack with no outputs yet when the run is given none", async () => {
        const { outputs } = await runUnderMocks(async () => ({ bootstrap: new pulumi.StackReference("primary", { name: "fsm/kafka-platform/prod" }).getOutput("bootstrap") }), STACK);
        assert.deepStrictEqual(outputs, { bootstrap: undefined });
    });

    it("names the organization as a self-managed backend does, \"organization\", unless given another", async () => {
        assert.deepStrictEqual((await runUnderMocks(async () => ({ organization: pulumi.getOrganization() }), STACK)).outputs, { organization: "organization" });
        assert.deepStrictEqual((await runUnderMocks(async () => ({ organization: pulumi.getOrganization() }), { ...STACK, organization: "fsm" })).outputs, { organization: "fsm" });
    });

    it("runs the program as `pulumi up` would, not as a preview", async () => {
        const { outputs } = await runUnderMocks(async () => ({ preview: pulumi.runtime.isDryRun() }), STACK);
        assert.deepStrictEqual(outputs, { preview: false });
    });

    it("fails a program that calls a provider function it has no stand-in for, naming the function", async () => {
        await assert.rejects(
            runUnderMocks(async () => ({ project: pulumi.runtime.invoke("gcp:organizations/getProject:getProject", {}) }), STACK),
            /no stand-in for the provider function gcp:organizations\/getProject:getProject; add one in render\/mock-runtime.ts/,
        );
    });

    it("gives what the cloud assigns at creation a recognisable stand-in: addresses, links, emails, IDs, certificates", async () => {
        const { outputs } = await runUnderMocks(async () => {
            const cluster = new Thing("gcp:container/cluster:Cluster", "gke", { name: "fsm-prod" });
            const network = new Thing("gcp:compute/network:Network", "vpc", { name: "fsm-vpc", project: "fsm-platform-prod" });
            const subnet = new Thing("gcp:compute/subnetwork:Subnetwork", "subnet", { name: "fsm-subnet" });
            const account = new Thing("gcp:serviceaccount/account:Account", "sa", { accountId: "kafka-logs", project: "fsm-platform-prod" });
            const providerProjectAccount = new Thing("gcp:serviceaccount/account:Account", "connect", { accountId: "connect" });
            const service = new Thing("kubernetes:core/v1:Service", "lb", {});
            const ca = new Thing("kubernetes:core/v1:Secret", "ca", {}, { id: "kafka/prod-cluster-ca-cert" });
            const written = new Thing("kubernetes:core/v1:Secret", "written", { data: { password: "x" } });
            return {
                endpoint: cluster.endpoint,
                caCert: cluster.masterAuth.apply((a) => Buffer.from(a.clusterCaCertificate, "base64").toString()),
                network: network.selfLink,
                subnet: subnet.selfLink,
                email: account.email,
                providerProjectEmail: providerProjectAccount.email,
                ip: service.status.apply((s) => s.loadBalancer.ingress[0].ip),
                readCa: ca.data.apply((d) => Buffer.from(d["ca.crt"], "base64").toString()),
                writtenData: written.data,
                id: network.id,
            };
        }, STACK);
        assert.deepStrictEqual(outputs, {
            endpoint: "203.0.113.10",
            caCert: "mock-cluster-ca",
            network: "https://www.googleapis.com/compute/v1/projects/fsm-platform-prod/global/networks/fsm-vpc",
            subnet: "https://www.googleapis.com/compute/v1/projects/project/regions/region/subnetworks/fsm-subnet",
            email: "kafka-logs@fsm-platform-prod.iam.gserviceaccount.com",
            providerProjectEmail: "connect@project.iam.gserviceaccount.com",
            ip: "10.0.0.10",
            readCa: "-----BEGIN CERTIFICATE-----\nmock CA of kafka/prod-cluster-ca-cert\n-----END CERTIFICATE-----\n",
            writtenData: { password: "x" },
            id: "vpc-id",
        });
    });

    it("fails the run with the error a resource's inputs threw, keeping what was registered before it", async () => {
        const failure = await runUnderMocks(async () => {
            new Thing("kafka:index/topic:Topic", "orders", { partitions: 3 });
            new Thing("kafka:index/topic:Topic", "broken", { partitions: pulumi.output(1).apply(() => { throw new Error("partitions: must be at least 1"); }) });
        }, STACK).then(() => undefined, (err: ProgramFailure) => err);
        assert.ok(failure, "the run must fail");
        assert.strictEqual(failure.message, 'error serializing property "partitions": partitions: must be at least 1');
        assert.ok(failure.resources.some((r) => r.name === "orders"));
    });

    it("fails a run with several errors as one RunError listing each distinct message once", async () => {
        const failure = await runUnderMocks(async () => {
            const thrown = (message: string) => pulumi.output(1).apply(() => { throw new Error(message); });
            new Thing("kafka:index/topic:Topic", "a", { partitions: thrown("topic a: bad") });
            new Thing("kafka:index/topic:Topic", "b", { partitions: thrown("topic b: bad") });
            new Thing("kafka:index/topic:Topic", "c", { partitions: thrown("topic a: bad") });
        }, STACK).then(() => undefined, (err: ProgramFailure) => err);
        assert.ok(failure instanceof pulumi.RunError, "a RunError prints without a stack trace");
        assert.deepStrictEqual(failure.message.split("\n").sort(), ['error serializing property "partitions": topic a: bad', 'error serializing property "partitions": topic b: bad']);
    });

    it("fails the run when an exported output fails", async () => {
        await assert.rejects(runUnderMocks(async () => ({ broken: pulumi.output(1).apply(() => { throw new Error("export: broken"); }) }), STACK), { message: "export: broken" });
    });

    it("fails the run when an exported promise rejects", async () => {
        await assert.rejects(runUnderMocks(async () => ({ topics: Promise.reject(new Error("export: no topics")) }), STACK), { message: "export: no topics" });
    });

    it("throws a single failure as the very error the program threw, so the CLI can tell an input error from a bug", async () => {
        class CatalogError extends Error {}
        const thrown = new CatalogError("catalog/topics.yaml: topic orders: partitions: must be at least 1");
        const failure = await runUnderMocks(async () => ({ broken: pulumi.output(1).apply(() => { throw thrown; }) }), STACK).then(() => undefined, (err: unknown) => err);
        assert.strictEqual(failure, thrown);
    });

    it("stops listening for the program's unhandled rejections once the run is over, failed or not", async () => {
        const listening = process.listenerCount("unhandledRejection");
        await runUnderMocks(async () => ({ ok: pulumi.output(1) }), STACK);
        await runUnderMocks(async () => ({ broken: pulumi.output(1).apply(() => { throw new Error("export: broken"); }) }), STACK).catch(() => undefined);
        assert.strictEqual(process.listenerCount("unhandledRejection"), listening);
    });

    it("starts each run afresh: an earlier run's resources and config are not seen again", async () => {
        await runUnderMocks(async () => {
            new Thing("kafka:index/topic:Topic", "first-run", {});
        }, { ...STACK, config: { "kafka-platform:topicBackend": "kafka" } });
        const { resources, outputs } = await runUnderMocks(async () => {
            new Thing("kafka:index/topic:Topic", "second-run", {});
            return { backend: new pulumi.Config("kafka-platform").get("topicBackend") ?? "unset" };
        }, STACK);
        assert.deepStrictEqual(resources.map((r) => r.name), ["second-run"]);
        assert.deepStrictEqual(outputs, { backend: "unset" });
    });
});

describe("resolveOutputs", () => {
    it("resolves outputs and promises nested in objects and lists, marking secrets where they are", async () => {
        const value = { a: pulumi.output([pulumi.output(1), Promise.resolve(2)]), b: { c: pulumi.secret({ d: pulumi.output("x") }) }, e: [3, "plain"], f: null };
        assert.deepStrictEqual(await resolveOutputs(value), { a: [1, 2], b: { c: { secret: { d: "x" } } }, e: [3, "plain"], f: null });
    });

    it("resolves a promise or output wherever it sits: at the top, in an object, in a plain list", async () => {
        assert.deepStrictEqual(await resolveOutputs(Promise.resolve({ a: 1 })), { a: 1 });
        assert.deepStrictEqual(await resolveOutputs({ count: Promise.resolve(2), names: [pulumi.output("orders"), "invoices"] }), { count: 2, names: ["orders", "invoices"] });
        assert.deepStrictEqual(await resolveOutputs([[Promise.resolve(1)], 2]), [[1], 2]);
    });

    it("returns plain data as the very same object, without copying it", async () => {
        const data = { topics: [{ name: "orders", config: { "retention.ms": "1" } }] };
        assert.strictEqual(await resolveOutputs(data), data);
        assert.strictEqual(await output(pulumi.output(5)), 5);
    });
});
