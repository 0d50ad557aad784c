// kafka-platform: a production Apache Kafka platform on Google Cloud (or an existing Kubernetes cluster), from the network to every topic.
import * as kubernetes from "@pulumi/kubernetes";
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
import * as args from "./platform/component-args";
import { DEPLOYED_TOPICS_OUTPUT, loadStackCatalog, planStackTopics, readDeployedTopics, reportWarnings } from "./platform/catalog";
import { readPrimaryStack } from "./platform/primary-stack";
import { checkTopicGuardrails } from "./platform/guardrails";
import { readPackConfig } from "./policy/local-run";
import { checkPlatformInputs, kafkaProviderFor, platformUsers, scramPasswordsOf } from "./platform/wiring";

export = async () => {
    // 1. Config, catalog, the guardrails and the last deployed state are checked in full before any resource is registered.
    const config = readPlatformConfig();
    const secrets = readSecrets(config);
    const catalog = loadStackCatalog(config);
    const primary = config.role === "dr" ? await readPrimaryStack(config) : undefined;
    const topicSpecs = checkPlatformInputs(config, catalog, primary);
    const guardrails = checkTopicGuardrails(config.stack, topicSpecs, readPackConfig(config.stack));
    const topicPlan = planStackTopics({ ...catalog, topics: topicSpecs }, await readDeployedTopics(config));
    const warnings = [...config.warnings, ...catalog.warnings, ...guardrails.warnings, ...topicPlan.warnings];
    reportWarnings(warnings);

    // 2. The ground: a private regional GKE cluster, SSD storage that outlives its claims and the Strimzi operator;
    //    or (kubernetes.cluster: existing) a cluster someone else runs, with its storage class and Strimzi installed.
    const gke = config.kubernetes.cluster === "gke" ? new GkeCluster(config.environment, args.gkeClusterArgs(config)) : undefined;
    const k8s = { providers: { kubernetes: gke?.provider ?? new kubernetes.Provider("existing-cluster", args.existingClusterProviderArgs(config)) } };
    const storage = gke && new StorageClasses("storage", args.storageClassesArgs(config), k8s);
    const strimzi = storage && new StrimziOperator("strimzi", args.strimziOperatorArgs(config), { ...k8s, dependsOn: [storage] });

    // 3. The Kafka cluster, then its topics and who may use them.
    const kafka = new KafkaCluster("kafka", args.kafkaClusterArgs(config, storage?.ssdClassName ?? config.kafka.storageClass), { ...k8s, dependsOn: strimzi ? [strimzi] : [] });
    const topics = new KafkaTopics("topics", {
        plan: topicPlan,
        backend: config.topicBackend,
        cluster: { name: kafka.clusterName, namespace: kafka.namespace },
        protect: config.protect,
        kubernetesProvider: k8s.providers.kubernetes,
        kafkaProvider: kafkaProviderFor(config),
        dependsOn: [kafka.kafka],
    }, k8s);
    new KafkaAccess("access", {
        cluster: { name: kafka.clusterName, namespace: kafka.namespace },
        users: platformUsers(config, catalog),
        scramPasswords: scramPasswordsOf(secrets),
        groups: catalog.groups,
        defaultClientNamespace: config.clients.namespace,
        bootstrap: kafka.bootstrap.tls,
        topicPartitions: Object.fromEntries(topicSpecs.map((t) => [t.name, t.partitions])),
        dependsOn: [kafka.kafka],
    }, k8s);

    // 4. Services around Kafka: change data capture, schemas, monitoring and logs.
    if (config.connect.enabled && secrets.cdcDatabasePassword) {
        const registry = gke ? new ConnectImageRegistry("connect-images", args.connectImageRegistryArgs(config, gke.cluster)) : args.configuredConnectImageTarget(config);
        new KafkaConnectCluster("connect", { ...args.kafkaConnectArgs(config, kafka.bootstrap.tls, registry, secrets.cdcDatabasePassword), dependsOn: [kafka, topics] }, k8s);
    }
    const schemaRegistry = new SchemaRegistry("schema-registry", { ...args.schemaRegistryArgs(config, kafka.bootstrap.tls), dependsOn: [kafka, topics] }, k8s);
    new Monitoring("monitoring", { ...args.monitoringArgs(config), dependsOn: [kafka] }, k8s);
    const logs = gke && new LogBucket("kafka-logs", args.logBucketArgs(config, gke.cluster.name));

    // 5. In the DR stack: the network path to the primary and MirrorMaker 2 pulling from it.
    if (primary) {
        const drCluster = { name: kafka.clusterName, namespace: kafka.namespace, bootstrapTls: kafka.bootstrap.tls };
        new DisasterRecovery("dr", args.disasterRecoveryArgs(config, catalog, primary, { networkSelfLink: gke?.network.selfLink, kafka: drCluster, waitFor: { cluster: kafka, topics } }), k8s);
    }

    return {
        kafkaBootstrap: kafka.bootstrap,
        clusterCaCertificate: kafka.clusterCaCertificate,
        kubeconfig: gke?.kubeconfig,
        networkSelfLink: gke?.network.selfLink,
        kafkaNodeTag: gke?.kafkaNodeTag,
        networkRanges: gke && config.network,
        logBucket: logs?.bucketName,
        schemaRegistryUrl: schemaRegistry.url,
        catalogTopics: topicSpecs.map(({ name, partitions, replicationFactor, config: settings }) => ({ name, partitions, replicationFactor, config: settings })),
        mirrorMakerPassword: secrets.mirrorMakerPassword,
        [DEPLOYED_TOPICS_OUTPUT]: topics.deployedTopics,
        warnings,
    };
};
