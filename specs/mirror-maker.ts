// MirrorMaker 2 in the DR cluster, pulling the primary's catalog topics and consumer offsets across regions.
import { Catalog, TopicSpec } from "../catalog";
import { platformTopics } from "./platform-topics";
import { STRIMZI_API_VERSION } from "./strimzi";
import { readinessAnnotations } from "./readiness";
import { SCHEMA_REGISTRY } from "./schema-registry";

export const MIRROR = { source: "primary", target: "dr", user: "mirror-maker-2", name: "dr-mirror" } as const;

/** The way back after a failover: DR's writes since the failover into the primary, by a temporary mirror. */
export const FAILBACK = { source: "dr", target: "primary", user: "mirror-maker-2", name: "failback-mirror" } as const;

export type MirrorFlow = { source: string; target: string; user: string; name: string };

/** MirrorMaker keeps a flow's offset syncs in this topic on its source cluster. */
export const offsetSyncsTopic = (flow: MirrorFlow) => `mm2-offset-syncs.${flow.target}.internal`;
export const OFFSET_SYNCS_TOPIC = offsetSyncsTopic(MIRROR);

/**
 * Kafka Connect's own storage and group of a mirror, on its target cluster. The DR mirror keeps Strimzi's default
 * names: renamed, Connect would find no stored positions and copy every topic again from its beginning.
 */
export function mirrorConnectStorage(flow: MirrorFlow) {
    const prefix = flow.name === MIRROR.name ? "mirrormaker2-cluster" : flow.name;
    return { groupId: prefix, configs: `${prefix}-configs`, offsets: `${prefix}-offsets`, status: `${prefix}-status` };
}

/**
 * How far a translated group offset may trail the group's real position, in records per partition: what a
 * consumer re-reads after failover. MirrorMaker writes an offset sync every this many records (Kafka's default,
 * 100, let a committed, idle group re-read up to 100 records of every partition).
 */
export const MAX_TRANSLATION_LAG = 10;

/** The largest record a mirrored topic accepts: its own `max.message.bytes`, or else the brokers' `message.max.bytes`. */
export function largestRecordBytes(topics: Array<{ config: Record<string, unknown> }>, brokerMessageMaxBytes: number): number {
    const limitOf = (t: { config: Record<string, unknown> }) => {
        const own = t.config["max.message.bytes"];
        return typeof own === "number" ? own : brokerMessageMaxBytes;
    };
    return Math.max(0, ...topics.map(limitOf));
}

/** The topics a mirror keeps on its target cluster: its checkpoints (named after the source under the identity policy), heartbeats and its Connect cluster's storage. */
export function mirrorTargetTopics(flow: MirrorFlow) {
    const { configs, offsets, status } = mirrorConnectStorage(flow);
    return { checkpoints: `${flow.source}.checkpoints.internal`, heartbeats: "heartbeats", configs, offsets, status };
}
export const MIRROR_TARGET_TOPICS = mirrorTargetTopics(MIRROR);

const escape = (name: string) => name.replace(/[.\\+*?^$()[\]{}|-]/g, (c) => `\\${c}`);

/** What DR mirrors: the catalog's topics and Schema Registry's store, so DR serves the same schemas. */
export function mirroredTopics(catalog: Catalog): TopicSpec[] {
    return [...catalog.topics, ...platformTopics(false).filter((t) => t.name === SCHEMA_REGISTRY.topic)];
}

export function mirroredTopicNames(catalog: Catalog): string[] {
    return mirroredTopics(catalog).map((t) => t.name);
}

/** An exact alternation of the mirrored topic names: never `.*`, so internal and unmanaged topics stay home. */
export function topicsPattern(catalog: Catalog): string {
    return mirroredTopicNames(catalog).map(escape).sort().join("|");
}

export function groupsPattern(catalog: Catalog): string {
    return catalog.groups.map((g) => escape(g.groupId)).sort().join("|");
}

export interface MirrorMakerSpecArgs {
    /** Namespace of the mirror, beside its target (connect) cluster. */
    namespace: string;
    /** Kafka version of the mirror's Connect workers, the clusters'. */
    kafkaVersion: string;
    /** The DR cluster (connect cluster and target). */
    target: { cluster: string; bootstrapTls: string; clusterCaSecret: string; userName: string };
    /** The primary, reached through its cross-region listener. */
    source: { bootstrap: string; caSecret: string; passwordSecret: string };
    /** Exact alternation of the mirrored topic names (`topicsPattern`), never `.*`. */
    topicsPattern: string;
    /** Exact alternation of the consumer group ids whose offsets are translated (`groupsPattern`). */
    groupsPattern: string;
    /** The largest record a mirrored topic accepts (`largestRecordBytes`): the mirror's fetch and request sizes. */
    largestRecordBytes: number;
    /** Which way records flow: the DR mirror (default) or the failback mirror. */
    flow?: MirrorFlow;
}

/** The JMX exporter rules of MirrorMaker's pods, in this ConfigMap key; the alerts read what they produce. */
export const MIRROR_METRICS = { configMap: "mirror-maker-metrics", key: "metrics-config.yml" } as const;

export const STRIMZI_IDENTITY_POLICY = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy";

export function mirrorMakerResource(args: MirrorMakerSpecArgs) {
    const flow = args.flow ?? MIRROR;
    if (!Number.isInteger(args.largestRecordBytes) || args.largestRecordBytes < 1) {
        throw new Error(`mirrorMakerResource: largestRecordBytes must be a positive whole number of bytes, got ${args.largestRecordBytes}`);
    }
    const replication = { "replication.factor": 3, "offset-syncs.topic.replication.factor": 3 };
    const storage = mirrorConnectStorage(flow);
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "KafkaMirrorMaker2",
        metadata: { name: flow.name, namespace: args.namespace, annotations: readinessAnnotations("mirrorMaker") },
        spec: {
            version: args.kafkaVersion,
            replicas: 3,
            connectCluster: flow.target,
            clusters: [
                {
                    alias: flow.source,
                    bootstrapServers: args.source.bootstrap,
                    tls: { trustedCertificates: [{ secretName: args.source.caSecret, certificate: "ca.crt" }] },
                    authentication: { type: "scram-sha-512", username: flow.user, passwordSecret: { secretName: args.source.passwordSecret, password: "password" } },
                },
                {
                    alias: flow.target,
                    bootstrapServers: args.target.bootstrapTls,
                    tls: { trustedCertificates: [{ secretName: args.target.clusterCaSecret, certificate: "ca.crt" }] },
                    authentication: { type: "tls", certificateAndKey: { secretName: args.target.userName, certificate: "user.crt", key: "user.key" } },
                    config: {
                        "group.id": storage.groupId,
                        "config.storage.topic": storage.configs,
                        "offset.storage.topic": storage.offsets,
                        "status.storage.topic": storage.status,
                        "config.storage.replication.factor": 3,
                        "offset.storage.replication.factor": 3,
                        "status.storage.replication.factor": 3,
                        // Where the source tasks restart from, and when a queued offset sync goes out: Connect's 60 s
                        // default re-copied up to a minute of records after a restart.
                        "offset.flush.interval.ms": 10000,
                        "producer.acks": "all",
                        "producer.enable.idempotence": true,
                        "producer.compression.type": "lz4",
                        "producer.max.in.flight.requests.per.connection": 5,
                        // Every record the source accepted must fit: Kafka's 1 MB default failed the task on a larger one.
                        "producer.max.request.size": args.largestRecordBytes,
                    },
                },
            ],
            mirrors: [
                {
                    sourceCluster: flow.source,
                    targetCluster: flow.target,
                    topicsPattern: args.topicsPattern,
                    groupsPattern: args.groupsPattern,
                    sourceConnector: {
                        tasksMax: 12,
                        config: {
                            ...replication,
                            // The design's consumer settings go here: a source cluster's own config reaches the connector as
                            // source.cluster.*, of which MirrorMaker keeps only connection settings for its consumer.
                            "consumer.max.poll.records": 500,
                            "consumer.max.poll.interval.ms": 300000,
                            // Only committed transactions cross: MirrorMaker's consumer reads uncommitted by default,
                            // which carried aborted and still-open transactions' records into DR as plain records.
                            "consumer.isolation.level": "read_committed",
                            "consumer.max.partition.fetch.bytes": args.largestRecordBytes,
                            "offset.lag.max": MAX_TRANSLATION_LAG,
                            // The catalog owns every topic's settings in both stacks (see docs/decisions.md).
                            "sync.topic.configs.enabled": false,
                            "sync.topic.acls.enabled": false,
                            // Topic names stay the same in DR, so clients fail over without renaming anything.
                            "replication.policy.class": STRIMZI_IDENTITY_POLICY,
                            "refresh.topics.interval.seconds": 60,
                        },
                    },
                    checkpointConnector: {
                        tasksMax: 1,
                        config: {
                            "checkpoints.topic.replication.factor": 3,
                            "sync.group.offsets.enabled": true,
                            "sync.group.offsets.interval.seconds": 10,
                            "emit.checkpoints.interval.seconds": 10,
                            "replication.policy.class": STRIMZI_IDENTITY_POLICY,
                            "refresh.groups.interval.seconds": 60,
                        },
                    },
                    heartbeatConnector: { config: { "heartbeats.topic.replication.factor": 3 } },
                },
            ],
            resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
            metricsConfig: { type: "jmxPrometheusExporter", valueFrom: { configMapKeyRef: { name: MIRROR_METRICS.configMap, key: MIRROR_METRICS.key } } },
        },
    };
}

/**
 * The failback mirror (DR into the primary) before it may copy: its source connector stopped and matching no
 * topic, so Strimzi's create-then-stop copies nothing while the start offsets are set (`failbackStartOffsets`).
 * The same resource with `stage: "copying"` then mirrors the catalog from exactly those offsets.
 */
export function failbackMirrorResource(args: Omit<MirrorMakerSpecArgs, "flow">, stage: "seeding" | "copying") {
    const resource = mirrorMakerResource({ ...args, flow: FAILBACK, topicsPattern: stage === "seeding" ? FAILBACK_SEEDING_PATTERN : args.topicsPattern });
    const [mirror] = resource.spec.mirrors;
    return {
        ...resource,
        spec: {
            ...resource.spec,
            replicas: 1,
            mirrors: [{ ...mirror, sourceConnector: { ...mirror.sourceConnector, state: stage === "seeding" ? "stopped" : "running" } }],
        },
    };
}

/** No topic can have this name (Kafka refuses `/`), so a source connector with it as its pattern copies nothing. */
export const FAILBACK_SEEDING_PATTERN = "awaiting/start-offsets";

/** The source connector's name, as Strimzi and Kafka Connect call it. */
export const sourceConnectorName = (flow: MirrorFlow) => `${flow.source}->${flow.target}.MirrorSourceConnector`;

/**
 * Where a mirror's source connector resumes, as the body of Kafka Connect's `PATCH /connectors/NAME/offsets`:
 * at `endOffsets` (topic -> each partition's offset), so nothing before them is copied. MirrorMaker stores the
 * last copied offset and resumes one past it; a partition that starts at 0 keeps no offset and starts at its
 * beginning, which is the same record.
 */
export function startOffsetsBody(flow: MirrorFlow, endOffsets: Record<string, number[]>) {
    const offsets = Object.entries(endOffsets)
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([topic, partitions]) =>
            partitions.map((end, partition) => ({ partition: { cluster: flow.source, topic, partition }, offset: end > 0 ? { offset: end - 1 } : null })),
        );
    return { offsets };
}

export interface TopicSettings {
    name: string;
    partitions: number;
    replicationFactor: number;
    config: Record<string, unknown>;
}

/** Partition counts and settings must match across the stacks: a mirrored record keeps its partition only then. */
export function parityProblems(primaryTopics: TopicSettings[], drTopics: TopicSettings[]): string[] {
    const primary = new Map(primaryTopics.map((t) => [t.name, t]));
    const problems: string[] = [];
    for (const topic of drTopics) {
        const p = primary.get(topic.name);
        if (!p) {
            problems.push(`topic "${topic.name}": the primary stack does not declare it; both stacks deploy the same catalog`);
            continue;
        }
        if (p.partitions !== topic.partitions) problems.push(`topic "${topic.name}": partitions: the primary has ${p.partitions}, DR ${topic.partitions}; mirrored records keep their partition only when the counts match`);
        if (p.replicationFactor !== topic.replicationFactor) problems.push(`topic "${topic.name}": replication_factor: the primary has ${p.replicationFactor}, DR ${topic.replicationFactor}`);
        const keys = new Set([...Object.keys(p.config), ...Object.keys(topic.config)]);
        for (const key of [...keys].sort()) {
            if (String(p.config[key]) !== String(topic.config[key])) problems.push(`topic "${topic.name}": ${key}: the primary has ${p.config[key] ?? "(default)"}, DR ${topic.config[key] ?? "(default)"}`);
        }
    }
    const drNames = new Set(drTopics.map((t) => t.name));
    for (const t of primaryTopics) if (!drNames.has(t.name)) problems.push(`topic "${t.name}": the primary declares it but DR does not; it would not be mirrored`);
    return problems;
}
