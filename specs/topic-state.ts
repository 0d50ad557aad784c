// Compares the catalog with the topics the stack last deployed, refusing edits that would lose data.
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
    const deployedByName = new Map(deployed.map((t) => [t.name, t]));
    const catalogNames = new Set(catalog.topics.map((t) => t.name));
    const where = (t: TopicSpec) => `${t.source.file}${t.source.line ? `:${t.source.line}` : ""}`;

    for (const topic of catalog.topics) {
        const before = deployedByName.get(topic.name);
        if (!before || before.released) continue;
        if (topic.partitions < before.partitions) {
            plan.problems.push(`${where(topic)}: topic "${topic.name}": partitions: ${before.partitions} -> ${topic.partitions} is a decrease; Kafka cannot remove partitions (their records would be lost). Restore ${before.partitions}, or create a new topic and migrate.`);
        }
        if (topic.replicationFactor !== before.replicationFactor) {
            plan.problems.push(`${where(topic)}: topic "${topic.name}": replication_factor: ${before.replicationFactor} -> ${topic.replicationFactor} cannot be applied by a topic update (Strimzi refuses it; it needs a partition reassignment). Restore ${before.replicationFactor} and reassign with Cruise Control or kafka-reassign-partitions.`);
        }
    }

    const removedByName = new Map(catalog.removedTopics.map((r) => [r.name, r]));
    for (const before of deployed) {
        if (catalogNames.has(before.name)) continue;
        const removal = removedByName.get(before.name);
        if (removal) {
            if (!before.released) plan.releasing.push({ topic: before, deleteData: removal.deleteData, reason: removal.reason });
            continue;
        }
        if (!before.released) {
            plan.problems.push(`topic "${before.name}": was removed from the catalog, but the stack holds it with its records. To take it out on purpose, list it under removed_topics with a reason (and delete_data: true only if its records may be deleted); otherwise restore its entry.`);
        }
    }
    for (const removal of catalog.removedTopics) {
        if (!deployedByName.has(removal.name)) {
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
