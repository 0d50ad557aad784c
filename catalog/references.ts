// Checks shared by the groups and producers files: Kubernetes names, and lists of catalog topics.
import { didYouMean } from "./problems";
import { describeNode, scalarValue, sequenceItems } from "./yaml-file";

const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_KUBERNETES_LABEL = 63;

/** A DNS-1123 label: what a namespace, and a group id or service that names a KafkaUser, must be. */
export function isKubernetesName(value: unknown): value is string {
    return typeof value === "string" && KUBERNETES_NAME.test(value) && value.length <= MAX_KUBERNETES_LABEL;
}

/**
 * The topic names of a `topics:` list, each a catalog topic and listed once. `report` receives each problem
 * with the node it concerns; `purpose` completes "is required: the catalog topics the ...".
 */
export function readTopicList(listNode: unknown, present: boolean, purpose: string, topicNames: ReadonlySet<string>, report: (message: string, node?: unknown) => void): string[] {
    const topics: string[] = [];
    const items = sequenceItems(listNode);
    if (!present) report(`is required: the catalog topics ${purpose}`);
    else if (!items || items.length === 0) report(`must be a non-empty list of topic names, got ${describeNode(listNode)}`, listNode);
    else {
        for (const item of items) {
            const topic = scalarValue(item);
            if (typeof topic !== "string") report(`must list topic names, got ${describeNode(item)}`, item);
            else if (topics.includes(topic)) report(`lists "${topic}" twice`, item);
            else if (!topicNames.has(topic)) report(`"${topic}" is not a topic of the catalog${didYouMean(topic, topicNames)}`, item);
            else topics.push(topic);
        }
    }
    return topics;
}
