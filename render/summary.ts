// SUMMARY.md of a render, written for the reviewer of a pull request: what changes, who gains or loses access, every topic in human units, the advisories and what is a placeholder.
import { partitionIncreaseMessage } from "../policy/rules/partition-increase";
import { MIRROR } from "../specs/mirror-maker";
import { RenderedResource } from "./output";

export interface SummaryInput {
    stack: string;
    resources: RenderedResource[];
    /** The program's warnings (catalog, plan, guardrail advisories found before registration). */
    warnings: string[];
    /** The policy pack's advisory findings on the rendered resources, one line each. */
    advisories: string[];
    /** The resources of the render this one replaces (`--previous`); without it there is no Changes section. */
    previous?: RenderedResource[];
}

const STRIMZI_TOPIC = "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic";
const KAFKA_TOPIC = "kafka:index/topic:Topic";
const KAFKA_USER = "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser";

/** A topic as the reviewer reads it, whichever backend registers it. */
export interface TopicRow {
    name: string;
    /** The Pulumi resource name, the one policy exceptions name. */
    resource: string;
    partitions: number;
    replicas: number;
    config: Record<string, string>;
    /** Released through removed_topics: registered unprotected for one last deployment. */
    released: boolean;
}

export function topicRows(resources: RenderedResource[]): TopicRow[] {
    return resources
        .flatMap((r): TopicRow[] => {
            const inputs = r.inputs as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
            const released = r.options?.protect === false;
            if (r.type === STRIMZI_TOPIC) {
                return [{ name: inputs.spec?.topicName, resource: r.name, partitions: Number(inputs.spec?.partitions), replicas: Number(inputs.spec?.replicas), config: stringValues(inputs.spec?.config), released }];
            }
            if (r.type === KAFKA_TOPIC) return [{ name: inputs.name, resource: r.name, partitions: Number(inputs.partitions), replicas: Number(inputs.replicationFactor), config: stringValues(inputs.config), released }];
            return [];
        })
        .sort((a, b) => a.name.localeCompare(b.name));
}

function stringValues(config: Record<string, unknown> | undefined): Record<string, string> {
    return Object.fromEntries(Object.entries(config ?? {}).map(([k, v]) => [k, String(v)]));
}

/** Which Kafka user may do what on which topic: `user|Operation|topic`, Describe-style operations left out. */
export function topicGrants(resources: RenderedResource[]): Set<string> {
    const grants = new Set<string>();
    for (const r of resources) {
        if (r.type !== KAFKA_USER) continue;
        const inputs = r.inputs as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        const user = String(inputs.metadata?.name ?? r.name);
        for (const acl of inputs.spec?.authorization?.acls ?? []) {
            if (acl.resource?.type !== "topic") continue;
            for (const op of acl.operations ?? [acl.operation]) if (op === "Read" || op === "Write") grants.add(`${user}|${op}|${acl.resource.name}`);
        }
    }
    return grants;
}

const MS = { day: 86_400_000, hour: 3_600_000, minute: 60_000 };

/** A duration in milliseconds as a person says it: `7 d`, `36 h`, `forever`. */
export function humanDuration(value: string | undefined): string {
    if (value === undefined) return "default";
    const ms = Number(value);
    if (!Number.isFinite(ms)) return value;
    if (ms < 0) return "forever";
    if (ms % MS.day === 0 && ms > 0) return `${ms / MS.day} d`;
    if (ms % MS.hour === 0 && ms > 0) return `${ms / MS.hour} h`;
    if (ms % MS.minute === 0 && ms > 0) return `${ms / MS.minute} min`;
    return `${ms} ms`;
}

/** A size in bytes as a person says it: `512 KiB`, `2 MiB`. */
export function humanBytes(value: string): string {
    const bytes = Number(value);
    if (!Number.isFinite(bytes) || bytes < 0) return value;
    for (const [unit, size] of [["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]] as const) if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
    return `${bytes} B`;
}

/** A setting's value in human units where it has some. */
function humanSetting(key: string, value: string | undefined): string {
    if (value === undefined) return "default";
    if (key.endsWith(".ms")) return humanDuration(value);
    if (key.endsWith(".bytes") && Number(value) >= 1024) return humanBytes(value);
    return value;
}

/** A setting's name as the reviewer reads it: `retention`, `segment`, or Kafka's own name. */
function settingLabel(key: string): string {
    return key === "retention.ms" ? "retention" : key === "segment.ms" ? "segment" : key;
}

/** Every difference between two states of a topic: `partitions 12 → 24`, `retention 7 d → 14 d`. */
export function topicChanges(before: TopicRow, after: TopicRow): string[] {
    const changes: string[] = [];
    if (before.partitions !== after.partitions) changes.push(`partitions ${before.partitions} → ${after.partitions}`);
    if (before.replicas !== after.replicas) changes.push(`replicas ${before.replicas} → ${after.replicas}`);
    for (const key of [...new Set([...Object.keys(before.config), ...Object.keys(after.config)])].sort()) {
        if (before.config[key] !== after.config[key]) changes.push(`${settingLabel(key)} ${humanSetting(key, before.config[key])} → ${humanSetting(key, after.config[key])}`);
    }
    if (!before.released && after.released) changes.push("released: unprotected for its last deployment (removed_topics)");
    return changes;
}

/** `1 partition`, `6 partitions`. */
function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function changesSection(current: TopicRow[], previous: TopicRow[], grantsNow: Set<string>, grantsBefore: Set<string>): string[] {
    const before = new Map(previous.map((t) => [t.name, t]));
    const after = new Map(current.map((t) => [t.name, t]));
    const added = current.filter((t) => !before.has(t.name));
    const removed = previous.filter((t) => !after.has(t.name));
    const changed = current.flatMap((t) => {
        const old = before.get(t.name);
        const changes = old ? topicChanges(old, t) : [];
        return changes.length > 0 ? [{ topic: t, old: old as TopicRow, changes }] : [];
    });
    const lines = ["## Changes", ""];
    if (added.length + removed.length + changed.length === 0) lines.push("No topic changes.", "");
    if (added.length > 0) {
        lines.push(`Topics added (${added.length}):`, "");
        for (const t of added) lines.push(`- \`${t.name}\`: ${count(t.partitions, "partition")}, ${count(t.replicas, "replica")}, retention ${humanDuration(t.config["retention.ms"])}, ${t.config["cleanup.policy"] ?? "delete"}`);
        lines.push("");
    }
    if (removed.length > 0) {
        lines.push(`Topics removed from the stack (${removed.length}):`, "");
        for (const t of removed) lines.push(`- \`${t.name}\`${t.released ? " (released earlier through removed_topics)" : ""}`);
        lines.push("");
    }
    if (changed.length > 0) {
        lines.push(`Topics changed (${changed.length}):`, "");
        for (const { topic, old, changes } of changed) {
            lines.push(`- \`${topic.name}\`: ${changes.join(", ")}`);
            if (topic.partitions > old.partitions) {
                const compacted = (topic.config["cleanup.policy"] ?? "").includes("compact");
                lines.push(`  - advisory: ${partitionIncreaseMessage(topic.name, compacted ? "compacted" : "keyed", old.partitions, topic.partitions)}`);
            }
        }
        lines.push("");
    }
    const gained = [...grantsNow].filter((g) => !grantsBefore.has(g)).sort();
    const lost = [...grantsBefore].filter((g) => !grantsNow.has(g)).sort();
    lines.push("## Access changes", "");
    if (gained.length + lost.length === 0) lines.push("No service gains or loses Read or Write on a topic.");
    for (const grant of gained) lines.push(`- \`${grant.split("|")[0]}\` gains ${grant.split("|")[1]} on \`${grant.split("|")[2]}\``);
    for (const grant of lost) lines.push(`- \`${grant.split("|")[0]}\` loses ${grant.split("|")[1]} on \`${grant.split("|")[2]}\``);
    lines.push("");
    return lines;
}

/** Values the offline render cannot know, each with what stands in for it. */
const PLACEHOLDERS: Array<{ test: (value: string) => boolean; what: string }> = [
    { test: (v) => v === "<redacted>", what: "a secret, never written" },
    // Alone, or with the port of the listener it stands in front of (MirrorMaker's bootstrap address).
    { test: (v) => /^(203\.0\.113\.10|10\.0\.0\.10)(:\d+)?$/.test(v), what: "an address assigned at deployment (mock runtime)" },
    { test: (v) => v.includes("mock CA of") || v.includes("mock-cluster-ca"), what: "a certificate read from the cluster at deployment (mock runtime)" },
    { test: (v) => /^[\w.-]+-id$/.test(v), what: "an ID assigned at creation (mock runtime)" },
];

/** What a rendered value stands in for, when it is one of the render's placeholders. */
export function placeholderOf(value: string): string | undefined {
    return PLACEHOLDERS.find((p) => p.test(value))?.what;
}

function placeholderLines(resources: RenderedResource[]): string[] {
    const found = new Map<string, Set<string>>();
    const walk = (value: unknown, resource: string): void => {
        if (typeof value === "string") {
            const decoded = /^[A-Za-z0-9+/]{16,}={0,2}$/.test(value) ? Buffer.from(value, "base64").toString("utf8") : value;
            for (const p of PLACEHOLDERS) if (p.test(value) || p.test(decoded)) found.set(p.what, (found.get(p.what) ?? new Set()).add(resource));
        } else if (value && typeof value === "object") Object.values(value).forEach((v) => walk(v, resource));
    };
    for (const r of resources) walk(r.inputs, r.name);
    return [...found].map(([what, names]) => `- ${what}: ${[...names].sort().map((n) => `\`${n}\``).join(", ")}`);
}

export function renderSummary({ stack, resources, warnings, advisories, previous }: SummaryInput): string {
    const topics = topicRows(resources);
    const grants = topicGrants(resources);
    const lines = [`# Plan of stack \`${stack}\``, "", `${resources.length} resources, ${topics.length} topics.${previous ? "" : " No previous state was given (`--previous`), so everything reads as new."}`, ""];
    if (previous) lines.push(...changesSection(topics, topicRows(previous), grants, topicGrants(previous)));

    lines.push(`## Topics (${topics.length})`, "", "Resource: the name policy exceptions use. Readers are consumer groups, writers producers (Kafka users with Read or Write).", "");
    lines.push("| Topic | Resource | Partitions | Replicas | Retention | Segment | Cleanup | Readers | Writers | Other settings |", "| --- | --- | ---: | ---: | --- | --- | --- | --- | --- | --- |");
    for (const t of topics) {
        const { "retention.ms": retention, "segment.ms": segment, "cleanup.policy": cleanup, ...other } = t.config;
        const who = (op: string) => [...grants].filter((g) => g.endsWith(`|${op}|${t.name}`)).map((g) => g.split("|")[0]).sort().join(", ") || "-";
        const rest = Object.entries(other).map(([k, v]) => `${k}=${humanSetting(k, v)}`).join(", ");
        lines.push(`| \`${t.name}\`${t.released ? " (released)" : ""} | \`${t.resource}\` | ${t.partitions} | ${t.replicas} | ${humanDuration(retention)} | ${humanDuration(segment)} | ${cleanup ?? "delete"} | ${who("Read")} | ${who("Write")} | ${rest} |`);
    }

    const access = topicAccess(resources, topics.map((t) => t.name));
    lines.push("", `## Topics no service may write (${access.unwritten.length})`, "");
    lines.push(access.unwritten.length ? "No KafkaUser has Write on these, so nothing the platform runs can put a record in them; name the service that does in `topics/producers.yaml`." : "None.");
    lines.push(...access.unwritten.map((t) => `- \`${t}\``));
    lines.push("", `## Topics no service may read (${access.unread.length})`, "");
    lines.push(access.unread.length ? `No KafkaUser but MirrorMaker 2's (\`${MIRROR.user}\`, which copies them to DR) has Read on these: their records cannot be consumed or replayed; name the group that does in \`topics/consumer-groups.yaml\`.` : "None.");
    lines.push(...access.unread.map((t) => `- \`${t}\``));

    lines.push("", `## Advisories (${advisories.length})`, "", "From the policy pack, as `pulumi preview` reports them; none blocks the change.", "");
    lines.push(...(advisories.length ? advisories.map((a) => `- ${a}`) : ["None."]));
    lines.push("", `## Warnings (${warnings.length})`, "");
    lines.push(...(warnings.length ? warnings.map((w) => `- ${w}`) : ["None."]));

    const placeholders = placeholderLines(resources);
    lines.push("", "## Placeholders", "", "This render ran offline; these values stand in for what only a deployment knows:", "");
    lines.push(...(placeholders.length ? placeholders : ["None."]));

    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    lines.push("", "## Resources by type", "", "| Type | Count |", "| --- | ---: |");
    for (const [type, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) lines.push(`| \`${type}\` | ${count} |`);
    lines.push("");
    return lines.join("\n");
}

type RenderedAcl = { resource?: { type?: string; name?: string; patternType?: string }; operations?: string[]; operation?: string };

/** Catalog and platform topics that no rendered KafkaUser may write, and that none but the mirror may read. */
export function topicAccess(resources: RenderedResource[], topics: string[]): { unwritten: string[]; unread: string[] } {
    const users = resources.filter((r) => r.type === KAFKA_USER).map((r) => r.inputs as { metadata?: { name?: string }; spec?: { authorization?: { acls?: RenderedAcl[] } } });
    const allowed = (topic: string, operation: string, except?: string) =>
        users.some((u) => u.metadata?.name !== except && (u.spec?.authorization?.acls ?? []).some((acl) => {
            const r = acl.resource ?? {};
            const names = r.type === "topic" && (r.patternType === "prefix" ? topic.startsWith(r.name ?? "") : r.name === topic || r.name === "*");
            return names && [...(acl.operations ?? []), ...(acl.operation ? [acl.operation] : [])].some((op) => op === operation || op === "All");
        }));
    const sorted = [...new Set(topics)].sort();
    return { unwritten: sorted.filter((t) => !allowed(t, "Write")), unread: sorted.filter((t) => !allowed(t, "Read", MIRROR.user)) };
}
