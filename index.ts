// kafka-platform: a production Apache Kafka platform on Google Cloud, from the network to every topic.
import { readPlatformConfig } from "./config";
import { KafkaTopics } from "./components/kafka-topics";
import { DEPLOYED_TOPICS_OUTPUT, loadStackCatalog, planStackTopics, readDeployedTopics, reportWarnings } from "./platform/catalog";

export = async () => {
    // Config and catalog are checked in full before any resource is registered.
    const config = readPlatformConfig();
    const catalog = loadStackCatalog(config);
    const topicPlan = planStackTopics(catalog, await readDeployedTopics(config));
    const warnings = [...catalog.warnings, ...topicPlan.warnings];
    reportWarnings(warnings);

    const topics = new KafkaTopics("topics", {
        plan: topicPlan,
        backend: config.topicBackend,
        cluster: { name: config.kafka.clusterName, namespace: config.kafka.namespace },
        protect: config.protect,
    });

    return {
        [DEPLOYED_TOPICS_OUTPUT]: topics.deployedTopics,
        warnings,
    };
};
