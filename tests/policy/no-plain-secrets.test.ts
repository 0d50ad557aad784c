// Tests that secrets never sit in plain fields of Kubernetes resources.
import * as assert from "assert";
import { noPlainSecrets, plainSecretPaths } from "../../policy/rules/no-plain-secrets";
import { KUBERNETES_SECRET, STRIMZI_CONNECTOR } from "../../policy/rules/resource-types";
import { violationsOf } from "./policy-harness";

const connector = (config: Record<string, string>) => ({ type: STRIMZI_CONNECTOR, name: "cdc", props: { spec: { class: "io.debezium.connector.postgresql.PostgresConnector", config } } });
const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----";

describe("no-plain-secrets policy", () => {
    it("accepts a connector whose password is a config provider reference", async () => {
        const config = { "database.user": "cdc", "database.password": "${secrets:kafka/cdc-db:password}", "key.converter": "org.apache.kafka.connect.json.JsonConverter" };
        assert.deepStrictEqual(await violationsOf(noPlainSecrets, connector(config)), []);
        assert.deepStrictEqual(await violationsOf(noPlainSecrets, connector({ "database.password": "${file:/opt/kafka/external-configuration/db/db.properties:password}" })), []);
    });

    it("refuses a connector with a literal password and names the field", async () => {
        const violations = await violationsOf(noPlainSecrets, connector({ "database.password": "hunter2" }));
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /^spec.config.database.password of "cdc" holds what looks like a secret/);
    });

    it("accepts Strimzi references to Secrets, whose fields hold key names", () => {
        const spec = {
            authentication: { type: "scram-sha-512", username: "mm2", passwordSecret: { secretName: "mm2-user", password: "password" } },
            tls: { trustedCertificates: [{ secretName: "cluster-ca-cert", certificate: "ca.crt" }] },
            clientConfig: { "kafka-platform.credentials.secret": "kafka/cdc-processor" },
            template: { pod: { metadata: { annotations: { "checksum/secret": "9f86d081884c7d65" } } }, env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }] },
        };
        assert.deepStrictEqual(plainSecretPaths({ spec }), []);
    });

    it("finds tokens, env passwords, inline JAAS passwords and PEM private keys", () => {
        const props = {
            spec: {
                config: { "sasl.jaas.config": 'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="s3cr3t";', clientSecret: "abc123" },
                env: [{ name: "API_TOKEN", value: "tok_live_123" }],
                tls: { key: PEM },
            },
        };
        assert.deepStrictEqual(plainSecretPaths(props), ["spec.config.sasl.jaas.config", "spec.config.clientSecret", "spec.env[0].value", "spec.tls.key"]);
    });

    it("leaves Kubernetes Secrets and non-Kubernetes resources alone", async () => {
        assert.deepStrictEqual(await violationsOf(noPlainSecrets, { type: KUBERNETES_SECRET, props: { stringData: { password: "hunter2" } } }), []);
        assert.deepStrictEqual(await violationsOf(noPlainSecrets, { type: "gcp:secretmanager/secretVersion:SecretVersion", props: { secretData: "hunter2" } }), []);
    });
});
