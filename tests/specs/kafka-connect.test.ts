// Tests the KafkaConnect and KafkaConnector resources against the design, and where the connector's changes land.
import * as assert from "assert";
import {
    CDC_CREDENTIALS_SECRET,
    cdcConnectorConfig,
    CAPTURED_TABLES,
    connectImage,
    CONNECTOR_NAME,
    connectorCleanupSql,
    connectorOutputTopics,
    HEARTBEAT_TOPIC,
    kafkaConnectorResource,
    kafkaConnectResource,
    missingConnectorTopics,
    pluginUrl,
} from "../../specs/kafka-connect";
import { platformTopics } from "../../specs/platform-topics";
import { cdcDatabaseOf } from "../../platform/component-args";
import { repoCatalog, stackConfig } from "./stack-fixtures";

const config = stackConfig("prod");
const connectArgs = {
    name: "debezium-connect-cluster",
    namespace: "kafka",
    kafkaVersion: config.kafka.version,
    bootstrapTls: "production-kafka-kafka-bootstrap.kafka.svc:9093",
    clusterCaSecret: "production-kafka-cluster-ca-cert",
    userName: "debezium-connect-cluster",
    imageRepository: "europe-west1-docker.pkg.dev/fsm-platform-prod/kafka-connect",
    pluginRepositoryUrl: "https://europe-west1-maven.pkg.dev/fsm-platform-prod/maven-central",
    buildServiceAccountEmail: "prod-connect-build@fsm-platform-prod.iam.gserviceaccount.com",
};
// Built in each describe's `before`, not at load, so each test is one that exercises the builders.
let connect: ReturnType<typeof kafkaConnectResource>;
let connectorConfig: Record<string, string>;
let connector: ReturnType<typeof kafkaConnectorResource>;

describe("KafkaConnect resource (specs/kafka-connect)", () => {
    before(() => {
        connect = kafkaConnectResource(connectArgs);
    });

    it("runs 3 Kafka 3.6.0 workers named debezium-connect-cluster with the design's resources", () => {
        assert.strictEqual(connect.kind, "KafkaConnect");
        assert.strictEqual(connect.metadata.name, "debezium-connect-cluster");
        assert.strictEqual(connect.spec.version, "3.6.0");
        assert.strictEqual(connect.spec.replicas, 3);
        assert.deepStrictEqual(connect.spec.resources, { requests: { memory: "2Gi", cpu: "1000m" }, limits: { memory: "4Gi", cpu: "2000m" } });
    });

    it("lets KafkaConnector resources manage its connectors", () => {
        assert.strictEqual(connect.metadata.annotations["strimzi.io/use-connector-resources"], "true");
    });

    it("keeps its offsets, configs and status in the design's topics, each replicated 3 times", () => {
        const c = connect.spec.config;
        assert.deepStrictEqual(
            [c["group.id"], c["offset.storage.topic"], c["config.storage.topic"], c["status.storage.topic"]],
            ["debezium-connect-cluster", "connect-cluster-offsets", "connect-cluster-configs", "connect-cluster-status"],
        );
        assert.deepStrictEqual([c["config.storage.replication.factor"], c["offset.storage.replication.factor"], c["status.storage.replication.factor"]], [3, 3, 3]);
    });

    it("declares its storage topics (brokers create none), compacted with the RF of the config", () => {
        const storage = platformTopics(true).filter((t) => t.name.startsWith("connect-cluster-"));
        assert.deepStrictEqual(storage.map((t) => t.name).sort(), ["connect-cluster-configs", "connect-cluster-offsets", "connect-cluster-status"]);
        for (const t of storage) {
            assert.strictEqual(t.replicationFactor, 3, t.name);
            assert.strictEqual(t.config["cleanup.policy"], "compact", t.name);
        }
        assert.strictEqual(storage.find((t) => t.name === "connect-cluster-configs")?.partitions, 1);
    });

    it("reaches Kafka on the TLS listener, trusting the cluster CA and authenticating with its user's certificate", () => {
        assert.strictEqual(connect.spec.bootstrapServers, "production-kafka-kafka-bootstrap.kafka.svc:9093");
        assert.deepStrictEqual(connect.spec.tls, { trustedCertificates: [{ secretName: "production-kafka-cluster-ca-cert", certificate: "ca.crt" }] });
        assert.deepStrictEqual(connect.spec.authentication, { type: "tls", certificateAndKey: { secretName: "debezium-connect-cluster", certificate: "user.crt", key: "user.key" } });
    });

    it("resolves ${secrets:...} references through Strimzi's Kubernetes Secret config provider", () => {
        assert.strictEqual(connect.spec.config["config.providers"], "secrets");
        assert.strictEqual(connect.spec.config["config.providers.secrets.class"], "io.strimzi.kafka.KubernetesSecretConfigProvider");
    });

    it("builds the Debezium 2.4.0.Final PostgreSQL plugin tarball, checked by a real SHA-512 (not the design's placeholder)", () => {
        const [plugin] = connect.spec.build.plugins;
        assert.strictEqual(plugin.name, "debezium-postgres-connector");
        const [artifact] = plugin.artifacts;
        assert.strictEqual(artifact.type, "tgz");
        assert.ok(artifact.url.startsWith("https://europe-west1-maven.pkg.dev/fsm-platform-prod/maven-central/"), artifact.url);
        assert.ok(artifact.url.endsWith("/io/debezium/debezium-connector-postgres/2.4.0.Final/debezium-connector-postgres-2.4.0.Final-plugin.tar.gz"), artifact.url);
        assert.match(artifact.sha512sum, /^[0-9a-f]{128}$/);
        assert.doesNotMatch(artifact.sha512sum, /^(.)\1+$/, "a repeated digit is a placeholder, not a checksum");
    });

    it("names the image HOST/PROJECT/REPOSITORY/IMAGE:TAG, the only form Artifact Registry accepts a push to", () => {
        assert.match(connect.spec.build.output.image, /^[a-z0-9-]+-docker\.pkg\.dev\/[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+:[\w.-]+$/);
        assert.strictEqual(connectImage("europe-west1-docker.pkg.dev/p/kafka-connect/"), "europe-west1-docker.pkg.dev/p/kafka-connect/debezium-connect:2.4.0.Final");
    });

    it("pushes the built image, tagged with the plugin version, with the build account's Workload Identity", () => {
        assert.deepStrictEqual(connect.spec.build.output, { type: "docker", image: "europe-west1-docker.pkg.dev/fsm-platform-prod/kafka-connect/debezium-connect:2.4.0.Final" });
        assert.strictEqual(connect.spec.template?.buildServiceAccount.metadata.annotations["iam.gke.io/gcp-service-account"], "prod-connect-build@fsm-platform-prod.iam.gserviceaccount.com");
    });

    it("on a cluster outside GKE, pushes with the configured push Secret and asks for no Google identity", () => {
        const elsewhere = kafkaConnectResource({ ...connectArgs, buildServiceAccountEmail: undefined, imageRepository: "registry.example.com/kafka", pushSecret: "connect-registry" });
        assert.deepStrictEqual(elsewhere.spec.build.output, { type: "docker", image: "registry.example.com/kafka/debezium-connect:2.4.0.Final", pushSecret: "connect-registry" });
        assert.strictEqual(elsewhere.spec.template, undefined);
    });

    it("pushes to the repository as configured whether or not it ends in slashes", () => {
        for (const repository of ["europe-west1-docker.pkg.dev/p/kafka-connect", "europe-west1-docker.pkg.dev/p/kafka-connect/", "europe-west1-docker.pkg.dev/p/kafka-connect//"]) {
            assert.strictEqual(connectImage(repository), "europe-west1-docker.pkg.dev/p/kafka-connect/debezium-connect:2.4.0.Final", repository);
        }
    });

    it("downloads the plugin from the Maven layout under the configured repository, whether or not its URL ends in slashes", () => {
        const expected = "https://maven.example.com/central/io/debezium/debezium-connector-postgres/2.4.0.Final/debezium-connector-postgres-2.4.0.Final-plugin.tar.gz";
        for (const url of ["https://maven.example.com/central", "https://maven.example.com/central/", "https://maven.example.com/central//"]) assert.strictEqual(pluginUrl(url), expected, url);
    });

    it("makes pulumi up wait for the workers to be Ready", () => {
        const annotations: Record<string, string> = connect.metadata.annotations;
        assert.strictEqual(annotations["pulumi.com/waitFor"], "condition=Ready");
        assert.ok(Number(annotations["pulumi.com/timeoutSeconds"]) > 0);
    });
});

describe("KafkaConnector resource (specs/kafka-connect)", () => {
    before(() => {
        connectorConfig = cdcConnectorConfig(cdcDatabaseOf(config), "kafka");
        connector = kafkaConnectorResource("debezium-connect-cluster", "kafka", connectorConfig);
    });

    it("is the design's postgres-cdc-connector on the Connect cluster, with the one task the PostgreSQL connector runs", () => {
        assert.strictEqual(connector.kind, "KafkaConnector");
        assert.strictEqual(connector.metadata.name, CONNECTOR_NAME);
        assert.strictEqual(connector.metadata.name, "postgres-cdc-connector");
        assert.deepStrictEqual(connector.metadata.labels, { "strimzi.io/cluster": "debezium-connect-cluster" });
        assert.strictEqual(connector.spec.class, "io.debezium.connector.postgresql.PostgresConnector");
        assert.strictEqual(connector.spec.tasksMax, 1);
        assert.strictEqual(connector.metadata.annotations["pulumi.com/waitFor"], "condition=Ready");
        assert.ok(Number(connector.metadata.annotations["pulumi.com/timeoutSeconds"]) > 0, "pulumi up would wait on the connector with no time limit it understands");
    });

    it("captures app.tasks, app.projects and app.organizations through pgoutput", () => {
        const c = connector.spec.config;
        assert.strictEqual(c["table.include.list"], "app.tasks,app.projects,app.organizations");
        assert.strictEqual(c["schema.include.list"], "app");
        assert.strictEqual(c["plugin.name"], "pgoutput");
        assert.strictEqual(c["slot.name"], "debezium_slot");
        assert.strictEqual(c["publication.name"], "debezium_publication");
        assert.strictEqual(c["topic.prefix"], "cdc");
        assert.strictEqual(c["time.precision.mode"], "adaptive");
    });

    it("sets no option the PostgreSQL connector does not have (include.schema.changes is MySQL's)", () => {
        assert.ok(!("include.schema.changes" in connector.spec.config));
    });

    it("sends a heartbeat every 10 s to its declared heartbeat topic, so quiet tables do not pin the database's WAL", () => {
        assert.strictEqual(connector.spec.config["heartbeat.interval.ms"], "10000");
        // Something must enter the replication stream for the connector to confirm: a transactional logical message.
        assert.strictEqual(connector.spec.config["heartbeat.action.query"], "SELECT pg_logical_emit_message(true, 'debezium-heartbeat', now()::varchar)");
        assert.strictEqual(connector.spec.config["message.prefix.exclude.list"], ".*", "a logical message would become a record for a topic nobody declared");
        assert.strictEqual(HEARTBEAT_TOPIC, "__debezium-heartbeat.cdc");
        const heartbeats = platformTopics(true).find((t) => t.name === HEARTBEAT_TOPIC);
        assert.ok(heartbeats, "the heartbeat topic is not declared");
        assert.strictEqual(heartbeats.replicationFactor, 3);
        assert.ok(!platformTopics(false).some((t) => t.name === HEARTBEAT_TOPIC), "declared without Connect");
    });

    it("opens each of its database sessions with a logical message, so a starting task finds its resume position on a quiet database", () => {
        // Nothing else enters the stream while only uncaptured tables change; the live test shows the slot pinned without it.
        assert.strictEqual(connector.spec.config["database.initial.statements"], connector.spec.config["heartbeat.action.query"]);
        assert.ok(!connector.spec.config["database.initial.statements"].includes(";"), "Debezium splits initial statements at ';'");
    });

    it("writes keys and values as JSON without an embedded schema, decimals as exact strings", () => {
        const c = connector.spec.config;
        for (const side of ["key", "value"]) {
            assert.strictEqual(c[`${side}.converter`], "org.apache.kafka.connect.json.JsonConverter");
            assert.strictEqual(c[`${side}.converter.schemas.enable`], "false");
        }
        assert.strictEqual(c["decimal.handling.mode"], "string");
    });

    it("connects to the stack's database", () => {
        const c = connector.spec.config;
        assert.deepStrictEqual(
            [c["database.hostname"], c["database.port"], c["database.user"], c["database.dbname"]],
            [config.connect.databaseHost, String(config.connect.databasePort), config.connect.databaseUser, config.connect.databaseName],
        );
    });

    it("routes each table's changes with the design's RegexRouter", () => {
        const c = connector.spec.config;
        assert.strictEqual(c.transforms, "route");
        assert.strictEqual(c["transforms.route.type"], "org.apache.kafka.connect.transforms.RegexRouter");
        assert.strictEqual(c["transforms.route.regex"], "([^.]+)\\.([^.]+)\\.([^.]+)");
    });

    it("holds the database password only as a ${secrets:...} reference to the credentials Secret, never a literal", () => {
        const password = connector.spec.config["database.password"];
        assert.strictEqual(password, `\${secrets:kafka/${CDC_CREDENTIALS_SECRET}:password}`);
        assert.match(password, /^\$\{secrets:[a-z0-9-]+\/[a-z0-9-]+:[a-z]+\}$/);
    });

    it("sends app.tasks to cdc.tasks-changes, app.projects to cdc.projects-changes, app.organizations to cdc.organizations-changes", () => {
        assert.deepStrictEqual(connectorOutputTopics(connectorConfig), [
            { table: "app.tasks", topic: "cdc.tasks-changes" },
            { table: "app.projects", topic: "cdc.projects-changes" },
            { table: "app.organizations", topic: "cdc.organizations-changes" },
        ]);
    });

    it("leaves a topic name the route regex does not match in full as Debezium wrote it", () => {
        const unrouted = connectorOutputTopics({ ...connectorConfig, "table.include.list": "tasks" });
        assert.deepStrictEqual(unrouted, [{ table: "tasks", topic: "cdc.tasks" }]);
        assert.deepStrictEqual(connectorOutputTopics({ ...connectorConfig, transforms: "" }).map((o) => o.topic), ["cdc.app.tasks", "cdc.app.projects", "cdc.app.organizations"]);
    });

    it("cleans up after deletion by dropping exactly its own slot (in this database) and its publication", () => {
        assert.deepStrictEqual(connectorCleanupSql(connectorConfig), [
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'debezium_slot' AND database = current_database();",
            'DROP PUBLICATION IF EXISTS "debezium_publication";',
        ]);
        assert.match(connectorCleanupSql({ "slot.name": "it's", "publication.name": 'a"b' }).join(" "), /'it''s'.*"a""b"/);
    });

    it("puts only the captured tables into the publication it creates, not every table of the database", () => {
        assert.strictEqual(connector.spec.config["publication.autocreate.mode"], "filtered");
    });

    it("quotes every quote in the slot and publication names of its cleanup SQL, so a name cannot end the statement early", () => {
        const [drop, publication] = connectorCleanupSql({ "slot.name": "a'b'c", "publication.name": 'x"y"z' });
        assert.match(drop, /slot_name = 'a''b''c' AND/);
        assert.strictEqual(publication, 'DROP PUBLICATION IF EXISTS "x""y""z";');
    });

    it("finds the topics of a running connector's config however its table list is spaced", () => {
        const live = { ...connectorConfig, "table.include.list": " app.tasks , app.projects,, " };
        assert.deepStrictEqual(connectorOutputTopics(live).map((o) => o.topic), ["cdc.tasks-changes", "cdc.projects-changes"]);
    });

    it("routes with the RegexRouter when it is one of several transforms, however the list is spaced", () => {
        assert.deepStrictEqual(connectorOutputTopics({ ...connectorConfig, transforms: "unwrap, route" }).map((o) => o.topic), ["cdc.tasks-changes", "cdc.projects-changes", "cdc.organizations-changes"]);
    });

    it("expects the topics Debezium names itself when the connector has no route transform, no route regex or no table list", () => {
        const { transforms, ...noTransforms } = connectorConfig;
        assert.strictEqual(transforms, "route");
        assert.deepStrictEqual(connectorOutputTopics(noTransforms).map((o) => o.topic), ["cdc.app.tasks", "cdc.app.projects", "cdc.app.organizations"]);
        assert.deepStrictEqual(connectorOutputTopics({ ...connectorConfig, transforms: "unwrap" }).map((o) => o.topic), ["cdc.app.tasks", "cdc.app.projects", "cdc.app.organizations"]);
        const { "transforms.route.regex": regex, ...noRegex } = connectorConfig;
        assert.ok(regex);
        assert.deepStrictEqual(connectorOutputTopics(noRegex).map((o) => o.topic), ["cdc.app.tasks", "cdc.app.projects", "cdc.app.organizations"]);
        const { "table.include.list": tables, ...noTables } = connectorConfig;
        assert.ok(tables);
        assert.deepStrictEqual(connectorOutputTopics(noTables), []);
    });

    it("routes only names the regex matches in full, as Java's matches does, not names it merely contains", () => {
        // "x.cdc.app.tasks" contains a three-part match but is four parts: the RegexRouter leaves it as it is.
        const prefixed = { ...connectorConfig, "topic.prefix": "x.cdc" };
        assert.deepStrictEqual(connectorOutputTopics(prefixed).map((o) => o.topic), ["x.cdc.app.tasks", "x.cdc.app.projects", "x.cdc.app.organizations"]);
    });

    it("fails the catalog check for a route without a replacement, whose topics could be in no catalog", () => {
        const { "transforms.route.replacement": replacement, ...noReplacement } = connectorConfig;
        assert.strictEqual(replacement, "cdc.$3-changes");
        const problems = missingConnectorTopics(noReplacement, new Set(["cdc.tasks-changes", "cdc.projects-changes", "cdc.organizations-changes"]));
        assert.strictEqual(problems.length, 3, problems.join("\n"));
        assert.match(problems[0], /writes to topic "",/);
    });

    it("captures the design's three tables, named once in CAPTURED_TABLES", () => {
        assert.deepStrictEqual([...CAPTURED_TABLES], ["app.tasks", "app.projects", "app.organizations"]);
    });

    it("finds every topic it writes in the repository's catalog", () => {
        const names = new Set(repoCatalog(config).topics.map((t) => t.name));
        assert.deepStrictEqual(missingConnectorTopics(connectorConfig, names), []);
    });

    it("names the table and the topic when the topic is absent from the catalog", () => {
        const names = new Set(["cdc.tasks-changes", "cdc.projects-changes"]);
        const problems = missingConnectorTopics(connectorConfig, names);
        assert.strictEqual(problems.length, 1, problems.join("\n"));
        assert.match(problems[0], /table "app\.organizations"/);
        assert.match(problems[0], /topic "cdc\.organizations-changes"/);
        assert.match(problems[0], /add "cdc\.organizations-changes" to topics\//);
        assert.match(problems[0], /would stay RUNNING while that table's changes go nowhere/);
    });

    it("names the catalog in use in its hint: a folder given with --catalog, or a single file", () => {
        const names = new Set(["cdc.tasks-changes", "cdc.projects-changes"]);
        assert.match(missingConnectorTopics(connectorConfig, names, "/tmp/team-topics")[0], /add "cdc\.organizations-changes" to \/tmp\/team-topics\/ or drop/);
        assert.match(missingConnectorTopics(connectorConfig, names, "my-topics.yaml")[0], /add "cdc\.organizations-changes" to my-topics\.yaml or drop/);
        assert.match(missingConnectorTopics(connectorConfig, names, "team/topics.yml")[0], /add "cdc\.organizations-changes" to team\/topics\.yml or drop/);
        assert.match(missingConnectorTopics(connectorConfig, names, "teams/")[0], /add "cdc\.organizations-changes" to teams\/ or drop/);
        assert.match(missingConnectorTopics(connectorConfig, names, "topics.yaml.d")[0], /add "cdc\.organizations-changes" to topics\.yaml\.d\/ or drop/);
    });
});
