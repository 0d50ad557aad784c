// Scraping and alerting for the brokers and Strimzi's Kafka Exporter, for Google Managed Prometheus or the Prometheus operator.
import { clusterLabel, strimziNames } from "./strimzi";

export type MonitoringProvider = "gmp" | "prometheus-operator";

export interface MonitoringSpecArgs {
    /** `gmp` (PodMonitoring and Rules) or `prometheus-operator` (PodMonitors and PrometheusRules); default in config "gmp". */
    provider: MonitoringProvider;
    /** Namespace of the Kafka pods scraped and of the rules. */
    namespace: string;
    /** The Strimzi Kafka cluster's name, which its pods' labels carry. */
    cluster: string;
    /** Broker count, below which the broker-down alert fires. */
    brokers: number;
    /** Records of lag on one partition that raise the lag alert (the design's 1000). */
    lagThreshold: number;
}

/** What to scrape: the brokers' JMX exporter and Strimzi's Kafka Exporter, both on their `tcp-prometheus` port (9404). */
const SCRAPE_TARGETS = [
    { name: "kafka-brokers", selector: (cluster: string) => ({ ...clusterLabel(cluster), "strimzi.io/kind": "Kafka", "strimzi.io/name": strimziNames(cluster).brokerPods }) },
    { name: "kafka-exporter", selector: (cluster: string) => ({ ...clusterLabel(cluster), "strimzi.io/kind": "Kafka", "strimzi.io/name": `${cluster}-kafka-exporter` }) },
] as const;

export function scrapeResources(args: MonitoringSpecArgs) {
    return SCRAPE_TARGETS.map((target) =>
        args.provider === "gmp"
            ? {
                  apiVersion: "monitoring.googleapis.com/v1",
                  kind: "PodMonitoring",
                  metadata: { name: target.name, namespace: args.namespace },
                  spec: { selector: { matchLabels: target.selector(args.cluster) }, endpoints: [{ port: "tcp-prometheus", interval: "30s" }] },
              }
            : {
                  apiVersion: "monitoring.coreos.com/v1",
                  kind: "PodMonitor",
                  metadata: { name: target.name, namespace: args.namespace },
                  spec: { selector: { matchLabels: target.selector(args.cluster) }, podMetricsEndpoints: [{ port: "tcp-prometheus", interval: "30s" }] },
              },
    );
}

/** The alert rules: the design's lag threshold, replication health and lost brokers. */
export function alertRuleGroups(args: MonitoringSpecArgs) {
    return [
        {
            name: "kafka-platform",
            interval: "30s",
            rules: [
                {
                    alert: "KafkaConsumerLagHigh",
                    // Per partition, as the design's lag script compared it: a sum over 96 partitions would fire at 11 records each.
                    expr: `max by (consumergroup, topic) (kafka_consumergroup_lag) > ${args.lagThreshold}`,
                    for: "10m",
                    labels: { severity: "warning" },
                    annotations: { summary: `Consumer group {{ $labels.consumergroup }} lags more than ${args.lagThreshold} records on a partition of {{ $labels.topic }}` },
                },
                {
                    alert: "KafkaUnderReplicatedPartitions",
                    expr: "sum(kafka_server_replicamanager_underreplicatedpartitions) > 0",
                    for: "5m",
                    labels: { severity: "critical" },
                    annotations: { summary: "Partitions are under-replicated: a broker is down or cannot keep up" },
                },
                {
                    alert: "KafkaOfflinePartitions",
                    expr: "sum(kafka_controller_kafkacontroller_offlinepartitionscount) > 0",
                    for: "1m",
                    labels: { severity: "critical" },
                    annotations: { summary: "Partitions have no leader: their records can be neither written nor read" },
                },
                {
                    alert: "KafkaBrokerDown",
                    // count() over no series is no data, which never fires: `or vector(0)` makes "no broker up" count as 0.
                    expr: `(count(up{pod=~"${args.cluster}-kafka-[0-9]+"} == 1) or vector(0)) < ${args.brokers}`,
                    for: "5m",
                    labels: { severity: "critical" },
                    annotations: { summary: `Fewer than ${args.brokers} brokers are up` },
                },
            ],
        },
    ];
}

export function alertRuleResource(args: MonitoringSpecArgs) {
    return args.provider === "gmp"
        ? { apiVersion: "monitoring.googleapis.com/v1", kind: "Rules", metadata: { name: "kafka-alerts", namespace: args.namespace }, spec: { groups: alertRuleGroups(args) } }
        : { apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: "kafka-alerts", namespace: args.namespace }, spec: { groups: alertRuleGroups(args) } };
}
