// Validates topic files (`topics:` and `removed_topics:`) into TopicSpecs, reporting every problem.
import { didYouMean, ProblemList } from "./problems";
import { CATALOG_KEY_BY_KAFKA_NAME, ConfigRule, REFUSED_TOPIC_CONFIG_KEYS, TOP_LEVEL_CONFIG_FIELDS, TOPIC_CONFIG_KEYS } from "./topic-configs";
import { collisionKey, topicCrName, topicNameProblem } from "./topic-names";
import { BrokerLimits, ConfigValue, RemovedTopic, SourceRef, TopicSpec } from "./types";
import { describeNode, fieldScalar, mappingEntries, scalarValue, sequenceItems, YamlFile } from "./yaml-file";

const TOPIC_FIELDS = ["name", "description", "partitions", "replication_factor", ...TOP_LEVEL_CONFIG_FIELDS, "configs"];
const REMOVED_TOPIC_FIELDS = ["name", "reason", "delete_data"];
const FILE_KEYS = ["topics", "removed_topics"];

/** Topic entries read from one or more files, before cross-file checks. */
export interface TopicFileContents {
    topics: TopicSpec[];
    removedTopics: RemovedTopic[];
    /**
     * Every topic and removed topic the files name, valid entry or not, with where: references to a broken topic
     * are not reported twice, and a name declared twice is reported even when its first entry has problems.
     */
    declared: Array<{ name: string; removed: boolean; source: SourceRef }>;
}

/** Reads the topic entries of one parsed file; problems and warnings go to `problems`. */
export function readTopicFile(yaml: YamlFile, limits: BrokerLimits, problems: ProblemList): TopicFileContents {
    const out: TopicFileContents = { topics: [], removedTopics: [], declared: [] };
    const entries = mappingEntries(yaml.root);
    if (!entries) {
        problems.error({ file: yaml.file, line: yaml.lineOf(yaml.root), message: `must be a mapping with a "topics" list, got ${describeNode(yaml.root)}` });
        return out;
    }
    for (const [key, value, keyNode] of entries) {
        if (!FILE_KEYS.includes(key)) {
            problems.error({ file: yaml.file, line: yaml.lineOf(keyNode), field: key, message: `unknown top-level key; a topic file holds ${FILE_KEYS.map((k) => `"${k}"`).join(" and ")}${didYouMean(key, FILE_KEYS)}` });
            continue;
        }
        const items = sequenceItems(value);
        if (!items) {
            problems.error({ file: yaml.file, line: yaml.lineOf(value) ?? yaml.lineOf(keyNode), field: key, message: `must be a list, got ${describeNode(value)}` });
            continue;
        }
        items.forEach((item, index) => {
            const name = fieldScalar(item, "name");
            if (typeof name === "string" && name !== "") out.declared.push({ name, removed: key !== "topics", source: { file: yaml.file, line: yaml.lineOf(item) } });
            if (key === "topics") {
                const topic = readTopic(yaml, item, index, limits, problems);
                if (topic) out.topics.push(topic);
            } else {
                const removed = readRemovedTopic(yaml, item, index, problems);
                if (removed) out.removedTopics.push(removed);
            }
        });
    }
    return out;
}

function entrySubject(kind: string, name: unknown, index: number): string {
    return typeof name === "string" && name !== "" ? `${kind} "${name}"` : `${kind} #${index + 1}`;
}

function readTopic(yaml: YamlFile, node: unknown, index: number, limits: BrokerLimits, problems: ProblemList): TopicSpec | undefined {
    const entries = mappingEntries(node);
    if (!entries) {
        problems.error({ file: yaml.file, line: yaml.lineOf(node), subject: `topic #${index + 1}`, message: `must be a mapping, got ${describeNode(node)}` });
        return undefined;
    }
    const fields = new Map(entries.map(([k, v, keyNode]) => [k, { value: v, keyNode }]));
    const name = scalarValue(fields.get("name")?.value);
    const subject = entrySubject("topic", name, index);
    const at = (field: string, valueNode?: unknown) => ({ file: yaml.file, line: yaml.lineOf(valueNode) ?? yaml.lineOf(fields.get(field)?.keyNode) ?? yaml.lineOf(node), subject, field });
    const before = problems.problems.length;

    for (const [key, , keyNode] of entries) {
        if (!TOPIC_FIELDS.includes(key)) {
            const hint = TOPIC_CONFIG_KEYS[key] ? ` ("${key}" is a topic config: put it under "configs")` : didYouMean(key, TOPIC_FIELDS);
            problems.error({ ...at(key, keyNode), message: `unknown field${hint}` });
        }
    }

    if (typeof name !== "string") {
        problems.error({ ...at("name"), message: fields.has("name") ? `must be a string, got ${describeNode(fields.get("name")?.value)}` : "is required" });
    } else {
        const nameProblem = topicNameProblem(name);
        if (nameProblem) problems.error({ ...at("name", fields.get("name")?.value), message: nameProblem });
    }

    const description = scalarValue(fields.get("description")?.value);
    if (!fields.has("description")) {
        problems.warn({ ...at("description"), message: "is missing: say what the topic carries, for its readers and reviewers" });
    } else if (typeof description !== "string" || description.trim() === "") {
        problems.error({ ...at("description", fields.get("description")?.value), message: `must be a non-empty string, got ${describeNode(fields.get("description")?.value)}` });
    }

    const partitions = requireInteger(fields.get("partitions")?.value, fields.has("partitions"), 1, 2147483647, (message) => problems.error({ ...at("partitions", fields.get("partitions")?.value), message }));
    const replicationFactor = requireInteger(fields.get("replication_factor")?.value, fields.has("replication_factor"), 1, limits.brokerCount, (message) =>
        problems.error({ ...at("replication_factor", fields.get("replication_factor")?.value), message: `${message}${/at most/.test(message) ? ` (the cluster has ${limits.brokerCount} brokers)` : ""}` }),
    );

    // Configs come from the top-level fields and the `configs` map; a key given in both must agree.
    const config: Record<string, ConfigValue> = {};
    const configNodes: Record<string, unknown> = {};
    for (const field of TOP_LEVEL_CONFIG_FIELDS) {
        if (!fields.has(field)) continue;
        const value = readConfigValue(field, fields.get(field)?.value, (message) => problems.error({ ...at(field, fields.get(field)?.value), message }));
        if (value !== undefined) {
            config[TOPIC_CONFIG_KEYS[field].kafka] = value;
            configNodes[field] = fields.get(field)?.value;
        }
    }
    if (fields.has("configs")) {
        const configsNode = fields.get("configs")?.value;
        const configEntries = mappingEntries(configsNode);
        if (!configEntries) {
            problems.error({ ...at("configs", configsNode), message: `must be a mapping of topic configs, got ${describeNode(configsNode)}` });
        } else {
            for (const [key, valueNode, keyNode] of configEntries) {
                const field = `configs.${key}`;
                const refused = REFUSED_TOPIC_CONFIG_KEYS[key];
                if (refused) {
                    problems.error({ ...at(field, keyNode), message: `not allowed: ${refused.reason}` });
                    continue;
                }
                const known = TOPIC_CONFIG_KEYS[key];
                if (!known) {
                    const snake = CATALOG_KEY_BY_KAFKA_NAME[key];
                    const hint = snake ? ` (write Kafka's "${key}" as "${snake}")` : didYouMean(key, Object.keys(TOPIC_CONFIG_KEYS));
                    problems.error({ ...at(field, keyNode), message: `unknown topic config${hint}` });
                    continue;
                }
                const value = readConfigValue(key, valueNode, (message) => problems.error({ ...at(field, valueNode), message }));
                if (value === undefined) continue;
                const previous = config[known.kafka];
                // A catalog key sets its Kafka property only here and at the top level, so a value already held came from there.
                if (key in configNodes) {
                    if (previous !== value) {
                        problems.error({ ...at(field, valueNode), message: `${value} contradicts ${key}: ${previous} set on the topic itself; keep one` });
                    } else {
                        problems.warn({ ...at(field, valueNode), message: `repeats ${key}: ${previous} set on the topic itself; the duplicate has no effect` });
                    }
                    continue;
                }
                config[known.kafka] = value;
                configNodes[key] = valueNode;
            }
        }
    }

    const lineOfConfig = (key: string) => yaml.lineOf(configNodes[key]);
    const minIsr = config["min.insync.replicas"];
    if (typeof minIsr === "number" && replicationFactor !== undefined && minIsr > replicationFactor) {
        problems.error({ ...at("min_insync_replicas"), line: lineOfConfig("min_insync_replicas"), message: `${minIsr} is above the replication factor ${replicationFactor}; producers with acks=all could never write` });
    } else if (typeof minIsr === "number" && replicationFactor !== undefined && replicationFactor > 1 && minIsr === replicationFactor) {
        problems.warn({ ...at("min_insync_replicas"), line: lineOfConfig("min_insync_replicas"), message: `equals the replication factor ${replicationFactor}; acks=all writes stop whenever one replica is down` });
    }
    const maxMessageBytes = config["max.message.bytes"];
    if (typeof maxMessageBytes === "number" && maxMessageBytes > limits.messageMaxBytes) {
        problems.error({ ...at("configs.max_message_bytes"), line: lineOfConfig("max_message_bytes"), message: `${maxMessageBytes} is above the brokers' message.max.bytes ${limits.messageMaxBytes}` });
    }
    const minLag = config["min.compaction.lag.ms"];
    const maxLag = config["max.compaction.lag.ms"];
    if (typeof minLag === "number" && typeof maxLag === "number" && maxLag < minLag) {
        problems.error({ ...at("configs.max_compaction_lag_ms"), line: lineOfConfig("max_compaction_lag_ms"), message: `${maxLag} is below min_compaction_lag_ms ${minLag}` });
    }

    // Settings that only act under one cleanup policy are flagged where the topic does not use it.
    const policy = typeof config["cleanup.policy"] === "string" ? (config["cleanup.policy"] as string).split(",") : ["delete"];
    for (const [catalogKey, node] of Object.entries(configNodes)) {
        const actsOn = TOPIC_CONFIG_KEYS[catalogKey].actsOn;
        if (!actsOn || policy.includes(actsOn)) continue;
        if (actsOn === "delete" && config[TOPIC_CONFIG_KEYS[catalogKey].kafka] === -1) continue; // -1 states "no time/size limit", which compaction already implies
        const field = (TOP_LEVEL_CONFIG_FIELDS as readonly string[]).includes(catalogKey) && fields.get(catalogKey)?.value === node ? catalogKey : `configs.${catalogKey}`;
        problems.warn({ ...at(field), line: yaml.lineOf(node), message: `has no effect: it only acts when cleanup_policy includes "${actsOn}", and this topic's is "${policy.join(",")}"` });
    }

    if (problems.problems.length > before || typeof name !== "string" || partitions === undefined || replicationFactor === undefined) return undefined;
    return {
        name,
        description: typeof description === "string" ? description : "",
        partitions,
        replicationFactor,
        config,
        source: { file: yaml.file, line: yaml.lineOf(node) },
    };
}

function readRemovedTopic(yaml: YamlFile, node: unknown, index: number, problems: ProblemList): RemovedTopic | undefined {
    const entries = mappingEntries(node);
    if (!entries) {
        problems.error({ file: yaml.file, line: yaml.lineOf(node), subject: `removed topic #${index + 1}`, message: `must be a mapping, got ${describeNode(node)}` });
        return undefined;
    }
    const fields = new Map(entries.map(([k, v, keyNode]) => [k, { value: v, keyNode }]));
    const name = scalarValue(fields.get("name")?.value);
    const subject = entrySubject("removed topic", name, index);
    const at = (field: string) => ({ file: yaml.file, line: yaml.lineOf(fields.get(field)?.keyNode) ?? yaml.lineOf(node), subject, field });
    const before = problems.problems.length;
    for (const [key] of entries) {
        if (!REMOVED_TOPIC_FIELDS.includes(key)) problems.error({ ...at(key), message: `unknown field${didYouMean(key, REMOVED_TOPIC_FIELDS)}` });
    }
    if (typeof name !== "string" || name === "") problems.error({ ...at("name"), message: "is required: the name of the topic taken out of the catalog" });
    const reason = scalarValue(fields.get("reason")?.value);
    if (typeof reason !== "string" || reason.trim() === "") problems.error({ ...at("reason"), message: "is required: say why the topic goes, for the reviewers" });
    const deleteData = scalarValue(fields.get("delete_data")?.value);
    if (fields.has("delete_data") && typeof deleteData !== "boolean") problems.error({ ...at("delete_data"), message: `must be true or false, got ${describeNode(fields.get("delete_data")?.value)}` });
    if (problems.problems.length > before) return undefined;
    return { name: String(name), reason: String(reason), deleteData: deleteData === true, source: { file: yaml.file, line: yaml.lineOf(node) } };
}

/** Checks the topics of all files together: duplicates, names Kafka treats as equal, resource names. */
export function checkTopicsTogether(contents: TopicFileContents, problems: ProblemList): void {
    // A name given twice is found among every entry as written, so it shows even while the first entry has problems of its own.
    const firstTopic = new Map<string, SourceRef>();
    const firstRemoved = new Map<string, SourceRef>();
    const duplicates = new Set<string>();
    for (const entry of contents.declared) {
        const firsts = entry.removed ? firstRemoved : firstTopic;
        const first = firsts.get(entry.name);
        if (!first) {
            firsts.set(entry.name, entry.source);
            continue;
        }
        const where = { file: entry.source.file, line: entry.source.line, subject: `${entry.removed ? "removed topic" : "topic"} "${entry.name}"`, field: "name" };
        problems.error({ ...where, message: entry.removed ? "is listed twice under removed_topics" : `is declared twice; the first is at ${first.file}:${first.line}` });
        duplicates.add(`${entry.source.file}:${entry.source.line}`);
    }
    const byCollisionKey = new Map<string, TopicSpec>();
    const byCrName = new Map<string, TopicSpec>();
    for (const topic of contents.topics) {
        if (duplicates.has(`${topic.source.file}:${topic.source.line}`)) continue;
        const where = { file: topic.source.file, line: topic.source.line, subject: `topic "${topic.name}"`, field: "name" };
        const clash = byCollisionKey.get(collisionKey(topic.name));
        if (clash) {
            problems.error({ ...where, message: `collides with "${clash.name}" (${clash.source.file}:${clash.source.line}): Kafka treats "." and "_" alike in topic names` });
            continue;
        }
        byCollisionKey.set(collisionKey(topic.name), topic);
        const crName = topicCrName(topic.name);
        const crClash = byCrName.get(crName);
        if (crClash) problems.error({ ...where, message: `maps to the KafkaTopic resource name "${crName}", as "${crClash.name}" does; rename one` });
        byCrName.set(crName, topic);
    }
    for (const removed of contents.removedTopics) {
        if (firstTopic.has(removed.name)) {
            problems.error({ file: removed.source.file, line: removed.source.line, subject: `removed topic "${removed.name}"`, field: "name", message: "is still declared under topics; a topic is either in the catalog or removed from it" });
        }
    }
}

function requireInteger(node: unknown, present: boolean, min: number, max: number, report: (message: string) => void): number | undefined {
    if (!present) {
        report("is required");
        return undefined;
    }
    const value = scalarValue(node);
    if (typeof value !== "number" || !Number.isInteger(value)) {
        report(`must be an integer, got ${describeNode(node)}`);
        return undefined;
    }
    if (value < min) {
        report(`must be at least ${min}, got ${value}`);
        return undefined;
    }
    if (value > max) {
        report(`must be at most ${max}, got ${value}`);
        return undefined;
    }
    return value;
}

function readConfigValue(catalogKey: string, node: unknown, report: (message: string) => void): ConfigValue | undefined {
    return checkConfigValue(TOPIC_CONFIG_KEYS[catalogKey].rule, node, report);
}

function checkConfigValue(rule: ConfigRule, node: unknown, report: (message: string) => void): ConfigValue | undefined {
    if (rule.kind === "cleanupPolicy") {
        const items = sequenceItems(node);
        // A value that is not text reads as "5", "true", "null" or "undefined" here, none of them a policy.
        const parts = items ? items.map((item) => scalarValue(item)) : String(scalarValue(node)).split(",").map((s) => s.trim());
        const valid = parts.length > 0 && parts.every((p) => p === "delete" || p === "compact") && new Set(parts).size === parts.length;
        if (!valid) {
            report(`must be "delete", "compact" or "compact,delete", got ${describeNode(node)}`);
            return undefined;
        }
        return parts.length === 2 ? "compact,delete" : (parts[0] as string);
    }
    const value = scalarValue(node);
    switch (rule.kind) {
        case "boolean":
            if (typeof value !== "boolean") {
                report(`must be true or false, got ${describeNode(node)}`);
                return undefined;
            }
            return value;
        case "enum":
            if (typeof value !== "string" || !rule.values.includes(value)) {
                report(`must be one of ${rule.values.map((v) => `"${v}"`).join(", ")}, got ${describeNode(node)}${typeof value === "string" ? didYouMean(value, rule.values) : ""}`);
                return undefined;
            }
            return value;
        case "ratio":
            if (typeof value !== "number" || value < 0 || value > 1) {
                report(`must be a number from 0 to 1, got ${describeNode(node)}`);
                return undefined;
            }
            return value;
        case "integer":
            if (typeof value !== "number" || !Number.isInteger(value)) {
                report(`must be an integer, got ${describeNode(node)}`);
                return undefined;
            }
            if (!Number.isSafeInteger(value)) {
                report(`is too large to hold exactly (above ${Number.MAX_SAFE_INTEGER})${rule.orMinusOne ? "; for no limit write -1" : ""}`);
                return undefined;
            }
            if (rule.orMinusOne && value === -1) return value;
            if (value < rule.min || (rule.max !== undefined && value > rule.max)) {
                const range = rule.orMinusOne ? `-1 (no limit) or at least ${rule.min}` : `at least ${rule.min}`;
                report(value < rule.min ? `must be ${range}, got ${value}` : `must be at most ${rule.max}, got ${value}`);
                return undefined;
            }
            return value;
    }
}
