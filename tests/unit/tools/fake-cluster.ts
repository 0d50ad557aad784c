// A stand-in for the cluster the live tools (lag, verify, mirror-offsets, smoke) talk to through kafkajs's admin client, for unit tests.
import * as fs from "fs";
import * as path from "path";
import { Admin, ConfigResourceTypes, Kafka } from "kafkajs";
import { ConnectionFlags } from "../../../tools/cli";
import { captureOutput } from "../../run-as-script";
import { scratchDir } from "../../scratch";

export { captureOutput };

export interface FakeTopic {
    /** Each partition's replica count, in partition order. */
    replicas: number[];
    /** Each partition's log end offset, in partition order. */
    ends?: string[];
    configs?: Array<{ configName: string; configValue: string | null; isDefault: boolean; configSource?: number }>;
    /** DescribeConfigs answers this error for the topic. */
    configError?: { errorCode: number; errorMessage?: string | null };
}

export interface FakeGroup {
    state: string;
    members: number;
    /** "consumer" for a consumer group; "" for one that only committed through the admin API. */
    protocolType: string;
    /** topic -> each partition's committed offset ("-1" where none). */
    offsets: Record<string, string[]>;
}

export interface FakeCluster {
    topics: Record<string, FakeTopic>;
    groups: Record<string, FakeGroup>;
    /** Every admin call, in order: "connect", "describeGroups:a,b", ... */
    calls: string[];
    /** The clients the tool built: its client id and connection. */
    clients: Array<{ clientId: string; connection: ConnectionFlags }>;
    /** Makes `connect` wait for this before resolving (a broker that does not answer). */
    hold?: Promise<void>;
    admin: Admin;
    kafkaFor: (connection: ConnectionFlags, clientId: string) => Kafka;
}

export function fakeCluster(topics: Record<string, FakeTopic> = {}, groups: Record<string, FakeGroup> = {}): FakeCluster {
    const calls: string[] = [];
    const clients: FakeCluster["clients"] = [];
    const cluster: FakeCluster = { topics, groups, calls, clients } as FakeCluster;
    const partitionsOf = (name: string) =>
        // Brokers list partitions in no particular order; the tools must not rely on it.
        cluster.topics[name].replicas.map((count, partitionId) => ({ partitionId, leader: 0, replicas: Array.from({ length: count }, (_, i) => i), isr: [], offlineReplicas: [], partitionErrorCode: 0 })).reverse();
    const admin = {
        connect: async () => {
            calls.push("connect");
            if (cluster.hold) await cluster.hold;
        },
        disconnect: async () => void calls.push("disconnect"),
        listTopics: async () => {
            calls.push("listTopics");
            return Object.keys(cluster.topics);
        },
        fetchTopicMetadata: async (request?: { topics?: string[] }) => {
            calls.push(`fetchTopicMetadata:${request?.topics?.join(",") ?? "*"}`);
            const names = request?.topics ?? Object.keys(cluster.topics);
            return { topics: names.map((name) => ({ name, partitions: partitionsOf(name) })) };
        },
        describeConfigs: async ({ resources }: { resources: Array<{ type: number; name: string }> }) => {
            calls.push(`describeConfigs:${resources.map((r) => r.name).join(",")}`);
            return {
                throttleTime: 0,
                resources: resources.map((r) => ({
                    resourceType: r.type,
                    resourceName: r.name,
                    // Kafka answers INVALID_REQUEST (42) for a topic's name asked for as another kind of resource.
                    errorCode: r.type !== ConfigResourceTypes.TOPIC ? 42 : (cluster.topics[r.name].configError?.errorCode ?? 0),
                    errorMessage: cluster.topics[r.name].configError?.errorMessage ?? null,
                    configEntries: cluster.topics[r.name].configs ?? [],
                })),
            };
        },
        fetchTopicOffsets: async (topic: string) => {
            calls.push(`fetchTopicOffsets:${topic}`);
            const ends = cluster.topics[topic].ends ?? cluster.topics[topic].replicas.map(() => "0");
            return ends.map((high, partition) => ({ partition, offset: high, high, low: "0" })).reverse();
        },
        listGroups: async () => {
            calls.push("listGroups");
            return { groups: Object.entries(cluster.groups).map(([groupId, g]) => ({ groupId, protocolType: g.protocolType })) };
        },
        describeGroups: async (ids: string[]) => {
            calls.push(`describeGroups:${ids.join(",")}`);
            return {
                groups: ids.map((groupId) => {
                    const g = cluster.groups[groupId];
                    // Kafka describes a group it has never seen as Dead, with no members, rather than refusing it.
                    return { groupId, state: g?.state ?? "Dead", protocolType: g?.protocolType ?? "", protocol: "", errorCode: 0, members: Array.from({ length: g?.members ?? 0 }, (_, i) => ({ memberId: `m${i}` })) };
                }),
            };
        },
        fetchOffsets: async ({ groupId }: { groupId: string }) => {
            calls.push(`fetchOffsets:${groupId}`);
            const offsets = cluster.groups[groupId]?.offsets ?? {};
            return Object.entries(offsets).map(([topic, committed]) => ({ topic, partitions: committed.map((offset, partition) => ({ partition, offset, metadata: null })) }));
        },
        setOffsets: async (request: { groupId: string; topic: string; partitions: Array<{ partition: number; offset: string }> }) => {
            calls.push(`setOffsets:${request.groupId}:${request.topic}:${request.partitions.map((p) => `${p.partition}@${p.offset}`).join(",")}`);
        },
        deleteGroups: async (ids: string[]) => {
            calls.push(`deleteGroups:${ids.join(",")}`);
            return [];
        },
    } as unknown as Admin;
    cluster.admin = admin;
    cluster.kafkaFor = (connection, clientId) => {
        clients.push({ clientId, connection });
        return { admin: () => admin } as unknown as Kafka;
    };
    return cluster;
}

/** A tool's `main`, run as `npm run TOOL -- --brokers k:9092 ARGS` would, against the stand-in cluster, its output captured. */
export function runAgainst(main: (argv: string[], kafkaFor: FakeCluster["kafkaFor"]) => Promise<number>) {
    return (c: FakeCluster, ...argv: string[]) => captureOutput(() => main(["--brokers", "k:9092", ...argv], c.kafkaFor));
}

/** A copy of the project's catalog (topics/) with one more topic, `name`, for tests of --catalog. */
export function catalogWithExtraTopic(name: string): string {
    const dir = path.join(scratchDir("tools-catalog-"), "topics");
    fs.cpSync(path.resolve(__dirname, "..", "..", "..", "topics"), dir, { recursive: true });
    fs.appendFileSync(
        path.join(dir, "operations.yaml"),
        `\n  - name: ${name}\n    description: A topic only this copy of the catalog has\n    partitions: 1\n    replication_factor: 3\n    min_insync_replicas: 2\n    retention_ms: 604800000\n    segment_ms: 86400000\n    compression_type: lz4\n    cleanup_policy: delete\n`,
    );
    return dir;
}
