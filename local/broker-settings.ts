// Holds the rendered broker settings against what the running brokers report: Kafka, not our code, judges each one.
import { Admin, ConfigResourceTypes } from "kafkajs";

export type RenderedSettings = Record<string, string | number | boolean>;

/**
 * Every rendered setting a broker does not know, or runs with another value than rendered. Kafka 3.6 in
 * ZooKeeper mode starts with an unknown key and says nothing, so the broker's own description is the judge.
 */
export function settingsDisagreements(rendered: RenderedSettings, running: Map<string, string | null>, brokerId: string): string[] {
    const problems: string[] = [];
    for (const [name, value] of Object.entries(rendered)) {
        // A supplied key Kafka does not know is described without a value (its type unknown, so treated as sensitive).
        if (!running.has(name) || running.get(name) === null) {
            problems.push(`broker ${brokerId}: "${name}" isn't a known config of Kafka (rendered in spec.kafka.config)`);
            continue;
        }
        const actual = running.get(name);
        if (!sameValue(String(value), actual)) problems.push(`broker ${brokerId}: "${name}" is rendered as ${String(value)} but Kafka runs ${actual ?? "(no value)"}`);
    }
    return problems;
}

function sameValue(rendered: string, running: string | null | undefined): boolean {
    if (running === null || running === undefined) return false;
    if (rendered === running) return true;
    const a = Number(rendered);
    const b = Number(running);
    return rendered.trim() !== "" && !Number.isNaN(a) && a === b;
}

export async function runningBrokerSettings(admin: Admin, brokerId: string): Promise<Map<string, string | null>> {
    const described = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: brokerId }], includeSynonyms: false });
    const entries = described.resources[0]?.configEntries ?? [];
    return new Map(entries.map((e) => [e.configName, e.configValue]));
}

export async function checkBrokerSettings(admin: Admin, brokerIds: string[], rendered: RenderedSettings): Promise<void> {
    const problems: string[] = [];
    for (const id of brokerIds) problems.push(...settingsDisagreements(rendered, await runningBrokerSettings(admin, id), id));
    if (problems.length > 0) throw new Error(`Kafka does not run the rendered broker settings:\n${problems.join("\n")}`);
}
