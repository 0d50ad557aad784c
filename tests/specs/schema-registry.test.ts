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

    it("advertises each pod's own address so followers forward writes to the leader", () => {
        assert.deepStrictEqual(env("SCHEMA_REGISTRY_HOST_NAME")?.valueFrom, { fieldRef: { fieldPath: "status.podIP" } });
    });

    it("makes no replica leader-eligible in DR, so the mirrored registry takes no writes", () => {
        assert.strictEqual(env("SCHEMA_REGISTRY_LEADER_ELIGIBILITY"), undefined);
        const dr = schemaRegistryDeployment({ ...args, readOnly: true }).spec.template.spec.containers[0];
        assert.strictEqual(dr.env.find((e) => e.name === "SCHEMA_REGISTRY_LEADER_ELIGIBILITY")?.value, "false");
    });
});
