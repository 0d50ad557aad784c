// Tests the Strimzi Kafka resource field by field against the design's kafka-cluster.yaml and Strimzi 0.39.0's rules.
import * as assert from "assert";
import { kafkaClusterResource, KafkaClusterSpecArgs, PLAIN_LISTENER_CLIENT_LABEL } from "../../specs/kafka-cluster";
import { strimziNames } from "../../specs/strimzi";
import { stackConfig } from "./stack-fixtures";
import { STRIMZI_FORBIDDEN_EXCEPTIONS, STRIMZI_FORBIDDEN_PREFIXES } from "./strimzi-forbidden";

/** The design's `spec.kafka.config`, copied from the seed document as written. */
const DESIGN_BROKER_CONFIG_AS_WRITTEN: Record<string, string | number | boolean> = {
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
    "fetch.message.max.bytes": 10485760,
    "max.connections.per.ip": 1000,
};


const config = stackConfig("prod");
const args: KafkaClusterSpecArgs = {
    name: config.kafka.clusterName,
    namespace: config.kafka.namespace,
    version: config.kafka.version,
    brokers: config.kafka.brokers,
    zones: config.zones,
    storageSize: config.kafka.storageSize,
    storageClass: config.kafka.storageClass,
    zookeeperReplicas: config.kafka.zookeeperReplicas,
    zookeeperStorageSize: config.kafka.zookeeperStorageSize,
    brokerConfig: config.kafka.brokerConfig,
    crossRegionListenerPort: config.kafka.crossRegionListenerPort,
    superUsers: [],
};
// Built in the describe's `before`, not at load, so each test is one that exercises the builder.
let cr: ReturnType<typeof kafkaClusterResource>;
let kafka: ReturnType<typeof kafkaClusterResource>["spec"]["kafka"];
const listener = (name: string) => {
    const found = kafka.listeners.find((l) => l.name === name);
    assert.ok(found, `no listener named ${name}`);
    return found as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};

describe("Kafka resource (specs/kafka-cluster)", () => {
    before(() => {
        cr = kafkaClusterResource(args);
        kafka = cr.spec.kafka;
    });

    it("is a kafka.strimzi.io/v1beta2 Kafka named production-kafka in the kafka namespace", () => {
        assert.strictEqual(cr.apiVersion, "kafka.strimzi.io/v1beta2");
        assert.strictEqual(cr.kind, "Kafka");
        assert.deepStrictEqual({ name: cr.metadata.name, namespace: cr.metadata.namespace }, { name: "production-kafka", namespace: "kafka" });
    });

    it("runs Kafka 3.6.0 on 6 brokers", () => {
        assert.strictEqual(kafka.version, "3.6.0");
        assert.strictEqual(kafka.replicas, 6);
    });

    it("has a plain internal listener on 9092 without TLS, open only to labelled pods", () => {
        const plain = listener("plain");
        assert.deepStrictEqual({ port: plain.port, type: plain.type, tls: plain.tls }, { port: 9092, type: "internal", tls: false });
        assert.strictEqual(plain.authentication, undefined);
        assert.deepStrictEqual(plain.networkPolicyPeers, [{ podSelector: { matchLabels: { [PLAIN_LISTENER_CLIENT_LABEL.key]: PLAIN_LISTENER_CLIENT_LABEL.value } } }]);
    });

    it("has a TLS internal listener on 9093 with mutual TLS authentication", () => {
        const tls = listener("tls");
        assert.deepStrictEqual({ port: tls.port, type: tls.type, tls: tls.tls, authentication: tls.authentication }, { port: 9093, type: "internal", tls: true, authentication: { type: "tls" } });
    });

    it("has a cross-region TLS SCRAM listener on an internal load balancer with global access, bootstrap and per-broker", () => {
        const xregion = listener("xregion");
        assert.deepStrictEqual(
            { port: xregion.port, type: xregion.type, tls: xregion.tls, authentication: xregion.authentication },
            { port: 9094, type: "loadbalancer", tls: true, authentication: { type: "scram-sha-512" } },
        );
        const annotations = { "networking.gke.io/load-balancer-type": "Internal", "networking.gke.io/internal-load-balancer-allow-global-access": "true" };
        assert.deepStrictEqual(xregion.configuration.bootstrap.annotations, annotations);
        // Each broker gets its own load balancer; without the annotations they would be public.
        assert.deepStrictEqual(kafka.template.perPodService.metadata.annotations, annotations);
    });

    it("has exactly the three listeners, on distinct ports outside Strimzi's reserved 9090-9091", () => {
        assert.deepStrictEqual(kafka.listeners.map((l) => l.name), ["plain", "tls", "xregion"]);
        const ports = kafka.listeners.map((l) => l.port);
        assert.strictEqual(new Set(ports).size, ports.length);
        assert.ok(ports.every((p) => p !== 9090 && p !== 9091));
    });

    it("authorizes with simple ACLs", () => {
        assert.strictEqual(kafka.authorization.type, "simple");
        assert.deepStrictEqual(kafkaClusterResource({ ...args, superUsers: ["mirror-maker-2"] }).spec.kafka.authorization.superUsers, ["CN=mirror-maker-2"]);
    });

    it("carries the design's broker config less fetch.message.max.bytes, value for value", () => {
        const expected = { ...DESIGN_BROKER_CONFIG_AS_WRITTEN };
        delete expected["fetch.message.max.bytes"];
        assert.deepStrictEqual(kafka.config, expected);
    });

    it("carries no broker key Strimzi forbids", () => {
        const forbidden = Object.keys(kafka.config).filter(
            (key) => STRIMZI_FORBIDDEN_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix.toLowerCase())) && !STRIMZI_FORBIDDEN_EXCEPTIONS.includes(key),
        );
        assert.deepStrictEqual(forbidden, []);
    });

    it("stores each broker's log on a 1000Gi pd-ssd claim that outlives the cluster", () => {
        assert.deepStrictEqual(kafka.storage, { type: "persistent-claim", size: "1000Gi", class: "pd-ssd", deleteClaim: false });
    });

    it("gives brokers the design's resources and heap", () => {
        assert.deepStrictEqual(kafka.resources, { requests: { memory: "8Gi", cpu: "4" }, limits: { memory: "16Gi", cpu: "8" } });
        assert.deepStrictEqual(kafka.jvmOptions, { "-Xms": "4096m", "-Xmx": "8192m" });
    });

    it("spreads replicas across zones by rack awareness on topology.kubernetes.io/zone", () => {
        assert.deepStrictEqual(kafka.rack, { topologyKey: "topology.kubernetes.io/zone" });
        const spread = kafka.template.pod.topologySpreadConstraints;
        assert.deepStrictEqual(spread.map((c) => [c.topologyKey, c.maxSkew, c.whenUnsatisfiable]), [["topology.kubernetes.io/zone", 1, "DoNotSchedule"]]);
        assert.deepStrictEqual(spread[0].labelSelector.matchLabels, { "strimzi.io/name": strimziNames("production-kafka").brokerPods });
    });

    it("schedules brokers and ZooKeeper on the tainted Kafka pool only, one broker per node", () => {
        for (const pod of [kafka.template.pod, cr.spec.zookeeper.template.pod]) {
            assert.deepStrictEqual(pod.tolerations, [{ key: "dedicated", operator: "Equal", value: "kafka", effect: "NoSchedule" }]);
            assert.deepStrictEqual(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [
                { matchExpressions: [{ key: "kafka-platform/pool", operator: "In", values: ["kafka"] }] },
            ]);
            assert.strictEqual(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey, "kubernetes.io/hostname");
        }
        assert.deepStrictEqual(kafka.template.pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels, { "strimzi.io/name": "production-kafka-kafka" });
    });

    it("lets at most one broker and one ZooKeeper node be disrupted at a time", () => {
        assert.deepStrictEqual(kafka.template.podDisruptionBudget, { maxUnavailable: 1 });
        assert.deepStrictEqual(cr.spec.zookeeper.template.podDisruptionBudget, { maxUnavailable: 1 });
    });

    it("reads metrics rules and log4j settings from the kafka-metrics and kafka-logging ConfigMaps", () => {
        assert.deepStrictEqual(kafka.metricsConfig, { type: "jmxPrometheusExporter", valueFrom: { configMapKeyRef: { name: "kafka-metrics", key: "kafka-metrics-config.yml" } } });
        assert.deepStrictEqual(cr.spec.zookeeper.metricsConfig, { type: "jmxPrometheusExporter", valueFrom: { configMapKeyRef: { name: "kafka-metrics", key: "zookeeper-metrics-config.yml" } } });
        assert.deepStrictEqual(kafka.logging, { type: "external", valueFrom: { configMapKeyRef: { name: "kafka-logging", key: "log4j.properties" } } });
    });

    it("runs three ZooKeeper nodes on 100Gi pd-ssd claims with the design's resources and heap", () => {
        const zk = cr.spec.zookeeper;
        assert.strictEqual(zk.replicas, 3);
        assert.deepStrictEqual(zk.storage, { type: "persistent-claim", size: "100Gi", class: "pd-ssd", deleteClaim: false });
        assert.deepStrictEqual(zk.resources, { requests: { memory: "2Gi", cpu: "1" }, limits: { memory: "4Gi", cpu: "2" } });
        assert.deepStrictEqual(zk.jvmOptions, { "-Xms": "1024m", "-Xmx": "2048m" });
    });

    it("gives the topic and user operators the design's resources", () => {
        const resources = { requests: { memory: "512Mi", cpu: "0.5" }, limits: { memory: "1Gi", cpu: "1" } };
        assert.deepStrictEqual(cr.spec.entityOperator, { topicOperator: { resources }, userOperator: { resources } });
    });

    it("runs the Kafka Exporter over every topic and group", () => {
        assert.deepStrictEqual(cr.spec.kafkaExporter, { topicRegex: ".*", groupRegex: ".*" });
    });

    it("makes pulumi up wait for the Ready condition, at least 45 minutes for a rolling restart of six brokers", () => {
        assert.strictEqual(cr.metadata.annotations["pulumi.com/waitFor"], "condition=Ready");
        assert.ok(Number(cr.metadata.annotations["pulumi.com/timeoutSeconds"]) >= 2700, cr.metadata.annotations["pulumi.com/timeoutSeconds"]);
    });

    it("refuses a broker count that cannot spread evenly over the zones", () => {
        assert.throws(() => kafkaClusterResource({ ...args, brokers: 7 }), /7 brokers cannot spread evenly over 3 zones/);
    });
});
