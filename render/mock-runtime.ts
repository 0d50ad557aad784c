// Runs a Pulumi program under the SDK's mock runtime and records every resource it registers.
import * as pulumi from "@pulumi/pulumi";

// The SDK's own wait for its RPC queue to drain; exported, though left out of the typings.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };
// Promises an earlier program run in this process left pending are that run's, not the next one's.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { leakedPromises } = require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises: () => unknown };

/** One registered resource as the engine would receive it. */
export interface RecordedResource {
    type: string;
    name: string;
    urn: string;
    /** Logical name of the parent resource; undefined for children of the stack. */
    parent?: string;
    inputs: Record<string, unknown>;
    options: { protect: boolean; retainOnDelete: boolean; deleteBeforeReplace: boolean; ignoreChanges: string[]; aliases: number };
}

export interface MockRunOptions {
    project: string;
    stack: string;
    /** Full config keys (`kafka-platform:topicBackend`) to string values. */
    config: Record<string, string>;
    /** Config keys whose values are secrets. */
    secretKeys?: string[];
    /** Outputs a `pulumi.StackReference` to the named stack returns; undefined means the stack has none yet. */
    stackOutputs?: (stackName: string) => Record<string, unknown> | undefined;
    /** The Pulumi organization; defaults to "organization". */
    organization?: string;
}

export interface MockRunResult {
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
}

/** Mocked state of resources whose outputs the program reads back. */
function mockedState(type: string, name: string, inputs: Record<string, unknown>, options: MockRunOptions, readId?: string): Record<string, unknown> {
    switch (type) {
        case "pulumi:pulumi:StackReference": {
            const stackName = String(inputs.name ?? name);
            return { name: stackName, outputs: options.stackOutputs?.(stackName) ?? {}, secretOutputNames: [] };
        }
        case "gcp:container/cluster:Cluster":
            return {
                ...inputs,
                endpoint: "203.0.113.10",
                masterAuth: { clusterCaCertificate: Buffer.from("mock-cluster-ca").toString("base64") },
            };
        case "gcp:compute/network:Network":
        case "gcp:compute/subnetwork:Subnetwork":
            return { ...inputs, selfLink: `https://www.googleapis.com/compute/v1/projects/${String(inputs.project ?? "project")}/${type.endsWith("Network") ? "global/networks" : "regions/region/subnetworks"}/${String(inputs.name ?? name)}` };
        case "kubernetes:core/v1:Secret":
            // A Secret read back from the cluster (Strimzi's cluster CA) holds a certificate in real life.
            return readId ? { ...inputs, data: { "ca.crt": Buffer.from(`-----BEGIN CERTIFICATE-----\nmock CA of ${readId}\n-----END CERTIFICATE-----\n`).toString("base64") } } : inputs;
        case "kubernetes:core/v1:Service":
            return { ...inputs, status: { loadBalancer: { ingress: [{ ip: "10.0.0.10" }] } } };
        case "gcp:serviceaccount/account:Account":
            return { ...inputs, email: `${String(inputs.accountId ?? name)}@${String(inputs.project ?? "project")}.iam.gserviceaccount.com` };
        default:
            return inputs;
    }
}

/**
 * Runs `program` under mocks and returns what it registered, in registration order.
 * The mock monitor is wrapped so that each resource's parent and options are recorded too.
 */
export async function runUnderMocks(program: () => Promise<Record<string, unknown> | void>, options: MockRunOptions): Promise<MockRunResult> {
    // The mock monitor hands each resource's inputs, already deserialized, to newResource; kept here by type and name.
    const inputsSeen = new Map<string, Record<string, unknown>>();
    leakedPromises();
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                inputsSeen.set(`${args.type}::${args.name}`, args.inputs);
                return { id: args.id || `${args.name}-id`, state: mockedState(args.type, args.name, args.inputs, options, args.id || undefined) };
            },
            // The program looks nothing up through provider functions; one that starts to needs a stand-in here.
            call: (args) => {
                const message = `the mock runtime has no stand-in for the provider function ${args.token}; add one in render/mock-runtime.ts`;
                // The SDK reads a failed invoke's message from `details`, as a gRPC error carries it.
                throw Object.assign(new Error(message), { details: message });
            },
        },
        options.project,
        options.stack,
        // A render is what `pulumi up` would register, not a preview with unknowns.
        false,
        options.organization ?? "organization",
    );
    pulumi.runtime.setAllConfig(options.config, options.secretKeys);

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const monitor = pulumi.runtime.getMonitor() as any;
    const register = monitor.registerResource.bind(monitor);
    const nameOfUrn = (urn: string) => (urn ? urn.split("::").pop() : undefined);
    // Entries are placed when the program asks for the resource, so their order is the program's, not the mocks' finishing order.
    const requested: Array<RecordedResource | undefined> = [];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    monitor.registerResource = (req: any, callback: (err: unknown, res: unknown) => void) => {
        const slot = requested.push(undefined) - 1;
        register(req, (err: unknown, res: { getUrn(): string } | undefined) => {
            const key = `${req.getType()}::${req.getName()}`;
            const inputs = inputsSeen.get(key) ?? pulumi.runtime.deserializeProperties(req.getObject());
            inputsSeen.delete(key);
            if (!err && res) {
                requested[slot] = {
                    type: req.getType(),
                    name: req.getName(),
                    urn: res.getUrn(),
                    parent: nameOfUrn(req.getParent()),
                    inputs,
                    options: {
                        protect: req.getProtect() === true,
                        retainOnDelete: req.getRetainondelete() === true,
                        deleteBeforeReplace: req.getDeletebeforereplace() === true,
                        ignoreChanges: req.getIgnorechangesList(),
                        aliases: req.getAliasesList().length,
                    },
                };
            }
            callback(err, res);
        });
    };

    // A resource whose inputs fail (an error thrown inside an apply) surfaces as an unhandled rejection, which the
    // Pulumi CLI turns into a failed deployment; here it fails the run the same way.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on("unhandledRejection", onRejection);
    let resolved: unknown;
    try {
        const outputs = (await program()) ?? {};
        resolved = await resolveOutputs(outputs).catch((err) => {
            failures.push(err);
            return {};
        });
        // Let registrations still in flight (children created inside apply callbacks) finish.
        await waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    const resources = requested.filter((r): r is RecordedResource => r !== undefined);
    if (failures.length > 0) throw Object.assign(programFailure(failures), { resources });
    return { resources, outputs: resolved as Record<string, unknown> };
}

/** The error a failed run throws; `resources` holds what was registered before it failed. */
export type ProgramFailure = Error & { resources: RecordedResource[] };

/** One error for every failure of a run: a single one as it is, several with all their messages. */
function programFailure(failures: unknown[]): Error {
    const unique = [...new Map(failures.map((f) => [f instanceof Error ? f.message : String(f), f])).values()];
    if (unique.length === 1 && unique[0] instanceof Error) return unique[0];
    const error = new pulumi.RunError(unique.map((f) => (f instanceof Error ? f.message : String(f))).join("\n"));
    return error;
}

/** Resolves nested Outputs and promises to plain values; secrets are kept as the marker `{ secret: value }`. */
export async function resolveOutputs(value: unknown): Promise<unknown> {
    if (pulumi.Output.isInstance(value)) {
        const output = value as pulumi.Output<unknown>;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const internal = output as any;
        const isSecret = await internal.isSecret;
        const inner = await internal.promise();
        return isSecret ? { secret: await resolveOutputs(inner) } : resolveOutputs(inner);
    }
    if (value instanceof Promise) return resolveOutputs(await value);
    if (!holdsPending(value)) return value;
    if (Array.isArray(value)) return Promise.all(value.map(resolveOutputs));
    const entries = await Promise.all(Object.entries(value as object).map(async ([k, v]) => [k, await resolveOutputs(v)] as const));
    return Object.fromEntries(entries);
}

/** Whether a value holds an Output or a promise anywhere; plain data (10,000 topics of it) is returned as it is. */
function holdsPending(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) return true;
    if (value && typeof value === "object" && !(value instanceof pulumi.Resource)) return Object.values(value).some(holdsPending);
    return false;
}

/** Awaits one Output's value in tests. */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}
