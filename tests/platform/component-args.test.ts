// Tests how the checked stack config becomes each component's arguments: every setting a deployer writes reaches the component that uses it.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PlatformConfig } from "../../config";
import * as args from "../../platform/component-args";
import { PrimaryStack } from "../../platform/primary-stack";
import { KafkaUserSpec } from "../../specs/kafka-users";
import { MIRROR_TARGET_TOPICS, mirroredTopicNames } from "../../specs/mirror-maker";
import { repoCatalog, stackConfig } from "../specs/stack-fixtures";

/** The prod stack's config with some sections changed, as another stack file would give it. */
function prodWith(change: (config: PlatformConfig) => Partial<PlatformConfig>): PlatformConfig {
    const prod = stackConfig("prod");
    return { ...prod, ...change(prod) };
}

/** The DR stack's view of a primary, with plain values where the program would read Outputs. */
const primary = (): PrimaryStack => ({
    catalogTopics: [],
    crossRegionBootstrap: pulumi.output("10.10.0.5:9094"),
    clusterCaCertificate: pulumi.output("primary CA"),
    mirrorMakerPassword: pulumi.secret("mm2 password"),
    networkSelfLink: pulumi.output("projects/fsm-platform-prod/global/networks/kafka-prod"),
    kafkaNodeTag: pulumi.output("kafka-prod-kafka"),
    networkRanges: pulumi.output(stackConfig("prod").network),
    mirrorMakerTargetUser: "mirror-maker-2",
});

const aclNames = (user: KafkaUserSpec, type: string) => user.acls.filter((a) => a.resource.type === type).map((a) => a.resource.name);

describe("the stack config as component arguments (platform/component-args)", () => {
    it("builds the prod GKE cluster from Pulumi.prod.yaml: its name, region, zones, ranges, pools, maintenance window and labels", () => {
        const prod = stackConfig("prod");
        assert.deepStrictEqual(args.gkeClusterArgs(prod), {
            project: "fsm-platform-prod",
            region: "europe-west1",
            zones: ["europe-west1-b", "europe-west1-c", "europe-west1-d"],
            cidrs: { nodes: prod.network.subnetCidr, pods: prod.network.podsCidr, services: prod.network.servicesCidr, master: prod.network.masterCidr },
            clusterName: "kafka-prod",
            masterAuthorizedNetworks: [],
            releaseChannel: "REGULAR",
            maintenanceWindow: { dailyStartTime: "03:00" },
            kafkaPool: { machineType: "n2-standard-8", nodesPerZone: 2 },
            kafkaWorkload: { brokers: 6, brokerRequests: { memory: "8Gi", cpu: "4" }, zookeeperReplicas: 3, zookeeperRequests: { memory: "2Gi", cpu: "1" } },
            generalPool: { machineType: prod.gke.generalMachineType, minNodesPerZone: prod.gke.generalMinNodesPerZone, maxNodesPerZone: prod.gke.generalMaxNodesPerZone },
            protect: true,
            labels: { environment: "prod", component: "kafka" },
        });
    });

    it("admits each configured CIDR to the GKE control plane, named by itself", () => {
        const config = prodWith((c) => ({ gke: { ...c.gke, masterAuthorizedNetworks: ["203.0.113.0/24", "198.51.100.7/32"] } }));
        assert.deepStrictEqual(args.gkeClusterArgs(config).masterAuthorizedNetworks, [
            { cidrBlock: "203.0.113.0/24", displayName: "203.0.113.0/24" },
            { cidrBlock: "198.51.100.7/32", displayName: "198.51.100.7/32" },
        ]);
    });

    it("names the SSD storage class and installs the pinned Strimzi release into the Kafka namespace", () => {
        const prod = stackConfig("prod");
        assert.deepStrictEqual(args.storageClassesArgs(prod), { ssdClassName: "pd-ssd" });
        assert.deepStrictEqual(args.strimziOperatorArgs(prod), { namespace: "kafka", chartVersion: "0.39.0" });
    });

    it("sizes the Kafka cluster from the stack's kafka section, on the given storage class, with no super user", () => {
        const prod = stackConfig("prod");
        assert.deepStrictEqual(args.kafkaClusterArgs(prod, "ssd-retained"), {
            name: "production-kafka",
            namespace: "kafka",
            version: "3.6.0",
            brokers: 6,
            zones: prod.zones,
            storageSize: "1000Gi",
            storageClass: "ssd-retained",
            zookeeperReplicas: 3,
            zookeeperStorageSize: "100Gi",
            brokerConfig: prod.kafka.brokerConfig,
            crossRegionListenerPort: 9094,
            superUsers: [],
            protect: true,
        });
    });

    it("points Debezium at the configured PostgreSQL database", () => {
        assert.deepStrictEqual(args.cdcDatabaseOf(stackConfig("prod")), { host: "postgres.fsm.internal", port: 5432, user: "debezium", name: "fsm" });
    });

    it("gives empty database fields, never undefined, to a stack that sets none (DR, without Connect)", () => {
        assert.deepStrictEqual(args.cdcDatabaseOf(stackConfig("dr")), { host: "", port: 5432, user: "", name: "" });
    });

    it("builds Connect's image into an existing cluster's configured repositories, with its push secret", () => {
        const config = prodWith((c) => ({ connect: { ...c.connect, imageRepository: "registry.example.com/kafka", pluginRepositoryUrl: "https://plugins.example.com/maven", pushSecret: "registry-push" } }));
        assert.deepStrictEqual(args.configuredConnectImageTarget(config), { imageRepository: "registry.example.com/kafka", pluginRepositoryUrl: "https://plugins.example.com/maven", pushSecret: "registry-push" });
        assert.deepStrictEqual(args.configuredConnectImageTarget(stackConfig("prod")), { imageRepository: "", pluginRepositoryUrl: "", pushSecret: undefined });
    });

    it("reaches an existing cluster through the deployer's kubeconfig, at the configured context when one is set", () => {
        const config = prodWith((c) => ({ kubernetes: { ...c.kubernetes, cluster: "existing", context: "staging-admin" } }));
        assert.deepStrictEqual(args.existingClusterProviderArgs(config), { context: "staging-admin" });
        assert.deepStrictEqual(args.existingClusterProviderArgs(prodWith((c) => ({ kubernetes: { ...c.kubernetes, cluster: "existing" } }))), {});
    });

    it("gives the Connect build on GKE a per-environment Google service account, bound to Connect's build service account in the Kafka namespace", () => {
        const cluster = {} as pulumi.Resource;
        assert.deepStrictEqual(args.connectImageRegistryArgs(stackConfig("prod"), cluster), {
            project: "fsm-platform-prod",
            region: "europe-west1",
            kubernetesServiceAccount: "debezium-connect-cluster-connect-build",
            namespace: "kafka",
            buildServiceAccountId: "prod-connect-build",
            cluster,
        });
    });

    it("runs Kafka Connect as its own user against the cluster's CA, with the image target and the database it was given", () => {
        const password = pulumi.secret("cdc password");
        const registry: args.ConnectImageTarget = { imageRepository: "europe-west1-docker.pkg.dev/fsm-platform-prod/connect", pluginRepositoryUrl: "https://plugins.example.com", buildServiceAccountEmail: "build@fsm.iam", pushSecret: "push" };
        assert.deepStrictEqual(args.kafkaConnectArgs(stackConfig("prod"), "production-kafka-kafka-bootstrap.kafka.svc:9093", registry, password), {
            name: "debezium-connect-cluster",
            namespace: "kafka",
            kafkaVersion: "3.6.0",
            bootstrapTls: "production-kafka-kafka-bootstrap.kafka.svc:9093",
            clusterCaSecret: "production-kafka-cluster-ca-cert",
            userName: "debezium-connect-cluster",
            imageRepository: registry.imageRepository,
            pluginRepositoryUrl: registry.pluginRepositoryUrl,
            buildServiceAccountEmail: "build@fsm.iam",
            pushSecret: "push",
            database: { host: "postgres.fsm.internal", port: 5432, user: "debezium", name: "fsm" },
            databasePassword: password,
        });
    });

    it("serves schemas read-write on the primary and read-only on DR, which takes no writes until failover", () => {
        const bootstrap = "production-kafka-kafka-bootstrap.kafka.svc:9093";
        assert.deepStrictEqual(args.schemaRegistryArgs(stackConfig("prod"), bootstrap), { namespace: "kafka", bootstrapTls: bootstrap, clusterCaSecret: "production-kafka-cluster-ca-cert", userName: "schema-registry", readOnly: false });
        assert.strictEqual(args.schemaRegistryArgs(stackConfig("dr"), bootstrap).readOnly, true);
    });

    it("watches the stack's brokers with the configured provider and lag threshold, and keeps logs in the stack's project and region", () => {
        const prod = stackConfig("prod");
        assert.deepStrictEqual(args.monitoringArgs(prod), { provider: "gmp", namespace: "kafka", cluster: "production-kafka", brokers: 6, lagThreshold: 1000 });
        assert.deepStrictEqual(args.logBucketArgs(prod, "kafka-prod"), { project: "fsm-platform-prod", environment: "prod", region: "europe-west1", clusterName: "kafka-prod", namespace: "kafka", protect: true });
    });

    it("wires DR to the primary: peering with the DR network, the primary's listener port, and mirror patterns of exactly the catalog", () => {
        const dr = stackConfig("dr");
        const catalog = repoCatalog(dr);
        const waitFor = { cluster: {} as pulumi.Resource, topics: {} as pulumi.Resource };
        const kafka = { name: "production-kafka", namespace: "kafka", bootstrapTls: "production-kafka-kafka-bootstrap.kafka.svc:9093" };
        const thePrimary = primary();
        const wired = args.disasterRecoveryArgs(dr, catalog, thePrimary, { networkSelfLink: "projects/fsm-platform-prod/global/networks/kafka-dr", kafka, waitFor });
        assert.strictEqual(wired.primary, thePrimary);
        assert.deepStrictEqual(wired.network, { selfLink: "projects/fsm-platform-prod/global/networks/kafka-dr", ranges: dr.network });
        assert.strictEqual(wired.crossRegionListenerPort, 9094);
        assert.deepStrictEqual(wired.cluster, { ...kafka, version: "3.6.0" });
        assert.strictEqual(wired.monitoringProvider, "gmp");
        assert.strictEqual(wired.waitFor, waitFor);
        const topics = wired.topicsPattern.split("|");
        assert.ok(topics.includes("task\\.events") && topics.includes("_schemas"), wired.topicsPattern);
        assert.deepStrictEqual(wired.groupsPattern.split("|").map((g) => g.replace(/\\/g, "")).sort(), catalog.groups.map((g) => g.groupId).sort());
    });

    it("leaves the network path out of DR on an existing cluster, which has no GKE network to peer", () => {
        const dr = stackConfig("dr");
        const kafka = { name: "production-kafka", namespace: "kafka", bootstrapTls: "b:9093" };
        const wired = args.disasterRecoveryArgs(dr, repoCatalog(dr), primary(), { kafka, waitFor: { cluster: {} as pulumi.Resource, topics: {} as pulumi.Resource } });
        assert.strictEqual(wired.network, undefined);
    });

    it("lets DR's MirrorMaker user write every mirrored topic and group, its Connect group and its own topics, and nothing else", () => {
        const dr = stackConfig("dr");
        const catalog = repoCatalog(dr);
        const wired = args.disasterRecoveryArgs(dr, catalog, { ...primary(), mirrorMakerTargetUser: "mm2-dr-writer" }, { kafka: { name: "k", namespace: "kafka", bootstrapTls: "b:9093" }, waitFor: { cluster: {} as pulumi.Resource, topics: {} as pulumi.Resource } });
        assert.strictEqual(wired.targetUser.name, "mm2-dr-writer");
        assert.deepStrictEqual(aclNames(wired.targetUser, "topic").sort(), [...mirroredTopicNames(catalog), ...Object.values(MIRROR_TARGET_TOPICS)].sort());
        assert.deepStrictEqual(aclNames(wired.targetUser, "group").sort(), [...catalog.groups.map((g) => g.groupId), "mirrormaker2-cluster"].sort());
    });

    it("lets MirrorMaker carry the largest record any mirrored topic accepts, or the stack's message.max.bytes when none sets its own", () => {
        const dr = stackConfig("dr");
        const catalog = repoCatalog(dr);
        const target = { kafka: { name: "k", namespace: "kafka", bootstrapTls: "b:9093" }, waitFor: { cluster: {} as pulumi.Resource, topics: {} as pulumi.Resource } };
        const plain = { ...catalog, topics: catalog.topics.map((t) => ({ ...t, config: { ...t.config, "max.message.bytes": undefined as unknown as number } })) };
        assert.strictEqual(args.disasterRecoveryArgs(dr, plain, primary(), target).largestRecordBytes, 10_485_760, "the design's message.max.bytes");
        const smallerBrokers = { ...dr, kafka: { ...dr.kafka, brokerConfig: { ...dr.kafka.brokerConfig, "message.max.bytes": 2_097_152 } } };
        assert.strictEqual(args.disasterRecoveryArgs(smallerBrokers, plain, primary(), target).largestRecordBytes, 2_097_152);
        const big = { ...plain, topics: [...plain.topics, { ...plain.topics[0], name: "blobs.uploaded", config: { "max.message.bytes": 16_777_216 } }] };
        assert.strictEqual(args.disasterRecoveryArgs(dr, big, primary(), target).largestRecordBytes, 16_777_216);
    });
});
