// The KafkaAccess and Monitoring components under mocks: what they register, and what they refuse.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConsumerGroupSpec } from "../../catalog";
import { KafkaAccess, KafkaAccessArgs } from "../../components/kafka-access";
import { Monitoring } from "../../components/monitoring";
import { RecordedResource, runUnderMocks } from "../../render/mock-runtime";
import { KafkaUserSpec } from "../../specs/kafka-users";

const record = async (build: () => void): Promise<RecordedResource[]> =>
    (await runUnderMocks(async () => build(), { project: "kafka-platform", stack: "prod", config: {} })).resources;

const group = (groupId: string, namespace?: string): ConsumerGroupSpec => ({
    groupId,
    ...(namespace ? { namespace } : {}),
    topics: ["task.events"],
    instances: 2,
    clientConfig: { "max.poll.records": 500, "enable.auto.commit": false },
    source: { file: "topics/consumer-groups.yaml", line: 3 },
});

const tlsUser = (name: string): KafkaUserSpec => ({ name, authentication: "tls", acls: [{ resource: { type: "topic", name: "task.events", patternType: "literal" }, operations: ["Read"] }] });

const accessArgs = (overrides: Partial<KafkaAccessArgs> = {}): KafkaAccessArgs => ({
    cluster: { name: "production-kafka", namespace: "kafka" },
    users: [tlsUser("billing"), tlsUser("audit")],
    groups: [group("billing"), group("audit", "compliance")],
    defaultClientNamespace: "apps",
    bootstrap: "production-kafka-kafka-bootstrap.kafka.svc:9093",
    topicPartitions: { "task.events": 48 },
    ...overrides,
});

describe("KafkaAccess", () => {
    it("registers a KafkaUser per client and a client ConfigMap per group in the group's namespace, creating each namespace once and keeping it", async () => {
        const resources = await record(() => new KafkaAccess("access", accessArgs()));
        const users = resources.filter((r) => r.type === "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser");
        assert.deepStrictEqual(users.map((u) => (u.inputs.metadata as { name: string }).name).sort(), ["audit", "billing"]);
        const configMaps = resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap").map((r) => r.inputs.metadata as { name: string; namespace: string });
        assert.deepStrictEqual(configMaps.map((m) => `${m.namespace}/${m.name}`).sort(), ["apps/billing-kafka-client", "compliance/audit-kafka-client"]);
        const billing = resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && (r.inputs.metadata as { name: string }).name === "billing-kafka-client");
        const data = billing?.inputs.data as Record<string, string>;
        assert.strictEqual(data["kafka-platform.instances.hint"], "2");
        assert.strictEqual(data["kafka-platform.partitions"], "48");
        const namespaces = resources.filter((r) => r.type === "kubernetes:core/v1:Namespace");
        assert.deepStrictEqual(namespaces.map((n) => (n.inputs.metadata as { name: string }).name).sort(), ["apps", "compliance"]);
        assert.ok(namespaces.every((n) => n.options.retainOnDelete));
    });

    it("gives a SCRAM user its password through a Secret it references, the password kept secret", async () => {
        const scram: KafkaUserSpec = { ...tlsUser("mirror-maker-2"), authentication: "scram-sha-512" };
        const { resources } = await runUnderMocks(async () => {
            new KafkaAccess("access", accessArgs({ users: [scram], groups: [], scramPasswords: { "mirror-maker-2": pulumi.secret("s3cret") } }));
        }, { project: "kafka-platform", stack: "prod", config: {} });
        const secret = resources.find((r) => r.type === "kubernetes:core/v1:Secret");
        assert.strictEqual((secret?.inputs.metadata as { name: string }).name, "mirror-maker-2-password");
        assert.strictEqual(pulumi.runtime.isRpcSecret((secret?.inputs.stringData as Record<string, unknown>).password) || pulumi.runtime.isRpcSecret(secret?.inputs.stringData), true);
        const user = resources.find((r) => r.type === "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser");
        assert.deepStrictEqual((user?.inputs.spec as { authentication: unknown }).authentication, {
            type: "scram-sha-512",
            password: { valueFrom: { secretKeyRef: { name: "mirror-maker-2-password", key: "password" } } },
        });
    });

    it("refuses two clients with one name, and a SCRAM user without its password", async () => {
        await assert.rejects(record(() => new KafkaAccess("access", accessArgs({ users: [tlsUser("billing"), tlsUser("billing")] }))), /two clients are both named "billing"/);
        await assert.rejects(record(() => new KafkaAccess("access", accessArgs({ users: [{ ...tlsUser("mm2"), authentication: "scram-sha-512" }], groups: [] }))), /SCRAM user "mm2" needs its password/);
    });
});

describe("Monitoring", () => {
    const monitoringArgs = { namespace: "kafka", cluster: "production-kafka", brokers: 6, lagThreshold: 1000 };

    it("registers Google Managed Prometheus scraping for the brokers and the exporter, and the alert rules", async () => {
        const resources = await record(() => new Monitoring("monitoring", { ...monitoringArgs, provider: "gmp" }));
        const kinds = resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => `${r.inputs.kind}/${(r.inputs.metadata as { name: string }).name}`);
        assert.deepStrictEqual(kinds.sort(), ["PodMonitoring/kafka-brokers", "PodMonitoring/kafka-exporter", "Rules/kafka-alerts"]);
    });

    it("registers PodMonitors and a PrometheusRule for the Prometheus operator", async () => {
        const resources = await record(() => new Monitoring("monitoring", { ...monitoringArgs, provider: "prometheus-operator" }));
        const kinds = resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => String(r.inputs.kind));
        assert.deepStrictEqual(kinds.sort(), ["PodMonitor", "PodMonitor", "PrometheusRule"]);
    });

    it("refuses a lag threshold below one record", async () => {
        await assert.rejects(record(() => new Monitoring("monitoring", { ...monitoringArgs, provider: "gmp", lagThreshold: 0 })), /lagThreshold must be a positive number of records, got 0/);
    });
});
