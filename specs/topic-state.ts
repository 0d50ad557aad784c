// Compares the catalog with the topics the stack last deployed, refusing edits that would lose data.
import { partitionIncreaseMessage } from "../policy/rules/partition-increase";
import { Catalog, TopicSpec } from "../catalog";

/** A topic as the stack last deployed it; `released` topics had already left the catalog. */
export interface DeployedTopic {
    name: string;
    partitions: number;
    replicationFactor: number;
    released: boolean;
}

/** What the stack does with each topic this run. */
export interface TopicPlan {
    /** Topics registered as the catalog declares them. */
    active: TopicSpec[];
    /** Topics listed under removed_topics that the stack still holds: registered unprotected, for one last deployment. */
    releasing: Array<{ topic: DeployedTopic; deleteData: boolean; reason: string }>;
    /** Problems that stop the deployment before anything is applied. */
    problems: string[];
    warnings: string[];
}

/**
 * Plans the topics against the last deployed state. A partition decrease, a replication factor change
 * or a topic that disappears without a removed_topics entry is refused, naming the topic.
 */
export function planTopics(catalog: Catalog, deployed: DeployedTopic[]): TopicPlan {
    const plan: TopicPlan = { active: catalog.topics, releasing: [], problems: [], warnings: [] };
    // A previous state may hold several records of one topic (a render's resources and its stack output);
    // an edit is refused when it contradicts any of them.
    const recordsByName = new Map<string, DeployedTopic[]>();
    for (const record of deployed) recordsByName.set(record.name, [...(recordsByName.get(record.name) ?? []), record]);
    const catalogNames = new Set(catalog.topics.map((t) => t.name));
    const where = (t: TopicSpec) => `${t.source.file}${t.source.line ? `:${t.source.line}` : ""}`;

    for (const topic of catalog.topics) {
        const held = (recordsByName.get(topic.name) ?? []).filter((r) => !r.released);
        if (held.length === 0) continue;
        const partitions = Math.max(...held.map((r) => r.partitions));
        if (topic.partitions > partitions) {
            // Every topic counts as keyed, as the pack's keyedTopics default (".*") has it: the deployed state cannot tell.
            const compacted = String(topic.config["cleanup.policy"] ?? "").includes("compact");
            plan.warnings.push(`${where(topic)}: topic "${topic.name}": partitions: ${partitionIncreaseMessage(topic.name, compacted ? "compacted" : "keyed", partitions, topic.partitions)}`);
        }
        if (topic.partitions < partitions) {
            plan.problems.push(`${where(topic)}: topic "${topic.name}": partitions: ${partitions} -> ${topic.partitions} is a decrease; Kafka cannot remove partitions (their records would be lost). Restore ${partitions}, or create a new topic and migrate.`);
        }
        const other = held.find((r) => r.replicationFactor !== topic.replicationFactor);
        if (other) {
            plan.problems.push(`${where(topic)}: topic "${topic.name}": replication_factor: ${other.replicationFactor} -> ${topic.replicationFactor} cannot be applied by a topic update (Strimzi refuses it; it needs a partition reassignment). Restore ${other.replicationFactor} and reassign with Cruise Control or kafka-reassign-partitions.`);
        }
    }

    const removedByName = new Map(catalog.removedTopics.map((r) => [r.name, r]));
    for (const [name, records] of recordsByName) {
        if (catalogNames.has(name)) continue;
        const released = records.every((r) => r.released);
        const widest = records.reduce((a, b) => (b.partitions > a.partitions ? b : a));
        const removal = removedByName.get(name);
        if (removal) {
            if (!released) plan.releasing.push({ topic: { ...widest, released: false }, deleteData: removal.deleteData, reason: removal.reason });
            continue;
        }
        if (!released) {
            plan.problems.push(`topic "${name}": was removed from the catalog, but the stack holds it with its records. To take it out on purpose, list it under removed_topics with a reason (and delete_data: true only if its records may be deleted); otherwise restore its entry.`);
        }
    }
    for (const removal of catalog.removedTopics) {
        if (!recordsByName.has(removal.name)) {
            plan.warnings.push(`${removal.source.file}${removal.source.line ? `:${removal.source.line}` : ""}: removed topic "${removal.name}": the stack does not hold it; the entry has no effect and can go`);
        }
    }
    return plan;
}

/** The state this run leaves behind, exported so the next run can compare against it. */
export function deployedStateOf(plan: TopicPlan): DeployedTopic[] {
    return [
        ...plan.active.map((t) => ({ name: t.name, partitions: t.partitions, replicationFactor: t.replicationFactor, released: false })),
        ...plan.releasing.map((r) => ({ ...r.topic, released: true })),
    ].sort((a, b) => a.name.localeCompare(b.name));
}

/** Reads a deployed state that came from stack outputs or a file, rejecting anything malformed. */
export function parseDeployedTopics(value: unknown, origin: string): DeployedTopic[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new Error(`${origin}: deployedTopics must be a list, got ${typeof value}`);
    return value.map((entry, i) => {
        const t = entry as Partial<DeployedTopic>;
        if (typeof t?.name !== "string" || !Number.isInteger(t.partitions) || !Number.isInteger(t.replicationFactor)) {
            throw new Error(`${origin}: deployedTopics[${i}] must have name, partitions and replicationFactor`);
        }
        return { name: t.name, partitions: t.partitions as number, replicationFactor: t.replicationFactor as number, released: t.released === true };
    });
}
