// The shape of a stack setting: its kind, default, check, one-line doc and where it goes; the tables are built from these.
import { didYouMean } from "../catalog/problems";
import { parseIpv4Cidr } from "../specs/cidr";

/** What a setting's default and checks may depend on: facts settled before the sections are read. */
export interface SettingContext {
    stack: string;
    /** The Pulumi organization and project, which name stacks. */
    organization: string;
    pulumiProject: string;
    role: "primary" | "dr";
    environment: string;
    region: string;
}

/** Turns a raw value (already JSON-typed inside a section, a string at the top level) into T, or says what is wrong. */
export interface Kind<T> {
    /** How the type reads in docs/configuration.md. */
    readonly type: string;
    parse(value: unknown): { value: T } | { problem: string };
}

/** A non-default value of a setting and the stack it is rendered in, for the test that every setting reaches a resource. */
export interface Sample {
    value: unknown;
    /** The stack to render it in; default "prod". */
    stack?: "prod" | "dr";
    /** Keys set in both renders, for a setting that acts only beside them (full keys, such as "kafka-platform:topicBackend"). */
    base?: Record<string, unknown>;
    /** Keys the sample needs beside it, set in its render alone. */
    with?: Record<string, unknown>;
    /** Text the sample's render must contain: by default the value itself when it is a string; false where it acts only through what it reads. */
    shows?: string | false;
}

export interface Setting<T> {
    kind: Kind<T>;
    /** The design's value; a function where it depends on the stack. Absent: the setting is optional (or required). */
    default?: T | ((context: SettingContext) => T);
    /** How the default reads in the docs, where it is a function. */
    defaultDoc?: string;
    /** A check beyond the kind's, of the value alone (checks across settings are in config/cross-checks.ts). */
    check?: (value: T, context: SettingContext) => string | undefined;
    /** One line: what it means. */
    doc: string;
    /** Where it goes: the resource and field it sets. */
    goesTo: string;
    sample: Sample;
    /** Secret: read with requireSecret, never parsed as plain text. */
    secret?: boolean;
}

/** A section of the stack config: `kafka-platform:<key>` holding a mapping, or the top level when `key` is undefined. */
export interface Section<S extends Record<string, Setting<any>>> {
    key?: string;
    title: string;
    doc: string;
    settings: S;
    /** Keys that once existed, with what to do instead; reported instead of "unknown". */
    retired?: Record<string, string>;
}

type ValueOf<S> = S extends Setting<infer T> ? (S extends { default: unknown } ? T : T | undefined) : never;

/** The parsed values of a section: a setting with a default is always there, one without may be undefined. */
export type SectionValues<S extends Record<string, Setting<any>>> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** A setting with a default; the kind alone decides its type (a default never widens it). */
export function setting<T>(definition: Omit<Setting<T>, "default"> & { default: NoInfer<T> | ((context: SettingContext) => NoInfer<T>) }): Setting<T> & { default: unknown } {
    return definition;
}

export function optionalSetting<T>(definition: Omit<Setting<T>, "default">): Setting<T> {
    return definition;
}

export function section<S extends Record<string, Setting<any>>>(definition: Section<S>): Section<S> {
    return definition;
}

// ---------------------------------------------------------------------------------------------------------------
// Kinds

const got = (value: unknown) => `got ${JSON.stringify(value)}`;

export const text = (type: string, pattern: RegExp, expected: string): Kind<string> => ({
    type,
    parse: (v) => (typeof v === "string" && pattern.test(v) ? { value: v } : { problem: `must be ${expected}, ${got(v)}` }),
});

export const nonEmptyText = text("string", /\S/, "a non-empty string");

export const oneOf = <T extends string>(values: readonly T[], meaning?: string): Kind<T> => ({
    type: values.map((v) => `\`${v}\``).join(" \\| "),
    parse: (v) =>
        values.includes(v as T)
            ? { value: v as T }
            : { problem: `must be ${values.map((x) => `"${x}"`).join(" or ")}${meaning ? ` (${meaning})` : ""}, ${got(v)}${typeof v === "string" ? didYouMean(v, values) : ""}` },
});

export const integer = (min: number, max = Number.MAX_SAFE_INTEGER, why = ""): Kind<number> => ({
    type: max === Number.MAX_SAFE_INTEGER ? `integer ≥ ${min}` : `integer ${min}–${max}`,
    parse: (raw) => {
        const v = typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
        if (Number.isInteger(v) && (v as number) >= min && (v as number) <= max) return { value: v as number };
        const range = max === Number.MAX_SAFE_INTEGER ? (min === 1 ? "a positive integer" : `an integer of at least ${min}`) : `an integer from ${min} to ${max}`;
        return { problem: `must be ${range}${why}, ${got(raw)}` };
    },
});

export const boolean: Kind<boolean> = {
    type: "true \\| false",
    parse: (v) => (typeof v === "boolean" ? { value: v } : v === "true" || v === "false" ? { value: v === "true" } : { problem: `must be true or false, ${got(v)}` }),
};

export const quantity = text("size", /^[1-9][0-9]*(Mi|Gi|Ti)$/, 'a Kubernetes size such as "1000Gi"');

export const timeOfDay = text("HH:MM", /^([01][0-9]|2[0-3]):[0-5][0-9]$/, "a time of day HH:MM (UTC)");

/** An IPv4 CIDR with no host bits set, optionally of one prefix length; the one CIDR rule is specs/cidr.ts's. */
export const cidr = (prefix?: number): Kind<string> => ({
    type: prefix === undefined ? "IPv4 CIDR" : `IPv4 CIDR /${prefix}`,
    parse: (v) => {
        if (typeof v !== "string") return { problem: `must be an IPv4 CIDR such as "10.10.0.0/20", ${got(v)}` };
        const parsed = parseIpv4Cidr(v);
        if (typeof parsed === "string") return { problem: parsed };
        if (prefix !== undefined && parsed.prefix !== prefix) return { problem: `"${v}" must be a /${prefix} range` };
        return { value: v };
    },
});

export const listOf = <T>(item: Kind<T>): Kind<T[]> => ({
    type: `list of ${item.type}`,
    parse: (raw) => {
        const v = typeof raw === "string" ? parseJson(raw) : raw;
        if (!Array.isArray(v)) return { problem: `must be a list of ${item.type}, ${got(raw)}` };
        const values: T[] = [];
        for (const [i, element] of v.entries()) {
            const result = item.parse(element);
            if ("problem" in result) return { problem: `item ${i + 1}: ${result.problem}` };
            values.push(result.value);
        }
        return { value: values };
    },
});

export const mapOf = <T>(item: Kind<T>, keyDoc: string): Kind<Record<string, T>> => ({
    type: `mapping of ${keyDoc} to ${item.type}`,
    parse: (raw) => {
        const v = typeof raw === "string" ? parseJson(raw) : raw;
        if (!v || typeof v !== "object" || Array.isArray(v)) return { problem: `must be a mapping of ${keyDoc} to ${item.type}, ${got(raw)}` };
        const values: Record<string, T> = {};
        for (const [key, element] of Object.entries(v)) {
            const result = item.parse(element);
            if ("problem" in result) return { problem: `${key}: ${result.problem}` };
            values[key] = result.value;
        }
        return { value: values };
    },
});

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
