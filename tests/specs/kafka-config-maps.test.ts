// Tests the metrics and logging ConfigMaps the Kafka resource reads: the JMX exporter rules name what the alerts read, and brokers log to the console.
import * as assert from "assert";
import * as yaml from "js-yaml";
import { KAFKA_LOG4J, KAFKA_METRICS_RULES, metricsConfigMapData, ZOOKEEPER_METRICS_RULES } from "../../specs/kafka-config-maps";
import { kafkaClusterResource } from "../../specs/kafka-cluster";
import { alertRuleGroups } from "../../specs/monitoring";

interface ExporterConfig {
    lowercaseOutputName?: boolean;
    rules: Array<{ pattern: string; name: string; labels?: Record<string, string> }>;
}

/** What the JMX exporter does with its rules: the first pattern matching "domain<keys><>attribute" names the sample. */
function exported(rulesYaml: string, bean: string): { name: string; labels: Record<string, string> } | undefined {
    const config = yaml.load(rulesYaml) as ExporterConfig;
    const fill = (template: string, match: RegExpExecArray) => template.replace(/\$(\d)/g, (_, i) => match[Number(i)]);
    for (const rule of config.rules) {
        const match = new RegExp(`^${rule.pattern}$`).exec(bean);
        if (!match) continue;
        const name = fill(rule.name, match);
        const labels = Object.fromEntries(Object.entries(rule.labels ?? {}).map(([k, v]) => [k, fill(v, match)]));
        return { name: config.lowercaseOutputName ? name.toLowerCase() : name, labels };
    }
    return undefined;
}

describe("metrics and logging ConfigMaps (specs/kafka-config-maps)", () => {
    it("holds the broker and ZooKeeper rules under exactly the keys the Kafka resource reads them from", () => {
        const cr = kafkaClusterResource({
            name: "production-kafka", namespace: "kafka", version: "3.6.0", brokers: 6, zones: ["a", "b", "c"], storageSize: "1000Gi", storageClass: "pd-ssd",
            zookeeperReplicas: 3, zookeeperStorageSize: "100Gi", brokerConfig: {}, crossRegionListenerPort: 9094, superUsers: [],
        });
        const data = metricsConfigMapData();
        assert.strictEqual(data[cr.spec.kafka.metricsConfig.valueFrom.configMapKeyRef.key], KAFKA_METRICS_RULES);
        assert.strictEqual(data[cr.spec.zookeeper.metricsConfig.valueFrom.configMapKeyRef.key], ZOOKEEPER_METRICS_RULES);
        assert.deepStrictEqual(Object.keys(data).sort(), ["kafka-metrics-config.yml", "zookeeper-metrics-config.yml"]);
    });

    it("exports the broker and controller metrics the cluster's alerts read, under the names they read them by", () => {
        const beans = ["kafka.server<type=ReplicaManager, name=UnderReplicatedPartitions><>Value", "kafka.controller<type=KafkaController, name=OfflinePartitionsCount><>Value"];
        const names = new Set(beans.map((bean) => exported(metricsConfigMapData()["kafka-metrics-config.yml"], bean)?.name));
        const rules = alertRuleGroups({ provider: "gmp", namespace: "kafka", cluster: "production-kafka", brokers: 6, lagThreshold: 1000 }).flatMap((g) => g.rules);
        const read = rules.flatMap((r) => (r.expr.match(/kafka_(server|controller)_[a-z_]+/g) ?? []).map((metric) => ({ alert: r.alert, metric })));
        assert.ok(read.length >= 2, "the alerts read no broker or controller metric");
        for (const { alert, metric } of read) assert.ok(names.has(metric), `${alert} reads ${metric}, which no rule exports`);
    });

    it("keeps the topic and partition of per-partition broker metrics as labels, as the design's rules do", () => {
        const sample = exported(KAFKA_METRICS_RULES, "kafka.server<type=FetcherLagMetrics, name=ConsumerLag, clientId=ReplicaFetcherThread-0-1, topic=task.events, partition=3><>Value");
        assert.deepStrictEqual(sample, { name: "kafka_server_fetcherlagmetrics_consumerlag", labels: { clientId: "ReplicaFetcherThread-0-1", topic: "task.events", partition: "3" } });
    });

    it("exports each ZooKeeper node's quorum metrics", () => {
        assert.strictEqual(exported(ZOOKEEPER_METRICS_RULES, "org.apache.ZooKeeperService<name0=ReplicatedServer_id2><>QuorumSize")?.name, "zookeeper_quorumsize");
    });

    it("logs at INFO to the console only, so nothing fills the broker's filesystem and Cloud Logging collects it all", () => {
        assert.match(KAFKA_LOG4J, /^log4j\.rootLogger=INFO, CONSOLE$/m);
        assert.match(KAFKA_LOG4J, /^log4j\.appender\.CONSOLE=org\.apache\.log4j\.ConsoleAppender$/m);
        assert.doesNotMatch(KAFKA_LOG4J, /FileAppender|\/var\/log/);
    });
});
