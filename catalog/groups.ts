// Validates consumer-groups.yaml (`consumer_groups:`) into ConsumerGroupSpecs, reporting every problem.
import { didYouMean, ProblemList } from "./problems";
import { isKubernetesName, readTopicList } from "./references";
import { BrokerLimits, ConfigValue, ConsumerGroupSpec } from "./types";
import { describeNode, fieldScalar, mappingEntries, scalarValue, sequenceItems, YamlFile } from "./yaml-file";

/** Consumer settings a group may set, in the design's spelling, with Kafka's consumer property names. */
export const CONSUMER_SETTINGS = {
    max_poll_records: { kafka: "max.poll.records", kind: "positiveInteger" },
    max_poll_interval_ms: { kafka: "max.poll.interval.ms", kind: "positiveInteger" },
    session_timeout_ms: { kafka: "session.timeout.ms", kind: "positiveInteger" },
    heartbeat_interval_ms: { kafka: "heartbeat.interval.ms", kind: "positiveInteger" },
    auto_offset_reset: { kafka: "auto.offset.reset", kind: "offsetReset" },
    enable_auto_commit: { kafka: "enable.auto.commit", kind: "boolean" },
    auto_commit_interval_ms: { kafka: "auto.commit.interval.ms", kind: "positiveInteger" },
} as const;

const OFFSET_RESETS = ["earliest", "latest", "none"];
const GROUP_FIELDS = ["group_id", "description", "namespace", "topics", "dead_letter_topic", "instances", ...Object.keys(CONSUMER_SETTINGS)];

/** Reads the groups of a parsed file, checking topic references against `topicNames`. */
export function readGroupsFile(yaml: YamlFile, topicNames: ReadonlySet<string>, limits: BrokerLimits, partitionsOf: (topic: string) => number | undefined, problems: ProblemList): ConsumerGroupSpec[] {
    const entries = mappingEntries(yaml.root);
    if (!entries) {
        problems.error({ file: yaml.file, line: yaml.lineOf(yaml.root), message: `must be a mapping with a "consumer_groups" list, got ${describeNode(yaml.root)}` });
        return [];
    }
    const groups: ConsumerGroupSpec[] = [];
    let listNode: unknown;
    for (const [key, value, keyNode] of entries) {
        if (key !== "consumer_groups") {
            problems.error({ file: yaml.file, line: yaml.lineOf(keyNode), field: key, message: `unknown top-level key; this file holds "consumer_groups"${didYouMean(key, ["consumer_groups"])}` });
            continue;
        }
        listNode = value;
    }
    if (listNode === undefined) {
        // Any other key was unknown: that problem already says what is wrong (a misspelt "consumer_groups", say).
        if (entries.length === 0) problems.error({ file: yaml.file, field: "consumer_groups", message: "is required" });
        return [];
    }
    const items = sequenceItems(listNode);
    if (!items) {
        problems.error({ file: yaml.file, line: yaml.lineOf(listNode), field: "consumer_groups", message: `must be a list, got ${describeNode(listNode)}` });
        return [];
    }
    const seen = new Map<string, number | undefined>();
    items.forEach((item, index) => {
        const group = readGroup(yaml, item, index, topicNames, limits, partitionsOf, problems);
        // Duplicates are found by the id as written, so one is reported even when the first declaration has problems of its own.
        const groupId = fieldScalar(item, "group_id");
        if (typeof groupId === "string" && groupId !== "") {
            if (seen.has(groupId)) {
                problems.error({ file: yaml.file, line: yaml.lineOf(item), subject: `group "${groupId}"`, field: "group_id", message: `is declared twice; the first is at line ${seen.get(groupId)}` });
                return;
            }
            seen.set(groupId, yaml.lineOf(item));
        }
        if (group) groups.push(group);
    });
    return groups;
}

function readGroup(yaml: YamlFile, node: unknown, index: number, topicNames: ReadonlySet<string>, limits: BrokerLimits, partitionsOf: (topic: string) => number | undefined, problems: ProblemList): ConsumerGroupSpec | undefined {
    const entries = mappingEntries(node);
    if (!entries) {
        problems.error({ file: yaml.file, line: yaml.lineOf(node), subject: `group #${index + 1}`, message: `must be a mapping, got ${describeNode(node)}` });
        return undefined;
    }
    const fields = new Map(entries.map(([k, v, keyNode]) => [k, { value: v, keyNode }]));
    const groupId = scalarValue(fields.get("group_id")?.value);
    const subject = typeof groupId === "string" && groupId !== "" ? `group "${groupId}"` : `group #${index + 1}`;
    const at = (field: string, valueNode?: unknown) => ({ file: yaml.file, line: yaml.lineOf(valueNode) ?? yaml.lineOf(fields.get(field)?.keyNode) ?? yaml.lineOf(node), subject, field });
    const before = problems.problems.length;

    for (const [key, , keyNode] of entries) {
        if (!GROUP_FIELDS.includes(key)) problems.error({ ...at(key, keyNode), message: `unknown field${didYouMean(key, GROUP_FIELDS)}` });
    }
    if (typeof groupId !== "string" || groupId === "") {
        problems.error({ ...at("group_id"), message: fields.has("group_id") ? `must be a non-empty string, got ${describeNode(fields.get("group_id")?.value)}` : "is required" });
    } else if (!isKubernetesName(groupId)) {
        // A group id names its KafkaUser, Secret and ConfigMap.
        problems.error({ ...at("group_id"), message: `must be lower-case letters, digits and "-", at most 63 characters, starting and ending with a letter or digit: it names the group's KafkaUser and ConfigMap` });
    }
    const description = scalarValue(fields.get("description")?.value);
    if (fields.has("description") && (typeof description !== "string" || description.trim() === "")) problems.error({ ...at("description"), message: "must be a non-empty string" });
    const namespace = scalarValue(fields.get("namespace")?.value);
    if (fields.has("namespace") && !isKubernetesName(namespace)) {
        problems.error({ ...at("namespace"), message: `must be a Kubernetes namespace name (lower-case letters, digits and "-"), got ${describeNode(fields.get("namespace")?.value)}` });
    }

    const topicsNode = fields.get("topics")?.value;
    const topics = readTopicList(topicsNode, fields.has("topics"), "the group reads", topicNames, (message, valueNode) => problems.error({ ...at("topics", valueNode), message }));

    const deadLetterNode = fields.get("dead_letter_topic")?.value;
    const deadLetterTopic = scalarValue(deadLetterNode);
    if (fields.has("dead_letter_topic")) {
        if (typeof deadLetterTopic !== "string") problems.error({ ...at("dead_letter_topic", deadLetterNode), message: `must be a topic name, got ${describeNode(deadLetterNode)}` });
        else if (!topicNames.has(deadLetterTopic)) problems.error({ ...at("dead_letter_topic", deadLetterNode), message: `"${deadLetterTopic}" is not a topic of the catalog${didYouMean(deadLetterTopic, topicNames)}` });
        else if (topics.includes(deadLetterTopic)) problems.error({ ...at("dead_letter_topic", deadLetterNode), message: `"${deadLetterTopic}" is also one of the group's own topics; failed records would be read back and fail again` });
    }

    const instances = positiveInteger(fields.get("instances")?.value, fields.has("instances"), (message) => problems.error({ ...at("instances", fields.get("instances")?.value), message }));

    const clientConfig: Record<string, ConfigValue> = {};
    for (const [field, setting] of Object.entries(CONSUMER_SETTINGS)) {
        if (!fields.has(field)) continue;
        const valueNode = fields.get(field)?.value;
        const value = scalarValue(valueNode);
        const report = (message: string) => problems.error({ ...at(field, valueNode), message });
        if (setting.kind === "positiveInteger") {
            const n = positiveInteger(valueNode, true, report);
            if (n !== undefined) clientConfig[setting.kafka] = n;
        } else if (setting.kind === "boolean") {
            if (typeof value !== "boolean") report(`must be true or false, got ${describeNode(valueNode)}`);
            else clientConfig[setting.kafka] = value;
        } else if (typeof value !== "string" || !OFFSET_RESETS.includes(value)) {
            report(`must be one of ${OFFSET_RESETS.map((v) => `"${v}"`).join(", ")}, got ${describeNode(valueNode)}`);
        } else clientConfig[setting.kafka] = value;
    }

    const session = clientConfig["session.timeout.ms"];
    const heartbeat = clientConfig["heartbeat.interval.ms"];
    if (typeof session === "number" && (session < limits.groupMinSessionTimeoutMs || session > limits.groupMaxSessionTimeoutMs)) {
        problems.error({ ...at("session_timeout_ms"), message: `${session} is outside the brokers' group.min.session.timeout.ms ${limits.groupMinSessionTimeoutMs} to group.max.session.timeout.ms ${limits.groupMaxSessionTimeoutMs}; the broker would refuse the group's members` });
    }
    if (typeof heartbeat === "number" && typeof session === "number") {
        if (heartbeat >= session) problems.error({ ...at("heartbeat_interval_ms"), message: `${heartbeat} must be below session_timeout_ms ${session}` });
        else if (heartbeat * 3 > session) problems.warn({ ...at("heartbeat_interval_ms"), message: `${heartbeat} is above a third of session_timeout_ms ${session}; one lost heartbeat can expel a member` });
    }
    if (clientConfig["enable.auto.commit"] === false && fields.has("auto_commit_interval_ms")) {
        problems.warn({ ...at("auto_commit_interval_ms"), message: "has no effect: enable_auto_commit is false" });
    }
    if (instances !== undefined && topics.length === (sequenceItems(topicsNode)?.length ?? 0)) {
        const partitions = topics.reduce((sum, t) => sum + (partitionsOf(t) ?? 0), 0);
        if (partitions > 0 && instances > partitions) {
            problems.warn({ ...at("instances"), message: `${instances} instances for ${partitions} partitions: ${instances - partitions} would sit idle` });
        }
    }

    if (problems.problems.length > before || typeof groupId !== "string" || instances === undefined) return undefined;
    return {
        groupId,
        ...(typeof description === "string" ? { description } : {}),
        ...(typeof namespace === "string" ? { namespace } : {}),
        topics,
        ...(typeof deadLetterTopic === "string" ? { deadLetterTopic } : {}),
        instances,
        clientConfig,
        source: { file: yaml.file, line: yaml.lineOf(node) },
    };
}

function positiveInteger(node: unknown, present: boolean, report: (message: string) => void): number | undefined {
    if (!present) {
        report("is required");
        return undefined;
    }
    const value = scalarValue(node);
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
        report(`must be a positive integer, got ${describeNode(node)}`);
        return undefined;
    }
    if (value > 2147483647) {
        report(`must be at most 2147483647, got ${value}`);
        return undefined;
    }
    return value;
}
