// Tests the least-privilege KafkaUsers: each consumer group, the producer, the platform's clients and MirrorMaker's source user.
import * as assert from "assert";
import { Acl, connectUser, consumerClientProperties, consumerGroupUser, kafkaUserResource, KafkaUserSpec, mirrorMakerTargetUser, producerUser, schemaRegistryUser } from "../../specs/kafka-users";
import { OFFSET_SYNCS_TOPIC } from "../../specs/mirror-maker";
import { checkPlatformInputs, platformUsers } from "../../platform/wiring";
import { repoCatalog, stackConfig } from "./stack-fixtures";

const DLQ = "dlq.processing_errors";

/** The design's consumer groups and the topics each reads (consumer-groups.yaml of the seed). */
const DESIGN_GROUP_TOPICS: Record<string, string[]> = {
    "task-event-processor": ["task.events", "task.comments"],
    "analytics-processor": ["analytics.events", "analytics.page_views"],
    "email-notification-dispatcher": ["notifications.email"],
    "push-notification-dispatcher": ["notifications.push"],
    "cdc-processor": ["cdc.tasks-changes", "cdc.projects-changes"],
    "audit-log-processor": ["audit.events"],
    "search-index-updater": ["task.events", "project.events", "user.events"],
    "cache-invalidator": ["task.events", "project.events", "user.events", "organization.events"],
};

const prod = stackConfig("prod");
const catalog = repoCatalog(prod);
checkPlatformInputs(prod, catalog); // the inputs fit together, as the program checks before building users
// Built inside each test that reads them, not once at load, so each test is one that exercises the ACL builder.
const prodUsers = () => platformUsers(prod, catalog);
const user = (name: string): KafkaUserSpec => {
    const users = prodUsers();
    const found = users.find((u) => u.name === name);
    assert.ok(found, `no user ${name}; users: ${users.map((u) => u.name).join(", ")}`);
    return found;
};
const literalTopic = (name: string, operations: string[]): Acl => ({ resource: { type: "topic", name, patternType: "literal" }, operations } as Acl);
const sorted = (acls: Acl[]) => [...acls].map((a) => JSON.stringify({ ...a, operations: [...a.operations].sort() })).sort();

describe("KafkaUsers (specs/kafka-users, platform/wiring)", () => {
    it("gives each consumer group, the design's 8 among them, a TLS user named after the group", () => {
        const groupIds = catalog.groups.map((g) => g.groupId);
        for (const groupId of Object.keys(DESIGN_GROUP_TOPICS)) assert.ok(groupIds.includes(groupId), `design group ${groupId} is missing`);
        for (const groupId of groupIds) assert.strictEqual(user(groupId).authentication, "tls", groupId);
    });

    for (const [groupId, designTopics] of Object.entries(DESIGN_GROUP_TOPICS)) {
        it(`lets ${groupId} read and describe exactly its catalog topics (the design's ${designTopics.join(", ")} among them), join its own group and write only to the DLQ`, () => {
            const groupTopics = catalog.groups.find((g) => g.groupId === groupId)?.topics ?? [];
            const retired = new Set(catalog.removedTopics.map((r) => r.name));
            for (const topic of designTopics.filter((t) => !retired.has(t))) assert.ok(groupTopics.includes(topic), `${groupId} no longer reads ${topic}`);
            const expected: Acl[] = [
                ...groupTopics.map((t) => literalTopic(t, ["Read", "Describe"])),
                { resource: { type: "group", name: groupId, patternType: "literal" }, operations: ["Read"] },
                literalTopic(DLQ, ["Write"]),
            ];
            assert.deepStrictEqual(sorted(user(groupId).acls), sorted(expected));
        });
    }

    it("lets the producer fsm-api write and describe exactly its catalog topics and own its transactional id", () => {
        const producer = catalog.producers.find((p) => p.service === "fsm-api");
        assert.ok(producer?.transactional);
        const expected: Acl[] = [
            ...producer.topics.map((t) => literalTopic(t, ["Write", "Describe"])),
            { resource: { type: "transactionalId", name: "fsm-api-tx", patternType: "prefix" }, operations: ["Write", "Describe"] },
        ];
        assert.deepStrictEqual(sorted(user("fsm-api").acls), sorted(expected));
        assert.ok(!user("fsm-api").acls.some((a) => a.operations.includes("Read")), "a producer reads nothing");
    });

    it("names no resource * and uses a prefix only for a transactional producer's own ids, in either stack", () => {
        const dr = stackConfig("dr");
        const drCatalog = repoCatalog(dr);
        for (const acl of [...prodUsers(), ...platformUsers(dr, drCatalog)].flatMap((u) => u.acls.map((a) => ({ user: u.name, ...a })))) {
            assert.notStrictEqual(acl.resource.name, "*", `${acl.user}: ${JSON.stringify(acl)}`);
            assert.ok(acl.resource.name !== undefined && acl.resource.name !== "", `${acl.user}: ${JSON.stringify(acl)}`);
            assert.strictEqual(acl.resource.patternType, acl.resource.type === "transactionalId" ? "prefix" : "literal", `${acl.user}: ${JSON.stringify(acl)}`);
            assert.notStrictEqual(acl.resource.type, "cluster", `${acl.user}: ${JSON.stringify(acl)}`);
        }
    });

    it("gives MirrorMaker 2 on the primary a SCRAM user that reads every catalog topic and _schemas, and nothing of Connect's", () => {
        const mm2 = user("mirror-maker-2");
        assert.strictEqual(mm2.authentication, "scram-sha-512");
        const readable = mm2.acls.filter((a) => a.resource.type === "topic" && a.resource.name !== OFFSET_SYNCS_TOPIC);
        assert.deepStrictEqual(readable.map((a) => a.resource.name).sort(), [...catalog.topics.map((t) => t.name), "_schemas"].sort());
        for (const acl of readable) assert.deepStrictEqual([...acl.operations].sort(), ["Describe", "DescribeConfigs", "Read"], acl.resource.name);
        assert.ok(!mm2.acls.some((a) => /^connect-cluster-/.test(a.resource.name ?? "")));
        assert.ok(!mm2.acls.some((a) => a.operations.includes("Write") && a.resource.name !== OFFSET_SYNCS_TOPIC), "MirrorMaker writes nothing on the primary but its offset syncs");
    });

    it("lets MirrorMaker 2 describe every consumer group (for offset sync) and own its offset-syncs topic on the source", () => {
        const mm2 = user("mirror-maker-2");
        const groups = mm2.acls.filter((a) => a.resource.type === "group");
        assert.deepStrictEqual(groups.map((a) => a.resource.name).sort(), Object.keys(DESIGN_GROUP_TOPICS).sort());
        for (const acl of groups) assert.deepStrictEqual(acl.operations, ["Describe"]);
        assert.strictEqual(OFFSET_SYNCS_TOPIC, "mm2-offset-syncs.dr.internal");
        const syncs = mm2.acls.find((a) => a.resource.name === OFFSET_SYNCS_TOPIC);
        assert.deepStrictEqual([...(syncs?.operations ?? [])].sort(), ["Create", "Describe", "DescribeConfigs", "Read", "Write"]);
    });

    it("lets MirrorMaker 2 write into DR the mirrored topics and the groups' translated offsets, and create only its own topics", () => {
        const own = { connectGroup: "mirrormaker2-cluster", topics: ["primary.checkpoints.internal", "heartbeats", "mirrormaker2-cluster-offsets"] };
        const target = mirrorMakerTargetUser("mirror-maker-2", ["task.events", "_schemas"], ["task-event-processor"], own);
        assert.strictEqual(target.authentication, "tls");
        const on = (type: string, name: string) => [...(target.acls.find((a) => a.resource.type === type && a.resource.name === name)?.operations ?? [])].sort();
        // Committing a group's offset takes Read on the group and on the topic; writing takes Write; nothing creates a catalog topic.
        for (const topic of ["task.events", "_schemas"]) assert.deepStrictEqual(on("topic", topic), ["Describe", "Read", "Write"], topic);
        assert.deepStrictEqual(on("group", "task-event-processor"), ["Describe", "Read"]);
        assert.deepStrictEqual(on("group", "mirrormaker2-cluster"), ["Describe", "Read"]);
        for (const topic of own.topics) assert.deepStrictEqual(on("topic", topic), ["Create", "Describe", "DescribeConfigs", "Read", "Write"], topic);
        assert.deepStrictEqual(target.acls.map((a) => a.resource.name).sort(), [...own.topics, own.connectGroup, "task.events", "_schemas", "task-event-processor"].sort(), "an ACL beyond what the mirror uses");
        for (const acl of target.acls) assert.strictEqual(acl.resource.patternType, "literal", JSON.stringify(acl));
    });

    it("has no MirrorMaker source user in DR", () => {
        const dr = stackConfig("dr");
        assert.ok(!platformUsers(dr, repoCatalog(dr)).some((u) => u.name === "mirror-maker-2"));
    });

    it("lets Connect use its storage topics and group and write only the topics its connector fills and its heartbeats", () => {
        const connect = user("debezium-connect-cluster");
        const writes = connect.acls.filter((a) => a.operations.includes("Write")).map((a) => a.resource.name).sort();
        assert.deepStrictEqual(writes, ["__debezium-heartbeat.cdc", "cdc.organizations-changes", "cdc.projects-changes", "cdc.tasks-changes", "connect-cluster-configs", "connect-cluster-offsets", "connect-cluster-status"]);
        assert.ok(connect.acls.some((a) => a.resource.type === "group" && a.resource.name === "debezium-connect-cluster"));
    });

    it("lets Schema Registry use _schemas and its group only", () => {
        assert.deepStrictEqual(user("schema-registry").acls.map((a) => `${a.resource.type}:${a.resource.name}`).sort(), ["group:schema-registry", "topic:_schemas"]);
    });

    it("renders a KafkaUser labelled for the cluster, with the ACLs as Strimzi's simple authorization", () => {
        const resource = kafkaUserResource(user("cdc-processor"), "production-kafka", "kafka");
        assert.strictEqual(resource.kind, "KafkaUser");
        assert.deepStrictEqual(resource.metadata.labels, { "strimzi.io/cluster": "production-kafka" });
        assert.deepStrictEqual(resource.spec.authentication, { type: "tls" });
        assert.strictEqual(resource.spec.authorization.type, "simple");
        assert.strictEqual(resource.spec.authorization.acls.length, user("cdc-processor").acls.length);
        assert.strictEqual(resource.metadata.annotations["pulumi.com/waitFor"], "condition=Ready");
    });

    it("makes pulumi up wait up to five minutes for the operator to report a KafkaUser Ready, so a user the operator refuses fails the update", () => {
        const resource = kafkaUserResource(user("cdc-processor"), "production-kafka", "kafka");
        assert.strictEqual(resource.metadata.annotations["pulumi.com/timeoutSeconds"], "300");
    });

    it("takes a SCRAM user's password from a Secret reference, never inline", () => {
        const resource = kafkaUserResource(user("mirror-maker-2"), "production-kafka", "kafka", "mirror-maker-2-password");
        assert.deepStrictEqual(resource.spec.authentication, { type: "scram-sha-512", password: { valueFrom: { secretKeyRef: { name: "mirror-maker-2-password", key: "password" } } } });
    });

    it("publishes a group's client settings in Kafka's property names", () => {
        const group = catalog.groups.find((g) => g.groupId === "task-event-processor");
        assert.ok(group);
        // task.events (48) and task.comments (24): 72 partitions for the design's 12 instances.
        const props = consumerClientProperties(group, "production-kafka-kafka-bootstrap.kafka.svc:9093", group.groupId, "kafka", 72);
        assert.strictEqual(props["kafka-platform.instances.hint"], "12");
        assert.strictEqual(props["kafka-platform.partitions"], "72");
        assert.deepStrictEqual(
            Object.fromEntries(["group.id", "max.poll.records", "max.poll.interval.ms", "session.timeout.ms", "heartbeat.interval.ms", "auto.offset.reset", "enable.auto.commit", "auto.commit.interval.ms", "security.protocol"].map((k) => [k, props[k]])),
            {
                "group.id": "task-event-processor",
                "max.poll.records": "500",
                "max.poll.interval.ms": "300000",
                "session.timeout.ms": "30000",
                "heartbeat.interval.ms": "3000",
                "auto.offset.reset": "earliest",
                "enable.auto.commit": "true",
                "auto.commit.interval.ms": "5000",
                "security.protocol": "SSL",
            },
        );
    });

    it("has every group read only committed records, so a Java consumer configured from its ConfigMap skips fsm-api's aborted transactions", () => {
        for (const group of catalog.groups) {
            assert.strictEqual(consumerClientProperties(group, "bootstrap:9093", group.groupId, "kafka", 1)["isolation.level"], "read_committed", group.groupId);
        }
    });
});

describe("ACL builder (specs/kafka-users) on entries the design's catalog lacks", () => {
    const source = { file: "topics/consumer-groups.yaml", line: 3 };
    const group = (deadLetterTopic?: string) => ({ groupId: "billing-reader", topics: ["billing.invoices"], deadLetterTopic, instances: 2, clientConfig: {}, source });
    const producer = (transactional: boolean) => ({ service: "billing-api", topics: ["billing.invoices", "billing.payments"], transactional, source });

    it("lets a group without a dead-letter topic write nowhere", () => {
        assert.deepStrictEqual(consumerGroupUser(group()).acls, [
            literalTopic("billing.invoices", ["Read", "Describe"]),
            { resource: { type: "group", name: "billing-reader", patternType: "literal" }, operations: ["Read"] },
        ]);
        assert.deepStrictEqual(consumerGroupUser(group("billing.dlq")).acls.filter((a) => a.operations.includes("Write")), [literalTopic("billing.dlq", ["Write"])]);
    });

    it("gives a non-transactional producer no transactional id, whatever id the config holds", () => {
        assert.deepStrictEqual(producerUser(producer(false), "billing-tx").acls, [literalTopic("billing.invoices", ["Write", "Describe"]), literalTopic("billing.payments", ["Write", "Describe"])]);
        assert.strictEqual(producerUser(producer(false), undefined).authentication, "tls");
    });

    it("refuses a transactional producer without its id, naming the config key to set", () => {
        assert.throws(() => producerUser(producer(true), undefined), /^Error: producer "billing-api" is transactional: set its id in kafka-platform:clients\.transactionalIds\.billing-api$/);
        assert.deepStrictEqual(producerUser(producer(true), "billing-tx").acls.at(-1), { resource: { type: "transactionalId", name: "billing-tx", patternType: "prefix" }, operations: ["Write", "Describe"] });
    });

    it("lets Connect read, write and describe its storage topics and their configs, join its group, and only write its output", () => {
        const connect = connectUser("connect", "connect-group", ["connect-offsets"], ["cdc.orders"]);
        assert.deepStrictEqual(connect, {
            name: "connect",
            authentication: "tls",
            acls: [
                literalTopic("connect-offsets", ["Read", "Write", "Describe", "DescribeConfigs"]),
                { resource: { type: "group", name: "connect-group", patternType: "literal" }, operations: ["Read"] },
                literalTopic("cdc.orders", ["Write", "Describe"]),
            ],
        });
    });

    it("signs Schema Registry in with its TLS certificate, as every in-cluster client", () => {
        assert.deepStrictEqual(kafkaUserResource(schemaRegistryUser("schema-registry", "_schemas", "schema-registry"), "production-kafka", "kafka").spec.authentication, { type: "tls" });
    });

    it("lets Schema Registry read, write and describe its store and join its group", () => {
        assert.deepStrictEqual(schemaRegistryUser("schema-registry", "_schemas", "schema-registry").acls, [
            literalTopic("_schemas", ["Read", "Write", "Describe", "DescribeConfigs"]),
            { resource: { type: "group", name: "schema-registry", patternType: "literal" }, operations: ["Read"] },
        ]);
    });

    it("renders each ACL for any host, with its resource and operations as built", () => {
        const spec = consumerGroupUser(group("billing.dlq"));
        const resource = kafkaUserResource(spec, "production-kafka", "kafka");
        assert.deepStrictEqual(resource.spec.authorization.acls, spec.acls.map((acl) => ({ ...acl, host: "*" })));
        assert.deepStrictEqual(resource.metadata, { name: "billing-reader", namespace: "kafka", labels: { "strimzi.io/cluster": "production-kafka" }, annotations: resource.metadata.annotations });
    });

    it("gives a SCRAM user without a password Secret Strimzi's generated password, and a TLS user never a password", () => {
        const scram: KafkaUserSpec = { name: "mm2", authentication: "scram-sha-512", acls: [] };
        assert.deepStrictEqual(kafkaUserResource(scram, "production-kafka", "kafka").spec.authentication, { type: "scram-sha-512" });
        assert.deepStrictEqual(kafkaUserResource(consumerGroupUser(group()), "production-kafka", "kafka", "some-secret").spec.authentication, { type: "tls" });
    });

    it("publishes the dead-letter topic in a group's client settings only where it has one", () => {
        assert.strictEqual(consumerClientProperties(group("billing.dlq"), "b:9093", "billing-reader", "billing", 6)["kafka-platform.dead.letter.topic"], "billing.dlq");
        const props = consumerClientProperties(group(), "b:9093", "billing-reader", "billing", 6);
        assert.ok(!("kafka-platform.dead.letter.topic" in props));
        assert.deepStrictEqual([props["bootstrap.servers"], props["kafka-platform.topics"], props["kafka-platform.credentials.secret"]], ["b:9093", "billing.invoices", "billing/billing-reader"]);
    });

    it("lists every topic a group reads in its client settings, comma-separated as Kafka writes a list, so its service subscribes to each", () => {
        const twoTopics = { ...group(), topics: ["billing.invoices", "billing.refunds"] };
        const props = consumerClientProperties(twoTopics, "b:9093", "billing-reader", "billing", 6);
        assert.deepStrictEqual(props["kafka-platform.topics"].split(","), ["billing.invoices", "billing.refunds"]);
    });
});
