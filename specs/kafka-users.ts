// Least-privilege KafkaUsers: each consumer group, producer and platform client may do exactly what it needs.
import { ConsumerGroupSpec, ProducerSpec } from "../catalog";
import { clusterLabel, STRIMZI_API_VERSION } from "./strimzi";
import { readinessAnnotations } from "./readiness";

export type AclOperation = "Read" | "Write" | "Describe" | "DescribeConfigs" | "Create" | "IdempotentWrite";
export interface Acl {
    resource: { type: "topic" | "group" | "transactionalId" | "cluster"; name?: string; patternType?: "literal" | "prefix" };
    operations: AclOperation[];
}

export interface KafkaUserSpec {
    name: string;
    authentication: "tls" | "scram-sha-512";
    acls: Acl[];
}

const topicAcl = (name: string, operations: AclOperation[]): Acl => ({ resource: { type: "topic", name, patternType: "literal" }, operations });
const groupAcl = (name: string): Acl => ({ resource: { type: "group", name, patternType: "literal" }, operations: ["Read"] });

/** A consumer group reads and describes exactly its topics, joins its own group, and may only write to its dead-letter topic. */
export function consumerGroupUser(group: ConsumerGroupSpec): KafkaUserSpec {
    return {
        name: group.groupId,
        authentication: "tls",
        acls: [
            ...group.topics.map((t) => topicAcl(t, ["Read", "Describe"])),
            groupAcl(group.groupId),
            // Write alone: Kafka lets Write imply Describe, so the group's Describe stays on exactly its own topics.
            ...(group.deadLetterTopic ? [topicAcl(group.deadLetterTopic, ["Write"])] : []),
        ],
    };
}

/**
 * A producer writes and describes its topics; a transactional one also owns every transactional id that begins
 * with its configured id, so each instance can use its own (`<id>-<pod name>`): instances sharing one id fence each other.
 */
export function producerUser(producer: ProducerSpec, transactionalId: string | undefined): KafkaUserSpec {
    if (producer.transactional && !transactionalId) {
        throw new Error(`producer "${producer.service}" is transactional: set its id in kafka-platform:clients.transactionalIds.${producer.service}`);
    }
    return {
        name: producer.service,
        authentication: "tls",
        acls: [
            ...producer.topics.map((t) => topicAcl(t, ["Write", "Describe"])),
            ...(producer.transactional ? [{ resource: { type: "transactionalId" as const, name: transactionalId, patternType: "prefix" as const }, operations: ["Write", "Describe"] as AclOperation[] }] : []),
        ],
    };
}

/** Kafka Connect: its group and storage topics, and writes to the topics its connector fills. */
export function connectUser(name: string, groupId: string, storageTopics: string[], outputTopics: string[]): KafkaUserSpec {
    return {
        name,
        authentication: "tls",
        acls: [
            ...storageTopics.map((t) => topicAcl(t, ["Read", "Write", "Describe", "DescribeConfigs"])),
            groupAcl(groupId),
            ...outputTopics.map((t) => topicAcl(t, ["Write", "Describe"])),
        ],
    };
}

/** Schema Registry: its storage topic and its group. */
export function schemaRegistryUser(name: string, topic: string, groupId: string): KafkaUserSpec {
    return { name, authentication: "tls", acls: [topicAcl(topic, ["Read", "Write", "Describe", "DescribeConfigs"]), groupAcl(groupId)] };
}

/**
 * MirrorMaker 2 reading the primary from the DR region: reads and describes the mirrored topics and their
 * configs, describes the mirrored groups for offset sync, and owns its offset-syncs topic on the source.
 */
export function mirrorMakerSourceUser(name: string, topics: string[], groups: string[], offsetSyncsTopic: string): KafkaUserSpec {
    return {
        name,
        authentication: "scram-sha-512",
        acls: [
            ...topics.map((t) => topicAcl(t, ["Read", "Describe", "DescribeConfigs"])),
            ...groups.map((g) => ({ resource: { type: "group" as const, name: g, patternType: "literal" as const }, operations: ["Describe"] as AclOperation[] })),
            topicAcl(offsetSyncsTopic, ["Read", "Write", "Describe", "Create", "DescribeConfigs"]),
        ],
    };
}

/** What the DR mirror keeps on its target cluster besides the mirrored topics: its Connect group and its own topics. */
export interface MirrorTargetOwn {
    connectGroup: string;
    topics: string[];
}

/**
 * MirrorMaker 2 writing into DR: writes the mirrored topics (which the catalog creates there, never the mirror),
 * commits the translated offsets of the mirrored groups (Kafka checks Read on the group and on each topic for
 * that), and runs its Connect cluster on its own group, storage, checkpoints and heartbeats topics.
 */
export function mirrorMakerTargetUser(name: string, topics: string[], groups: string[], own: MirrorTargetOwn): KafkaUserSpec {
    return {
        name,
        authentication: "tls",
        acls: [
            ...topics.map((t) => topicAcl(t, ["Read", "Write", "Describe"])),
            ...groups.map((g) => ({ resource: { type: "group" as const, name: g, patternType: "literal" as const }, operations: ["Read", "Describe"] as AclOperation[] })),
            { resource: { type: "group", name: own.connectGroup, patternType: "literal" }, operations: ["Read", "Describe"] },
            ...own.topics.map((t) => topicAcl(t, ["Create", "Read", "Write", "Describe", "DescribeConfigs"])),
        ],
    };
}

export function kafkaUserResource(user: KafkaUserSpec, cluster: string, namespace: string, passwordSecret?: string) {
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "KafkaUser",
        metadata: { name: user.name, namespace, labels: clusterLabel(cluster), annotations: readinessAnnotations("user") },
        spec: {
            authentication:
                user.authentication === "scram-sha-512" && passwordSecret
                    ? { type: "scram-sha-512", password: { valueFrom: { secretKeyRef: { name: passwordSecret, key: "password" } } } }
                    : { type: user.authentication },
            authorization: {
                type: "simple",
                acls: user.acls.map((acl) => ({ resource: acl.resource, operations: acl.operations, host: "*" })),
            },
        },
    };
}

/** A group's client settings as the ConfigMap its service mounts: Kafka's consumer properties plus where and who. */
export function consumerClientProperties(group: ConsumerGroupSpec, bootstrap: string, credentialsSecret: string, secretNamespace: string, partitions: number): Record<string, string> {
    return {
        "bootstrap.servers": bootstrap,
        "security.protocol": "SSL",
        "group.id": group.groupId,
        // Transactional producers write the platform's topics; without this, Kafka's Java consumer reads their aborted records.
        "isolation.level": "read_committed",
        ...Object.fromEntries(Object.entries(group.clientConfig).map(([k, v]) => [k, String(v)])),
        "kafka-platform.topics": group.topics.join(","),
        ...(group.deadLetterTopic ? { "kafka-platform.dead.letter.topic": group.deadLetterTopic } : {}),
        "kafka-platform.credentials.secret": `${secretNamespace}/${credentialsSecret}`,
        // The catalog's instance count, beside the partitions of the group's topics: members beyond those sit idle.
        "kafka-platform.instances.hint": String(group.instances),
        "kafka-platform.partitions": String(partitions),
    };
}
