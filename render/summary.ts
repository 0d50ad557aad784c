// SUMMARY.md of a render: resource counts by type, the topic table, topics no service may write or read, and the warnings.
import { MIRROR } from "../specs/mirror-maker";
import { RenderedResource } from "./output";

export function renderSummary(stack: string, resources: RenderedResource[], warnings: string[]): string {
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const lines = [`# Render of stack \`${stack}\``, "", `${resources.length} resources.`, "", "| Type | Count |", "| --- | ---: |"];
    for (const [type, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) lines.push(`| \`${type}\` | ${count} |`);

    const topics = resources.flatMap((r) => topicRow(r) ?? []);
    lines.push("", `## Topics (${topics.length})`, "", "| Topic | Resource | Partitions | Replicas | Settings |", "| --- | --- | ---: | ---: | --- |");
    for (const t of topics.sort((a, b) => a.name.localeCompare(b.name))) {
        lines.push(`| \`${t.name}\` | \`${t.resource}\` | ${t.partitions} | ${t.replicas} | ${Object.entries(t.config).map(([k, v]) => `${k}=${v}`).join(", ")} |`);
    }
    const access = topicAccess(resources, topics.map((t) => t.name));
    lines.push("", `## Topics no service may write (${access.unwritten.length})`, "");
    lines.push(access.unwritten.length ? "No KafkaUser has Write on these, so nothing the platform runs can put a record in them; name the service that does in `topics/producers.yaml`." : "None.");
    lines.push(...access.unwritten.map((t) => `- \`${t}\``));
    lines.push("", `## Topics no service may read (${access.unread.length})`, "");
    lines.push(access.unread.length ? `No KafkaUser but MirrorMaker 2's (\`${MIRROR.user}\`, which copies them to DR) has Read on these: their records cannot be consumed or replayed; name the group that does in \`topics/consumer-groups.yaml\`.` : "None.");
    lines.push(...access.unread.map((t) => `- \`${t}\``));

    lines.push("", `## Warnings (${warnings.length})`, "");
    lines.push(...(warnings.length ? warnings.map((w) => `- ${w}`) : ["None."]), "");
    return lines.join("\n");
}

function topicRow(r: RenderedResource): { name: string; resource: string; partitions: unknown; replicas: unknown; config: Record<string, unknown> } | undefined {
    const inputs = r.inputs as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (r.type === "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic") {
        return { name: inputs.spec?.topicName, resource: inputs.metadata?.name, partitions: inputs.spec?.partitions, replicas: inputs.spec?.replicas, config: inputs.spec?.config ?? {} };
    }
    if (r.type === "kafka:index/topic:Topic") {
        return { name: inputs.name, resource: r.name, partitions: inputs.partitions, replicas: inputs.replicationFactor, config: inputs.config ?? {} };
    }
    return undefined;
}

type RenderedAcl = { resource?: { type?: string; name?: string; patternType?: string }; operations?: string[]; operation?: string };

/** Catalog and platform topics that no rendered KafkaUser may write, and that none but the mirror may read. */
export function topicAccess(resources: RenderedResource[], topics: string[]): { unwritten: string[]; unread: string[] } {
    const users = resources.filter((r) => r.type === "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser").map((r) => r.inputs as { metadata?: { name?: string }; spec?: { authorization?: { acls?: RenderedAcl[] } } });
    const allowed = (topic: string, operation: string, except?: string) =>
        users.some((u) => u.metadata?.name !== except && (u.spec?.authorization?.acls ?? []).some((acl) => {
            const r = acl.resource ?? {};
            const names = r.type === "topic" && (r.patternType === "prefix" ? topic.startsWith(r.name ?? "") : r.name === topic || r.name === "*");
            return names && [...(acl.operations ?? []), ...(acl.operation ? [acl.operation] : [])].some((op) => op === operation || op === "All");
        }));
    const sorted = [...new Set(topics)].sort();
    return { unwritten: sorted.filter((t) => !allowed(t, "Write")), unread: sorted.filter((t) => !allowed(t, "Read", MIRROR.user)) };
}
