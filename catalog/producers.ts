// Validates producers.yaml (`producers:`): which service writes which catalog topics.
import { didYouMean, ProblemList } from "./problems";
import { isKubernetesName, readTopicList } from "./references";
import { ProducerSpec } from "./types";
import { describeNode, mappingEntries, scalarValue, sequenceItems, YamlFile } from "./yaml-file";

const PRODUCER_FIELDS = ["service", "description", "namespace", "topics", "transactional"];

/** Reads the producers of a parsed file, checking topic references against `topicNames`. */
export function readProducersFile(yaml: YamlFile, topicNames: ReadonlySet<string>, problems: ProblemList): ProducerSpec[] {
    const entries = mappingEntries(yaml.root);
    if (!entries) {
        problems.error({ file: yaml.file, line: yaml.lineOf(yaml.root), message: `must be a mapping with a "producers" list, got ${describeNode(yaml.root)}` });
        return [];
    }
    let listNode: unknown;
    for (const [key, value, keyNode] of entries) {
        if (key === "producers") listNode = value;
        else problems.error({ file: yaml.file, line: yaml.lineOf(keyNode), field: key, message: `unknown top-level key; this file holds "producers"${didYouMean(key, ["producers"])}` });
    }
    // Every key was unknown: that problem already says what is wrong (a misspelt "producers", say).
    if (listNode === undefined && entries.length > 0) return [];
    const items = sequenceItems(listNode);
    if (!items) {
        problems.error({ file: yaml.file, line: yaml.lineOf(listNode), field: "producers", message: listNode === undefined ? "is required" : `must be a list, got ${describeNode(listNode)}` });
        return [];
    }
    const producers: ProducerSpec[] = [];
    const seen = new Map<string, number | undefined>();
    items.forEach((node, index) => {
        const fields = mappingEntries(node);
        if (!fields) {
            problems.error({ file: yaml.file, line: yaml.lineOf(node), subject: `producer #${index + 1}`, message: `must be a mapping, got ${describeNode(node)}` });
            return;
        }
        const byKey = new Map(fields.map(([k, v, keyNode]) => [k, { value: v, keyNode }]));
        const service = scalarValue(byKey.get("service")?.value);
        const subject = typeof service === "string" && service !== "" ? `producer "${service}"` : `producer #${index + 1}`;
        const at = (field: string, valueNode?: unknown) => ({ file: yaml.file, line: yaml.lineOf(valueNode) ?? yaml.lineOf(byKey.get(field)?.keyNode) ?? yaml.lineOf(node), subject, field });
        const before = problems.problems.length;
        for (const [key, , keyNode] of fields) {
            if (!PRODUCER_FIELDS.includes(key)) problems.error({ ...at(key, keyNode), message: `unknown field${didYouMean(key, PRODUCER_FIELDS)}` });
        }
        // A service names its KafkaUser and Secret.
        if (!isKubernetesName(service)) {
            problems.error({ ...at("service"), message: byKey.has("service") ? `must be lower-case letters, digits and "-" (it names the service's KafkaUser), got ${describeNode(byKey.get("service")?.value)}` : "is required" });
        } else if (seen.has(service)) {
            problems.error({ ...at("service"), message: `is declared twice; the first is at line ${seen.get(service)}` });
        }
        const description = scalarValue(byKey.get("description")?.value);
        if (byKey.has("description") && (typeof description !== "string" || description.trim() === "")) problems.error({ ...at("description"), message: "must be a non-empty string" });
        const namespace = scalarValue(byKey.get("namespace")?.value);
        if (byKey.has("namespace") && !isKubernetesName(namespace)) problems.error({ ...at("namespace"), message: `must be a Kubernetes namespace name, got ${describeNode(byKey.get("namespace")?.value)}` });
        const transactional = scalarValue(byKey.get("transactional")?.value);
        if (byKey.has("transactional") && typeof transactional !== "boolean") problems.error({ ...at("transactional"), message: `must be true or false, got ${describeNode(byKey.get("transactional")?.value)}` });

        const topics = readTopicList(byKey.get("topics")?.value, byKey.has("topics"), "the service writes", topicNames, (message, valueNode) => problems.error({ ...at("topics", valueNode), message }));
        if (typeof service === "string" && !seen.has(service)) seen.set(service, yaml.lineOf(node));
        if (problems.problems.length > before || typeof service !== "string") return;
        producers.push({
            service,
            ...(typeof description === "string" ? { description } : {}),
            ...(typeof namespace === "string" ? { namespace } : {}),
            topics,
            transactional: transactional === true,
            source: { file: yaml.file, line: yaml.lineOf(node) },
        });
    });
    return producers;
}
