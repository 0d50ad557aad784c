// Tests the Schema Registry Deployment, Service and disruption budget against the design.
import * as assert from "assert";
import { schemaRegistryDeployment, schemaRegistryDisruptionBudget, schemaRegistryService } from "../../specs/schema-registry";

const args = { namespace: "kafka", bootstrapTls: "production-kafka-kafka-bootstrap.kafka.svc:9093", clusterCaSecret: "production-kafka-cluster-ca-cert", userName: "schema-registry", readOnly: false };
// Built in the describe's `before`, not at load, so each test is one that exercises the builder.
let deployment: ReturnType<typeof schemaRegistryDeployment>;
let container: ReturnType<typeof schemaRegistryDeployment>["spec"]["template"]["spec"]["containers"][number];
const env = (name: string) => container.env.find((e) => e.name === name);

describe("Schema Registry (specs/schema-registry)", () => {
    before(() => {
        deployment = schemaRegistryDeployment(args);
        [container] = deployment.spec.template.spec.containers;
    });

    it("runs 3 replicas of confluentinc/cp-schema-registry:7.5.0 in the kafka namespace", () => {
        assert.strictEqual(deployment.metadata.namespace, "kafka");
        assert.strictEqual(deployment.spec.replicas, 3);
        assert.strictEqual(container.image, "confluentinc/cp-schema-registry:7.5.0");
        assert.deepStrictEqual(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels);
    });

    it("selects only its own pods, by app=schema-registry, so its Service and budget never take in the brokers beside it", () => {
        const own = { app: "schema-registry" };
        assert.deepStrictEqual(deployment.spec.template.metadata.labels, own);
        assert.deepStrictEqual(deployment.spec.selector.matchLabels, own);
        assert.deepStrictEqual(schemaRegistryService("kafka").spec.selector, own);
        assert.deepStrictEqual(schemaRegistryDisruptionBudget("kafka").spec.selector.matchLabels, own);
    });

    it("gives each replica the design's resources", () => {
        assert.deepStrictEqual(container.resources, { requests: { memory: "1Gi", cpu: "500m" }, limits: { memory: "2Gi", cpu: "1" } });
    });

    it("listens on 8081 and is served by a ClusterIP Service on 8081", () => {
        assert.deepStrictEqual(container.ports.map((p) => p.containerPort), [8081]);
        assert.strictEqual(env("SCHEMA_REGISTRY_LISTENERS")?.value, "http://0.0.0.0:8081");
        const service = schemaRegistryService("kafka");
        assert.strictEqual(service.spec.type, "ClusterIP");
        assert.deepStrictEqual(service.spec.ports.map((p) => [p.port, p.targetPort]), [[8081, 8081]]);
        assert.deepStrictEqual(service.spec.selector, deployment.spec.template.metadata.labels);
    });

    it("is only ready once it serves /subjects, and restarted when / stops answering", () => {
        assert.deepStrictEqual(container.readinessProbe.httpGet, { path: "/subjects", port: 8081 });
        assert.deepStrictEqual(container.livenessProbe.httpGet, { path: "/", port: 8081 });
        assert.ok(container.livenessProbe.initialDelaySeconds >= container.readinessProbe.initialDelaySeconds);
    });

    it("keeps two replicas up through voluntary disruptions", () => {
        const pdb = schemaRegistryDisruptionBudget("kafka");
        assert.strictEqual(pdb.spec.minAvailable, 2);
        assert.deepStrictEqual(pdb.spec.selector.matchLabels, deployment.spec.template.metadata.labels);
    });

    it("stores schemas in _schemas through the TLS listener with its user's PKCS#12 keystore, never the plain listener", () => {
        assert.strictEqual(env("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")?.value, "SSL://production-kafka-kafka-bootstrap.kafka.svc:9093");
        assert.strictEqual(env("SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL")?.value, "SSL");
        assert.strictEqual(env("SCHEMA_REGISTRY_KAFKASTORE_TOPIC")?.value, "_schemas");
        assert.strictEqual(env("SCHEMA_REGISTRY_SCHEMA_REGISTRY_GROUP_ID")?.value, "schema-registry");
        assert.deepStrictEqual(env("SCHEMA_REGISTRY_KAFKASTORE_SSL_KEYSTORE_PASSWORD")?.valueFrom, { secretKeyRef: { name: "schema-registry", key: "user.password" } });
        assert.deepStrictEqual(env("SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_PASSWORD")?.valueFrom, { secretKeyRef: { name: "production-kafka-cluster-ca-cert", key: "ca.password" } });
        assert.doesNotMatch(JSON.stringify(container.env), /:9092/);
    });

    it("reads its PKCS#12 keystore from its KafkaUser's Secret and its truststore from the cluster CA Secret, both mounted read-only", () => {
        const spec = deployment.spec.template.spec;
        const secretOfFile = (location: string | undefined) => {
            const mount = container.volumeMounts.find((m) => location?.startsWith(`${m.mountPath}/`));
            assert.ok(mount, `nothing mounted at ${location}`);
            assert.strictEqual(mount.readOnly, true, mount.name);
            return { secret: spec.volumes.find((v) => v.name === mount.name)?.secret.secretName, key: location?.slice(mount.mountPath.length + 1) };
        };
        assert.strictEqual(env("SCHEMA_REGISTRY_KAFKASTORE_SSL_KEYSTORE_TYPE")?.value, "PKCS12");
        assert.strictEqual(env("SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_TYPE")?.value, "PKCS12");
        // Strimzi writes user.p12 into a KafkaUser's Secret and ca.p12 into the cluster CA Secret.
        assert.deepStrictEqual(secretOfFile(env("SCHEMA_REGISTRY_KAFKASTORE_SSL_KEYSTORE_LOCATION")?.value), { secret: "schema-registry", key: "user.p12" });
        assert.deepStrictEqual(secretOfFile(env("SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_LOCATION")?.value), { secret: "production-kafka-cluster-ca-cert", key: "ca.p12" });
        assert.strictEqual(new Set(container.volumeMounts.map((m) => m.name)).size, container.volumeMounts.length);
    });

    it("gives Kubernetes only well-formed environment variables, each named once with a value or a source", () => {
        for (const readOnly of [false, true]) {
            const variables = schemaRegistryDeployment({ ...args, readOnly }).spec.template.spec.containers[0].env as unknown[];
            for (const v of variables) {
                assert.ok(typeof v === "object" && v !== null && typeof (v as { name?: unknown }).name === "string", JSON.stringify(v));
                assert.ok(("value" in v) !== ("valueFrom" in v), JSON.stringify(v));
            }
            const names = variables.map((v) => (v as { name: string }).name);
            assert.strictEqual(new Set(names).size, names.length);
        }
    });

    it("spreads its replicas over zones where it can, without refusing to schedule when it cannot", () => {
        assert.deepStrictEqual(deployment.spec.template.spec.topologySpreadConstraints, [
            { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: deployment.spec.template.metadata.labels } },
        ]);
    });

    it("names its container port and Service port http, beside the Deployment in its namespace", () => {
        assert.deepStrictEqual(container.ports, [{ name: "http", containerPort: 8081 }]);
        const service = schemaRegistryService("streaming");
        assert.deepStrictEqual(service.spec.ports, [{ name: "http", port: 8081, targetPort: 8081 }]);
        assert.deepStrictEqual(service.metadata, { name: "schema-registry", namespace: "streaming", labels: deployment.metadata.labels });
        assert.deepStrictEqual(schemaRegistryDisruptionBudget("streaming").metadata, { name: "schema-registry", namespace: "streaming" });
    });

    it("advertises each pod's own address so followers forward writes to the leader", () => {
        assert.deepStrictEqual(env("SCHEMA_REGISTRY_HOST_NAME")?.valueFrom, { fieldRef: { fieldPath: "status.podIP" } });
    });

    it("makes no replica leader-eligible in DR, so the mirrored registry takes no writes", () => {
        assert.strictEqual(env("SCHEMA_REGISTRY_LEADER_ELIGIBILITY"), undefined);
        const dr = schemaRegistryDeployment({ ...args, readOnly: true }).spec.template.spec.containers[0];
        assert.strictEqual(dr.env.find((e) => e.name === "SCHEMA_REGISTRY_LEADER_ELIGIBILITY")?.value, "false");
    });
});
