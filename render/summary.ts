// SUMMARY.md of a render: resource counts by type, the topic table and the warnings.
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
