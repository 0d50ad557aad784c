// Strimzi 0.39.0's conventions, in one place: its API version, the names it gives what it creates, its labels and the broker keys it manages itself.

export const STRIMZI_VERSION = "0.39.0";
export const STRIMZI_API_VERSION = "kafka.strimzi.io/v1beta2";

/** Kafka versions Strimzi 0.39.0 can run. */
export const STRIMZI_KAFKA_VERSIONS = ["3.5.0", "3.5.1", "3.5.2", "3.6.0", "3.6.1"] as const;

/** The label that ties a KafkaTopic, KafkaUser, KafkaConnector or node pool to its Kafka (or Connect) cluster. */
export function clusterLabel(cluster: string): { "strimzi.io/cluster": string } {
    return { "strimzi.io/cluster": cluster };
}

/** Strimzi's names for what it creates from a Kafka resource. */
export function strimziNames(cluster: string) {
    return {
        bootstrapService: `${cluster}-kafka-bootstrap`,
        clusterCaSecret: `${cluster}-cluster-ca-cert`,
        brokerPods: `${cluster}-kafka`,
        zookeeperPods: `${cluster}-zookeeper`,
        crossRegionBootstrapService: `${cluster}-kafka-xregion-bootstrap`,
    };
}

/** The Service account Strimzi runs a KafkaConnect's image build under. */
export function connectBuildServiceAccount(connectCluster: string): string {
    return `${connectCluster}-connect-build`;
}

// Strimzi's forbidden prefixes for spec.kafka.config (ZooKeeper mode), with its exceptions.
const FORBIDDEN_BROKER_PREFIXES = ["listeners", "advertised.", "broker.", "listener.", "host.name", "port", "inter.broker.listener.name", "sasl.", "ssl.", "security.", "password.", "log.dir", "zookeeper.connect", "zookeeper.set.acl", "zookeeper.ssl", "zookeeper.clientcnxnsocket", "authorizer.", "super.user", "cruise.control.metrics.topic", "cruise.control.metrics.reporter.bootstrap.servers", "node.id", "process.roles", "controller.", "metadata.log.dir", "zookeeper.metadata.migration.enable"];
const FORBIDDEN_BROKER_EXCEPTIONS = ["zookeeper.connection.timeout.ms", "sasl.server.max.receive.size", "ssl.cipher.suites", "ssl.protocol", "ssl.enabled.protocols", "ssl.secure.random.implementation", "cruise.control.metrics.topic.num.partitions", "cruise.control.metrics.topic.replication.factor", "cruise.control.metrics.topic.retention.ms", "cruise.control.metrics.topic.auto.create.retries", "cruise.control.metrics.topic.auto.create.timeout.ms", "cruise.control.metrics.topic.min.insync.replicas", "controller.quorum.election.backoff.max.ms", "controller.quorum.election.timeout.ms", "controller.quorum.fetch.timeout.ms"];

/** True for a broker key Strimzi manages itself and drops from the Kafka resource's config. */
export function isForbiddenBrokerKey(key: string): boolean {
    return FORBIDDEN_BROKER_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix)) && !FORBIDDEN_BROKER_EXCEPTIONS.includes(key);
}
