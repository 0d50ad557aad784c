// Compares the Kubernetes objects a render recorded with what the API server holds after `pulumi up`.
import { placeholderOf } from "../../render/summary";

/** One rendered Kubernetes object: the resource's inputs, which are the object itself. */
export interface RenderedObject {
    type: string;
    name: string;
    inputs: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [field: string]: unknown };
}

/** Kubernetes objects among a render's resources (providers and components left out). */
export function renderedObjects(resources: { type: string; name: string; inputs: Record<string, unknown> }[]): RenderedObject[] {
    return resources.filter((r) => r.type.startsWith("kubernetes:") && typeof r.inputs?.kind === "string") as RenderedObject[];
}

/** `kubectl get` argument naming an object's kind with its API group, so same-named kinds do not mix. */
export function kubectlKind(object: RenderedObject["inputs"]): string {
    const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
    return group ? `${object.kind.toLowerCase()}.${group}` : object.kind.toLowerCase();
}

/**
 * Every field the render wrote that the live object lacks or holds differently, as `path: rendered ≠ live`.
 * Fields the server adds (status, defaults, metadata it manages) are not differences. A Secret's `stringData`
 * is write-only: its keys must be the live Secret's `data` keys, and secret values are never compared here.
 * A value the render marks as a placeholder (an address only the deployment assigns) must be there, with any value.
 */
export function differences(rendered: RenderedObject["inputs"], live: Record<string, unknown>): string[] {
    const found: string[] = [];
    const walk = (want: unknown, have: unknown, at: string) => {
        if (want && typeof want === "object" && !Array.isArray(want)) {
            if (!have || typeof have !== "object" || Array.isArray(have)) return void found.push(`${at}: ${brief(want)} ≠ ${brief(have)}`);
            for (const [key, value] of Object.entries(want)) walk(value, (have as Record<string, unknown>)[key], `${at}.${key}`);
            return;
        }
        if (Array.isArray(want)) {
            if (!Array.isArray(have) || have.length !== want.length) return void found.push(`${at}: ${brief(want)} ≠ ${brief(have)}`);
            want.forEach((value, i) => walk(value, have[i], `${at}[${i}]`));
            return;
        }
        if (typeof want === "string" && placeholderOf(want) && typeof have === "string" && have !== "") return;
        if (want !== have) found.push(`${at}: ${brief(want)} ≠ ${brief(have)}`);
    };
    const { stringData, ...rest } = rendered as Record<string, unknown>;
    walk(rest, live, rendered.kind);
    if (stringData && typeof stringData === "object") {
        const liveKeys = Object.keys((live.data ?? {}) as object).sort().join(",");
        const wantKeys = Object.keys(stringData).sort().join(",");
        if (liveKeys !== wantKeys) found.push(`${rendered.kind}.stringData keys ${wantKeys} ≠ data keys ${liveKeys}`);
    }
    return found;
}

function brief(value: unknown): string {
    const text = JSON.stringify(value) ?? "undefined";
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
