// The Strimzi Kafka custom resource of the design: brokers, listeners, storage, ZooKeeper and operators.
import { ConfigValue } from "../catalog";
import { DESIGN } from "../config/defaults";
import { readinessAnnotations } from "./readiness";
import { KAFKA_POOL_LABEL, KAFKA_POOL_TAINT, ZONE_LABEL } from "./scheduling";
import { STRIMZI_API_VERSION, strimziNames } from "./strimzi";

export const METRICS_CONFIG_MAP = "kafka-metrics";
export const LOGGING_CONFIG_MAP = "kafka-logging";

/** Label a pod needs (with the namespace label below) to reach the unauthenticated plain listener. */
export const PLAIN_LISTENER_CLIENT_LABEL = { key: "kafka-platform/plain-listener", value: "allowed" } as const;

export interface KafkaClusterSpecArgs {
    /** The Kafka resource's name, which prefixes everything Strimzi creates for it (the design's "production-kafka"). */
    name: string;
    /** Namespace of the cluster and its operators (the design's "kafka"). */
    namespace: string;
    /** Kafka version, one Strimzi 0.39.0 runs (the design's 3.6.0). */
    version: string;
    /** Broker count, a multiple of the zone count (the design's 6). */
    brokers: number;
    /** The zones brokers and ZooKeeper nodes spread over, one rack each. */
    zones: string[];
    /** Each broker's persistent volume (the design's "1000Gi"). */
    storageSize: string;
    /** StorageClass both the broker and ZooKeeper volumes claim (the design's "pd-ssd"). */
    storageClass: string;
    /** ZooKeeper nodes, odd (the design's 3). */
    zookeeperReplicas: number;
    /** Each ZooKeeper node's persistent volume (the design's "100Gi"). */
    zookeeperStorageSize: string;
    /** `spec.kafka.config`: the design's broker settings with the stack's overrides, none of them Strimzi-managed. */
    brokerConfig: Record<string, ConfigValue>;
    /** Port of the cross-region listener (internal load balancer) MirrorMaker 2 reads through; 9094 by default. */
    crossRegionListenerPort: number;
    /** Users allowed everything (the platform's own tooling), as Strimzi user names. */
    superUsers: string[];
}

export const LISTENERS = { plain: 9092, tls: 9093 } as const;

/** Internal load balancer reachable from other regions: the DR stack's MirrorMaker 2 reads through it. */
const CROSS_REGION_LB_ANNOTATIONS = {
    "networking.gke.io/load-balancer-type": "Internal",
    "networking.gke.io/internal-load-balancer-allow-global-access": "true",
};

function kafkaPoolScheduling(podName: string) {
    return {
        tolerations: [{ key: KAFKA_POOL_TAINT.key, operator: "Equal", value: KAFKA_POOL_TAINT.value, effect: KAFKA_POOL_TAINT.effect }],
        affinity: {
            nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [{ matchExpressions: [{ key: KAFKA_POOL_LABEL.key, operator: "In", values: [KAFKA_POOL_LABEL.value] }] }],
                },
            },
            // One broker per node: a node loss takes one replica, never two.
            podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { "strimzi.io/name": podName } }, topologyKey: "kubernetes.io/hostname" }],
            },
        },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { "strimzi.io/name": podName } } }],
    };
}

/** The Kafka custom resource. */
export function kafkaClusterResource(args: KafkaClusterSpecArgs) {
    const names = strimziNames(args.name);
    if (args.brokers % args.zones.length !== 0) throw new Error(`kafkaClusterResource: ${args.brokers} brokers cannot spread evenly over ${args.zones.length} zones`);
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "Kafka",
        metadata: { name: args.name, namespace: args.namespace, annotations: readinessAnnotations("kafka") },
        spec: {
            kafka: {
                version: args.version,
                replicas: args.brokers,
                listeners: [
                    {
                        name: "plain",
                        port: LISTENERS.plain,
                        type: "internal",
                        tls: false,
                        // Unauthenticated clients are ANONYMOUS, which no ACL names; the network policy keeps the port closed to all but labelled platform pods.
                        networkPolicyPeers: [{ podSelector: { matchLabels: { [PLAIN_LISTENER_CLIENT_LABEL.key]: PLAIN_LISTENER_CLIENT_LABEL.value } } }],
                    },
                    { name: "tls", port: LISTENERS.tls, type: "internal", tls: true, authentication: { type: "tls" } },
                    {
                        name: "xregion",
                        port: args.crossRegionListenerPort,
                        type: "loadbalancer",
                        tls: true,
                        authentication: { type: "scram-sha-512" },
                        configuration: { bootstrap: { annotations: CROSS_REGION_LB_ANNOTATIONS } },
                    },
                ],
                authorization: { type: "simple", superUsers: args.superUsers.map((u) => `CN=${u}`) },
                config: { ...args.brokerConfig },
                storage: { type: "persistent-claim", size: args.storageSize, class: args.storageClass, deleteClaim: false },
                resources: DESIGN.brokerResources,
                jvmOptions: DESIGN.brokerJvm,
                rack: { topologyKey: ZONE_LABEL },
                metricsConfig: { type: "jmxPrometheusExporter", valueFrom: { configMapKeyRef: { name: METRICS_CONFIG_MAP, key: "kafka-metrics-config.yml" } } },
                logging: { type: "external", valueFrom: { configMapKeyRef: { name: LOGGING_CONFIG_MAP, key: "log4j.properties" } } },
                template: {
                    pod: kafkaPoolScheduling(names.brokerPods),
                    podDisruptionBudget: { maxUnavailable: 1 },
                    perPodService: { metadata: { annotations: CROSS_REGION_LB_ANNOTATIONS } },
                },
            },
            zookeeper: {
                replicas: args.zookeeperReplicas,
                storage: { type: "persistent-claim", size: args.zookeeperStorageSize, class: args.storageClass, deleteClaim: false },
                resources: DESIGN.zookeeperResources,
                jvmOptions: DESIGN.zookeeperJvm,
                metricsConfig: { type: "jmxPrometheusExporter", valueFrom: { configMapKeyRef: { name: METRICS_CONFIG_MAP, key: "zookeeper-metrics-config.yml" } } },
                template: { pod: kafkaPoolScheduling(names.zookeeperPods), podDisruptionBudget: { maxUnavailable: 1 } },
            },
            entityOperator: {
                topicOperator: { resources: DESIGN.entityOperatorResources },
                userOperator: { resources: DESIGN.entityOperatorResources },
            },
            kafkaExporter: { topicRegex: DESIGN.exporter.topicRegex, groupRegex: DESIGN.exporter.groupRegex },
        },
    };
}
