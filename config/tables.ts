// Every stack setting, one table per section: key, kind, default (the design's value), check, one-line doc and where it goes.
// Parsing, the unknown-key check, the defaults and docs/configuration.md are all read from here.
import { STRIMZI_KAFKA_VERSIONS, STRIMZI_VERSION } from "../specs/strimzi";
import { DESIGN, REGION_ZONES } from "./defaults";
import { boolean, cidr, integer, Kind, listOf, mapOf, nonEmptyText, oneOf, optionalSetting, quantity, section, setting, SettingContext, text, timeOfDay } from "./settings";

/** Kubernetes object names (DNS-1123 subdomain), as StorageClass names are. */
const objectName = text("name", /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'a Kubernetes object name of lowercase letters, digits, "-" and "." such as "pd-ssd"');
const namespaceName = text("namespace", /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "a Kubernetes namespace name");
const stackName = text("ORG/PROJECT/STACK", /^[^/\s]+\/[^/\s]+\/[^/\s]+$/, "a stack name as ORG/PROJECT/STACK");
const path = nonEmptyText;
/** An existing cluster's zones are whatever its nodes' topology.kubernetes.io/zone labels say (GKE's are checked against the region). */
const zoneName = text("zone", /^[a-z0-9]([-a-z0-9._]{0,61}[a-z0-9])?$/, 'a zone label value such as "europe-west1-b"');
/** A stack on an existing cluster, for samples of the settings that act only there. */
const ON_EXISTING_CLUSTER = { "kafka-platform:kubernetes": { cluster: "existing" }, "kafka-platform:zones": ["zone-a", "zone-b", "zone-c"], "kafka-platform:connect": { imageRepository: "registry.example.com/kafka", pluginRepositoryUrl: "https://maven.example.com/releases" } };

/** Broker settings merged over the design's; keys Strimzi manages itself are checked in config/cross-checks.ts. */
const brokerSettings: Kind<Record<string, string | number | boolean>> = mapOf<string | number | boolean>(
    { type: "string, number or boolean", parse: (v) => (["string", "number", "boolean"].includes(typeof v) ? { value: v as string | number | boolean } : { problem: `must be a string, number or boolean, got ${JSON.stringify(v)}` }) },
    "Kafka broker setting",
);

const designNetwork = (role: SettingContext["role"]) => (role === "dr" ? DR_NETWORK : PRIMARY_NETWORK);
const PRIMARY_NETWORK = { subnetCidr: "10.10.0.0/20", podsCidr: "10.16.0.0/14", servicesCidr: "10.20.0.0/20", masterCidr: "172.16.0.0/28" };
const DR_NETWORK = { subnetCidr: "10.30.0.0/20", podsCidr: "10.36.0.0/14", servicesCidr: "10.40.0.0/20", masterCidr: "172.16.0.16/28" };
const networkDoc = (key: keyof typeof PRIMARY_NETWORK) => `primary \`${PRIMARY_NETWORK[key]}\`, DR \`${DR_NETWORK[key]}\``;

export const TOP_LEVEL = section({
    title: "Stack",
    doc: "Keys written directly under `kafka-platform:`.",
    settings: {
        environment: setting({
            kind: text("name", /^[a-z][a-z0-9-]{0,15}$/, 'a lower-case name of up to 16 letters, digits and "-" such as "prod"'),
            default: (c) => c.stack,
            defaultDoc: "the stack name",
            doc: "names the GKE cluster `kafka-<environment>`, its service accounts, the log bucket and the labels",
            goesTo: "GKE cluster name and labels, service account IDs, bucket `<project>-<environment>-kafka-logs`",
            sample: { value: "staging" },
        }),
        role: setting({
            kind: oneOf(["primary", "dr"] as const),
            default: (c) => c.role,
            defaultDoc: "`dr` for the stack `dr`, else `primary`",
            doc: "`primary`, or `dr` to mirror `primaryStack` with MirrorMaker 2",
            goesTo: "DR: network peering and the KafkaMirrorMaker2; primary: Connect and the MirrorMaker source user",
            sample: { value: "dr", with: { "kafka-platform:primaryStack": "fsm/kafka-platform/prod" } },
        }),
        zones: setting({
            kind: listOf(zoneName),
            default: (c) => (REGION_ZONES[c.region] ?? []).slice(0, 3).map((suffix) => `${c.region}-${suffix}`),
            defaultDoc: "the region's first three; required on an existing cluster",
            doc: "exactly three zones of the region (on an existing cluster: of its Kafka nodes): one rack each for brokers and ZooKeeper",
            goesTo: "node pool locations, the Kafka cluster's rack awareness and zone affinity",
            sample: { value: ["europe-west1-c", "europe-west1-d", "europe-west1-b"] },
        }),
        protect: setting({
            kind: boolean,
            default: (c) => c.environment === "prod" || c.role === "dr",
            defaultDoc: "true for `prod` and DR stacks",
            doc: "`protect` on the GKE cluster, storage, topics and bucket",
            goesTo: "the `protect` option of every stateful resource; GKE deletion protection",
            sample: { value: false },
        }),
        catalogPath: setting({
            kind: path,
            default: "topics",
            doc: "the topic catalog: a folder of topic files, or one file",
            goesTo: "every KafkaTopic, KafkaUser and client ConfigMap",
            sample: { value: "tests/fixtures/small-catalog", shows: false },
        }),
        groupsPath: optionalSetting({
            kind: path,
            defaultDoc: "`consumer-groups.yaml` beside the catalog, else the project's",
            doc: "the consumer groups file",
            goesTo: "the groups' KafkaUsers and client-settings ConfigMaps",
            sample: { value: "tests/fixtures/small-catalog/consumer-groups.yaml", shows: false },
        }),
        producersPath: optionalSetting({
            kind: path,
            defaultDoc: "`producers.yaml` beside the catalog, else the project's",
            doc: "the producers file",
            goesTo: "the producers' KafkaUsers",
            sample: { value: "tests/fixtures/small-catalog/producers.yaml", shows: false },
        }),
        topicBackend: setting({
            kind: oneOf(["strimzi", "kafka"] as const, "KafkaTopic resources, or topics made directly through the Kafka API"),
            default: "strimzi",
            doc: "`strimzi` (KafkaTopic resources for the Topic Operator) or `kafka` (@pulumi/kafka, direct)",
            goesTo: "the topic resources' type",
            sample: { value: "kafka", with: { "kafka-platform:topicBackendBootstrap": "10.0.0.5:9093" }, shows: "kafka:index/topic:Topic" },
        }),
        topicBackendBootstrap: optionalSetting({
            kind: text("HOST:PORT,...", /^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, "a HOST:PORT list such as 10.0.0.5:9093"),
            doc: "`HOST:PORT,...` the deployer reaches the brokers on (TLS); required with `topicBackend: kafka`",
            goesTo: "the Kafka provider's bootstrapServers",
            sample: { value: "10.0.0.7:9093", base: { "kafka-platform:topicBackend": "kafka", "kafka-platform:topicBackendBootstrap": "10.0.0.5:9093" } },
        }),
        primaryStack: optionalSetting({
            kind: stackName,
            doc: "the primary stack a DR stack mirrors, as `ORG/kafka-platform/prod`; required on `dr`",
            goesTo: "the StackReference the DR stack reads the primary through",
            sample: { value: "acme/kafka-platform/prod", stack: "dr" },
        }),
        stateStack: setting({
            kind: stackName,
            default: (c) => `${c.organization}/${c.pulumiProject}/${c.stack}`,
            defaultDoc: "this stack",
            doc: "the stack whose `deployedTopics` output the data-loss guard reads (this stack itself)",
            goesTo: "the StackReference of the last deployed topic state",
            sample: { value: "acme/kafka-platform/prod-state" },
        }),
        brokerConfig: setting({
            kind: brokerSettings,
            default: {},
            defaultDoc: "none: the design's broker settings",
            doc: "broker settings merged over the design's; keys Strimzi manages itself are refused",
            goesTo: "the Kafka resource's `spec.kafka.config`",
            sample: { value: { "num.io.threads": 12 } },
        }),
        cdcDatabasePassword: optionalSetting({
            kind: nonEmptyText,
            secret: true,
            doc: "secret: the Debezium user's PostgreSQL password; required with Connect (`pulumi config set --secret kafka-platform:cdcDatabasePassword`)",
            goesTo: "the Secret the connector reads through Strimzi's secret config provider",
            sample: { value: "another-secret" },
        }),
        mirrorMakerPassword: optionalSetting({
            kind: nonEmptyText,
            secret: true,
            doc: "secret: the DR MirrorMaker's SCRAM password on the primary's cross-region listener; required on the primary",
            goesTo: "the MirrorMaker source KafkaUser's password Secret; the primary's `mirrorMakerPassword` output",
            sample: { value: "another-secret" },
        }),
    },
    retired: {
        strimziChartVersion: `the Strimzi version is fixed by the program (${STRIMZI_VERSION}), which is written for exactly that version; remove the key`,
    },
});

const DIRECT_BACKEND = { "kafka-platform:topicBackend": "kafka", "kafka-platform:topicBackendBootstrap": "10.0.0.5:9093" };

export const KUBERNETES = section({
    key: "kubernetes",
    title: "Kubernetes cluster",
    doc:
        "Where the platform runs. `gke`: the program creates the network, GKE, the storage class, the Strimzi operator and the Google Cloud " +
        "services around Kafka. `existing`: it deploys onto the cluster of the deployer's kubeconfig, which already runs Strimzi " +
        `${STRIMZI_VERSION} watching the \`kafka\` namespace and has the StorageClass \`kafka.storageClass\`, Kafka nodes labelled ` +
        "`kafka-platform/pool=kafka` and tainted `dedicated=kafka:NoSchedule` in the three `zones`, and the monitoring provider's CRDs; it " +
        "creates nothing in Google Cloud (no log bucket, no registry: set `connect.imageRepository`), and a DR stack's network path to the " +
        "primary is the network owner's. Everything inside Kubernetes (the Kafka cluster, topics, users, Connect, Schema Registry, " +
        "monitoring, the mirror) and every check is the same; the `gke` and `network` sections are then ignored, with a warning.",
    settings: {
        cluster: setting({
            kind: oneOf(["gke", "existing"] as const, "a GKE cluster the program creates, or an existing cluster that runs Strimzi"),
            default: "gke",
            doc: "`gke` or `existing`",
            goesTo: "GKE, storage class, Strimzi, registry, log bucket and peering, or a Kubernetes provider on the deployer's kubeconfig",
            sample: { value: "existing", with: { "kafka-platform:zones": ["zone-a", "zone-b", "zone-c"], "kafka-platform:connect": { imageRepository: "registry.example.com/kafka", pluginRepositoryUrl: "https://maven.example.com/releases" } }, shows: "existing-cluster" },
        }),
        context: optionalSetting({
            kind: nonEmptyText,
            defaultDoc: "the kubeconfig's current context",
            doc: "the kubeconfig context of an existing cluster",
            goesTo: "the Kubernetes provider's context",
            sample: { value: "prod-cluster", base: ON_EXISTING_CLUSTER },
        }),
    },
});

export const TOPIC_BACKEND_TLS = section({
    key: "topicBackendTls",
    title: "Direct topic backend TLS",
    doc: "Files on the deployer's machine for the `kafka` topic backend's TLS trust and client certificate.",
    settings: {
        caCertFile: optionalSetting({ kind: path, doc: "the cluster CA certificate (PEM)", goesTo: "the Kafka provider's caCert", sample: { value: "ca.crt", base: DIRECT_BACKEND } }),
        clientCertFile: optionalSetting({ kind: path, doc: "the deployer's client certificate (PEM); with clientKeyFile", goesTo: "the Kafka provider's clientCert", sample: { value: "user.crt", base: DIRECT_BACKEND, with: { "kafka-platform:topicBackendTls": { clientKeyFile: "user.key" } } } }),
        clientKeyFile: optionalSetting({ kind: path, doc: "the deployer's client key (PEM); with clientCertFile", goesTo: "the Kafka provider's clientKey", sample: { value: "user.key", base: DIRECT_BACKEND, with: { "kafka-platform:topicBackendTls": { clientCertFile: "user.crt" } } } }),
    },
});

export const NETWORK = section({
    key: "network",
    title: "Network",
    doc: "The VPC subnet and GKE's ranges. None may overlap, nor overlap the other stack's, since the two are peered.",
    settings: {
        subnetCidr: setting({ kind: cidr(), default: (c) => designNetwork(c.role).subnetCidr, defaultDoc: networkDoc("subnetCidr"), doc: "the nodes' subnet", goesTo: "the subnetwork's ipCidrRange", sample: { value: "10.11.0.0/20" } }),
        podsCidr: setting({ kind: cidr(), default: (c) => designNetwork(c.role).podsCidr, defaultDoc: networkDoc("podsCidr"), doc: "the pods' secondary range", goesTo: "the subnetwork's `pods` secondary range", sample: { value: "10.24.0.0/14" } }),
        servicesCidr: setting({ kind: cidr(), default: (c) => designNetwork(c.role).servicesCidr, defaultDoc: networkDoc("servicesCidr"), doc: "the services' secondary range", goesTo: "the subnetwork's `services` secondary range", sample: { value: "10.21.0.0/20" } }),
        masterCidr: setting({ kind: cidr(28), default: (c) => designNetwork(c.role).masterCidr, defaultDoc: networkDoc("masterCidr"), doc: "GKE's control plane range (a /28)", goesTo: "the cluster's privateClusterConfig.masterIpv4CidrBlock", sample: { value: "172.16.0.32/28" } }),
    },
});

export const GKE = section({
    key: "gke",
    title: "GKE",
    doc: "The regional cluster and its two node pools: a tainted Kafka pool and a general pool.",
    settings: {
        releaseChannel: setting({ kind: oneOf(["RAPID", "REGULAR", "STABLE"] as const), default: "REGULAR", doc: "GKE release channel", goesTo: "the cluster's releaseChannel", sample: { value: "STABLE" } }),
        maintenanceStartTime: setting({ kind: timeOfDay, default: "03:00", doc: "daily maintenance window start (UTC); GKE makes it four hours", goesTo: "the cluster's dailyMaintenanceWindow", sample: { value: "01:30" } }),
        kafkaMachineType: setting({ kind: nonEmptyText, default: "n2-standard-8", doc: "machine type of the Kafka pool; must hold its share of brokers and ZooKeeper nodes per zone", goesTo: "the Kafka node pool's machineType", sample: { value: "n2-standard-16" } }),
        kafkaNodesPerZone: setting({ kind: integer(1), default: 2, doc: "Kafka pool nodes per zone", goesTo: "the Kafka node pool's nodeCount", sample: { value: 3 } }),
        generalMachineType: setting({ kind: nonEmptyText, default: "e2-standard-4", doc: "machine type of the general pool (operator, Connect, Schema Registry, system pods)", goesTo: "the general node pool's machineType", sample: { value: "e2-standard-8" } }),
        generalMinNodesPerZone: setting({ kind: integer(1), default: 1, doc: "general pool autoscaling minimum per zone", goesTo: "the general node pool's autoscaling minNodeCount", sample: { value: 2 } }),
        generalMaxNodesPerZone: setting({ kind: integer(1), default: 3, doc: "general pool autoscaling maximum per zone (at least the minimum)", goesTo: "the general node pool's autoscaling maxNodeCount", sample: { value: 5 } }),
        masterAuthorizedNetworks: setting({
            kind: listOf(cidr()),
            default: [],
            defaultDoc: "none",
            doc: "CIDRs allowed to the control plane's endpoint: where `pulumi up` runs (CI runners, a bastion); empty closes it to all outside the VPC",
            goesTo: "the cluster's masterAuthorizedNetworksConfig.cidrBlocks",
            sample: { value: ["203.0.113.0/24"] },
        }),
    },
});

export const KAFKA = section({
    key: "kafka",
    title: "Kafka",
    doc: "The Strimzi Kafka cluster (ZooKeeper mode).",
    settings: {
        version: setting({
            kind: oneOf(STRIMZI_KAFKA_VERSIONS, `the Kafka versions Strimzi ${STRIMZI_VERSION} runs`),
            default: DESIGN.kafkaVersion,
            doc: `Kafka version; one Strimzi ${STRIMZI_VERSION} runs`,
            goesTo: "the Kafka, KafkaConnect and KafkaMirrorMaker2 resources' version",
            sample: { value: "3.6.1" },
        }),
        brokers: setting({ kind: integer(1), default: DESIGN.brokers, doc: "broker count, a multiple of the zone count", goesTo: "the Kafka resource's spec.kafka.replicas", sample: { value: 9, with: { "kafka-platform:gke": { kafkaNodesPerZone: 3 } } } }),
        storageSize: setting({ kind: quantity, default: DESIGN.brokerStorageSize, doc: "each broker's volume", goesTo: "the Kafka resource's spec.kafka.storage.size", sample: { value: "2000Gi" } }),
        storageClass: setting({ kind: objectName, default: DESIGN.storageClass, doc: "the SSD StorageClass the platform creates (on an existing cluster: the cluster's own), which the Kafka and ZooKeeper volumes claim", goesTo: "the StorageClass's name; the Kafka resource's kafka and zookeeper storage class", sample: { value: "kafka-ssd" } }),
        zookeeperReplicas: setting({ kind: integer(1), default: DESIGN.zookeeperReplicas, check: (v) => (v % 2 === 1 ? undefined : `must be odd so ZooKeeper keeps a quorum, got ${v}`), doc: "ZooKeeper nodes (odd)", goesTo: "the Kafka resource's spec.zookeeper.replicas", sample: { value: 5, with: { "kafka-platform:gke": { kafkaNodesPerZone: 3 } } } }),
        zookeeperStorageSize: setting({ kind: quantity, default: DESIGN.zookeeperStorageSize, doc: "each ZooKeeper node's volume", goesTo: "the Kafka resource's spec.zookeeper.storage.size", sample: { value: "200Gi" } }),
        crossRegionListenerPort: setting({ kind: integer(9094, 9999, " (Strimzi reserves 9090 to 9093)"), default: 9094, doc: "port of the cross-region listener MirrorMaker 2 reads through", goesTo: "the Kafka resource's xregion listener; the DR firewall rule", sample: { value: 9095 } }),
    },
});

export const CONNECT = section({
    key: "connect",
    title: "Kafka Connect",
    doc: "Kafka Connect with Debezium capturing the application's PostgreSQL database.",
    settings: {
        enabled: setting({ kind: boolean, default: (c) => c.role === "primary", defaultDoc: "true on the primary", doc: "run Kafka Connect and the CDC connector", goesTo: "the KafkaConnect and KafkaConnector, the Connect image registry", sample: { value: false } }),
        databaseHost: optionalSetting({ kind: nonEmptyText, doc: "the PostgreSQL host Debezium captures; required with Connect", goesTo: "the KafkaConnector's database.hostname", sample: { value: "db2.fsm.internal" } }),
        databasePort: setting({ kind: integer(1, 65535), default: 5432, doc: "its port", goesTo: "the KafkaConnector's database.port", sample: { value: 6432 } }),
        databaseUser: optionalSetting({ kind: nonEmptyText, doc: "the replication user Debezium logs in as; required with Connect", goesTo: "the KafkaConnector's database.user", sample: { value: "cdc" } }),
        databaseName: optionalSetting({ kind: nonEmptyText, doc: "the captured database; required with Connect", goesTo: "the KafkaConnector's database.dbname", sample: { value: "fsm2" } }),
        imageRepository: optionalSetting({
            kind: text("image repository", /^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+$/, 'an image repository path without image name or tag, such as "registry.example.com/kafka"'),
            doc: "on an existing cluster: the repository the Connect build pushes its `debezium-connect` image under; required there with Connect (on GKE the program creates one)",
            goesTo: "the KafkaConnect build's output image, `<imageRepository>/debezium-connect:<Debezium version>`",
            sample: { value: "registry.example.com/platform", base: ON_EXISTING_CLUSTER },
        }),
        pushSecret: optionalSetting({
            kind: objectName,
            doc: "on an existing cluster: a `kubernetes.io/dockerconfigjson` Secret in the Kafka namespace the Connect build pushes with (on GKE it pushes with Workload Identity)",
            goesTo: "the KafkaConnect build's output pushSecret",
            sample: { value: "connect-registry", base: ON_EXISTING_CLUSTER },
        }),
        pluginRepositoryUrl: optionalSetting({
            kind: text("https URL", /^https:\/\/\S+$/, "the https:// URL of the Maven repository the Connect build downloads Debezium from"),
            doc: "on an existing cluster: the Maven repository (Maven Central or a mirror of it) the Connect build downloads Debezium from; required there with Connect (on GKE the program creates a caching one)",
            goesTo: "the KafkaConnect build's plugin artifact URL",
            sample: { value: "https://mirror.example.com/maven2", base: ON_EXISTING_CLUSTER },
        }),
    },
});

export const MONITORING = section({
    key: "monitoring",
    title: "Monitoring",
    doc: "Scraping and alerts.",
    settings: {
        provider: setting({ kind: oneOf(["gmp", "prometheus-operator"] as const, "Google Managed Prometheus, or the Prometheus Operator"), default: "gmp", doc: "`gmp` (Google Managed Prometheus) or `prometheus-operator`", goesTo: "PodMonitoring and Rules, or PodMonitors and PrometheusRules", sample: { value: "prometheus-operator", shows: "monitoring.coreos.com" } }),
        lagThreshold: setting({ kind: integer(1), default: DESIGN.lagThreshold, doc: "consumer lag (records, per partition) that raises the lag alert", goesTo: "the lag alert rule's threshold", sample: { value: 5000 } }),
    },
});

export const CLIENTS = section({
    key: "clients",
    title: "Clients",
    doc: "What the platform publishes for the services that use it.",
    settings: {
        namespace: setting({ kind: namespaceName, default: "apps", doc: "where a group's client-settings ConfigMap goes unless the group names its own", goesTo: "the client-settings ConfigMaps' namespace", sample: { value: "services" } }),
        transactionalIds: setting({
            kind: mapOf(nonEmptyText, "service"),
            default: {},
            defaultDoc: "none",
            doc: "each transactional producer service's transactional id; required for every transactional producer",
            goesTo: "the producer's KafkaUser ACL on its transactional id",
            sample: { value: { "fsm-api": "fsm-api-transactions" } },
        }),
    },
});

/** Every section, in the order docs/configuration.md lists them. */
export const SECTIONS = [TOP_LEVEL, KUBERNETES, TOPIC_BACKEND_TLS, NETWORK, GKE, KAFKA, CONNECT, MONITORING, CLIENTS] as const;
