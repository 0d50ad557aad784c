// Tests the checks that tie the catalog to the platform's own services, the stack's list of Kafka users, and the direct topic backend's provider.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Catalog, TopicSpec } from "../../catalog";
import { PlatformConfig } from "../../config";
import { PrimaryStack } from "../../platform/primary-stack";
import { checkPlatformInputs, kafkaProviderFor, platformUsers, scramPasswordsOf } from "../../platform/wiring";
import { promiseOf, runUnderMocks } from "../../render/mock-runtime";
import { KafkaUserSpec } from "../../specs/kafka-users";
import { TopicSettings } from "../../specs/mirror-maker";
import { repoCatalog, stackConfig } from "../specs/stack-fixtures";
import { thrownBy } from "./stack-helpers";

/** What `checkPlatformInputs` stops the run with; fails when it lets the inputs through. */
function refusal(config: PlatformConfig, catalog: Catalog, primary?: PrimaryStack): Error {
    return thrownBy(() => checkPlatformInputs(config, catalog, primary), "the inputs were accepted, but they should have been refused");
}

/** A primary whose exported catalog is `topics`; the rest is never read by the checks. */
const primaryExporting = (topics: TopicSettings[]): PrimaryStack => ({ catalogTopics: topics, mirrorMakerTargetUser: "mirror-maker-2" }) as unknown as PrimaryStack;
/** A topic as the primary exports it under catalogTopics. */
const exported = ({ name, partitions, replicationFactor, config }: TopicSpec): TopicSettings => ({ name, partitions, replicationFactor, config });
const names = (topics: Array<{ name: string }>) => topics.map((t) => t.name);
const userNamed = (users: KafkaUserSpec[], name: string) => users.find((u) => u.name === name);
const topicAcl = (user: KafkaUserSpec | undefined, topic: string) => user?.acls.find((a) => a.resource.type === "topic" && a.resource.name === topic);

describe("the catalog tied to the platform (platform/wiring)", () => {
    describe("checkPlatformInputs", () => {
        it("deploys the catalog's topics plus Schema Registry's and, with Connect, Connect's storage and Debezium's heartbeat", () => {
            const prod = stackConfig("prod");
            const catalog = repoCatalog(prod);
            const topics = checkPlatformInputs(prod, catalog);
            assert.deepStrictEqual(names(topics), [...names(catalog.topics), "_schemas", "connect-cluster-offsets", "connect-cluster-configs", "connect-cluster-status", "__debezium-heartbeat.cdc"]);
        });

        it("deploys only Schema Registry's topic besides the catalog on a stack without Connect (DR)", () => {
            const dr = stackConfig("dr");
            const catalog = repoCatalog(dr);
            assert.deepStrictEqual(names(checkPlatformInputs(dr, catalog, primaryExporting(catalog.topics.map(exported)))), [...names(catalog.topics), "_schemas"]);
        });

        it("refuses a catalog topic that takes a platform topic's name, locating it in its file", () => {
            const prod = stackConfig("prod");
            const catalog = repoCatalog(prod);
            const squatter = { ...catalog.topics[0], name: "_schemas", source: { file: "topics/team-a.yaml", line: 14 } };
            const error = refusal(prod, { ...catalog, topics: [...catalog.topics, squatter] });
            assert.ok(pulumi.RunError.isInstance(error), `a ${error.constructor.name}: ${error.message}`);
            assert.strictEqual(
                error.message,
                `the platform's inputs do not fit together (1 problem):\n  topics/team-a.yaml:14: topic "_schemas": name: is the platform's own topic (Schema Registry's or Kafka Connect's); remove it from the catalog`,
            );
        });

        it("leaves Connect's topic names to the catalog on a stack that runs no Connect", () => {
            const prod = stackConfig("prod");
            const withoutConnect = { ...prod, connect: { ...prod.connect, enabled: false } };
            const catalog = repoCatalog(prod);
            const withIt = { ...catalog, topics: [...catalog.topics, { ...catalog.topics[0], name: "connect-cluster-offsets" }] };
            const topics = checkPlatformInputs(withoutConnect, withIt);
            assert.strictEqual(topics.filter((t) => t.name === "connect-cluster-offsets").length, 1);
        });

        it("refuses, with Connect enabled, a catalog missing a topic the CDC connector writes, naming the catalog folder", () => {
            const prod = stackConfig("prod");
            const catalog = repoCatalog(prod);
            const error = refusal(prod, { ...catalog, topics: catalog.topics.filter((t) => t.name !== "cdc.tasks-changes") });
            assert.match(error.message, /^the platform's inputs do not fit together \(1 problem\):\n {2}connector "postgres-cdc-connector": table "app\.tasks" writes to topic "cdc\.tasks-changes", which is not in the catalog; .* add "cdc\.tasks-changes" to topics\/ or drop the table/);
        });

        it("asks nothing of the CDC topics on a stack without Connect", () => {
            const dr = stackConfig("dr");
            const catalog = repoCatalog(dr);
            const withoutCdc = { ...catalog, topics: catalog.topics.filter((t) => !t.name.startsWith("cdc.")) };
            assert.doesNotThrow(() => checkPlatformInputs(dr, withoutCdc, primaryExporting(withoutCdc.topics.map(exported))));
        });

        it("refuses a transactional producer without a transactional id, naming the stack file and key", () => {
            const prod = stackConfig("prod");
            const catalog = repoCatalog(prod);
            const error = refusal({ ...prod, clients: { ...prod.clients, transactionalIds: {} } }, catalog);
            const fsmApi = catalog.producers.find((p) => p.service === "fsm-api");
            assert.ok(fsmApi?.transactional, "the design's fsm-api producer is transactional");
            assert.ok(
                error.message.includes(`Pulumi.prod.yaml: kafka-platform:clients.transactionalIds.fsm-api: is required: producer "fsm-api" (${fsmApi.source.file}) is transactional`),
                error.message,
            );
        });

        it("asks no transactional id of a producer that uses no transactions", () => {
            const prod = stackConfig("prod");
            const catalog = repoCatalog(prod);
            const plain = { ...catalog, producers: catalog.producers.map((p) => ({ ...p, transactional: false })) };
            assert.doesNotThrow(() => checkPlatformInputs({ ...prod, clients: { ...prod.clients, transactionalIds: {} } }, plain));
        });

        it("lets DR deploy what the primary exports, the primary's own platform topics (Connect's among them) aside", () => {
            const dr = stackConfig("dr");
            const catalog = repoCatalog(dr);
            const primaryTopics = checkPlatformInputs(stackConfig("prod"), repoCatalog(stackConfig("prod"))).map(exported);
            assert.ok(primaryTopics.some((t) => t.name === "connect-cluster-status"), "the primary runs Connect");
            assert.doesNotThrow(() => checkPlatformInputs(dr, catalog, primaryExporting(primaryTopics)));
        });

        it("refuses DR when its catalog and the primary's differ, listing each difference", () => {
            const dr = stackConfig("dr");
            const catalog = repoCatalog(dr);
            const primaryTopics = catalog.topics.map(exported).map((t) => (t.name === "task.events" ? { ...t, partitions: t.partitions * 2 } : t));
            const error = refusal(dr, catalog, primaryExporting([...primaryTopics, { name: "orders.legacy", partitions: 3, replicationFactor: 3, config: {} }]));
            assert.match(error.message, /^the platform's inputs do not fit together \(2 problems\):/);
            assert.match(error.message, /topic "task\.events": partitions: the primary has \d+, DR \d+/);
            assert.match(error.message, /topic "orders\.legacy": the primary declares it but DR does not/);
        });

        it("compares no primary on the primary stack itself", () => {
            const prod = stackConfig("prod");
            assert.doesNotThrow(() => checkPlatformInputs(prod, repoCatalog(prod)));
        });

        it("lists every problem of the inputs in one refusal", () => {
            const prod = stackConfig("prod");
            const catalog = repoCatalog(prod);
            const squatter = { ...catalog.topics[0], name: "connect-cluster-status", source: { file: "topics/team-b.yaml", line: 2 } };
            const broken = { ...catalog, topics: [...catalog.topics.filter((t) => t.name !== "cdc.projects-changes"), squatter] };
            const error = refusal({ ...prod, clients: { ...prod.clients, transactionalIds: {} } }, broken);
            assert.match(error.message, /\(3 problems\):/);
            assert.match(error.message, /topics\/team-b\.yaml:2: topic "connect-cluster-status": name:/);
            assert.match(error.message, /"cdc\.projects-changes", which is not in the catalog/);
            assert.match(error.message, /clients\.transactionalIds\.fsm-api: is required/);
        });
    });

    describe("platformUsers", () => {
        it("gives every consumer group and producer of the catalog a user, plus Schema Registry", () => {
            const prod = stackConfig("prod");
            const catalog = repoCatalog(prod);
            const users = platformUsers(prod, catalog);
            for (const name of [...catalog.groups.map((g) => g.groupId), ...catalog.producers.map((p) => p.service), "schema-registry"]) assert.ok(userNamed(users, name), `no user ${name}`);
            assert.deepStrictEqual(userNamed(users, "schema-registry")?.acls.map((a) => `${a.resource.type}:${a.resource.name}`), ["topic:_schemas", "group:schema-registry"]);
        });

        it("grants a transactional producer the transactional id its stack config names", () => {
            const prod = stackConfig("prod");
            const config = { ...prod, clients: { ...prod.clients, transactionalIds: { "fsm-api": "fsm-api-blue" } } };
            const fsmApi = userNamed(platformUsers(config, repoCatalog(prod)), "fsm-api");
            assert.deepStrictEqual(fsmApi?.acls.filter((a) => a.resource.type === "transactionalId").map((a) => a.resource.name), ["fsm-api-blue"]);
        });

        it("lets Connect, where it runs, keep its storage and write every CDC topic and its heartbeat", () => {
            const prod = stackConfig("prod");
            const connect = userNamed(platformUsers(prod, repoCatalog(prod)), "debezium-connect-cluster");
            assert.ok(connect, "no Connect user on prod");
            for (const topic of ["connect-cluster-offsets", "connect-cluster-configs", "connect-cluster-status"]) assert.ok(topicAcl(connect, topic)?.operations.includes("Read"), topic);
            for (const topic of ["cdc.tasks-changes", "cdc.projects-changes", "cdc.organizations-changes", "__debezium-heartbeat.cdc"]) assert.deepStrictEqual(topicAcl(connect, topic)?.operations, ["Write", "Describe"], topic);
            assert.ok(connect.acls.some((a) => a.resource.type === "group" && a.resource.name === "debezium-connect-cluster"));
        });

        it("gives MirrorMaker's source user to the primary only, and no Connect user to a stack without Connect", () => {
            const dr = stackConfig("dr");
            const drUsers = platformUsers(dr, repoCatalog(dr));
            assert.strictEqual(userNamed(drUsers, "mirror-maker-2"), undefined);
            assert.strictEqual(userNamed(drUsers, "debezium-connect-cluster"), undefined);
            const prod = stackConfig("prod");
            const catalog = repoCatalog(prod);
            const mm2 = userNamed(platformUsers(prod, catalog), "mirror-maker-2");
            assert.strictEqual(mm2?.authentication, "scram-sha-512");
            // It describes every consumer group of the catalog, so their offsets can be translated to DR.
            const groups = mm2.acls.filter((a) => a.resource.type === "group");
            assert.deepStrictEqual(groups.map((a) => a.resource.name).sort(), catalog.groups.map((g) => g.groupId).sort());
            for (const acl of groups) assert.deepStrictEqual(acl.operations, ["Describe"], acl.resource.name);
            assert.ok(topicAcl(mm2, "mm2-offset-syncs.dr.internal")?.operations.includes("Write"), "MirrorMaker owns its offset-syncs topic on the source");
            assert.ok(topicAcl(mm2, "_schemas"), "MirrorMaker reads Schema Registry's store");
        });
    });

    describe("kafkaProviderFor", () => {
        it("connects the kafka topic backend to each configured bootstrap server over TLS, with the configured certificate files", async () => {
            const prod = stackConfig("prod");
            const config: PlatformConfig = { ...prod, topicBackend: "kafka", topicBackendBootstrap: "broker-0.example.com:9093, broker-1.example.com:9093", topicBackendTls: { caCertFile: "ca.crt", clientCertFile: "user.crt", clientKeyFile: "user.key" } };
            const { resources } = await runUnderMocks(async () => {
                const provider = kafkaProviderFor(config);
                assert.ok(provider, "no provider for the kafka backend");
                assert.strictEqual(await promiseOf(provider.urn.apply((u) => u.split("::").pop() as string)), "kafka-direct");
            }, { project: "kafka-platform", stack: "prod", config: {} });
            const [provider] = resources.filter((r) => r.type === "pulumi:providers:kafka");
            const inputs = provider.inputs;
            // Provider inputs reach the engine JSON-encoded when they are not strings.
            const decoded = (v: unknown) => (typeof v === "string" && /^[[{]|^(true|false)$/.test(v) ? JSON.parse(v) : v);
            assert.deepStrictEqual(decoded(inputs.bootstrapServers), ["broker-0.example.com:9093", "broker-1.example.com:9093"]);
            assert.strictEqual(decoded(inputs.tlsEnabled), true);
            assert.deepStrictEqual([inputs.caCertFile, inputs.clientCertFile, inputs.clientKeyFile], ["ca.crt", "user.crt", "user.key"]);
        });

        it("makes no Kafka provider for the strimzi backend, nor for the kafka backend without bootstrap servers", () => {
            const prod = stackConfig("prod");
            assert.strictEqual(kafkaProviderFor({ ...prod, topicBackendBootstrap: "broker-0.example.com:9093" }), undefined);
            assert.strictEqual(kafkaProviderFor({ ...prod, topicBackend: "kafka" }), undefined);
        });
    });

    describe("scramPasswordsOf", () => {
        it("hands the primary's MirrorMaker password to MirrorMaker's SCRAM user, and no password where there is none", () => {
            const password = pulumi.secret("mm2");
            assert.deepStrictEqual(scramPasswordsOf({ mirrorMakerPassword: password }), { "mirror-maker-2": password });
            assert.deepStrictEqual(scramPasswordsOf({}), {});
        });
    });
});
