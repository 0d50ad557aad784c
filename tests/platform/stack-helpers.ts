// Shared helpers of the whole-stack tests: render a stack under mocks once, find its resources, search its values.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource } from "../../render/mock-runtime";
import { renderStack, RenderResult } from "../../render/render";
import { scratchDir } from "../scratch";

export { unwrapSecrets } from "../../render/render";

export const ROOT = path.resolve(__dirname, "..", "..");
/** The reference the DR stack's config names for its primary. */
export const PRIMARY_REFERENCE = "fsm/kafka-platform/prod";
export const STRIMZI_PREFIX = "kubernetes:kafka.strimzi.io/v1beta2:";

/** Renders `stack` from the repository root; `config` are KEY=VALUE overrides. */
export function render(stack: "prod" | "dr", extra: { config?: string[]; catalog?: string; otherStacks?: Record<string, Record<string, unknown>> } = {}): Promise<RenderResult> {
    return renderStack({ root: ROOT, stack, ...extra });
}

/** The one resource of the type and name; fails with what was registered when it is missing or repeated. */
export function one(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.filter((r) => r.type === type && r.name === name);
    if (found.length !== 1) assert.fail(`expected one ${type} named ${name}, found ${found.length}; registered: ${resources.map((r) => `${r.type}/${r.name}`).join(", ")}`);
    return found[0];
}

export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
    return resources.filter((r) => r.type === type);
}

/** Custom resources of Strimzi (Kafka, KafkaTopic, KafkaUser, KafkaConnect, ...). */
export function strimziResources(resources: RecordedResource[]): RecordedResource[] {
    return resources.filter((r) => r.type.startsWith(STRIMZI_PREFIX));
}

/** Reads a nested value by a dotted path of keys ("metadata.annotations"). */
export function at(value: unknown, ...keys: string[]): any { // eslint-disable-line @typescript-eslint/no-explicit-any
    return keys.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);
}

/** Whether an input arrived marked secret: the engine's `{ [sig]: secretSig, value }` wrapper. */
export function isSecretInput(value: unknown): value is { value: unknown } {
    return !!value && typeof value === "object" && (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
}

/** Dotted paths (from `base`) of every string in `value` that contains `needle`; secret wrappers are looked through. */
export function pathsContaining(value: unknown, needle: string, base = ""): string[] {
    if (typeof value === "string") return value.includes(needle) ? [base] : [];
    if (isSecretInput(value)) return pathsContaining(value.value, needle, base);
    if (Array.isArray(value)) return value.flatMap((v, i) => pathsContaining(v, needle, `${base}[${i}]`));
    if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => pathsContaining(v, needle, base ? `${base}.${k}` : k));
    return [];
}

/** Every place `needle` occurs in a resource input, as `type/name: path`. */
export function whereInInputs(resources: RecordedResource[], needle: string): string[] {
    return resources.flatMap((r) => pathsContaining(r.inputs, needle).map((p) => `${r.type}/${r.name}: ${p}`));
}

/** A copy of the repository's topics/ folder in a temporary folder, with `edit` applied to each file's text. */
export function copyCatalog(edit: (file: string, text: string) => string): string {
    const dir = scratchDir("kafka-platform-stack-catalog-");
    const source = path.join(ROOT, "topics");
    for (const file of fs.readdirSync(source)) fs.writeFileSync(path.join(dir, file), edit(file, fs.readFileSync(path.join(source, file), "utf8")));
    return dir;
}

/** The error `work` throws; fails the test with `accepted` when it returns. */
export function thrownBy(work: () => unknown, accepted: string): Error {
    try {
        work();
    } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
    }
    return assert.fail(accepted);
}

/** The error `promise` rejects with; fails the test with `accepted` when it resolves. */
export async function rejectedWith(promise: Promise<unknown>, accepted: string): Promise<Error> {
    try {
        await promise;
    } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
    }
    return assert.fail(accepted);
}

/** Awaits a stack render that must be refused; returns the error's message. */
export async function rejectionOf(promise: Promise<unknown>): Promise<string> {
    return (await rejectedWith(promise, "the stack rendered, but it should have been refused")).message;
}
