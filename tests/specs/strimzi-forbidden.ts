// Strimzi 0.39.0's forbidden broker config keys, written out independently of the code under test.
/**
 * Strimzi 0.39.0's forbidden prefixes for `spec.kafka.config` (ZooKeeper mode) and its exceptions
 * (KafkaClusterSpec.FORBIDDEN_PREFIXES / FORBIDDEN_PREFIX_EXCEPTIONS): the operator ignores these keys.
 */
export const STRIMZI_FORBIDDEN_PREFIXES = [
    "listeners", "advertised.", "broker.", "listener.", "host.name", "port", "inter.broker.listener.name", "sasl.", "ssl.", "security.",
    "password.", "log.dir", "zookeeper.connect", "zookeeper.set.acl", "zookeeper.ssl", "zookeeper.clientCnxnSocket", "authorizer.",
    "super.user", "cruise.control.metrics.topic", "cruise.control.metrics.reporter.bootstrap.servers", "node.id", "process.roles",
    "controller.", "metadata.log.dir", "zookeeper.metadata.migration.enable",
];
export const STRIMZI_FORBIDDEN_EXCEPTIONS = [
    "zookeeper.connection.timeout.ms", "sasl.server.max.receive.size", "ssl.cipher.suites", "ssl.protocol", "ssl.enabled.protocols",
    "ssl.secure.random.implementation", "cruise.control.metrics.topic.num.partitions", "cruise.control.metrics.topic.replication.factor",
    "cruise.control.metrics.topic.retention.ms", "cruise.control.metrics.topic.auto.create.retries",
    "cruise.control.metrics.topic.auto.create.timeout.ms", "cruise.control.metrics.topic.min.insync.replicas",
    "controller.quorum.election.backoff.max.ms", "controller.quorum.election.timeout.ms", "controller.quorum.fetch.timeout.ms",
];
