// Reads and validates every stack config key once, into one typed PlatformConfig; all problems at once.
import { ConfigValue } from "../catalog";
import { CatalogError } from "../catalog/problems";
import { checkKafkaPoolFits } from "../specs/gke-sizing";
import type { TopicBackend } from "../specs/kafka-topic";
import type { MonitoringProvider } from "../specs/monitoring";
import { DESIGN, DESIGN_BROKER_CONFIG, KAFKA_BROKER_DEFAULTS, REGION_ZONES, STRIMZI_KAFKA_VERSIONS } from "./defaults";

export type StackRole = "primary" | "dr";
/** Where the platform runs: a GKE cluster the program creates, or an existing cluster that already runs Strimzi. */
export type KubernetesCluster = "gke" | "existing";
export type { TopicBackend } from "../specs/kafka-topic";
export type { MonitoringProvider } from "../specs/monitoring";

export interface NetworkRanges {
    subnetCidr: string;
    podsCidr: string;
    servicesCidr: string;
    masterCidr: string;
}

export interface PlatformConfig {
    stack: string;
    environment: string;
    role: StackRole;
    /** `gke`: the program creates the network, GKE, storage, Strimzi and the Google Cloud services around Kafka.
     *  `existing`: it deploys onto the cluster of the deployer's kubeconfig, where Strimzi is installed, and creates
     *  nothing in Google Cloud. Everything inside Kubernetes is the same. */
    kubernetes: { cluster: KubernetesCluster; context?: string };
    project: string;
    region: string;
    zones: string[];
    /** Stateful resources (cluster, storage, topics, bucket) carry `protect`. */
    protect: boolean;
    catalog: { topics: string; groups?: string; producers?: string };
    topicBackend: TopicBackend;
    /** Bootstrap servers the `kafka` topic backend connects to. */
    topicBackendBootstrap?: string;
    /** Files on the deployer's machine holding the TLS trust and client identity for the `kafka` backend. */
    topicBackendTls: { caCertFile?: string; clientCertFile?: string; clientKeyFile?: string };
    network: NetworkRanges;
    gke: {
        releaseChannel: "RAPID" | "REGULAR" | "STABLE";
        maintenanceStartTime: string;
        kafkaMachineType: string;
        kafkaNodesPerZone: number;
        generalMachineType: string;
        generalMinNodesPerZone: number;
        generalMaxNodesPerZone: number;
        masterAuthorizedNetworks: string[];
    };
    kafka: {
        clusterName: string;
        namespace: string;
        version: string;
        brokers: number;
        storageSize: string;
        storageClass: string;
        zookeeperReplicas: number;
        zookeeperStorageSize: string;
        brokerConfig: Record<string, ConfigValue>;
        crossRegionListenerPort: number;
    };
    strimziChartVersion: string;
    connect: {
        enabled: boolean;
        pluginRepositoryUrl: string;
        database: { host: string; port: number; user: string; name: string };
        /** On an existing cluster: the image repository the Connect build pushes to, and the Secret it pushes with. */
        imageRepository?: string;
        pushSecret?: string;
    };
    monitoring: { provider: MonitoringProvider; lagThreshold: number };
    clients: { namespace: string; transactionalIds: Record<string, string> };
    /** The primary stack a DR stack mirrors, as `org/project/stack`. */
    primaryStack?: string;
    /** The stack whose outputs hold the last deployed topic state (this stack itself). */
    stateStack: string;
    /** Names of config keys holding secrets, read by `readSecrets`. */
    secretKeys: { cdcDatabasePassword: string; mirrorMakerPassword: string };
}

/**
 * Secret config keys. They are never committed: each stack's own key encrypts them, so a new stack sets them with
 * `pulumi config set --secret kafka-platform:KEY` (preview names each one missing).
 */
export const SECRET_CONFIG_KEYS = ["cdcDatabasePassword", "mirrorMakerPassword"] as const;

/** Config keys this program reads, without the `kafka-platform:` prefix. */
export const CONFIG_KEYS = [
    "environment", "role", "kubernetes", "zones", "protect", "catalogPath", "groupsPath", "producersPath", "topicBackend", "topicBackendBootstrap", "topicBackendTls",
    "network", "gke", "kafka", "brokerConfig", "strimziChartVersion", "connect", "monitoring", "clients", "primaryStack", "stateStack",
    ...SECRET_CONFIG_KEYS,
] as const;

const KEY_PREFIX = "kafka-platform:";
const QUANTITY = /^[1-9][0-9]*(Mi|Gi|Ti)$/;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const TIME_OF_DAY = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** Raw config as `pulumi.Config` gives it: full key to string (objects as JSON), plus the stack and org. */
export interface RawConfig {
    stack: string;
    organization: string;
    project: string;
    get(fullKey: string): string | undefined;
    /** Every full key the stack sets. */
    keys(): string[];
}

/** Validates the stack's config; throws listing every bad key with how to fix it. */
export function parsePlatformConfig(raw: RawConfig): PlatformConfig {
    const problems: string[] = [];
    const file = `Pulumi.${raw.stack}.yaml`;
    const problem = (key: string, message: string) => problems.push(`${file}: ${key}: ${message}`);
    const own = (key: string) => raw.get(`${KEY_PREFIX}${key}`);

    const object = (key: string): Record<string, unknown> => {
        const text = own(key);
        if (text === undefined) return {};
        try {
            const value = JSON.parse(text);
            if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
        } catch {
            /* reported below */
        }
        problem(`${KEY_PREFIX}${key}`, "must be a mapping of settings");
        return {};
    };
    const pick = <T>(key: string, obj: Record<string, unknown>, field: string, fallback: T, check: (v: unknown) => string | undefined): T => {
        if (!(field in obj)) return fallback;
        const why = check(obj[field]);
        if (why) {
            problem(`${KEY_PREFIX}${key}.${field}`, why);
            return fallback;
        }
        return obj[field] as T;
    };
    const unknownFields = (key: string, obj: Record<string, unknown>, known: string[]) => {
        for (const field of Object.keys(obj)) if (!known.includes(field)) problem(`${KEY_PREFIX}${key}.${field}`, `unknown setting; known: ${known.join(", ")}`);
    };
    const positiveInt = (v: unknown) => (Number.isInteger(v) && (v as number) > 0 ? undefined : `must be a positive integer, got ${JSON.stringify(v)}`);
    const quantity = (v: unknown) => (typeof v === "string" && QUANTITY.test(v) ? undefined : `must be a Kubernetes size such as "1000Gi", got ${JSON.stringify(v)}`);
    const nonEmpty = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? undefined : `must be a non-empty string, got ${JSON.stringify(v)}`);
    const cidr = (v: unknown) => (typeof v === "string" && cidrProblem(v) === undefined ? undefined : `must be an IPv4 CIDR such as "10.10.0.0/20", got ${JSON.stringify(v)}`);

    for (const key of listOwnKeys(raw)) {
        if (!(CONFIG_KEYS as readonly string[]).includes(key)) problem(`${KEY_PREFIX}${key}`, `unknown config key; known keys: ${CONFIG_KEYS.join(", ")}`);
    }

    const kubernetesObj = object("kubernetes");
    unknownFields("kubernetes", kubernetesObj, ["cluster", "context"]);
    const kubernetes: PlatformConfig["kubernetes"] = {
        cluster: pick("kubernetes", kubernetesObj, "cluster", "gke" as KubernetesCluster, (v) => (v === "gke" || v === "existing" ? undefined : `must be "gke" (the program creates the cluster) or "existing" (a cluster that already runs Strimzi), got ${JSON.stringify(v)}`)),
        context: pick("kubernetes", kubernetesObj, "context", undefined as string | undefined, nonEmpty),
    };
    const onGke = kubernetes.cluster === "gke";
    if (!onGke) {
        for (const key of ["gke", "network"]) if (own(key) !== undefined) problem(`${KEY_PREFIX}${key}`, "configures GKE, which an existing cluster (kubernetes.cluster: existing) does not use; remove it");
    } else if (kubernetes.context !== undefined) {
        problem(`${KEY_PREFIX}kubernetes.context`, "is for an existing cluster (kubernetes.cluster: existing); on GKE the program makes its own kubeconfig");
    }

    const project = raw.get("gcp:project");
    if (!project && onGke) problem("gcp:project", "is required: the Google Cloud project (pulumi config set gcp:project PROJECT_ID)");
    const region = raw.get("gcp:region") ?? "";
    let zones: string[] = [];
    if (!region && onGke) problem("gcp:region", "is required: the region to run in, such as europe-west1 (pulumi config set gcp:region REGION)");
    const zonesText = own("zones");
    if (zonesText !== undefined) {
        try {
            zones = JSON.parse(zonesText);
        } catch {
            zones = [];
        }
        const inRegion = (z: unknown) => typeof z === "string" && (!onGke || z.startsWith(`${region}-`));
        if (!Array.isArray(zones) || zones.length !== 3 || new Set(zones).size !== 3 || !zones.every(inRegion)) {
            problem(`${KEY_PREFIX}zones`, onGke
                ? `must list three distinct zones of ${region || "the region"}, such as ["${region}-a", "${region}-b", "${region}-c"]`
                : "must list the three distinct zones (topology.kubernetes.io/zone) of the cluster's Kafka nodes");
            zones = [];
        }
    } else if (!onGke) {
        problem(`${KEY_PREFIX}zones`, "is required on an existing cluster: the three zones (topology.kubernetes.io/zone) of its Kafka nodes, such as [\"zone-a\", \"zone-b\", \"zone-c\"]");
    } else if (region) {
        const known = REGION_ZONES[region];
        if (!known) problem("gcp:region", `"${region}" is not a Google Cloud region the platform knows (${Object.keys(REGION_ZONES).join(", ")}); fix the name or set ${KEY_PREFIX}zones to three of its zones`);
        else zones = known.slice(0, 3).map((suffix) => `${region}-${suffix}`);
    }

    const environment = own("environment") ?? raw.stack;
    if (!/^[a-z][a-z0-9-]{0,19}$/.test(environment)) problem(`${KEY_PREFIX}environment`, `must be a short lower-case name such as "prod", got ${JSON.stringify(environment)}`);
    const role = (own("role") ?? (raw.stack === "dr" ? "dr" : "primary")) as StackRole;
    if (role !== "primary" && role !== "dr") problem(`${KEY_PREFIX}role`, `must be "primary" or "dr", got ${JSON.stringify(role)}`);
    const protectText = own("protect");
    if (protectText !== undefined && protectText !== "true" && protectText !== "false") problem(`${KEY_PREFIX}protect`, `must be true or false, got ${JSON.stringify(protectText)}`);
    const protect = protectText === undefined ? environment === "prod" || role === "dr" : protectText === "true";

    const topicBackend = (own("topicBackend") ?? "strimzi") as TopicBackend;
    if (topicBackend !== "strimzi" && topicBackend !== "kafka") problem(`${KEY_PREFIX}topicBackend`, `must be "strimzi" (KafkaTopic resources) or "kafka" (direct Kafka API), got ${JSON.stringify(topicBackend)}`);
    const topicBackendBootstrap = own("topicBackendBootstrap");
    if (topicBackend === "kafka" && !topicBackendBootstrap) problem(`${KEY_PREFIX}topicBackendBootstrap`, "is required with topicBackend kafka: the HOST:PORT list the deployer reaches the brokers on");

    const tlsObj = object("topicBackendTls");
    unknownFields("topicBackendTls", tlsObj, ["caCertFile", "clientCertFile", "clientKeyFile"]);
    const topicBackendTls: PlatformConfig["topicBackendTls"] = {};
    for (const field of ["caCertFile", "clientCertFile", "clientKeyFile"] as const) {
        const value = pick("topicBackendTls", tlsObj, field, undefined as string | undefined, nonEmpty);
        if (value !== undefined) topicBackendTls[field] = value;
    }
    if ((topicBackendTls.clientCertFile === undefined) !== (topicBackendTls.clientKeyFile === undefined)) {
        problem(`${KEY_PREFIX}topicBackendTls`, "clientCertFile and clientKeyFile go together: set both or neither");
    }

    const networkObj = object("network");
    unknownFields("network", networkObj, ["subnetCidr", "podsCidr", "servicesCidr", "masterCidr"]);
    const defaults = role === "dr" ? DR_NETWORK : PRIMARY_NETWORK;
    const network: NetworkRanges = {
        subnetCidr: pick("network", networkObj, "subnetCidr", defaults.subnetCidr, cidr),
        podsCidr: pick("network", networkObj, "podsCidr", defaults.podsCidr, cidr),
        servicesCidr: pick("network", networkObj, "servicesCidr", defaults.servicesCidr, cidr),
        masterCidr: pick("network", networkObj, "masterCidr", defaults.masterCidr, (v) => cidr(v) ?? (String(v).endsWith("/28") ? undefined : "must be a /28 range (GKE's control plane range)")),
    };
    const ranges = Object.entries(network);
    for (let i = 0; i < ranges.length; i++) {
        for (let j = i + 1; j < ranges.length; j++) {
            if (cidrProblem(ranges[i][1]) === undefined && cidrProblem(ranges[j][1]) === undefined && cidrsOverlap(ranges[i][1], ranges[j][1])) {
                problem(`${KEY_PREFIX}network.${ranges[j][0]}`, `${ranges[j][1]} overlaps network.${ranges[i][0]} ${ranges[i][1]}; pick ranges that do not overlap`);
            }
        }
    }

    const gkeObj = object("gke");
    const gkeFields = ["releaseChannel", "maintenanceStartTime", "kafkaMachineType", "kafkaNodesPerZone", "generalMachineType", "generalMinNodesPerZone", "generalMaxNodesPerZone", "masterAuthorizedNetworks"];
    unknownFields("gke", gkeObj, gkeFields);
    const gke: PlatformConfig["gke"] = {
        releaseChannel: pick("gke", gkeObj, "releaseChannel", "REGULAR" as const, (v) => (["RAPID", "REGULAR", "STABLE"].includes(v as string) ? undefined : `must be RAPID, REGULAR or STABLE, got ${JSON.stringify(v)}`)),
        maintenanceStartTime: pick("gke", gkeObj, "maintenanceStartTime", "03:00", (v) => (typeof v === "string" && TIME_OF_DAY.test(v) ? undefined : `must be a time of day HH:MM (UTC), got ${JSON.stringify(v)}`)),
        kafkaMachineType: pick("gke", gkeObj, "kafkaMachineType", "n2-standard-8", nonEmpty),
        kafkaNodesPerZone: pick("gke", gkeObj, "kafkaNodesPerZone", 2, positiveInt),
        generalMachineType: pick("gke", gkeObj, "generalMachineType", "e2-standard-4", nonEmpty),
        generalMinNodesPerZone: pick("gke", gkeObj, "generalMinNodesPerZone", 1, positiveInt),
        generalMaxNodesPerZone: pick("gke", gkeObj, "generalMaxNodesPerZone", 3, positiveInt),
        masterAuthorizedNetworks: pick("gke", gkeObj, "masterAuthorizedNetworks", [] as string[], (v) => (Array.isArray(v) && v.every((c) => cidr(c) === undefined) ? undefined : "must be a list of IPv4 CIDRs")),
    };
    if (gke.generalMaxNodesPerZone < gke.generalMinNodesPerZone) problem(`${KEY_PREFIX}gke.generalMaxNodesPerZone`, `${gke.generalMaxNodesPerZone} is below generalMinNodesPerZone ${gke.generalMinNodesPerZone}`);

    const kafkaObj = object("kafka");
    unknownFields("kafka", kafkaObj, ["version", "brokers", "storageSize", "storageClass", "zookeeperReplicas", "zookeeperStorageSize", "crossRegionListenerPort"]);
    const kafka: PlatformConfig["kafka"] = {
        clusterName: DESIGN.clusterName,
        namespace: DESIGN.namespace,
        version: pick("kafka", kafkaObj, "version", DESIGN.kafkaVersion as string, (v) => (STRIMZI_KAFKA_VERSIONS.includes(v as never) ? undefined : `Strimzi ${DESIGN.strimziChartVersion} runs Kafka ${STRIMZI_KAFKA_VERSIONS.join(", ")}; got ${JSON.stringify(v)}`)),
        brokers: pick("kafka", kafkaObj, "brokers", DESIGN.brokers as number, positiveInt),
        storageSize: pick("kafka", kafkaObj, "storageSize", DESIGN.brokerStorageSize as string, quantity),
        storageClass: pick("kafka", kafkaObj, "storageClass", DESIGN.storageClass as string, nonEmpty),
        zookeeperReplicas: pick("kafka", kafkaObj, "zookeeperReplicas", DESIGN.zookeeperReplicas as number, (v) => positiveInt(v) ?? ((v as number) % 2 === 1 ? undefined : `must be odd so ZooKeeper keeps a quorum, got ${v}`)),
        zookeeperStorageSize: pick("kafka", kafkaObj, "zookeeperStorageSize", DESIGN.zookeeperStorageSize as string, quantity),
        brokerConfig: { ...DESIGN_BROKER_CONFIG },
        crossRegionListenerPort: pick("kafka", kafkaObj, "crossRegionListenerPort", 9094, (v) => (Number.isInteger(v) && (v as number) >= 9094 && (v as number) <= 9999 ? undefined : "must be a port from 9094 to 9999 (Strimzi reserves 9090 to 9093)")),
    };
    if (zones.length === 3 && kafka.brokers % zones.length !== 0) {
        problem(`${KEY_PREFIX}kafka.brokers`, `${kafka.brokers} brokers cannot spread evenly over the ${zones.length} zones ${zones.join(", ")}; use a multiple of ${zones.length}`);
    }
    if (zones.length === 3 && onGke) {
        for (const fit of checkKafkaPoolFits({
            machineType: gke.kafkaMachineType,
            nodesPerZone: gke.kafkaNodesPerZone,
            zones,
            brokers: kafka.brokers,
            brokerRequests: DESIGN.brokerResources.requests,
            zookeeperReplicas: kafka.zookeeperReplicas,
            zookeeperRequests: DESIGN.zookeeperResources.requests,
        })) {
            problem(`${KEY_PREFIX}gke.kafkaMachineType`, fit);
        }
    }
    const brokerOverrides = object("brokerConfig");
    for (const [key, value] of Object.entries(brokerOverrides)) {
        if (!["string", "number", "boolean"].includes(typeof value)) problem(`${KEY_PREFIX}brokerConfig.${key}`, "must be a string, number or boolean");
        else if (isForbiddenBrokerKey(key)) problem(`${KEY_PREFIX}brokerConfig.${key}`, "Strimzi manages this setting itself and ignores it in the Kafka resource; remove it");
        else kafka.brokerConfig[key] = value as ConfigValue;
    }
    if (kafka.brokerConfig["unclean.leader.election.enable"] === true) problem(`${KEY_PREFIX}brokerConfig.unclean.leader.election.enable`, "must stay false: unclean leader election loses acknowledged records");
    for (const rfKey of ["default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor"]) {
        const rf = kafka.brokerConfig[rfKey];
        if (typeof rf === "number" && rf > kafka.brokers) problem(`${KEY_PREFIX}brokerConfig.${rfKey}`, `${rf} is above the broker count ${kafka.brokers}`);
    }

    const connectObj = object("connect");
    unknownFields("connect", connectObj, ["enabled", "pluginRepositoryUrl", "databaseHost", "databasePort", "databaseUser", "databaseName", "imageRepository", "pushSecret"]);
    const connectEnabled = pick("connect", connectObj, "enabled", role === "primary", (v) => (typeof v === "boolean" ? undefined : "must be true or false"));
    const connect: PlatformConfig["connect"] = {
        enabled: connectEnabled,
        pluginRepositoryUrl: pick("connect", connectObj, "pluginRepositoryUrl", "", (v) => (typeof v === "string" && /^https:\/\/[^\s]+$/.test(v) ? undefined : `must be the https:// URL of the Maven repository the Connect build downloads Debezium from, got ${JSON.stringify(v)}`)),
        database: {
            host: pick("connect", connectObj, "databaseHost", "", nonEmpty),
            port: pick("connect", connectObj, "databasePort", 5432, positiveInt),
            user: pick("connect", connectObj, "databaseUser", "", nonEmpty),
            name: pick("connect", connectObj, "databaseName", "", nonEmpty),
        },
        imageRepository: pick("connect", connectObj, "imageRepository", undefined as string | undefined, (v) => (typeof v === "string" && /^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+$/.test(v) ? undefined : `must be an image repository without tag, such as "registry.example.com/kafka/connect", got ${JSON.stringify(v)}`)),
        pushSecret: pick("connect", connectObj, "pushSecret", undefined as string | undefined, (v) => (typeof v === "string" && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v) ? undefined : `must name a Secret of type kubernetes.io/dockerconfigjson in the Kafka namespace, got ${JSON.stringify(v)}`)),
    };
    if (onGke) {
        for (const field of ["imageRepository", "pushSecret"] as const) {
            if (connect[field] !== undefined) problem(`${KEY_PREFIX}connect.${field}`, "is for an existing cluster; on GKE the build pushes to the program's Artifact Registry repository with Workload Identity");
        }
    } else if (connect.enabled && connect.imageRepository === undefined) {
        problem(`${KEY_PREFIX}connect.imageRepository`, "is required on an existing cluster while Kafka Connect is enabled: the image repository the Connect build pushes to");
    }
    if (connect.enabled) {
        for (const [field, value] of [["pluginRepositoryUrl", connect.pluginRepositoryUrl], ["databaseHost", connect.database.host], ["databaseUser", connect.database.user], ["databaseName", connect.database.name]] as const) {
            if (!value) problem(`${KEY_PREFIX}connect.${field}`, "is required while Kafka Connect is enabled: the PostgreSQL database Debezium captures");
        }
        if (own("cdcDatabasePassword") === undefined) problem(`${KEY_PREFIX}cdcDatabasePassword`, "is required while Kafka Connect is enabled: pulumi config set --secret kafka-platform:cdcDatabasePassword");
    }
    if (role === "primary" && own("mirrorMakerPassword") === undefined) {
        problem(`${KEY_PREFIX}mirrorMakerPassword`, "is required on the primary: the password of the DR stack's MirrorMaker 2 user (pulumi config set --secret kafka-platform:mirrorMakerPassword)");
    }

    const monitoringObj = object("monitoring");
    unknownFields("monitoring", monitoringObj, ["provider", "lagThreshold"]);
    const monitoring: PlatformConfig["monitoring"] = {
        provider: pick("monitoring", monitoringObj, "provider", "gmp" as MonitoringProvider, (v) => (v === "gmp" || v === "prometheus-operator" ? undefined : `must be "gmp" (Google Managed Prometheus) or "prometheus-operator", got ${JSON.stringify(v)}`)),
        lagThreshold: pick("monitoring", monitoringObj, "lagThreshold", DESIGN.lagThreshold as number, positiveInt),
    };

    const clientsObj = object("clients");
    unknownFields("clients", clientsObj, ["namespace", "transactionalIds"]);
    const clients: PlatformConfig["clients"] = {
        namespace: pick("clients", clientsObj, "namespace", "apps", (v) => (typeof v === "string" && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) ? undefined : "must be a Kubernetes namespace name")),
        transactionalIds: pick("clients", clientsObj, "transactionalIds", {} as Record<string, string>, (v) =>
            v && typeof v === "object" && Object.values(v).every((id) => typeof id === "string" && id !== "") ? undefined : "must map each transactional producer service to its transactional id"),
    };

    const primaryStack = own("primaryStack");
    if (role === "dr" && !primaryStack) problem(`${KEY_PREFIX}primaryStack`, "is required on the DR stack: the primary stack to mirror, as ORG/kafka-platform/prod");
    if (role === "primary" && primaryStack) problem(`${KEY_PREFIX}primaryStack`, "is only for the DR stack (role: dr); remove it");

    const strimziChartVersion = own("strimziChartVersion") ?? DESIGN.strimziChartVersion;
    if (strimziChartVersion !== DESIGN.strimziChartVersion) problem(`${KEY_PREFIX}strimziChartVersion`, `the resources are written for Strimzi ${DESIGN.strimziChartVersion}; got ${strimziChartVersion}`);

    if (problems.length > 0) throw new CatalogError(problems, `the stack config of "${raw.stack}" is invalid`);
    return {
        stack: raw.stack,
        environment,
        role,
        kubernetes,
        project: project ?? "",
        region,
        zones,
        protect,
        catalog: { topics: own("catalogPath") ?? "topics", groups: own("groupsPath"), producers: own("producersPath") },
        topicBackend,
        topicBackendBootstrap,
        topicBackendTls,
        network,
        gke,
        kafka,
        strimziChartVersion,
        connect,
        monitoring,
        clients,
        primaryStack,
        stateStack: own("stateStack") ?? `${raw.organization}/${raw.project}/${raw.stack}`,
        secretKeys: { cdcDatabasePassword: "cdcDatabasePassword", mirrorMakerPassword: "mirrorMakerPassword" },
    };
}

/** The broker facts the catalog is validated against. */
export function brokerLimitsOf(config: PlatformConfig) {
    const setting = (key: keyof typeof KAFKA_BROKER_DEFAULTS) => {
        const v = config.kafka.brokerConfig[key];
        return typeof v === "number" ? v : KAFKA_BROKER_DEFAULTS[key];
    };
    return {
        brokerCount: config.kafka.brokers,
        messageMaxBytes: setting("message.max.bytes"),
        groupMinSessionTimeoutMs: setting("group.min.session.timeout.ms"),
        groupMaxSessionTimeoutMs: setting("group.max.session.timeout.ms"),
    };
}

const PRIMARY_NETWORK: NetworkRanges = { subnetCidr: "10.10.0.0/20", podsCidr: "10.16.0.0/14", servicesCidr: "10.20.0.0/20", masterCidr: "172.16.0.0/28" };
const DR_NETWORK: NetworkRanges = { subnetCidr: "10.30.0.0/20", podsCidr: "10.36.0.0/14", servicesCidr: "10.40.0.0/20", masterCidr: "172.16.0.16/28" };

// Strimzi's forbidden prefixes for spec.kafka.config (ZooKeeper mode), with its exceptions.
const FORBIDDEN_BROKER_PREFIXES = ["listeners", "advertised.", "broker.", "listener.", "host.name", "port", "inter.broker.listener.name", "sasl.", "ssl.", "security.", "password.", "log.dir", "zookeeper.connect", "zookeeper.set.acl", "zookeeper.ssl", "zookeeper.clientcnxnsocket", "authorizer.", "super.user", "cruise.control.metrics.topic", "cruise.control.metrics.reporter.bootstrap.servers", "node.id", "process.roles", "controller.", "metadata.log.dir", "zookeeper.metadata.migration.enable"];
const FORBIDDEN_BROKER_EXCEPTIONS = ["zookeeper.connection.timeout.ms", "sasl.server.max.receive.size", "ssl.cipher.suites", "ssl.protocol", "ssl.enabled.protocols", "ssl.secure.random.implementation", "cruise.control.metrics.topic.num.partitions", "cruise.control.metrics.topic.replication.factor", "cruise.control.metrics.topic.retention.ms", "cruise.control.metrics.topic.auto.create.retries", "cruise.control.metrics.topic.auto.create.timeout.ms", "cruise.control.metrics.topic.min.insync.replicas", "controller.quorum.election.backoff.max.ms", "controller.quorum.election.timeout.ms", "controller.quorum.fetch.timeout.ms"];

export function isForbiddenBrokerKey(key: string): boolean {
    return FORBIDDEN_BROKER_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix)) && !FORBIDDEN_BROKER_EXCEPTIONS.includes(key);
}

function listOwnKeys(raw: RawConfig): string[] {
    return raw.keys().filter((k) => k.startsWith(KEY_PREFIX)).map((k) => k.slice(KEY_PREFIX.length));
}

function cidrProblem(text: string): string | undefined {
    const m = CIDR.exec(text);
    if (!m) return "not a CIDR";
    if (m.slice(1, 5).some((octet) => Number(octet) > 255) || Number(m[5]) > 32) return "out of range";
    return undefined;
}

function cidrRange(text: string): [number, number] {
    const [ip, bits] = text.split("/");
    const start = ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
    const size = 2 ** (32 - Number(bits));
    const base = Math.floor(start / size) * size;
    return [base, base + size - 1];
}

export function cidrsOverlap(a: string, b: string): boolean {
    const [a0, a1] = cidrRange(a);
    const [b0, b1] = cidrRange(b);
    return a0 <= b1 && b0 <= a1;
}
