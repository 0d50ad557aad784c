// The design document's values, used wherever a stack's config does not say otherwise.

/** The design's broker settings, less `fetch.message.max.bytes` (a setting of the old Scala consumer, not of brokers). */
export const DESIGN_BROKER_CONFIG = {
    "num.network.threads": 8,
    "num.io.threads": 16,
    "socket.send.buffer.bytes": 1048576,
    "socket.receive.buffer.bytes": 1048576,
    "socket.request.max.bytes": 104857600,
    "log.retention.hours": 168,
    "log.segment.bytes": 1073741824,
    "log.retention.check.interval.ms": 300000,
    "default.replication.factor": 3,
    "min.insync.replicas": 2,
    "replica.lag.time.max.ms": 30000,
    "num.replica.fetchers": 4,
    "unclean.leader.election.enable": false,
    "auto.leader.rebalance.enable": true,
    "leader.imbalance.check.interval.seconds": 300,
    "compression.type": "lz4",
    "offsets.topic.replication.factor": 3,
    "transaction.state.log.replication.factor": 3,
    "transaction.state.log.min.isr": 2,
    "num.partitions": 12,
    "auto.create.topics.enable": false,
    "message.max.bytes": 10485760,
    "replica.fetch.max.bytes": 10485760,
    "max.connections.per.ip": 1000,
} as const;

/** Broker settings the catalog checks against when the broker config leaves them at Kafka's defaults. */
export const KAFKA_BROKER_DEFAULTS = {
    "message.max.bytes": 1048588,
    "group.min.session.timeout.ms": 6000,
    "group.max.session.timeout.ms": 1800000,
} as const;

/** Zones of the Google Cloud regions the platform knows; a region's zones can also be set with `zones`. */
export const REGION_ZONES: Readonly<Record<string, readonly string[]>> = {
    "europe-west1": ["b", "c", "d"],
    "europe-west2": ["a", "b", "c"],
    "europe-west3": ["a", "b", "c"],
    "europe-west4": ["a", "b", "c"],
    "europe-west6": ["a", "b", "c"],
    "europe-west8": ["a", "b", "c"],
    "europe-west9": ["a", "b", "c"],
    "europe-north1": ["a", "b", "c"],
    "europe-central2": ["a", "b", "c"],
    "europe-southwest1": ["a", "b", "c"],
    "us-central1": ["a", "b", "c", "f"],
    "us-east1": ["b", "c", "d"],
    "us-east4": ["a", "b", "c"],
    "us-east5": ["a", "b", "c"],
    "us-west1": ["a", "b", "c"],
    "us-west2": ["a", "b", "c"],
    "us-west4": ["a", "b", "c"],
    "northamerica-northeast1": ["a", "b", "c"],
    "asia-east1": ["a", "b", "c"],
    "asia-northeast1": ["a", "b", "c"],
    "asia-southeast1": ["a", "b", "c"],
    "australia-southeast1": ["a", "b", "c"],
    "southamerica-east1": ["a", "b", "c"],
};

export const DESIGN = {
    kafkaVersion: "3.6.0",
    clusterName: "production-kafka",
    namespace: "kafka",
    brokers: 6,
    brokerStorageSize: "1000Gi",
    zookeeperReplicas: 3,
    zookeeperStorageSize: "100Gi",
    storageClass: "pd-ssd",
    brokerResources: { requests: { memory: "8Gi", cpu: "4" }, limits: { memory: "16Gi", cpu: "8" } },
    brokerJvm: { "-Xms": "4096m", "-Xmx": "8192m" },
    zookeeperResources: { requests: { memory: "2Gi", cpu: "1" }, limits: { memory: "4Gi", cpu: "2" } },
    zookeeperJvm: { "-Xms": "1024m", "-Xmx": "2048m" },
    entityOperatorResources: { requests: { memory: "512Mi", cpu: "0.5" }, limits: { memory: "1Gi", cpu: "1" } },
    exporter: { topicRegex: ".*", groupRegex: ".*" },
    connect: {
        name: "debezium-connect-cluster",
        replicas: 3,
        resources: { requests: { memory: "2Gi", cpu: "1000m" }, limits: { memory: "4Gi", cpu: "2000m" } },
        debeziumVersion: "2.4.0.Final",
    },
    schemaRegistry: {
        image: "confluentinc/cp-schema-registry:7.5.0",
        replicas: 3,
        // The design's 1000m in the canonical form the API server stores a Deployment's quantities in, so the
        // render shows what the cluster holds (Strimzi's custom resources keep quantities as written).
        resources: { requests: { memory: "1Gi", cpu: "500m" }, limits: { memory: "2Gi", cpu: "1" } },
    },
    lagThreshold: 1000,
} as const;
