// Tests the whole DR stack under mocks, fed the primary's outputs: MirrorMaker 2, the secrets it needs, the network path and the parity guard.
import * as assert from "assert";
import { RecordedResource } from "../../render/mock-runtime";
import { RenderResult } from "../../render/render";
import { at, isSecretInput, one, ofType, pathsContaining, PRIMARY_REFERENCE, rejectionOf, render, STRIMZI_PREFIX, strimziResources, unwrapSecrets, whereInInputs } from "./stack-helpers";
import { CONNECT_STORAGE_TOPICS, HEARTBEAT_TOPIC } from "../../specs/kafka-connect";

const SECRET = "kubernetes:core/v1:Secret";
const MIRROR_MAKER = `${STRIMZI_PREFIX}KafkaMirrorMaker2`;
const PEERING = "gcp:compute/networkPeering:NetworkPeering";
/** A CA certificate the primary exports; the mocks would otherwise export an empty one. */
const PRIMARY_CA = "-----BEGIN CERTIFICATE-----\nMIIBprimaryClusterCaForTests\n-----END CERTIFICATE-----\n";
const MM2_PASSWORD = "[secret kafka-platform:mirrorMakerPassword]";

type Outputs = Record<string, unknown>;

describe("dr stack (whole program under mocks, primary outputs through the StackReference)", () => {
    let primary: Outputs;
    let dr: RenderResult;
    let resources: RecordedResource[];
    const renderDr = (primaryOutputs: Outputs) => render("dr", { otherStacks: { [PRIMARY_REFERENCE]: primaryOutputs } });

    before(async function () {
        // Two whole-program renders, the primary's then DR's: on a busy machine they take more than mocha's minute.
        this.timeout(180_000);
        const prod = await render("prod");
        primary = { ...(unwrapSecrets(prod.outputs) as Outputs), clusterCaCertificate: PRIMARY_CA };
        dr = await renderDr(primary);
        resources = dr.resources;
    });

    describe("MirrorMaker 2", () => {
        it("registers one KafkaMirrorMaker2 reading the primary's cross-region bootstrap address", () => {
            const [mm2, ...others] = ofType(resources, MIRROR_MAKER);
            assert.ok(mm2, "no KafkaMirrorMaker2");
            assert.deepStrictEqual(others, []);
            const source = (at(mm2.inputs, "spec", "clusters") as Array<Record<string, unknown>>).find((c) => c.alias === "primary");
            assert.strictEqual(source?.bootstrapServers, (primary.kafkaBootstrap as { crossRegion: string }).crossRegion);
            assert.strictEqual(source?.bootstrapServers, "10.0.0.10:9094");
        });

        it("follows the primary's address when it changes", async () => {
            const moved = await renderDr({ ...primary, kafkaBootstrap: { ...(primary.kafkaBootstrap as object), crossRegion: "10.10.9.9:9094" } });
            const source = (at(one(moved.resources, MIRROR_MAKER, "dr-mirror-maker").inputs, "spec", "clusters") as Array<Record<string, unknown>>).find((c) => c.alias === "primary");
            assert.strictEqual(source?.bootstrapServers, "10.10.9.9:9094");
        });

        it("trusts the primary's cluster CA, held in a Secret the MirrorMaker resource names", () => {
            const secrets = ofType(resources, SECRET).filter((s) => pathsContaining(s.inputs, PRIMARY_CA).length > 0);
            assert.deepStrictEqual(secrets.map((s) => s.name), ["dr-primary-ca"]);
            const ca = secrets[0];
            assert.deepStrictEqual(pathsContaining(ca.inputs, PRIMARY_CA), ["stringData.ca.crt"]);
            const source = (at(one(resources, MIRROR_MAKER, "dr-mirror-maker").inputs, "spec", "clusters") as Array<Record<string, any>>).find((c) => c.alias === "primary"); // eslint-disable-line @typescript-eslint/no-explicit-any
            assert.deepStrictEqual(source?.tls, { trustedCertificates: [{ secretName: at(ca.inputs, "metadata", "name"), certificate: "ca.crt" }] });
        });

        it("holds the primary's MirrorMaker password only in a secret Secret, which the MirrorMaker resource names", () => {
            assert.deepStrictEqual(whereInInputs(resources, MM2_PASSWORD), [`${SECRET}/dr-primary-password: stringData.password`]);
            const secret = one(resources, SECRET, "dr-primary-password");
            assert.ok(isSecretInput(at(secret.inputs, "stringData")), "the password Secret's stringData is not marked secret");
            const source = (at(one(resources, MIRROR_MAKER, "dr-mirror-maker").inputs, "spec", "clusters") as Array<Record<string, any>>).find((c) => c.alias === "primary"); // eslint-disable-line @typescript-eslint/no-explicit-any
            assert.deepStrictEqual(source?.authentication, { type: "scram-sha-512", username: "mirror-maker-2", passwordSecret: { secretName: at(secret.inputs, "metadata", "name"), password: "password" } });
            assert.deepStrictEqual(whereInInputs(strimziResources(resources), MM2_PASSWORD), []);
        });

        it("writes into DR as a TLS user with its own ACLs, never a super user of the DR cluster", () => {
            const kafka = one(resources, `${STRIMZI_PREFIX}Kafka`, "kafka-kafka");
            assert.deepStrictEqual(at(kafka.inputs, "spec", "kafka", "authorization", "superUsers"), []);
            const user = one(resources, `${STRIMZI_PREFIX}KafkaUser`, "dr-target-user");
            assert.strictEqual(at(user.inputs, "metadata", "name"), "mirror-maker-2");
            assert.deepStrictEqual(at(user.inputs, "spec", "authentication"), { type: "tls" });
            const acls = at(user.inputs, "spec", "authorization", "acls") as Array<{ resource: { type: string; name: string }; operations: string[] }>;
            const target = (at(one(resources, MIRROR_MAKER, "dr-mirror-maker").inputs, "spec", "clusters") as Array<Record<string, any>>).find((c) => c.alias === "dr"); // eslint-disable-line @typescript-eslint/no-explicit-any
            assert.strictEqual(target?.authentication.certificateAndKey.secretName, "mirror-maker-2", "the mirror writes as another user than the one given ACLs");
            assert.ok(acls.some((a) => a.resource.type === "topic" && a.resource.name === "task.events" && a.operations.includes("Write")), "cannot write a mirrored topic");
            assert.ok(acls.some((a) => a.resource.type === "group" && a.resource.name === "mirrormaker2-cluster"), "cannot join its Connect group");
        });

        it("makes pulumi up wait for every Strimzi resource of DR to be Ready", () => {
            const missing = strimziResources(resources).filter((r) => at(r.inputs, "metadata", "annotations", "pulumi.com/waitFor") !== "condition=Ready");
            assert.deepStrictEqual(missing.map((r) => `${r.type}/${r.name}`), []);
        });

        it("mirrors the catalog's topics and _schemas, never Connect's topics (DR runs no Connect)", () => {
            const pattern = at(one(resources, MIRROR_MAKER, "dr-mirror-maker").inputs, "spec", "mirrors", "0", "topicsPattern") as string;
            const whole = new RegExp(`^(?:${pattern})$`);
            const connectOwn = new Set<string>([...Object.values(CONNECT_STORAGE_TOPICS), HEARTBEAT_TOPIC]);
            for (const { name } of primary.catalogTopics as Array<{ name: string }>) assert.strictEqual(whole.test(name), !connectOwn.has(name), name);
            assert.deepStrictEqual(ofType(resources, `${STRIMZI_PREFIX}KafkaConnect`), []);
        });

        it("sizes its requests for the largest record the catalog allows: the brokers' 10 MB, which most topics inherit", () => {
            const target = (at(one(resources, MIRROR_MAKER, "dr-mirror-maker").inputs, "spec", "clusters") as Array<Record<string, any>>).find((c) => c.alias === "dr"); // eslint-disable-line @typescript-eslint/no-explicit-any
            assert.strictEqual(target?.config["producer.max.request.size"], 10485760);
        });

        it("exports metrics through the ConfigMap it names, scraped and alerted on beside it", () => {
            const mm2 = one(resources, MIRROR_MAKER, "dr-mirror-maker");
            const configMapName = at(mm2.inputs, "spec", "metricsConfig", "valueFrom", "configMapKeyRef", "name");
            const configMap = one(resources, "kubernetes:core/v1:ConfigMap", "dr-mirror-metrics");
            assert.strictEqual(at(configMap.inputs, "metadata", "name"), configMapName);
            assert.match(String(at(configMap.inputs, "data", "metrics-config.yml")), /kafka_connect_mirror_source_connector_\$4/);
            const scrape = one(resources, "kubernetes:monitoring.googleapis.com/v1:PodMonitoring", "dr-dr-mirror-metrics");
            assert.strictEqual(at(scrape.inputs, "spec", "selector", "matchLabels", "strimzi.io/cluster"), "dr-mirror");
            const alerts = one(resources, "kubernetes:monitoring.googleapis.com/v1:Rules", "dr-dr-mirror-alerts");
            const names = (at(alerts.inputs, "spec", "groups", "0", "rules") as Array<{ alert: string }>).map((r) => r.alert);
            assert.deepStrictEqual(names, ["MirrorMakerTaskFailed", "MirrorMakerNotReplicating", "MirrorMakerReplicationLatencyHigh", "MirrorMakerCheckpointsStale"]);
        });
    });

    describe("the DR cluster", () => {
        it("runs in the DR region's three zones", () => {
            const cluster = one(resources, "gcp:container/cluster:Cluster", "dr-cluster");
            assert.strictEqual(at(cluster.inputs, "location"), "europe-west4");
            assert.deepStrictEqual(at(cluster.inputs, "nodeLocations"), ["europe-west4-a", "europe-west4-b", "europe-west4-c"]);
        });

        it("runs the same Kafka as the primary, protected, with rack awareness over those zones", () => {
            const kafka = one(resources, `${STRIMZI_PREFIX}Kafka`, "kafka-kafka");
            assert.strictEqual(kafka.options.protect, true);
            assert.strictEqual(at(kafka.inputs, "spec", "kafka", "replicas"), 6);
            assert.deepStrictEqual(at(kafka.inputs, "spec", "kafka", "rack"), { topologyKey: "topology.kubernetes.io/zone" });
        });

        it("runs a Schema Registry that takes no writes", () => {
            const deployment = one(resources, "kubernetes:apps/v1:Deployment", "schema-registry-deployment");
            const env = at(deployment.inputs, "spec", "template", "spec", "containers", "0", "env") as Array<{ name: string; value?: string }>;
            assert.strictEqual(env.find((e) => e.name === "SCHEMA_REGISTRY_LEADER_ELIGIBILITY")?.value, "false");
        });
    });

    describe("network path to the primary", () => {
        it("peers the two VPCs both ways", () => {
            const primaryNetwork = primary.networkSelfLink as string;
            const drNetwork = "https://www.googleapis.com/compute/v1/projects/fsm-platform-prod/global/networks/dr-vpc";
            const peerings = ofType(resources, PEERING).map((p) => [at(p.inputs, "network"), at(p.inputs, "peerNetwork")]);
            assert.deepStrictEqual(peerings.sort(), [[drNetwork, primaryNetwork], [primaryNetwork, drNetwork]].sort());
        });

        it("opens the primary's cross-region listener port to DR nodes and pods, on the primary's Kafka nodes only", () => {
            const [firewall] = ofType(resources, "gcp:compute/firewall:Firewall");
            assert.strictEqual(at(firewall.inputs, "network"), primary.networkSelfLink);
            assert.deepStrictEqual(at(firewall.inputs, "allows"), [{ protocol: "tcp", ports: ["9094"] }]);
            assert.deepStrictEqual(at(firewall.inputs, "sourceRanges"), ["10.30.0.0/20", "10.36.0.0/14"]);
            assert.deepStrictEqual(at(firewall.inputs, "targetTags"), [primary.kafkaNodeTag]);
        });
    });

    describe("refusals", () => {
        it("refuses a primary whose topic has a different partition count, naming the topic", async () => {
            const topics = (primary.catalogTopics as Array<{ name: string; partitions: number }>).map((t) => (t.name === "task.events" ? { ...t, partitions: 24 } : t));
            const message = await rejectionOf(renderDr({ ...primary, catalogTopics: topics }));
            assert.match(message, /topic "task\.events": partitions: the primary has 24, DR 48/);
        });

        it("refuses a primary that exports no catalogTopics and says to deploy the primary first", async () => {
            const withoutTopics = { ...primary };
            delete withoutTopics.catalogTopics;
            const message = await rejectionOf(renderDr(withoutTopics));
            assert.match(message, /exports no catalogTopics/);
            assert.match(message, /deploy the primary first/);
        });

        it("refuses to mirror from a primary whose cross-region listener has no address yet", async () => {
            const kafkaBootstrap = { ...(primary.kafkaBootstrap as Record<string, string>), crossRegion: "" };
            const message = await rejectionOf(renderDr({ ...primary, kafkaBootstrap }));
            assert.match(message, /no cross-region listener address yet/);
        });
    });
});
