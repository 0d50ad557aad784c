// Writes a render: resources.json, one YAML file per Kubernetes object, and SUMMARY.md.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { toYaml } from "./yaml-emitter";
import { RecordedResource } from "./mock-runtime";

export const REDACTED = "<redacted>";

export interface RenderedResource {
    type: string;
    name: string;
    parent: string | null;
    inputs: Record<string, unknown>;
    options: { protect: boolean; retainOnDelete: boolean };
}

/** The resources as written to resources.json: secrets redacted, keys sorted, so output is stable. */
export function renderedResources(resources: RecordedResource[]): RenderedResource[] {
    return resources.map((r) => ({
        type: r.type,
        name: r.name,
        parent: r.parent ?? null,
        inputs: cleanCopy(withSecretFieldsRedacted(r.type, r.inputs)) as Record<string, unknown>,
        options: { protect: r.options.protect, retainOnDelete: r.options.retainOnDelete },
    }));
}

/** Kubernetes Secrets keep their keys, never their values; provider kubeconfigs go too (a shallow copy, the rest is shared). */
function withSecretFieldsRedacted(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
    if (type === "kubernetes:core/v1:Secret") {
        const copy = { ...inputs };
        for (const field of ["data", "stringData"]) {
            // A secret Output arrives wrapped ({sig, value}); unwrap it so the Secret's own keys are kept.
            const values = unwrapSecret(copy[field]);
            if (values && typeof values === "object") copy[field] = Object.fromEntries(Object.keys(values).map((key) => [key, REDACTED]));
            else if (values !== undefined) copy[field] = REDACTED;
        }
        return copy;
    }
    if (type === "pulumi:providers:kubernetes" && "kubeconfig" in inputs) return { ...inputs, kubeconfig: REDACTED };
    return inputs;
}

/** A secret input as the engine receives it: `{ [specialSigKey]: specialSecretSig, value }`. */
function isSecretValue(value: unknown): value is { value: unknown } {
    return !!value && typeof value === "object" && (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
}

function unwrapSecret(value: unknown): unknown {
    return isSecretValue(value) ? unwrapSecret(value.value) : value;
}

/** One deep copy with keys sorted and every secret input, wherever a program passed it, written as REDACTED. */
function cleanCopy(value: unknown): unknown {
    if (isSecretValue(value)) return REDACTED;
    if (Array.isArray(value)) return value.map(cleanCopy);
    if (value && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) {
            const item = (value as Record<string, unknown>)[key];
            if (item !== undefined) out[key] = cleanCopy(item);
        }
        return out;
    }
    return value;
}

/** Kubernetes objects exactly as they would be applied (the inputs of resources with apiVersion and kind), grouped by kind. */
export function kubernetesObjects(resources: RenderedResource[]): Map<string, Array<Record<string, unknown>>> {
    const byKind = new Map<string, Array<Record<string, unknown>>>();
    for (const r of resources) {
        if (!r.type.startsWith("kubernetes:") || typeof r.inputs.kind !== "string" || typeof r.inputs.apiVersion !== "string") continue;
        const { apiVersion, kind, metadata, ...rest } = r.inputs;
        const file = `${String(kind).toLowerCase()}.yaml`;
        const objects = byKind.get(file) ?? [];
        objects.push({ apiVersion, kind, ...(metadata ? { metadata } : {}), ...rest });
        byKind.set(file, objects);
    }
    const key = (o: Record<string, unknown>) => {
        const m = (o.metadata ?? {}) as { namespace?: string; name?: string };
        return `${m.namespace ?? ""}/${m.name ?? ""}`;
    };
    for (const objects of byKind.values()) objects.sort((a, b) => key(a).localeCompare(key(b)));
    return byKind;
}

/** Writes the render into `dir`, replacing an earlier render there as a whole; one multi-document file per kind. */
export function writeRender(dir: string, resources: unknown[], summary: string): void {
    // The folder is deleted and replaced: only an earlier render or an empty folder may go, never `--out .` by mistake.
    if (fs.existsSync(dir) && !(fs.statSync(dir).isDirectory() && (fs.readdirSync(dir).length === 0 || fs.existsSync(path.join(dir, "resources.json"))))) {
        throw new Error(`--out ${dir}: exists and is not an earlier render (no resources.json); choose a new or empty folder, as the render replaces it whole`);
    }
    const staging = `${dir}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(path.join(staging, "manifests"), { recursive: true });
    writeJsonArray(path.join(staging, "resources.json"), resources);
    for (const [file, objects] of kubernetesObjects(resources.filter(isRendered))) {
        const text = objects.map(toYaml).join("---\n");
        fs.writeFileSync(path.join(staging, "manifests", file), text);
    }
    fs.writeFileSync(path.join(staging, "SUMMARY.md"), summary);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
    fs.renameSync(staging, dir);
}

// Every entry is a resource record or the stack entry, typed and with inputs as an object when it has any.
function isRendered(r: unknown): r is RenderedResource {
    return !!(r as RenderedResource).inputs;
}

/** `JSON.stringify(items, null, 2)`, written item by item so a 10,000-topic render never holds it as one string. */
function writeJsonArray(file: string, items: unknown[]): void {
    const fd = fs.openSync(file, "w");
    try {
        fs.writeSync(fd, items.length === 0 ? "[]\n" : "[\n");
        items.forEach((item, i) => {
            fs.writeSync(fd, `${JSON.stringify(item, null, 2).replace(/^/gm, "  ")}${i === items.length - 1 ? "\n]\n" : ",\n"}`);
        });
    } finally {
        fs.closeSync(fd);
    }
}
