// Kafka's rules for topic names, and the Kubernetes name each topic's KafkaTopic resource gets.
import { createHash } from "crypto";

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

/** What is wrong with a topic name by Kafka's rules (and the platform's reserved names), or undefined. */
export function topicNameProblem(name: string): string | undefined {
    if (name.length === 0) return "must not be empty";
    if (name === "." || name === "..") return `"${name}" is not a legal Kafka topic name`;
    if (name.length > MAX_TOPIC_NAME_LENGTH) return `is ${name.length} characters long; Kafka allows at most ${MAX_TOPIC_NAME_LENGTH}`;
    if (!LEGAL_TOPIC_NAME.test(name)) {
        const bad = [...new Set(name.replace(/[a-zA-Z0-9._-]/g, ""))].map((c) => JSON.stringify(c)).join(", ");
        return `contains ${bad}; Kafka topic names use only ASCII letters, digits, ".", "_" and "-"`;
    }
    if (name.startsWith("__")) return "names starting with \"__\" are reserved for Kafka's and Strimzi's internal topics";
    if (name === "heartbeats" || name.endsWith(".internal")) return "is reserved for MirrorMaker 2's internal topics";
    return undefined;
}

/** Kafka refuses a topic whose name equals another's once "." and "_" are treated alike (their metric names clash). */
export function collisionKey(name: string): string {
    return name.replace(/\./g, "_");
}

const DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS_SUBDOMAIN = new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`);
const MAX_K8S_NAME = 253;

/**
 * The `metadata.name` of a topic's KafkaTopic resource. A topic name that is already a valid
 * DNS-1123 subdomain is used as it is; any other gets a readable lower-case form plus a hash of
 * the real name, so the mapping is stable, needs no knowledge of other topics and cannot collide.
 */
export function topicCrName(topicName: string): string {
    if (DNS_SUBDOMAIN.test(topicName) && topicName.length <= MAX_K8S_NAME) return topicName;
    const hash = createHash("sha1").update(topicName).digest("hex").slice(0, 10);
    const readable = topicName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+/, "")
        .slice(0, MAX_K8S_NAME - hash.length - 1)
        .replace(/-+$/, "");
    return readable === "" ? `topic-${hash}` : `${readable}-${hash}`;
}
