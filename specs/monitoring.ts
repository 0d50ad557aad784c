// Scraping and alerting for the brokers, Strimzi's Kafka Exporter and MirrorMaker 2, for Google Managed Prometheus or the Prometheus operator.
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

/** What MirrorMaker 2's pods export: Connect's task health and MirrorMaker's replication and checkpoint metrics. */
export function mirrorMakerMetricsConfig(): string {
    // Connect registers connector names quoted when they hold characters such as ">" ("primary->dr.MirrorSourceConnector").
    return `lowercaseOutputName: true
lowercaseOutputLabelNames: true
rules:
  - pattern: 'kafka.connect<type=connect-worker-metrics, connector=(.+)><>([a-z-]+)'
    name: kafka_connect_worker_$2
    labels:
      connector: "$1"
  - pattern: 'kafka.connect<type=connect-worker-metrics><>([a-z-]+)'
    name: kafka_connect_worker_$1
  - pattern: 'kafka.connect<type=connector-task-metrics, connector=(.+), task=(.+)><>status: ([a-z-]+)'
    name: kafka_connect_connector_task_status
    value: 1
    labels:
      connector: "$1"
      task: "$2"
      status: "$3"
  - pattern: 'kafka.connect<type=source-task-metrics, connector=(.+), task=(.+)><>(source-record-[a-z-]+)'
    name: kafka_connect_source_task_$3
    labels:
      connector: "$1"
      task: "$2"
  - pattern: 'kafka.connect.mirror<type=MirrorSourceConnector, target=(.+), topic=(.+), partition=([0-9]+)><>([a-z-]+)'
    name: kafka_connect_mirror_source_connector_$4
    labels:
      target: "$1"
      topic: "$2"
      partition: "$3"
  - pattern: 'kafka.connect.mirror<type=MirrorCheckpointConnector, source=(.+), target=(.+), group=(.+), topic=(.+), partition=([0-9]+)><>([a-z-]+)'
    name: kafka_connect_mirror_checkpoint_connector_$6
    labels:
      source: "$1"
      target: "$2"
      group: "$3"
      topic: "$4"
      partition: "$5"
`;
}

export interface MirrorMonitoringArgs {
    provider: MonitoringProvider;
    namespace: string;
    /** The KafkaMirrorMaker2 resource's name. */
    mirror: string;
}

/** Replication latency that stops a failover from being near-lossless: records older than this would be lost. */
export const MIRROR_LATENCY_ALERT_MS = 30000;
/** How long records may arrive with no group offset checkpointed before a failover would replay too much. */
export const MIRROR_CHECKPOINT_MAX_AGE = "15m";

/** The mirror's alerts: failed or missing tasks, replication latency and the age of the last checkpoint. */
export function mirrorAlertRuleGroups(args: MirrorMonitoringArgs) {
    const connector = (kind: string) => `connector=~".*${kind}.*"`;
    const written = (kind: string) => `sum(increase(kafka_connect_source_task_source_record_write_total{${connector(kind)}}[${MIRROR_CHECKPOINT_MAX_AGE}]))`;
    return [
        {
            name: "kafka-mirror-maker",
            interval: "30s",
            rules: [
                {
                    alert: "MirrorMakerTaskFailed",
                    // A failed task stops its partitions (a record too large for the target did this) while the rest run on.
                    expr: `sum by (connector) (kafka_connect_worker_connector_failed_task_count) > 0`,
                    for: "1m",
                    labels: { severity: "critical" },
                    annotations: { summary: "MirrorMaker task of {{ $labels.connector }} failed: its partitions are no longer copied to DR" },
                },
                {
                    alert: "MirrorMakerNotReplicating",
                    // No running source task, or no metrics at all: nothing reaches DR.
                    expr: `(sum(kafka_connect_worker_connector_running_task_count{${connector("MirrorSourceConnector")}}) or vector(0)) < 1`,
                    for: "5m",
                    labels: { severity: "critical" },
                    annotations: { summary: `MirrorMaker ${args.mirror} runs no source task: nothing is copied to DR` },
                },
                {
                    alert: "MirrorMakerReplicationLatencyHigh",
                    expr: `max by (topic) (kafka_connect_mirror_source_connector_replication_latency_ms_max) > ${MIRROR_LATENCY_ALERT_MS}`,
                    for: "5m",
                    labels: { severity: "warning" },
                    annotations: { summary: `Records of {{ $labels.topic }} reach DR more than ${MIRROR_LATENCY_ALERT_MS / 1000} s after they were written: a failover now would lose them` },
                },
                {
                    alert: "MirrorMakerCheckpointsStale",
                    // MirrorMaker checkpoints a group only when its offset moves, so "no checkpoint" alone is normal for idle groups.
                    expr: `${written("MirrorCheckpointConnector")} == 0 and ${written("MirrorSourceConnector")} > 0`,
                    for: "5m",
                    labels: { severity: "warning" },
                    annotations: { summary: `Records reach DR but no group offset was checkpointed for ${MIRROR_CHECKPOINT_MAX_AGE}: consumers failing over now would re-read from older offsets` },
                },
            ],
        },
    ];
}

/** Scrape of the mirror's pods and its alert rules, in the same kinds as the cluster's. */
export function mirrorMonitoringResources(args: MirrorMonitoringArgs) {
    const selector = { matchLabels: { "strimzi.io/cluster": args.mirror, "strimzi.io/kind": "KafkaMirrorMaker2" } };
    const name = `${args.mirror}-metrics`;
    const groups = mirrorAlertRuleGroups(args);
    return args.provider === "gmp"
        ? [
              { apiVersion: "monitoring.googleapis.com/v1", kind: "PodMonitoring", metadata: { name, namespace: args.namespace }, spec: { selector, endpoints: [{ port: "tcp-prometheus", interval: "30s" }] } },
              { apiVersion: "monitoring.googleapis.com/v1", kind: "Rules", metadata: { name: `${args.mirror}-alerts`, namespace: args.namespace }, spec: { groups } },
          ]
        : [
              { apiVersion: "monitoring.coreos.com/v1", kind: "PodMonitor", metadata: { name, namespace: args.namespace }, spec: { selector, podMetricsEndpoints: [{ port: "tcp-prometheus", interval: "30s" }] } },
              { apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: `${args.mirror}-alerts`, namespace: args.namespace }, spec: { groups } },
          ];
}
