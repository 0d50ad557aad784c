// Kafka Connect with the Debezium PostgreSQL connector: the KafkaConnect and KafkaConnector resources, and where the connector writes.
import { DESIGN } from "../config/defaults";
import { clusterLabel, STRIMZI_API_VERSION } from "./strimzi";
import { readinessAnnotations } from "./readiness";

export const DEBEZIUM_PLUGIN = {
    group: "io/debezium",
    artifact: "debezium-connector-postgres",
    version: DESIGN.connect.debeziumVersion,
    /** SHA-512 of debezium-connector-postgres-2.4.0.Final-plugin.tar.gz as published (the design left a placeholder). */
    sha512: "f1338ae8b826b63563a84af4f17b553b26b215e07a54cbadb998b4d243b47fc6424a57827448c9e225276ed453447ec5463c23f256a1315e78cc15b1c62c8bfe",
} as const;

/** The connect worker's internal topics; the platform declares them because brokers create no topics on their own. */
export const CONNECT_STORAGE_TOPICS = { offsets: "connect-cluster-offsets", configs: "connect-cluster-configs", status: "connect-cluster-status" } as const;

/** Image name inside the Artifact Registry repository: pushes need `HOST/PROJECT/REPOSITORY/IMAGE:TAG`. */
export const CONNECT_IMAGE_NAME = "debezium-connect";

/** The tables Debezium captures; each needs its `cdc.<table>-changes` topic in the catalog. */
export const CAPTURED_TABLES = ["app.tasks", "app.projects", "app.organizations"] as const;

const TOPIC_PREFIX = "cdc";
/**
 * Debezium's heartbeat topic, `<topic.heartbeat.prefix>.<topic.prefix>` with Debezium's default prefix.
 * Heartbeats let the connector confirm WAL positions while the captured tables are quiet, so the
 * replication slot stops pinning the database's WAL; the platform declares the topic since brokers create none.
 */
export const HEARTBEAT_TOPIC = `__debezium-heartbeat.${TOPIC_PREFIX}`;
/** How often the connector sends a heartbeat and confirms its WAL position while nothing it captures changes. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/**
 * Run at each heartbeat: a transactional logical decoding message puts something into the stream the slot reads,
 * so the connector can confirm a recent LSN. A heartbeat alone confirms nothing while the captured tables are quiet:
 * PostgreSQL 15 does not send the connector the (empty) transactions of other tables (docs/decisions.md).
 */
export const HEARTBEAT_ACTION_QUERY = "SELECT pg_logical_emit_message(true, 'debezium-heartbeat', now()::varchar)";

export const CDC_CREDENTIALS_SECRET = "postgres-cdc-credentials";
export const CONNECTOR_NAME = "postgres-cdc-connector";

export interface ConnectSpecArgs {
    /** The KafkaConnect's name (the design's "debezium-connect-cluster"), which also names its KafkaUser. */
    name: string;
    /** Namespace of the workers, beside the Kafka cluster. */
    namespace: string;
    /** Kafka version of the workers, the cluster's. */
    kafkaVersion: string;
    /** `host:port` of the Kafka cluster's TLS bootstrap. */
    bootstrapTls: string;
    /** Strimzi's cluster CA Secret, whose certificate the workers trust. */
    clusterCaSecret: string;
    /** The KafkaUser (TLS) whose Secret holds the worker's certificate. */
    userName: string;
    /** Docker repository the build pushes to, `HOST/PATH` (on GKE the program's Artifact Registry `HOST/PROJECT/REPOSITORY`). */
    imageRepository: string;
    /** Base URL of the Maven repository the build downloads the plugin from. */
    pluginRepositoryUrl: string;
    /** On GKE: the Google service account the build pod acts as through Workload Identity, to push the image. */
    buildServiceAccountEmail?: string;
    /** On an existing cluster: a dockerconfigjson Secret the build pushes with. */
    pushSecret?: string;
}

/** The image the build pushes: `HOST/PROJECT/REPOSITORY/debezium-connect:<Debezium version>`. */
export function connectImage(imageRepository: string): string {
    return `${imageRepository.replace(/\/+$/, "")}/${CONNECT_IMAGE_NAME}:${DEBEZIUM_PLUGIN.version}`;
}

export function pluginUrl(repositoryUrl: string): string {
    const file = `${DEBEZIUM_PLUGIN.artifact}-${DEBEZIUM_PLUGIN.version}-plugin.tar.gz`;
    return `${repositoryUrl.replace(/\/+$/, "")}/${DEBEZIUM_PLUGIN.group}/${DEBEZIUM_PLUGIN.artifact}/${DEBEZIUM_PLUGIN.version}/${file}`;
}

export function kafkaConnectResource(args: ConnectSpecArgs) {
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "KafkaConnect",
        metadata: {
            name: args.name,
            namespace: args.namespace,
            annotations: { "strimzi.io/use-connector-resources": "true", ...readinessAnnotations("connect") },
        },
        spec: {
            version: args.kafkaVersion,
            replicas: DESIGN.connect.replicas,
            bootstrapServers: args.bootstrapTls,
            tls: { trustedCertificates: [{ secretName: args.clusterCaSecret, certificate: "ca.crt" }] },
            authentication: { type: "tls", certificateAndKey: { secretName: args.userName, certificate: "user.crt", key: "user.key" } },
            config: {
                "group.id": args.name,
                "offset.storage.topic": CONNECT_STORAGE_TOPICS.offsets,
                "config.storage.topic": CONNECT_STORAGE_TOPICS.configs,
                "status.storage.topic": CONNECT_STORAGE_TOPICS.status,
                "config.storage.replication.factor": 3,
                "offset.storage.replication.factor": 3,
                "status.storage.replication.factor": 3,
                // Connector configs reference Kubernetes Secrets instead of holding passwords.
                "config.providers": "secrets",
                "config.providers.secrets.class": "io.strimzi.kafka.KubernetesSecretConfigProvider",
            },
            build: {
                output: { type: "docker", image: connectImage(args.imageRepository), ...(args.pushSecret ? { pushSecret: args.pushSecret } : {}) },
                plugins: [{ name: "debezium-postgres-connector", artifacts: [{ type: "tgz", url: pluginUrl(args.pluginRepositoryUrl), sha512sum: DEBEZIUM_PLUGIN.sha512 }] }],
            },
            resources: DESIGN.connect.resources,
            ...(args.buildServiceAccountEmail
                ? {
                      template: {
                          // The build pod pushes with Workload Identity: no registry key is stored anywhere.
                          buildServiceAccount: { metadata: { annotations: { "iam.gke.io/gcp-service-account": args.buildServiceAccountEmail } } },
                      },
                  }
                : {}),
        },
    };
}

export interface CdcDatabase {
    host: string;
    port: number;
    user: string;
    name: string;
}

/** The design's connector config; the password is a reference the worker resolves from the credentials Secret. */
export function cdcConnectorConfig(database: CdcDatabase, namespace: string): Record<string, string> {
    return {
        "database.hostname": database.host,
        "database.port": String(database.port),
        "database.user": database.user,
        "database.password": `\${secrets:${namespace}/${CDC_CREDENTIALS_SECRET}:password}`,
        "database.dbname": database.name,
        "table.include.list": CAPTURED_TABLES.join(","),
        "plugin.name": "pgoutput",
        "slot.name": "debezium_slot",
        "publication.name": "debezium_publication",
        // Only the captured tables go into the publication, not every table of the database.
        "publication.autocreate.mode": "filtered",
        "topic.prefix": TOPIC_PREFIX,
        "schema.include.list": "app",
        "time.precision.mode": "adaptive",
        // Without an embedded schema a "precise" decimal is base64 of its unscaled bytes; a string keeps every digit readable.
        "decimal.handling.mode": "string",
        "heartbeat.interval.ms": String(HEARTBEAT_INTERVAL_MS),
        "heartbeat.action.query": HEARTBEAT_ACTION_QUERY,
        // A starting task searches the stream for its resume position and sends no heartbeat until it finds one; on a
        // quiet database that waited for a captured change while the slot pinned the WAL. Each of the task's database
        // sessions now opens with a message, so the search always has one to find.
        "database.initial.statements": HEARTBEAT_ACTION_QUERY,
        // No logical decoding message becomes a record: there is no topic for them, and a record without a topic hangs the task.
        "message.prefix.exclude.list": ".*",
        // Plain JSON records: the schema embedded in each one outweighed its data many times over (sizes in docs/decisions.md).
        "key.converter": "org.apache.kafka.connect.json.JsonConverter",
        "key.converter.schemas.enable": "false",
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter.schemas.enable": "false",
        transforms: "route",
        "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
        "transforms.route.regex": "([^.]+)\\.([^.]+)\\.([^.]+)",
        // The design's "$3-changes" dropped the prefix: the catalog's topics are cdc.<table>-changes.
        "transforms.route.replacement": "cdc.$3-changes",
    };
}

/**
 * SQL that removes what the connector leaves in the database once it is deleted: its replication slot,
 * which otherwise pins WAL for ever, and its publication. Run by the database administrator (README).
 */
export function connectorCleanupSql(config: Record<string, string>): string[] {
    const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const identifier = (s: string) => `"${s.replace(/"/g, '""')}"`;
    return [
        `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ${literal(config["slot.name"])} AND database = current_database();`,
        `DROP PUBLICATION IF EXISTS ${identifier(config["publication.name"])};`,
    ];
}

export function kafkaConnectorResource(connectCluster: string, namespace: string, config: Record<string, string>) {
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "KafkaConnector",
        metadata: { name: CONNECTOR_NAME, namespace, labels: clusterLabel(connectCluster), annotations: readinessAnnotations("connector") },
        // The PostgreSQL connector reads one replication slot in one task; more tasks would never start.
        spec: { class: "io.debezium.connector.postgresql.PostgresConnector", tasksMax: 1, config },
    };
}

/**
 * The topic each captured table's changes land in: Debezium names it `<topic.prefix>.<schema>.<table>`,
 * then the RegexRouter rewrites names that match its regex in full (Java's `matches`).
 */
export function connectorOutputTopics(config: Record<string, string>): Array<{ table: string; topic: string }> {
    const tables = (config["table.include.list"] ?? "").split(",").map((t) => t.trim()).filter(Boolean);
    const regex = config["transforms.route.regex"];
    const routed = (config.transforms ?? "").split(",").map((t) => t.trim()).includes("route") && regex !== undefined;
    return tables.map((table) => {
        const original = `${config["topic.prefix"]}.${table}`;
        if (!routed) return { table, topic: original };
        const whole = new RegExp(`^(?:${regex})$`);
        return { table, topic: whole.test(original) ? original.replace(whole, config["transforms.route.replacement"] ?? "") : original };
    });
}

/** Problems for captured tables whose topic is not declared, since brokers will not create it. */
export function missingConnectorTopics(config: Record<string, string>, topicNames: ReadonlySet<string>, catalogPath = "topics"): string[] {
    // A catalog folder reads as one (topics/); a catalog given as one file is named as it is.
    const where = /\.ya?ml$/.test(catalogPath) ? catalogPath : catalogPath.replace(/\/?$/, "/");
    return connectorOutputTopics(config)
        .filter(({ topic }) => !topicNames.has(topic))
        .map(({ table, topic }) => `connector "${CONNECTOR_NAME}": table "${table}" writes to topic "${topic}", which is not in the catalog; automatic topic creation is off, so the connector would stay RUNNING while that table's changes go nowhere: add "${topic}" to ${where} or drop the table from table.include.list`);
}
