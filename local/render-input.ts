// Reads what a stack's render holds for the local platform: the Kafka resource, topics, users, client settings, zones.
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";

export interface RenderedListener {
    name: string;
    port: number;
    tls: boolean;
    /** `tls`, `scram-sha-512`, or undefined for an unauthenticated listener. */
    authentication?: string;
}

export interface RenderedKafka {
    clusterName: string;
    version: string;
    brokerConfig: Record<string, string | number | boolean>;
    listeners: RenderedListener[];
    authorization?: { type: string; superUsers: string[] };
    zookeeperReplicas: number;
}

export interface RenderedTopic {
    name: string;
    partitions: number;
    replicas: number;
    config: Record<string, string | number | boolean>;
}

export interface RenderedAcl {
    resource: { type: string; name?: string; patternType?: string };
    operations: string[];
    host: string;
    type: string;
}

export interface RenderedUser {
    name: string;
    authentication: "tls" | "scram-sha-512";
    acls: RenderedAcl[];
}

export interface RenderedClientSettings {
    /** The consumer group the ConfigMap configures. */
    group: string;
    configMap: string;
    data: Record<string, string>;
}

export interface RenderedPlatform {
    stack: string;
    renderDir: string;
    kafka: RenderedKafka;
    topics: RenderedTopic[];
    users: RenderedUser[];
    clientSettings: RenderedClientSettings[];
    /** The zones the Kafka nodes run in, one rack each. */
    zones: string[];
}

type Manifest = { kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string> };

/** Every problem found is listed at once, each naming the file and the resource. */
export class RenderInputError extends Error {}

export function readRender(renderDir: string): RenderedPlatform {
    const problems: string[] = [];
    const manifestsDir = path.join(renderDir, "manifests");
    if (!fs.existsSync(manifestsDir)) throw new RenderInputError(`${manifestsDir}: no manifests here; run \`npm run render -- --stack STACK\` first or pass --render DIR`);
    const load = (kind: string): Manifest[] => {
        const file = path.join(manifestsDir, `${kind}.yaml`);
        if (!fs.existsSync(file)) return [];
        return parseAllDocuments(fs.readFileSync(file, "utf8")).map((doc) => doc.toJS() as Manifest).filter((m) => m && m.kind);
    };

    const kafkas = load("kafka");
    if (kafkas.length !== 1) problems.push(`${path.join(manifestsDir, "kafka.yaml")}: expected one Kafka resource, found ${kafkas.length}`);
    const kafka = kafkas[0] ? readKafka(kafkas[0], problems) : undefined;
    const topics = load("kafkatopic").map((m) => readTopic(m, problems));
    const users = load("kafkauser").map((m) => readUser(m, problems));
    const clientSettings = load("configmap")
        .filter((m) => m.metadata.labels?.["kafka-platform/consumer-group"])
        .map((m) => ({ group: m.metadata.labels!["kafka-platform/consumer-group"], configMap: m.metadata.name, data: { ...(m.data ?? {}) } }));
    const zones = readZones(renderDir, problems);
    if (problems.length > 0 || !kafka) throw new RenderInputError(problems.join("\n"));
    return { stack: readStackName(renderDir), renderDir, kafka, topics, users, clientSettings, zones };
}

function readKafka(manifest: Manifest, problems: string[]): RenderedKafka | undefined {
    const spec = manifest.spec?.kafka;
    if (!spec) {
        problems.push(`Kafka ${manifest.metadata.name}: no spec.kafka`);
        return undefined;
    }
    const listeners: RenderedListener[] = (spec.listeners ?? []).map((l: any) => ({ name: l.name, port: l.port, tls: l.tls === true, authentication: l.authentication?.type }));
    for (const l of listeners) {
        if (l.authentication && l.authentication !== "tls" && l.authentication !== "scram-sha-512") problems.push(`Kafka ${manifest.metadata.name}: listener ${l.name} uses authentication ${l.authentication}, which the local platform does not run`);
    }
    if (manifest.spec.kraft || !manifest.spec.zookeeper) problems.push(`Kafka ${manifest.metadata.name}: the local platform runs ZooKeeper mode, and this resource has no spec.zookeeper`);
    const authorization = spec.authorization ? { type: spec.authorization.type, superUsers: spec.authorization.superUsers ?? [] } : undefined;
    if (authorization && authorization.type !== "simple") problems.push(`Kafka ${manifest.metadata.name}: authorization ${authorization.type} is not run locally (only simple)`);
    return {
        clusterName: manifest.metadata.name,
        version: spec.version,
        brokerConfig: { ...(spec.config ?? {}) },
        listeners,
        authorization,
        zookeeperReplicas: manifest.spec.zookeeper?.replicas ?? 0,
    };
}

function readTopic(manifest: Manifest, problems: string[]): RenderedTopic {
    const spec = manifest.spec ?? {};
    const name = spec.topicName ?? manifest.metadata.name;
    if (!Number.isInteger(spec.partitions) || !Number.isInteger(spec.replicas)) problems.push(`KafkaTopic ${manifest.metadata.name}: partitions and replicas must be whole numbers`);
    return { name, partitions: spec.partitions, replicas: spec.replicas, config: { ...(spec.config ?? {}) } };
}

function readUser(manifest: Manifest, problems: string[]): RenderedUser {
    const name = manifest.metadata.name;
    const authentication = manifest.spec?.authentication?.type;
    if (authentication !== "tls" && authentication !== "scram-sha-512") problems.push(`KafkaUser ${name}: authentication ${authentication ?? "(none)"} is not run locally (tls or scram-sha-512)`);
    const authorization = manifest.spec?.authorization;
    if (authorization && authorization.type !== "simple") problems.push(`KafkaUser ${name}: authorization ${authorization.type} is not run locally (only simple)`);
    const acls: RenderedAcl[] = (authorization?.acls ?? []).map((acl: any) => ({
        resource: acl.resource,
        operations: acl.operations ?? (acl.operation ? [acl.operation] : []),
        host: acl.host ?? "*",
        type: acl.type ?? "allow",
    }));
    return { name, authentication, acls };
}

/** The Kafka node pool's zones, from the GKE cluster in resources.json; Strimzi sets each broker's rack to its node's zone. */
function readZones(renderDir: string, problems: string[]): string[] {
    const file = path.join(renderDir, "resources.json");
    if (!fs.existsSync(file)) {
        problems.push(`${file}: missing; the local platform reads the zones from it`);
        return [];
    }
    const resources = JSON.parse(fs.readFileSync(file, "utf8")) as { type: string; inputs?: { nodeLocations?: string[] } }[];
    const cluster = resources.find((r) => r.type === "gcp:container/cluster:Cluster");
    const zones = cluster?.inputs?.nodeLocations ?? [];
    if (zones.length === 0) problems.push(`${file}: the GKE cluster has no nodeLocations to take the brokers' racks from`);
    return zones;
}

function readStackName(renderDir: string): string {
    const file = path.join(renderDir, "resources.json");
    const resources = JSON.parse(fs.readFileSync(file, "utf8")) as { type: string; name: string }[];
    const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    return stack?.name.replace(/^kafka-platform-/, "") ?? path.basename(renderDir);
}
