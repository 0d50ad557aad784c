// Renders one stack offline: the real program under the mock runtime, with the stack's own config.
import * as fs from "fs";
import * as path from "path";
import { DeployedTopic, parseDeployedTopics } from "../specs/topic-state";
import { RenderedResource } from "./output";
import { RecordedResource, runUnderMocks } from "./mock-runtime";
import { recordCommandLineConfig } from "../config";
import { readStackConfig } from "./stack-config";

export const STACK_TYPE = "pulumi:pulumi:Stack";
const TOPIC_TYPES = ["kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", "kafka:index/topic:Topic"];

/** The project folder (the one holding Pulumi.yaml), whether this runs from source or from build/js. */
export function projectRoot(from: string = __dirname): string {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no Pulumi.yaml above ${from}`);
    }
}

export interface RenderOptions {
    /** Where Pulumi.yaml and Pulumi.<stack>.yaml are. */
    root: string;
    stack: string;
    /** `KEY=VALUE` config overrides. */
    config?: string[];
    catalog?: string;
    groups?: string;
    /** Topics the stack last deployed (from `--previous`). */
    previous?: DeployedTopic[];
    /** Outputs of other stacks a StackReference reads (the primary, for the DR stack). */
    otherStacks?: Record<string, Record<string, unknown>>;
}

export interface RenderResult {
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
    project: string;
    /** The stacks the program read through StackReferences, in the order it asked for them. */
    stacksRead: string[];
}

/** Runs `index.ts` for `options.stack` under mocks and returns what it registered and exported. */
export async function renderStack(options: RenderOptions): Promise<RenderResult> {
    const flagged = [...(options.config ?? []).map((o) => ["--config", o]), ...(options.catalog ? [["--catalog", `kafka-platform:catalogPath=${options.catalog}`]] : []), ...(options.groups ? [["--groups", `kafka-platform:groupsPath=${options.groups}`]] : [])];
    const stackConfig = readStackConfig(options.root, options.stack, flagged.map(([, o]) => o));
    const primaryReference = stackConfig.config["kafka-platform:primaryStack"];
    let otherStacks = options.otherStacks;
    if (primaryReference && !otherStacks?.[primaryReference]) {
        // The DR stack reads the primary through a StackReference: render the primary first, from the same catalog,
        // and hand its outputs over (its local stack file is the reference's last part: fsm/kafka-platform/prod -> prod).
        const primary = await renderStack({ root: options.root, stack: primaryReference.split("/").pop() as string, catalog: options.catalog, groups: options.groups });
        otherStacks = { ...otherStacks, [primaryReference]: unwrapSecrets(primary.outputs) as Record<string, unknown> };
    }
    const organization = "organization";
    // The stack the program reads its own last deployment from: its own name unless stateStack names another.
    const selfName = stackConfig.config["kafka-platform:stateStack"] ?? `${organization}/${stackConfig.project}/${options.stack}`;

    // The program beside this module: index.ts under ts-node, index.js when compiled.
    const program = require("../index") as () => Promise<Record<string, unknown>>; // eslint-disable-line @typescript-eslint/no-var-requires
    // A problem with a value given on the command line names the flag, not the stack file.
    recordCommandLineConfig(Object.fromEntries(flagged.map(([flag, o]) => [o.slice(0, o.indexOf("=")), flag])));
    const stacksRead: string[] = [];
    const { resources, outputs } = await runUnderMocks(program, {
        project: stackConfig.project,
        stack: options.stack,
        organization,
        config: stackConfig.config,
        secretKeys: stackConfig.secretKeys,
        stackOutputs: (name) => {
            stacksRead.push(name);
            return name === selfName ? (options.previous ? { deployedTopics: options.previous } : undefined) : otherStacks?.[name];
        },
    });
    return { resources, outputs, project: stackConfig.project, stacksRead };
}

/**
 * Resolved outputs (see resolveOutputs) with each `{ secret: value }` marker replaced by `replace(value)`,
 * keys sorted so what is written is stable.
 */
export function mapSecretMarkers(value: unknown, replace: (secret: unknown) => unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => mapSecretMarkers(v, replace));
    if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (Object.keys(obj).length === 1 && "secret" in obj) return replace(obj.secret);
        return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, mapSecretMarkers(obj[k], replace)]));
    }
    return value;
}

/** Outputs as a StackReference returns them: the secret markers removed, the values kept. */
export function unwrapSecrets(value: unknown): unknown {
    return mapSecretMarkers(value, unwrapSecrets);
}

/** The resources of an earlier render's resources.json, for the summary's changes; its stack entry left out. */
export function previousResourcesFromFile(file: string): RenderedResource[] {
    const entries = JSON.parse(fs.readFileSync(file, "utf8")) as RenderedResource[];
    return entries.filter((e) => e && e.type !== STACK_TYPE);
}

/**
 * The deployed topics recorded in an earlier render's resources.json: the stack's own `deployedTopics` output
 * and the topic resources it registered, both of them.
 */
export function previousTopicsFromFile(file: string): DeployedTopic[] {
    let entries: unknown;
    try {
        entries = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new Error(`--previous ${file}: cannot read it as JSON (${(err as Error).message})`);
    }
    if (!Array.isArray(entries)) throw new Error(`--previous ${file}: expected the JSON array of a render's resources.json`);
    // Both records count: the topic resources as registered, and the stack's own deployedTopics output (the only
    // one to say the kafka backend released a topic). The plan refuses an edit that contradicts either.
    const stack = entries.find((e) => e?.type === STACK_TYPE);
    const exported = stack?.outputs?.deployedTopics ? parseDeployedTopics(stack.outputs.deployedTopics, `--previous ${file}`) : [];
    const releasedByStack = new Set(exported.filter((t) => t.released).map((t) => t.name));
    const fromResources = entries
        .filter((e) => TOPIC_TYPES.includes(e?.type))
        .map((e, i) => {
            const inputs = e.inputs ?? {};
            const strimzi = e.type === TOPIC_TYPES[0];
            const name = strimzi ? inputs.spec?.topicName : inputs.name;
            const topic = {
                name,
                partitions: strimzi ? inputs.spec?.partitions : inputs.partitions,
                replicationFactor: strimzi ? inputs.spec?.replicas : inputs.replicationFactor,
                released: (strimzi && inputs.metadata?.annotations?.["kafka-platform/released"] === "true") || releasedByStack.has(name),
            };
            return parseDeployedTopics([topic], `--previous ${file}: topic resource #${i + 1}`)[0];
        });
    const key = (t: DeployedTopic) => JSON.stringify([t.name, t.partitions, t.replicationFactor, t.released]);
    return [...new Map([...fromResources, ...exported].map((t) => [key(t), t])).values()];
}
