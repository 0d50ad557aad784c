// Tests of the local platform's pure parts: the plan from a render, the settings check, ACL bindings and client properties.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from "kafkajs";
import { settingsDisagreements } from "../../local/broker-settings";
import { clientProperties, listenerFor } from "../../local/client-properties";
import { aclBindings } from "../../local/operators";
import { DEFAULT_BASE_PORT, fileLog4jProperties, fitReplicaCounts, planLocalPlatform, propertiesText, stateLayout, strimziSuperUsers } from "../../local/plan";
import { readRender, RenderedPlatform, RenderInputError } from "../../local/render-input";
import { scratchDir } from "../scratch";

function render(overrides: Partial<RenderedPlatform["kafka"]> = {}): RenderedPlatform {
    return {
        stack: "prod",
        renderDir: "/render",
        zones: ["europe-west1-b", "europe-west1-c", "europe-west1-d"],
        topics: [],
        users: [],
        clientSettings: [],
        kafka: {
            clusterName: "production-kafka",
            version: "3.6.0",
            brokerConfig: { "min.insync.replicas": 2, "auto.create.topics.enable": false },
            listeners: [
                { name: "plain", port: 9092, tls: false },
                { name: "tls", port: 9093, tls: true, authentication: "tls" },
                { name: "xregion", port: 9094, tls: true, authentication: "scram-sha-512" },
            ],
            authorization: { type: "simple", superUsers: ["CN=admin"] },
            zookeeperReplicas: 3,
            ...overrides,
        },
    };
}

const layout = stateLayout("/state/prod", undefined);

describe("local platform plan", () => {
    const plan = planLocalPlatform(render(), 21000, layout);

    it("defaults to ports clear of scripts/kafka-local.sh's 9092-9094", () => {
        assert.ok(DEFAULT_BASE_PORT > 9094 + 100 || DEFAULT_BASE_PORT + 100 < 9092);
    });

    it("puts ZooKeeper on the base port and each broker's listeners in its own block, in the render's order", () => {
        assert.equal(plan.zookeeperPort, 21000);
        assert.deepEqual(plan.listeners.map((l) => [l.kafkaName, l.protocol, l.ports]), [
            ["PLAIN-9092", "PLAINTEXT", [21012, 21022, 21032]],
            ["TLS-9093", "SSL", [21013, 21023, 21033]],
            ["XREGION-9094", "SASL_SSL", [21014, 21024, 21034]],
        ]);
        assert.equal(plan.replicationBootstrap, "127.0.0.1:21011,127.0.0.1:21021,127.0.0.1:21031");
        assert.equal(new Set(plan.ports.map((p) => p.port)).size, plan.ports.length, "no port twice");
        assert.ok(plan.ports.every((p) => p.port < plan.servicesPort), "other processes' ports stay free");
    });

    it("gives each broker a zone of the render as its rack", () => {
        assert.deepEqual(plan.brokers.map((b) => b.properties["broker.rack"]), ["europe-west1-b", "europe-west1-c", "europe-west1-d"]);
    });

    it("passes every rendered broker setting through as rendered", () => {
        for (const broker of plan.brokers) {
            assert.equal(broker.properties["min.insync.replicas"], "2");
            assert.equal(broker.properties["auto.create.topics.enable"], "false");
        }
    });

    it("authorizes with Kafka's ZooKeeper-mode ACL authorizer and Strimzi's super users, then the rendered ones", () => {
        const props = plan.brokers[0].properties;
        assert.equal(props["authorizer.class.name"], "kafka.security.authorizer.AclAuthorizer");
        assert.deepEqual(props["super.users"].split(";"), [...strimziSuperUsers("production-kafka"), "User:CN=admin"]);
        assert.ok(props["super.users"].includes("User:CN=production-kafka-entity-user-operator,O=io.strimzi"));
    });

    it("requires client certificates from the clients CA on tls listeners and SCRAM-SHA-512 on scram ones", () => {
        const props = plan.brokers[1].properties;
        assert.equal(props["listener.name.tls-9093.ssl.client.auth"], "required");
        assert.equal(props["listener.name.tls-9093.ssl.truststore.location"], layout.clientsCaCert);
        assert.equal(props["listener.name.xregion-9094.sasl.enabled.mechanisms"], "SCRAM-SHA-512");
        assert.equal(props["listener.name.xregion-9094.ssl.client.auth"], undefined);
        assert.equal(props["listener.name.replication-9091.ssl.truststore.location"], layout.clusterCaCert);
        assert.equal(props["inter.broker.listener.name"], "REPLICATION-9091");
    });

    it("refuses a base port that leaves no room for the platform's ports", () => {
        assert.throws(() => planLocalPlatform(render(), 65500, layout), /--base-port 65500/);
        assert.throws(() => planLocalPlatform(render(), 80, layout), /--base-port 80/);
    });

    it("refuses a render with fewer than three zones", () => {
        assert.throws(() => planLocalPlatform({ ...render(), zones: ["europe-west1-b"] }, 21000, layout), /1 zone\(s\); 3 are needed/);
    });
});

describe("a reduced local platform of fewer brokers", () => {
    const settings = { "default.replication.factor": 3, "min.insync.replicas": 2, "offsets.topic.replication.factor": 3, "transaction.state.log.replication.factor": 3, "transaction.state.log.min.isr": 2, "num.partitions": 12, "message.max.bytes": 10485760 };
    const onePlan = planLocalPlatform(render({ brokerConfig: settings }), 21000, layout, 1);

    it("runs one broker with the first zone as its rack and one port per listener", () => {
        assert.deepEqual(onePlan.brokers.map((b) => [b.id, b.rack]), [[0, "europe-west1-b"]]);
        assert.deepEqual(onePlan.listeners.map((l) => l.ports), [[21012], [21013], [21014]]);
        assert.equal(onePlan.replicationBootstrap, "127.0.0.1:21011");
    });

    it("caps every setting that counts replicas at its brokers, so topics can be created and written, and keeps every other rendered setting", () => {
        assert.deepEqual(onePlan.brokerConfig, { "default.replication.factor": 1, "min.insync.replicas": 1, "offsets.topic.replication.factor": 1, "transaction.state.log.replication.factor": 1, "transaction.state.log.min.isr": 1, "num.partitions": 12, "message.max.bytes": 10485760 });
        assert.equal(onePlan.brokers[0].properties["min.insync.replicas"], "1");
        assert.equal(onePlan.brokers[0].properties["message.max.bytes"], "10485760");
    });

    it("runs a full platform's settings as rendered", () => {
        assert.deepEqual(planLocalPlatform(render({ brokerConfig: settings }), 21000, layout).brokerConfig, settings);
    });

    it("caps a topic's min.insync.replicas given as text, and leaves counts already within the brokers", () => {
        assert.deepEqual(fitReplicaCounts({ "min.insync.replicas": "2", "cleanup.policy": "compact" }, 1), { "min.insync.replicas": "1", "cleanup.policy": "compact" });
        assert.deepEqual(fitReplicaCounts({ "min.insync.replicas": 1 }, 3), { "min.insync.replicas": 1 });
    });

    it("refuses a broker count it cannot run", () => {
        for (const count of [0, 4, 1.5]) assert.throws(() => planLocalPlatform(render(), 21000, layout, count), new RegExp(`1 to 3 brokers, not ${count}`));
    });
});

describe("rendered broker settings held against a running broker", () => {
    const running = new Map<string, string | null>([["min.insync.replicas", "2"], ["auto.create.topics.enable", "false"], ["bogus.setting", null]]);

    it("finds nothing when the broker runs every setting as rendered", () => {
        assert.deepEqual(settingsDisagreements({ "min.insync.replicas": 2, "auto.create.topics.enable": false }, running, "0"), []);
    });

    it("names a setting Kafka does not know", () => {
        assert.deepEqual(settingsDisagreements({ "bogus.setting": 7, "log.retention.everything": 1 }, running, "0"), [
            'broker 0: "bogus.setting" isn\'t a known config of Kafka (rendered in spec.kafka.config)',
            'broker 0: "log.retention.everything" isn\'t a known config of Kafka (rendered in spec.kafka.config)',
        ]);
    });

    it("names a setting the broker runs with another value", () => {
        assert.deepEqual(settingsDisagreements({ "min.insync.replicas": 3 }, running, "1"), ['broker 1: "min.insync.replicas" is rendered as 3 but Kafka runs 2']);
    });
});

describe("a KafkaUser's ACLs as Kafka bindings", () => {
    it("binds a TLS user's rules to its certificate's subject, one binding per operation", () => {
        const bindings = aclBindings({ name: "task-event-processor", authentication: "tls", acls: [{ resource: { type: "topic", name: "task.events", patternType: "literal" }, operations: ["Read", "Describe"], host: "*", type: "allow" }] });
        assert.deepEqual(bindings.map((b) => [b.principal, b.resourceType, b.resourceName, b.operation, b.resourcePatternType]), [
            ["User:CN=task-event-processor", AclResourceTypes.TOPIC, "task.events", AclOperationTypes.READ, ResourcePatternTypes.LITERAL],
            ["User:CN=task-event-processor", AclResourceTypes.TOPIC, "task.events", AclOperationTypes.DESCRIBE, ResourcePatternTypes.LITERAL],
        ]);
    });

    it("binds a SCRAM user by name and keeps a prefix a prefix", () => {
        const [binding] = aclBindings({ name: "fsm-api", authentication: "scram-sha-512", acls: [{ resource: { type: "transactionalId", name: "fsm-api-tx", patternType: "prefix" }, operations: ["Write"], host: "*", type: "allow" }] });
        assert.deepEqual([binding.principal, binding.resourceType, binding.resourcePatternType], ["User:fsm-api", AclResourceTypes.TRANSACTIONAL_ID, ResourcePatternTypes.PREFIXED]);
    });

    it("refuses an operation Kafka has no name for", () => {
        assert.throws(() => aclBindings({ name: "x", authentication: "tls", acls: [{ resource: { type: "topic", name: "t" }, operations: ["Juggle"], host: "*", type: "allow" }] }), /KafkaUser x: unknown ACL operation Juggle/);
    });
});

describe("client properties per KafkaUser", () => {
    const plan = planLocalPlatform(render(), 21000, layout);

    it("gives a TLS user the tls listener, its PKCS#12 keystore and the cluster CA", () => {
        const props = clientProperties({ user: "fsm-api", authentication: "tls", keystore: "/u.p12", keystorePassword: "pw" }, listenerFor("tls", plan.listeners), "/ca.crt");
        assert.deepEqual(props, {
            "bootstrap.servers": "127.0.0.1:21013,127.0.0.1:21023,127.0.0.1:21033",
            "security.protocol": "SSL",
            "ssl.truststore.type": "PEM",
            "ssl.truststore.location": "/ca.crt",
            "ssl.keystore.type": "PKCS12",
            "ssl.keystore.location": "/u.p12",
            "ssl.keystore.password": "pw",
        });
    });

    it("gives a SCRAM user the scram listener and a SCRAM-SHA-512 login", () => {
        const props = clientProperties({ user: "mirror-maker-2", authentication: "scram-sha-512", password: "secret" }, listenerFor("scram-sha-512", plan.listeners), "/ca.crt");
        assert.equal(props["security.protocol"], "SASL_SSL");
        assert.equal(props["sasl.mechanism"], "SCRAM-SHA-512");
        assert.match(props["sasl.jaas.config"], /ScramLoginModule required username="mirror-maker-2" password="secret";$/);
    });
});

describe("a Java process's properties files", () => {
    it("escapes backslashes and line breaks, so a Windows-style path or a multi-line value reads back as written", () => {
        assert.equal(propertiesText({ "ssl.truststore.location": "C:\\ca.crt", note: "a\nb" }), "ssl.truststore.location=C:\\\\ca.crt\nnote=a\\nb\n");
    });

    it("sends every log line at the root level into the process's own file, with named loggers at their own level", () => {
        const props = fileLog4jProperties("/state/broker-0/server.log", "WARN", { "kafka.server.KafkaServer": "INFO" });
        assert.equal(props["log4j.rootLogger"], "WARN, file");
        assert.equal(props["log4j.logger.kafka.server.KafkaServer"], "INFO");
        assert.equal(props["log4j.appender.file"], "org.apache.log4j.FileAppender");
        assert.equal(props["log4j.appender.file.File"], "/state/broker-0/server.log");
        assert.equal(Object.keys(props).filter((k) => k.startsWith("log4j.logger.")).length, 1);
    });
});

describe("reading a render", () => {
    it("says where the manifests should be when there are none", () => {
        assert.throws(() => readRender(scratchDir("empty-render-")), (e: Error) => e instanceof RenderInputError && /no manifests here; run `npm run render/.test(e.message));
    });

    it("lists every problem of a render it cannot run at once", () => {
        const dir = scratchDir("bad-render-");
        fs.mkdirSync(path.join(dir, "manifests"));
        fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify([{ type: "pulumi:pulumi:Stack", name: "kafka-platform-prod" }]));
        fs.writeFileSync(path.join(dir, "manifests", "kafkauser.yaml"), "kind: KafkaUser\nmetadata: {name: legacy}\nspec: {authentication: {type: scram-sha-256}}\n");
        assert.throws(() => readRender(dir), (e: Error) =>
            /expected one Kafka resource, found 0/.test(e.message) && /KafkaUser legacy: authentication scram-sha-256/.test(e.message) && /no nodeLocations/.test(e.message));
    });
});
