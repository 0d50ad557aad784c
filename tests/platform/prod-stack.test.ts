// Tests the whole primary stack under mocks: protection of stateful resources, where secrets go, client access, outputs and refusals.
import * as assert from "assert";
import * as fs from "fs";
import { RecordedResource } from "../../render/mock-runtime";
import { RenderResult } from "../../render/render";
import { at, copyCatalog, isSecretInput, one, ofType, pathsContaining, rejectionOf, render, STRIMZI_PREFIX, strimziResources, whereInInputs } from "./stack-helpers";

const KAFKA = `${STRIMZI_PREFIX}Kafka`;
const KAFKA_TOPIC = `${STRIMZI_PREFIX}KafkaTopic`;
const KAFKA_USER = `${STRIMZI_PREFIX}KafkaUser`;
const SECRET = "kubernetes:core/v1:Secret";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
/** What the render substitutes for the `secure:` values of Pulumi.prod.yaml. */
const CDC_PASSWORD = "[secret kafka-platform:cdcDatabasePassword]";
const MM2_PASSWORD = "[secret kafka-platform:mirrorMakerPassword]";

/** The design's consumer group settings (consumer-groups.yaml of the seed), in Kafka's property names. */
const DESIGN_CLIENT_SETTINGS: Record<string, Record<string, string>> = {
    "task-event-processor": { "max.poll.records": "500", "max.poll.interval.ms": "300000", "session.timeout.ms": "30000", "heartbeat.interval.ms": "3000", "auto.offset.reset": "earliest", "enable.auto.commit": "true", "auto.commit.interval.ms": "5000" },
    "analytics-processor": { "max.poll.records": "1000", "max.poll.interval.ms": "300000", "session.timeout.ms": "30000", "heartbeat.interval.ms": "3000", "auto.offset.reset": "latest", "enable.auto.commit": "true", "auto.commit.interval.ms": "5000" },
    "email-notification-dispatcher": { "max.poll.records": "100", "max.poll.interval.ms": "600000", "session.timeout.ms": "30000", "heartbeat.interval.ms": "3000", "auto.offset.reset": "earliest", "enable.auto.commit": "false" },
    "push-notification-dispatcher": { "max.poll.records": "200", "max.poll.interval.ms": "300000", "session.timeout.ms": "30000", "heartbeat.interval.ms": "3000", "auto.offset.reset": "earliest", "enable.auto.commit": "false" },
    "cdc-processor": { "max.poll.records": "500", "max.poll.interval.ms": "300000", "session.timeout.ms": "30000", "heartbeat.interval.ms": "3000", "auto.offset.reset": "earliest", "enable.auto.commit": "true" },
    "audit-log-processor": { "max.poll.records": "200", "max.poll.interval.ms": "300000", "session.timeout.ms": "30000", "heartbeat.interval.ms": "3000", "auto.offset.reset": "earliest", "enable.auto.commit": "true" },
    "search-index-updater": { "max.poll.records": "200", "max.poll.interval.ms": "600000", "session.timeout.ms": "30000", "heartbeat.interval.ms": "3000", "auto.offset.reset": "earliest", "enable.auto.commit": "false" },
    "cache-invalidator": { "max.poll.records": "500", "max.poll.interval.ms": "300000", "session.timeout.ms": "30000", "heartbeat.interval.ms": "3000", "auto.offset.reset": "latest", "enable.auto.commit": "true" },
};

describe("prod stack (whole program under mocks)", () => {
    let prod: RenderResult;
    let resources: RecordedResource[];

    before(async () => {
        prod = await render("prod");
        resources = prod.resources;
    });

    describe("protection of stateful resources", () => {
        it("protects the Kafka resource and keeps it on delete", () => {
            const kafka = one(resources, KAFKA, "kafka-kafka");
            assert.deepStrictEqual([kafka.options.protect, kafka.options.retainOnDelete], [true, true]);
        });

        it("protects every topic and keeps it on delete", () => {
            const topics = ofType(resources, KAFKA_TOPIC);
            assert.ok(topics.length >= 40, `only ${topics.length} topics`);
            const unprotected = topics.filter((t) => !t.options.protect || !t.options.retainOnDelete).map((t) => t.name);
            assert.deepStrictEqual(unprotected, []);
        });

        it("protects the log bucket and the GKE cluster", () => {
            assert.strictEqual(one(resources, "gcp:storage/bucket:Bucket", "kafka-logs-bucket").options.protect, true);
            assert.strictEqual(one(resources, "gcp:container/cluster:Cluster", "prod-cluster").options.protect, true);
        });

        it("leaves protection off when a stack sets protect false", async () => {
            const unprotected = await render("prod", { config: ["kafka-platform:protect=false"] });
            assert.strictEqual(one(unprotected.resources, KAFKA, "kafka-kafka").options.protect, false);
            assert.ok(ofType(unprotected.resources, KAFKA_TOPIC).every((t) => !t.options.protect));
        });
    });

    describe("secrets", () => {
        it("puts the CDC database password only in the stringData of a Kubernetes Secret", () => {
            const places = whereInInputs(resources, CDC_PASSWORD);
            assert.ok(places.length > 0, "the CDC password reached no resource at all");
            assert.deepStrictEqual(places, [`${SECRET}/connect-cdc-credentials: stringData.password`]);
            assert.ok(isSecretInput(at(one(resources, SECRET, "connect-cdc-credentials").inputs, "stringData")), "the Secret's stringData is not marked secret");
        });

        it("puts the CDC database password in no Strimzi resource and no plain output", () => {
            assert.deepStrictEqual(whereInInputs(strimziResources(resources), CDC_PASSWORD), []);
            assert.deepStrictEqual(pathsContaining(prod.outputs, CDC_PASSWORD), []);
        });

        it("points the connector at the very Secret and key that hold the password, readable by the Connect workers", () => {
            const connector = one(resources, `${STRIMZI_PREFIX}KafkaConnector`, "connect-connector");
            const reference = at(connector.inputs, "spec", "config", "database.password") as string;
            const [, namespace, name, key] = /^\$\{secrets:([^/]+)\/([^:]+):([^}]+)\}$/.exec(reference) ?? [];
            const secret = one(resources, SECRET, "connect-cdc-credentials");
            assert.deepStrictEqual([at(secret.inputs, "metadata", "namespace"), at(secret.inputs, "metadata", "name")], [namespace, name]);
            assert.ok(pathsContaining(at(secret.inputs, "stringData"), CDC_PASSWORD).some((p) => p === key || p.startsWith(`${key}.`)), `the Secret has no ${key}`);
            const role = one(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role", "connect-secret-reader");
            assert.deepStrictEqual(at(role.inputs, "rules"), [{ apiGroups: [""], resources: ["secrets"], resourceNames: [name], verbs: ["get"] }]);
        });

        it("puts the MirrorMaker password only in a Secret the SCRAM user points to, and exports it only as a secret", () => {
            assert.deepStrictEqual(whereInInputs(resources, MM2_PASSWORD), [`${SECRET}/access-mirror-maker-2-password: stringData.password`]);
            assert.ok(isSecretInput(at(one(resources, SECRET, "access-mirror-maker-2-password").inputs, "stringData")), "the Secret's stringData is not marked secret");
            const user = one(resources, KAFKA_USER, "access-mirror-maker-2");
            assert.deepStrictEqual(at(user.inputs, "spec", "authentication"), { type: "scram-sha-512", password: { valueFrom: { secretKeyRef: { name: "mirror-maker-2-password", key: "password" } } } });
            assert.deepStrictEqual(prod.outputs.mirrorMakerPassword, { secret: MM2_PASSWORD });
        });
    });

    describe("client access", () => {
        for (const groupId of Object.keys(DESIGN_CLIENT_SETTINGS)) {
            it(`has a KafkaUser for ${groupId} labelled for production-kafka`, () => {
                const user = one(resources, KAFKA_USER, `access-${groupId}`);
                assert.strictEqual(at(user.inputs, "metadata", "name"), groupId);
                assert.strictEqual(at(user.inputs, "metadata", "namespace"), "kafka");
                assert.deepStrictEqual(at(user.inputs, "metadata", "labels"), { "strimzi.io/cluster": "production-kafka" });
                assert.ok((at(user.inputs, "spec", "authorization", "acls") as unknown[]).length > 0);
            });

            it(`publishes ${groupId}'s client settings from the design in Kafka's property names`, () => {
                const map = one(resources, CONFIG_MAP, `access-${groupId}-client`);
                const data = at(map.inputs, "data") as Record<string, string>;
                const settings = Object.fromEntries(Object.keys(data).filter((k) => !k.startsWith("kafka-platform.") && !["bootstrap.servers", "security.protocol", "group.id"].includes(k)).map((k) => [k, data[k]]));
                // Beside the design's settings, every group reads only committed records (specs/kafka-users).
                assert.deepStrictEqual(settings, { ...DESIGN_CLIENT_SETTINGS[groupId], "isolation.level": "read_committed" });
                assert.strictEqual(data["group.id"], groupId);
                assert.strictEqual(data["bootstrap.servers"], "production-kafka-kafka-bootstrap.kafka.svc:9093");
                assert.strictEqual(data["security.protocol"], "SSL");
                assert.strictEqual(at(map.inputs, "metadata", "namespace"), "apps");
            });
        }
    });

    describe("outputs", () => {
        it("exports the plain, TLS and cross-region bootstrap addresses", () => {
            assert.deepStrictEqual(prod.outputs.kafkaBootstrap, {
                plain: "production-kafka-kafka-bootstrap.kafka.svc:9092",
                tls: "production-kafka-kafka-bootstrap.kafka.svc:9093",
                crossRegion: "10.0.0.10:9094",
            });
        });

        it("exports the cluster CA certificate", () => {
            assert.ok("clusterCaCertificate" in prod.outputs);
            assert.strictEqual(typeof prod.outputs.clusterCaCertificate, "string");
        });

        it("exports the kubeconfig only as a secret", () => {
            const kubeconfig = prod.outputs.kubeconfig as { secret?: unknown };
            assert.ok(kubeconfig && typeof kubeconfig === "object" && "secret" in kubeconfig, `kubeconfig is not secret: ${JSON.stringify(kubeconfig).slice(0, 80)}`);
            assert.match(String(kubeconfig.secret), /203\.0\.113\.10/);
        });

        it("exports the log bucket as <project>-prod-kafka-logs", () => {
            assert.strictEqual(prod.outputs.logBucket, "fsm-platform-prod-prod-kafka-logs");
            assert.strictEqual(at(one(resources, "gcp:storage/bucket:Bucket", "kafka-logs-bucket").inputs, "name"), "fsm-platform-prod-prod-kafka-logs");
        });

        it("exports the Schema Registry URL", () => {
            assert.strictEqual(prod.outputs.schemaRegistryUrl, "http://schema-registry.kafka.svc:8081");
        });

        it("exports the topics it deploys for the DR stack's parity check", () => {
            const names = (prod.outputs.catalogTopics as Array<{ name: string }>).map((t) => t.name);
            assert.deepStrictEqual(names.slice().sort(), ofType(resources, KAFKA_TOPIC).map((t) => at(t.inputs, "spec", "topicName") as string).sort());
        });
    });

    describe("change data capture", () => {
        it("pushes the Connect image to the program's own Docker repository as HOST/PROJECT/REPOSITORY/IMAGE:TAG", () => {
            const image = at(one(resources, `${STRIMZI_PREFIX}KafkaConnect`, "connect-connect").inputs, "spec", "build", "output", "image");
            assert.strictEqual(image, "europe-west1-docker.pkg.dev/fsm-platform-prod/kafka-connect/debezium-connect:2.4.0.Final");
            assert.strictEqual(at(one(resources, "gcp:artifactregistry/repository:Repository", "connect-images-repository").inputs, "repositoryId"), "kafka-connect");
        });

        it("downloads the plugin through the Maven remote repository the program creates and lets the build read", () => {
            const [artifact] = at(one(resources, `${STRIMZI_PREFIX}KafkaConnect`, "connect-connect").inputs, "spec", "build", "plugins", "0", "artifacts") as Array<{ url: string }>;
            const repository = one(resources, "gcp:artifactregistry/repository:Repository", "connect-images-plugin-repository");
            const base = `https://${at(repository.inputs, "location")}-maven.pkg.dev/${at(repository.inputs, "project")}/${at(repository.inputs, "repositoryId")}/`;
            assert.ok(artifact.url.startsWith(base), `${artifact.url} is not under ${base}`);
            const reader = one(resources, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "connect-images-plugin-reader");
            assert.deepStrictEqual([at(reader.inputs, "repository"), at(reader.inputs, "role")], [at(repository.inputs, "repositoryId"), "roles/artifactregistry.reader"]);
        });

        it("declares the connector's heartbeat topic and runs its one task", () => {
            assert.ok(ofType(resources, KAFKA_TOPIC).some((t) => at(t.inputs, "spec", "topicName") === "__debezium-heartbeat.cdc"));
            const connector = one(resources, `${STRIMZI_PREFIX}KafkaConnector`, "connect-connector");
            assert.strictEqual(at(connector.inputs, "spec", "tasksMax"), 1);
            assert.strictEqual(at(connector.inputs, "spec", "config", "heartbeat.interval.ms"), "10000");
        });
    });

    describe("readiness", () => {
        it("makes pulumi up wait for every Strimzi resource to be Ready", () => {
            const crs = strimziResources(resources);
            assert.ok(crs.some((r) => r.type === KAFKA) && crs.some((r) => r.type === `${STRIMZI_PREFIX}KafkaConnect`));
            const missing = crs.filter((r) => at(r.inputs, "metadata", "annotations", "pulumi.com/waitFor") !== "condition=Ready" || !(Number(at(r.inputs, "metadata", "annotations", "pulumi.com/timeoutSeconds")) > 0));
            assert.deepStrictEqual(missing.map((r) => `${r.type}/${r.name}`), []);
        });

        it("gives the Kafka resource at least 45 minutes to roll", () => {
            assert.ok(Number(at(one(resources, KAFKA, "kafka-kafka").inputs, "metadata", "annotations", "pulumi.com/timeoutSeconds")) >= 2700);
        });
    });

    describe("refusals", () => {
        let withoutOrganizations: string;

        before(() => {
            withoutOrganizations = copyCatalog((file, text) => (file === "cdc.yaml" ? text.replace(/\n[^\n]*# Not in the design's topic list[\s\S]*?(?=\n {2}- name: |$)/, "").replace(/\n {2}- name: cdc\.organizations-changes[\s\S]*?(?=\n {2}- name: |$)/, "") : text));
        });

        after(() => fs.rmSync(withoutOrganizations, { recursive: true, force: true }));

        it("refuses a catalog without the topic the CDC connector writes app.organizations to, naming table and topic", async () => {
            assert.doesNotMatch(fs.readFileSync(`${withoutOrganizations}/cdc.yaml`, "utf8"), /cdc\.organizations-changes/);
            const message = await rejectionOf(render("prod", { catalog: withoutOrganizations }));
            assert.match(message, /app\.organizations/);
            assert.match(message, /cdc\.organizations-changes/);
            assert.match(message, /table "app\.organizations" writes to topic "cdc\.organizations-changes", which is not in the catalog/);
        });

        it("refuses a catalog that declares the platform's own _schemas topic, naming its file and line", async () => {
            const withSchemas = copyCatalog((file, text) => (file === "operations.yaml" ? `${text}\n  - name: _schemas\n    description: Clash\n    partitions: 1\n    replication_factor: 3\n` : text));
            try {
                const message = await rejectionOf(render("prod", { catalog: withSchemas }));
                assert.match(message, /operations\.yaml:\d+: topic "_schemas": name: is the platform's own topic/);
            } finally {
                fs.rmSync(withSchemas, { recursive: true, force: true });
            }
        });
    });
});
