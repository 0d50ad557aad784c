// A rendered KafkaMirrorMaker2 as Strimzi runs it: a Kafka Connect worker on the target and its three connectors, over the REST API.
import { MirrorFlow } from "../specs/mirror-maker";

/** How a client reaches one local cluster as one identity: what Strimzi would mount into the pod. */
export interface ClusterAccess {
    bootstrap: string;
    /** PEM file of the cluster CA. */
    caFile: string;
    tls?: { keystore: string; password: string };
    scram?: { username: string; password: string };
}

/** The parts of a rendered KafkaMirrorMaker2 the worker and the connectors are built from. */
export interface RenderedMirrorMaker {
    metadata: { name: string };
    spec: {
        connectCluster: string;
        clusters: Array<{ alias: string; bootstrapServers: string; authentication?: { type: string; username?: string }; config?: Record<string, unknown> }>;
        mirrors: Array<{
            sourceCluster: string;
            targetCluster: string;
            topicsPattern?: string;
            groupsPattern?: string;
            sourceConnector?: { tasksMax?: number; config?: Record<string, unknown>; state?: string };
            checkpointConnector?: { tasksMax?: number; config?: Record<string, unknown> };
            heartbeatConnector?: { tasksMax?: number; config?: Record<string, unknown> };
        }>;
    };
}

export interface ConnectorConfig {
    name: string;
    config: Record<string, string>;
}

export const CONNECTOR_KINDS = ["MirrorSourceConnector", "MirrorCheckpointConnector", "MirrorHeartbeatConnector"] as const;

/**
 * The mirror with every replication factor in its configs capped at `brokers`: its Connect storage, offset-syncs,
 * checkpoint and heartbeat topics could not be created on a reduced platform of fewer brokers.
 */
export function fitMirrorReplicas(mm2: RenderedMirrorMaker, brokers: number): RenderedMirrorMaker {
    const fit = (config?: Record<string, unknown>) =>
        config && Object.fromEntries(Object.entries(config).map(([key, value]) => [key, key.endsWith("replication.factor") && Number(value) > brokers ? brokers : value]));
    return {
        ...mm2,
        spec: {
            ...mm2.spec,
            clusters: mm2.spec.clusters.map((cluster) => ({ ...cluster, config: fit(cluster.config) })),
            mirrors: mm2.spec.mirrors.map((mirror) => ({
                ...mirror,
                sourceConnector: mirror.sourceConnector && { ...mirror.sourceConnector, config: fit(mirror.sourceConnector.config) },
                checkpointConnector: mirror.checkpointConnector && { ...mirror.checkpointConnector, config: fit(mirror.checkpointConnector.config) },
                heartbeatConnector: mirror.heartbeatConnector && { ...mirror.heartbeatConnector, config: fit(mirror.heartbeatConnector.config) },
            })),
        },
    };
}

/** Kafka client security settings for one identity, under a prefix (`""`, `producer.`, `source.cluster.`). */
export function securitySettings(access: ClusterAccess, prefix = ""): Record<string, string> {
    const settings: Record<string, string> = {
        "security.protocol": access.scram ? "SASL_SSL" : "SSL",
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": access.caFile,
    };
    if (access.tls) Object.assign(settings, { "ssl.keystore.type": "PKCS12", "ssl.keystore.location": access.tls.keystore, "ssl.keystore.password": access.tls.password });
    if (access.scram) {
        Object.assign(settings, {
            "sasl.mechanism": "SCRAM-SHA-512",
            "sasl.jaas.config": `org.apache.kafka.common.security.scram.ScramLoginModule required username="${access.scram.username}" password="${access.scram.password}";`,
        });
    }
    return Object.fromEntries(Object.entries(settings).map(([k, v]) => [`${prefix}${k}`, v]));
}

function aliasCluster(mm2: RenderedMirrorMaker, alias: string) {
    const cluster = mm2.spec.clusters.find((c) => c.alias === alias);
    if (!cluster) throw new Error(`KafkaMirrorMaker2 ${mm2.metadata.name}: no cluster with alias "${alias}"`);
    return cluster;
}

/** The identity the render asks for must be the one given: a SCRAM cluster gets a password, a TLS one a keystore. */
function checkAccess(mm2: RenderedMirrorMaker, alias: string, access: ClusterAccess): void {
    const wanted = aliasCluster(mm2, alias).authentication?.type;
    const given = access.scram ? "scram-sha-512" : access.tls ? "tls" : undefined;
    if (wanted !== given) throw new Error(`KafkaMirrorMaker2 ${mm2.metadata.name}: cluster "${alias}" authenticates with ${wanted ?? "nothing"}, the drill was given ${given ?? "nothing"}`);
}

/**
 * The Connect worker's properties, as Strimzi 0.39 writes them: its defaults, the target cluster's `config`, the
 * target's connection and identity for the worker and for its producers, consumers and admin clients.
 */
export function workerProperties(mm2: RenderedMirrorMaker, target: ClusterAccess, restPort: number): Record<string, string> {
    checkAccess(mm2, mm2.spec.connectCluster, target);
    const own = aliasCluster(mm2, mm2.spec.connectCluster).config ?? {};
    return {
        "group.id": "mirrormaker2-cluster",
        "offset.storage.topic": "mirrormaker2-cluster-offsets",
        "config.storage.topic": "mirrormaker2-cluster-configs",
        "status.storage.topic": "mirrormaker2-cluster-status",
        "key.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
        "value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
        "header.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
        ...Object.fromEntries(Object.entries(own).map(([k, v]) => [k, String(v)])),
        "bootstrap.servers": target.bootstrap,
        ...securitySettings(target),
        ...securitySettings(target, "producer."),
        ...securitySettings(target, "consumer."),
        ...securitySettings(target, "admin."),
        listeners: `http://127.0.0.1:${restPort}`,
        "rest.advertised.host.name": "127.0.0.1",
        "rest.advertised.port": String(restPort),
    };
}

/** The three connectors of each mirror, named and configured as Strimzi creates them through the REST API. */
export function connectorConfigs(mm2: RenderedMirrorMaker, access: Record<string, ClusterAccess>): ConnectorConfig[] {
    return mm2.spec.mirrors.flatMap((mirror) => {
        const source = access[mirror.sourceCluster];
        const target = access[mirror.targetCluster];
        if (!source || !target) throw new Error(`KafkaMirrorMaker2 ${mm2.metadata.name}: no access given for "${mirror.sourceCluster}" or "${mirror.targetCluster}"`);
        checkAccess(mm2, mirror.sourceCluster, source);
        checkAccess(mm2, mirror.targetCluster, target);
        const specs = { MirrorSourceConnector: mirror.sourceConnector, MirrorCheckpointConnector: mirror.checkpointConnector, MirrorHeartbeatConnector: mirror.heartbeatConnector };
        return CONNECTOR_KINDS.filter((kind) => specs[kind] !== undefined).map((kind) => {
            const spec = specs[kind]!;
            const config: Record<string, string> = {
                "connector.class": `org.apache.kafka.connect.mirror.${kind}`,
                "tasks.max": String(spec.tasksMax ?? 1),
                ...Object.fromEntries(Object.entries(spec.config ?? {}).map(([k, v]) => [k, String(v)])),
                "target.cluster.alias": mirror.targetCluster,
                "target.cluster.bootstrap.servers": target.bootstrap,
                ...securitySettings(target, "target.cluster."),
                "source.cluster.alias": mirror.sourceCluster,
                "source.cluster.bootstrap.servers": source.bootstrap,
                ...securitySettings(source, "source.cluster."),
            };
            if (mirror.topicsPattern !== undefined) config.topics = mirror.topicsPattern;
            if (mirror.groupsPattern !== undefined) config.groups = mirror.groupsPattern;
            return { name: `${mirror.sourceCluster}->${mirror.targetCluster}.${kind}`, config };
        });
    });
}

/** Kafka Connect's REST API, as the operator (and the runbook, through a port-forward) uses it. */
export class ConnectRest {
    constructor(private readonly port: number) {}

    private async call(method: string, path: string, body?: unknown): Promise<unknown> {
        const response = await fetch(`http://127.0.0.1:${this.port}${path}`, {
            method,
            headers: body === undefined ? undefined : { "Content-Type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`Kafka Connect ${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
        return text === "" ? undefined : JSON.parse(text);
    }

    async answers(): Promise<boolean> {
        try {
            await this.call("GET", "/connectors");
            return true;
        } catch {
            return false;
        }
    }

    putConfig(connector: ConnectorConfig) {
        return this.call("PUT", `/connectors/${encodeURIComponent(connector.name)}/config`, connector.config);
    }

    stop(name: string) {
        return this.call("PUT", `/connectors/${encodeURIComponent(name)}/stop`);
    }

    resume(name: string) {
        return this.call("PUT", `/connectors/${encodeURIComponent(name)}/resume`);
    }

    patchOffsets(name: string, body: unknown) {
        return this.call("PATCH", `/connectors/${encodeURIComponent(name)}/offsets`, body);
    }

    async status(name: string): Promise<{ connector: { state: string }; tasks: Array<{ id: number; state: string; trace?: string }> } | undefined> {
        try {
            return (await this.call("GET", `/connectors/${encodeURIComponent(name)}/status`)) as never;
        } catch {
            return undefined;
        }
    }
}

/** The connector names of a flow, as `connectorConfigs` names them. */
export const connectorNames = (flow: MirrorFlow) => CONNECTOR_KINDS.map((kind) => `${flow.source}->${flow.target}.${kind}`);
