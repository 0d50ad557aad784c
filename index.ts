// kafka-platform: a production Apache Kafka platform on Google Cloud, from the network to every topic.
import { readPlatformConfig, readSecrets } from "./config";
import { GkeCluster } from "./components/gke-cluster";
import { StorageClasses } from "./components/storage-classes";
import { StrimziOperator } from "./components/strimzi-operator";
import { KafkaCluster } from "./components/kafka-cluster";
import { KafkaTopics } from "./components/kafka-topics";
import { KafkaAccess } from "./components/kafka-access";
import { ConnectImageRegistry } from "./components/connect-registry";
import { KafkaConnectCluster } from "./components/kafka-connect";
import { SchemaRegistry } from "./components/schema-registry";
import { Monitoring } from "./components/monitoring";
import { LogBucket } from "./components/log-bucket";
import { DisasterRecovery } from "./components/disaster-recovery";
import { checkPlatformInputs, kafkaProviderFor, kafkaWorkloadOf, platformUsers } from "./platform/wiring";
import { DEPLOYED_TOPICS_OUTPUT, loadStackCatalog, planStackTopics, readDeployedTopics, reportWarnings } from "./platform/catalog";
import { readPrimaryStack } from "./platform/primary-stack";

export = async () => {
    // 1. Config, catalog and the last deployed state are checked in full before any resource is registered.
    const config = readPlatformConfig();
    const secrets = readSecrets(config);
    const catalog = loadStackCatalog(config);
    const primary = config.role === "dr" ? await readPrimaryStack(config) : undefined;
    const { topics: topicSpecs, warnings: inputWarnings } = checkPlatformInputs(config, catalog, primary);
    const topicPlan = planStackTopics({ ...catalog, topics: topicSpecs }, await readDeployedTopics(config));
    const warnings = [...catalog.warnings, ...inputWarnings, ...topicPlan.warnings];
    reportWarnings(warnings);

    // 2. The ground: a private regional GKE cluster and SSD storage that outlives its claims.
    const gke = new GkeCluster(config.environment, {
        project: config.project,
        region: config.region,
        zones: config.zones,
        cidrs: { nodes: config.network.subnetCidr, pods: config.network.podsCidr, services: config.network.servicesCidr, master: config.network.masterCidr },
        clusterName: `kafka-${config.environment}`,
        masterAuthorizedNetworks: config.gke.masterAuthorizedNetworks.map((cidrBlock) => ({ cidrBlock, displayName: cidrBlock })),
        releaseChannel: config.gke.releaseChannel,
        maintenanceWindow: { dailyStartTime: config.gke.maintenanceStartTime },
        kafkaPool: { machineType: config.gke.kafkaMachineType, nodesPerZone: config.gke.kafkaNodesPerZone },
        kafkaWorkload: kafkaWorkloadOf(config),
        generalPool: { machineType: config.gke.generalMachineType, minNodesPerZone: config.gke.generalMinNodesPerZone, maxNodesPerZone: config.gke.generalMaxNodesPerZone },
        protect: config.protect,
        labels: { environment: config.environment, component: "kafka" },
    });
    const k8sOpts = { providers: { kubernetes: gke.provider } };
    const storage = new StorageClasses("storage", {}, k8sOpts);

    // 3. Strimzi and the Kafka cluster, then its topics and who may use them.
    const strimzi = new StrimziOperator("strimzi", { namespace: config.kafka.namespace, chartVersion: config.strimziChartVersion }, { ...k8sOpts, dependsOn: [storage] });
    const kafka = new KafkaCluster("kafka", {
        name: config.kafka.clusterName,
        namespace: config.kafka.namespace,
        version: config.kafka.version,
        brokers: config.kafka.brokers,
        zones: config.zones,
        storageSize: config.kafka.storageSize,
        storageClass: storage.ssdClassName,
        zookeeperReplicas: config.kafka.zookeeperReplicas,
        zookeeperStorageSize: config.kafka.zookeeperStorageSize,
        brokerConfig: config.kafka.brokerConfig,
        crossRegionListenerPort: config.kafka.crossRegionListenerPort,
        superUsers: primary ? [primary.mirrorMakerTargetUser] : [],
        protect: config.protect,
    }, { ...k8sOpts, dependsOn: [strimzi] });
    const topics = new KafkaTopics("topics", {
        plan: topicPlan,
        backend: config.topicBackend,
        cluster: { name: kafka.clusterName, namespace: kafka.namespace },
        protect: config.protect,
        kubernetesProvider: gke.provider,
        kafkaProvider: kafkaProviderFor(config),
        dependsOn: [kafka.kafka],
    }, k8sOpts);
    new KafkaAccess("access", {
        cluster: { name: kafka.clusterName, namespace: kafka.namespace },
        users: platformUsers(config, catalog, topicSpecs),
        scramPasswords: secrets.mirrorMakerPassword ? { "mirror-maker-2": secrets.mirrorMakerPassword } : {},
        groups: catalog.groups,
        defaultClientNamespace: config.clients.namespace,
        bootstrap: kafka.bootstrap.tls,
        dependsOn: [kafka.kafka],
    }, k8sOpts);

    // 4. Services around Kafka: change data capture, schemas, monitoring and logs.
    if (config.connect.enabled && secrets.cdcDatabasePassword) {
        const registry = new ConnectImageRegistry("connect-images", {
            project: config.project,
            region: config.region,
            kubernetesServiceAccount: "debezium-connect-cluster-connect-build",
            namespace: config.kafka.namespace,
            buildServiceAccountId: `${config.environment}-connect-build`,
            cluster: gke.cluster,
        });
        new KafkaConnectCluster("connect", {
            name: "debezium-connect-cluster",
            namespace: kafka.namespace,
            kafkaVersion: config.kafka.version,
            bootstrapTls: kafka.bootstrap.tls,
            clusterCaSecret: `${kafka.clusterName}-cluster-ca-cert`,
            userName: "debezium-connect-cluster",
            image: registry.imageRepository,
            pluginRepositoryUrl: config.connect.pluginRepositoryUrl,
            buildServiceAccountEmail: registry.buildServiceAccountEmail,
            database: config.connect.database,
            databasePassword: secrets.cdcDatabasePassword,
            dependsOn: [kafka, topics],
        }, k8sOpts);
    }
    const schemaRegistry = new SchemaRegistry("schema-registry", {
        namespace: kafka.namespace,
        bootstrapTls: kafka.bootstrap.tls,
        clusterCaSecret: `${kafka.clusterName}-cluster-ca-cert`,
        userName: "schema-registry",
        readOnly: config.role === "dr",
        dependsOn: [kafka, topics],
    }, k8sOpts);
    new Monitoring("monitoring", { provider: config.monitoring.provider, namespace: kafka.namespace, cluster: kafka.clusterName, brokers: config.kafka.brokers, lagThreshold: config.monitoring.lagThreshold, dependsOn: [kafka] }, k8sOpts);
    const logs = new LogBucket("kafka-logs", { project: config.project, environment: config.environment, region: config.region, clusterName: gke.cluster.name, namespace: kafka.namespace, protect: config.protect });

    // 5. In the DR stack: the network path to the primary and MirrorMaker 2 pulling from it.
    if (primary) new DisasterRecovery("dr", { config, catalog, primary, gke, kafka, topics }, k8sOpts);

    return {
        kafkaBootstrap: kafka.bootstrap,
        clusterCaCertificate: kafka.clusterCaCertificate,
        kubeconfig: gke.kubeconfig,
        networkSelfLink: gke.network.selfLink,
        kafkaNodeTag: gke.kafkaNodeTag,
        networkRanges: config.network,
        logBucket: logs.bucketName,
        schemaRegistryUrl: schemaRegistry.url,
        catalogTopics: topicSpecs.map(({ name, partitions, replicationFactor, config: settings }) => ({ name, partitions, replicationFactor, config: settings })),
        mirrorMakerPassword: secrets.mirrorMakerPassword,
        [DEPLOYED_TOPICS_OUTPUT]: topics.deployedTopics,
        warnings,
    };
};
