// Tests the alert rules (lag, replication, offline partitions, lost brokers) and the scrape resources of each provider.
import * as assert from "assert";
import * as yaml from "js-yaml";
import { alertRuleGroups, alertRuleResource, mirrorAlertRuleGroups, mirrorMakerMetricsConfig, mirrorMonitoringResources, MonitoringSpecArgs, scrapeResources } from "../../specs/monitoring";

const args: MonitoringSpecArgs = { provider: "gmp", namespace: "kafka", cluster: "production-kafka", brokers: 6, lagThreshold: 1000 };
// Built inside each test that reads them, not once at load, so each test is one that exercises the rule builder.
const rule = (name: string) => {
    const rules = alertRuleGroups(args).flatMap((g) => g.rules);
    const found = rules.find((r) => r.alert === name);
    assert.ok(found, `no alert ${name}; alerts: ${rules.map((r) => r.alert).join(", ")}`);
    return found;
};

describe("Monitoring (specs/monitoring)", () => {
    it("alerts when a group lags more than the design's 1000 records, from the Kafka Exporter's lag", () => {
        const lag = rule("KafkaConsumerLagHigh");
        assert.match(lag.expr, /kafka_consumergroup_lag/);
        assert.match(lag.expr, /> 1000$/);
        // Per partition, as the design's script compared: summing a topic's partitions would fire far below 1000 each.
        assert.match(lag.expr, /^max by \(consumergroup, topic\) \(kafka_consumergroup_lag\)/);
        assert.match(alertRuleGroups({ ...args, lagThreshold: 250 }).flatMap((g) => g.rules).find((r) => r.alert === "KafkaConsumerLagHigh")?.expr ?? "", /> 250$/);
    });

    it("alerts, critical, on under-replicated partitions", () => {
        const r = rule("KafkaUnderReplicatedPartitions");
        assert.strictEqual(r.expr, "sum(kafka_server_replicamanager_underreplicatedpartitions) > 0");
        assert.strictEqual(r.labels.severity, "critical");
    });

    it("alerts, critical, on offline partitions", () => {
        const r = rule("KafkaOfflinePartitions");
        assert.strictEqual(r.expr, "sum(kafka_controller_kafkacontroller_offlinepartitionscount) > 0");
        assert.strictEqual(r.labels.severity, "critical");
    });

    it("alerts, critical, when fewer than the 6 brokers are up", () => {
        const r = rule("KafkaBrokerDown");
        assert.match(r.expr, /up\{pod=~"production-kafka-kafka-\[0-9\]\+"\} == 1/);
        assert.match(r.expr, /< 6$/);
        assert.strictEqual(r.labels.severity, "critical");
    });

    it("alerts on lost brokers even when no broker is up at all (count over nothing is no data, not 0)", () => {
        // `count(up == 1) < 6` returns nothing when every broker is down, and an empty result never fires.
        const r = rule("KafkaBrokerDown");
        assert.match(r.expr, /or vector\(0\)|absent\(/, r.expr);
    });

    it("uses Google Managed Prometheus kinds with gmp", () => {
        assert.deepStrictEqual(scrapeResources(args).map((r) => `${r.apiVersion}/${r.kind}`), ["monitoring.googleapis.com/v1/PodMonitoring", "monitoring.googleapis.com/v1/PodMonitoring"]);
        const alerts = alertRuleResource(args);
        assert.strictEqual(`${alerts.apiVersion}/${alerts.kind}`, "monitoring.googleapis.com/v1/Rules");
    });

    it("uses Prometheus operator kinds with prometheus-operator", () => {
        const operator = { ...args, provider: "prometheus-operator" as const };
        assert.deepStrictEqual(scrapeResources(operator).map((r) => `${r.apiVersion}/${r.kind}`), ["monitoring.coreos.com/v1/PodMonitor", "monitoring.coreos.com/v1/PodMonitor"]);
        const alerts = alertRuleResource(operator);
        assert.strictEqual(`${alerts.apiVersion}/${alerts.kind}`, "monitoring.coreos.com/v1/PrometheusRule");
        assert.deepStrictEqual(alerts.spec.groups, alertRuleGroups(operator));
    });

    it("scrapes the brokers and the Kafka Exporter of the cluster on Strimzi's tcp-prometheus port", () => {
        const [brokers, exporter] = scrapeResources(args) as Array<{ spec: { selector: { matchLabels: Record<string, string> }; endpoints: Array<{ port: string }> } }>;
        assert.strictEqual(brokers.spec.selector.matchLabels["strimzi.io/name"], "production-kafka-kafka");
        assert.strictEqual(exporter.spec.selector.matchLabels["strimzi.io/name"], "production-kafka-kafka-exporter");
        assert.deepStrictEqual([brokers.spec.endpoints[0].port, exporter.spec.endpoints[0].port], ["tcp-prometheus", "tcp-prometheus"]);
    });

    it("holds each alert for a while before firing, offline partitions briefly and lag longest, so a broker's rolling restart does not page", () => {
        const rules = alertRuleGroups(args).flatMap((g) => g.rules);
        assert.deepStrictEqual(Object.fromEntries(rules.map((r) => [r.alert, r.for])), {
            KafkaConsumerLagHigh: "10m",
            KafkaUnderReplicatedPartitions: "5m",
            KafkaOfflinePartitions: "1m",
            KafkaBrokerDown: "5m",
        });
    });

    it("raises consumer lag as a warning, not a page", () => {
        assert.strictEqual(rule("KafkaConsumerLagHigh").labels.severity, "warning");
    });

    it("evaluates the cluster's alerts every 30 s in one named group", () => {
        assert.deepStrictEqual(alertRuleGroups(args).map((g) => [g.name, g.interval]), [["kafka-platform", "30s"]]);
    });

    it("says in each alert's summary what is wrong, with the group, threshold and broker count it was raised for", () => {
        assert.strictEqual(rule("KafkaConsumerLagHigh").annotations.summary, "Consumer group {{ $labels.consumergroup }} lags more than 1000 records on a partition of {{ $labels.topic }}");
        assert.strictEqual(rule("KafkaBrokerDown").annotations.summary, "Fewer than 6 brokers are up");
        assert.match(rule("KafkaUnderReplicatedPartitions").annotations.summary, /under-replicated/);
        assert.match(rule("KafkaOfflinePartitions").annotations.summary, /no leader/);
    });

    it("installs the alerts as kafka-alerts in the cluster's namespace, with either provider", () => {
        for (const provider of ["gmp", "prometheus-operator"] as const) {
            const resource = alertRuleResource({ ...args, provider, namespace: "streaming" });
            assert.deepStrictEqual(resource.metadata, { name: "kafka-alerts", namespace: "streaming" });
            assert.deepStrictEqual(resource.spec.groups, alertRuleGroups(args), provider);
        }
    });

    it("scrapes each target every 30 s in the cluster's namespace, selecting the same pods with either provider", () => {
        const gmp = scrapeResources({ ...args, namespace: "streaming" }) as Array<{ metadata: unknown; spec: { selector: unknown; endpoints: unknown } }>;
        const operator = scrapeResources({ ...args, namespace: "streaming", provider: "prometheus-operator" }) as Array<{ metadata: unknown; spec: { selector: unknown; podMetricsEndpoints: unknown } }>;
        const endpoints = [{ port: "tcp-prometheus", interval: "30s" }];
        for (const scrapes of [gmp, operator]) assert.deepStrictEqual(scrapes.map((r) => r.metadata), [{ name: "kafka-brokers", namespace: "streaming" }, { name: "kafka-exporter", namespace: "streaming" }]);
        assert.deepStrictEqual(gmp.map((r) => r.spec.endpoints), [endpoints, endpoints]);
        assert.deepStrictEqual(operator.map((r) => r.spec.podMetricsEndpoints), [endpoints, endpoints]);
        assert.deepStrictEqual(operator.map((r) => r.spec.selector), gmp.map((r) => r.spec.selector));
        assert.deepStrictEqual(gmp[0].spec.selector, { matchLabels: { "strimzi.io/cluster": "production-kafka", "strimzi.io/kind": "Kafka", "strimzi.io/name": "production-kafka-kafka" } });
    });
});

/** What the JMX exporter does with a rule: the first pattern matching "domain<keys><>attribute" names the sample. */
function exportedName(bean: string): string | undefined {
    const config = yaml.load(mirrorMakerMetricsConfig()) as { rules: Array<{ pattern: string; name: string }> };
    for (const rule of config.rules) {
        const match = new RegExp(`^${rule.pattern}$`).exec(bean);
        if (match) return rule.name.replace(/\$(\d)/g, (_, i) => match[Number(i)]).toLowerCase().replace(/[^a-z0-9_:]/g, "_");
    }
    return undefined;
}

describe("MirrorMaker 2 monitoring (specs/monitoring)", () => {
    const mirrorArgs = { provider: "gmp" as const, namespace: "kafka", mirror: "dr-mirror" };
    const mirrorRules = () => mirrorAlertRuleGroups(mirrorArgs).flatMap((g) => g.rules);
    const mirrorRule = (name: string) => {
        const found = mirrorRules().find((r) => r.alert === name);
        assert.ok(found, `no alert ${name}`);
        return found;
    };
    // MBeans as Kafka 3.6's Connect and MirrorMaker register them; Connect quotes a connector name holding ">".
    const beans = [
        'kafka.connect<type=connect-worker-metrics, connector="primary->dr.MirrorSourceConnector"><>connector-failed-task-count',
        'kafka.connect<type=connect-worker-metrics, connector="primary->dr.MirrorSourceConnector"><>connector-running-task-count',
        'kafka.connect<type=source-task-metrics, connector="primary->dr.MirrorSourceConnector", task=0><>source-record-write-total',
        'kafka.connect<type=source-task-metrics, connector="primary->dr.MirrorCheckpointConnector", task=0><>source-record-write-total',
        "kafka.connect.mirror<type=MirrorSourceConnector, target=dr, topic=task.events, partition=3><>replication-latency-ms-max",
        "kafka.connect.mirror<type=MirrorCheckpointConnector, source=primary, target=dr, group=task-event-processor, topic=task.events, partition=3><>checkpoint-latency-ms",
    ];

    it("turns MirrorMaker's and Connect's MBeans into the metric names the alerts read", () => {
        const exported = new Set(beans.map(exportedName));
        for (const r of mirrorRules()) {
            const metrics = r.expr.match(/kafka_connect_[a-z_]+/g) ?? [];
            assert.ok(metrics.length > 0, r.alert);
            for (const metric of metrics) assert.ok(exported.has(metric), `${r.alert} reads ${metric}, which no rule exports from ${[...exported].join(", ")}`);
        }
    });

    it("alerts, critical, on a failed task, which stops its partitions while the rest run on", () => {
        const r = mirrorRule("MirrorMakerTaskFailed");
        assert.match(r.expr, /kafka_connect_worker_connector_failed_task_count\) > 0$/);
        assert.strictEqual(r.labels.severity, "critical");
    });

    it("alerts, critical, when no source task runs, even when no metrics arrive at all", () => {
        const r = mirrorRule("MirrorMakerNotReplicating");
        assert.match(r.expr, /or vector\(0\)\) < 1$/);
        assert.strictEqual(r.labels.severity, "critical");
    });

    it("alerts on replication latency per topic, from the metric the runbook names", () => {
        assert.match(mirrorRule("MirrorMakerReplicationLatencyHigh").expr, /^max by \(topic\) \(kafka_connect_mirror_source_connector_replication_latency_ms_max\) > \d+$/);
    });

    it("alerts when records arrive but no checkpoint has been written for 15 minutes", () => {
        const r = mirrorRule("MirrorMakerCheckpointsStale");
        assert.match(r.expr, /MirrorCheckpointConnector.*\[15m\]\)\) == 0 and .*MirrorSourceConnector.*\[15m\]\)\) > 0$/);
    });

    it("counts only the source connector's running tasks, so a running checkpoint connector cannot hide a stopped copy", () => {
        assert.match(mirrorRule("MirrorMakerNotReplicating").expr, /running_task_count\{connector=~"\.\*MirrorSourceConnector\.\*"\}/);
    });

    it("holds each mirror alert for a while before firing, a failed task only briefly", () => {
        assert.deepStrictEqual(Object.fromEntries(mirrorRules().map((r) => [r.alert, r.for])), {
            MirrorMakerTaskFailed: "1m",
            MirrorMakerNotReplicating: "5m",
            MirrorMakerReplicationLatencyHigh: "5m",
            MirrorMakerCheckpointsStale: "5m",
        });
    });

    it("evaluates the mirror's alerts every 30 s in a group of their own", () => {
        assert.deepStrictEqual(mirrorAlertRuleGroups(mirrorArgs).map((g) => [g.name, g.interval]), [["kafka-mirror-maker", "30s"]]);
    });

    it("says in seconds how late records reach DR in the latency alert's summary", () => {
        assert.match(mirrorRule("MirrorMakerReplicationLatencyHigh").annotations.summary, /more than 30 s after they were written/);
        assert.match(mirrorRule("MirrorMakerReplicationLatencyHigh").expr, /> 30000$/);
    });

    it("names the mirror's scrape and alerts after the mirror, in its namespace, scraping every 30 s with either provider", () => {
        const endpoints = [{ port: "tcp-prometheus", interval: "30s" }];
        const selector = { matchLabels: { "strimzi.io/cluster": "dr-mirror", "strimzi.io/kind": "KafkaMirrorMaker2" } };
        const groups = mirrorAlertRuleGroups(mirrorArgs);
        const [gmpScrape, gmpRules] = mirrorMonitoringResources({ ...mirrorArgs, namespace: "replication" }) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
        assert.deepStrictEqual(gmpScrape, { apiVersion: "monitoring.googleapis.com/v1", kind: "PodMonitoring", metadata: { name: "dr-mirror-metrics", namespace: "replication" }, spec: { selector, endpoints } });
        assert.deepStrictEqual(gmpRules, { apiVersion: "monitoring.googleapis.com/v1", kind: "Rules", metadata: { name: "dr-mirror-alerts", namespace: "replication" }, spec: { groups } });
        const [scrape, rules] = mirrorMonitoringResources({ ...mirrorArgs, namespace: "replication", provider: "prometheus-operator" }) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
        assert.deepStrictEqual(scrape, { apiVersion: "monitoring.coreos.com/v1", kind: "PodMonitor", metadata: { name: "dr-mirror-metrics", namespace: "replication" }, spec: { selector, podMetricsEndpoints: endpoints } });
        assert.deepStrictEqual(rules, { apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: "dr-mirror-alerts", namespace: "replication" }, spec: { groups } });
    });

    it("scrapes the mirror's pods and carries its alerts in the same kinds as the cluster's, per provider", () => {
        const gmp = mirrorMonitoringResources(mirrorArgs);
        assert.deepStrictEqual(gmp.map((r) => r.kind), ["PodMonitoring", "Rules"]);
        assert.deepStrictEqual((gmp[0].spec as { selector: unknown }).selector, { matchLabels: { "strimzi.io/cluster": "dr-mirror", "strimzi.io/kind": "KafkaMirrorMaker2" } });
        assert.deepStrictEqual(mirrorMonitoringResources({ ...mirrorArgs, provider: "prometheus-operator" }).map((r) => r.kind), ["PodMonitor", "PrometheusRule"]);
        assert.strictEqual(mirrorRules().every((r) => ["critical", "warning"].includes(r.labels.severity) && r.annotations.summary.length > 0), true);
    });
});
