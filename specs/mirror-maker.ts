// MirrorMaker 2 in the DR cluster, pulling the primary's catalog topics and consumer offsets across regions.
import { Catalog } from "../catalog";
import { STRIMZI_API_VERSION } from "./strimzi";
import { readinessAnnotations } from "./readiness";
import { SCHEMA_REGISTRY } from "./schema-registry";

export const MIRROR = { source: "primary", target: "dr", user: "mirror-maker-2", name: "dr-mirror" } as const;

/** MirrorMaker keeps the primary's offset syncs in this topic on the source cluster. */
export const OFFSET_SYNCS_TOPIC = `mm2-offset-syncs.${MIRROR.target}.internal`;

const escape = (name: string) => name.replace(/[.\\+*?^$()[\]{}|-]/g, (c) => `\\${c}`);

/** What DR mirrors: the catalog's topics and Schema Registry's store, so DR serves the same schemas. */
export function mirroredTopicNames(catalog: Catalog): string[] {
    return [...catalog.topics.map((t) => t.name), SCHEMA_REGISTRY.topic];
}

/** An exact alternation of the mirrored topic names: never `.*`, so internal and unmanaged topics stay home. */
export function topicsPattern(catalog: Catalog): string {
    return mirroredTopicNames(catalog).map(escape).sort().join("|");
}

export function groupsPattern(catalog: Catalog): string {
    return catalog.groups.map((g) => escape(g.groupId)).sort().join("|");
}

export interface MirrorMakerSpecArgs {
    namespace: string;
    kafkaVersion: string;
    /** The DR cluster (connect cluster and target). */
    target: { cluster: string; bootstrapTls: string; clusterCaSecret: string; userName: string };
    /** The primary, reached through its cross-region listener. */
    source: { bootstrap: string; caSecret: string; passwordSecret: string };
    topicsPattern: string;
    groupsPattern: string;
}

export function mirrorMakerResource(args: MirrorMakerSpecArgs) {
    const replication = { "replication.factor": 3, "offset-syncs.topic.replication.factor": 3 };
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "KafkaMirrorMaker2",
        metadata: { name: MIRROR.name, namespace: args.namespace, annotations: readinessAnnotations("mirrorMaker") },
        spec: {
            version: args.kafkaVersion,
            replicas: 3,
            connectCluster: MIRROR.target,
            clusters: [
                {
                    alias: MIRROR.source,
                    bootstrapServers: args.source.bootstrap,
                    tls: { trustedCertificates: [{ secretName: args.source.caSecret, certificate: "ca.crt" }] },
                    authentication: { type: "scram-sha-512", username: MIRROR.user, passwordSecret: { secretName: args.source.passwordSecret, password: "password" } },
                },
                {
                    alias: MIRROR.target,
                    bootstrapServers: args.target.bootstrapTls,
                    tls: { trustedCertificates: [{ secretName: args.target.clusterCaSecret, certificate: "ca.crt" }] },
                    authentication: { type: "tls", certificateAndKey: { secretName: args.target.userName, certificate: "user.crt", key: "user.key" } },
                    config: {
                        "config.storage.replication.factor": 3,
                        "offset.storage.replication.factor": 3,
                        "status.storage.replication.factor": 3,
                        "producer.acks": "all",
                        "producer.enable.idempotence": true,
                        "producer.compression.type": "lz4",
                        "producer.max.in.flight.requests.per.connection": 5,
                    },
                },
            ],
            mirrors: [
                {
                    sourceCluster: MIRROR.source,
                    targetCluster: MIRROR.target,
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
                            "sync.topic.configs.enabled": true,
                            "sync.topic.acls.enabled": false,
                            // Topic names stay the same in DR, so clients fail over without renaming anything.
                            "replication.policy.class": "org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
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
                            "replication.policy.class": "org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
                            "refresh.groups.interval.seconds": 60,
                        },
                    },
                    heartbeatConnector: { config: { "heartbeats.topic.replication.factor": 3 } },
                },
            ],
            resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
        },
    };
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
