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
        assert.deepStrictEqual(await violationsOf(noPlainSecrets, { type: "gcp:sql/user:User", props: { name: "cdc", password: "hunter2" } }), []);
    });

    it("finds a secret under any spelling of its key: separators, case, and the singular or plural", () => {
        const keys = ["db_passwd", "Api-Key", "api.key", "PRIVATE_KEY", "access-key", "credential", "credentials", "ClientSecret", "auth.token", "PASSWORD"];
        const config = Object.fromEntries(keys.map((key) => [key, "plain-value"]));
        assert.deepStrictEqual(plainSecretPaths({ config }), keys.map((key) => `config.${key}`));
    });

    it("leaves keys that only mention a secret word, and empty values, alone", () => {
        const config = { "password.min.length": "12", tokenEndpoint: "https://auth.example.com/token", secretsFolder: "/etc/secrets", "database.password": "" };
        assert.deepStrictEqual(plainSecretPaths({ config }), []);
    });

    it("accepts only whole config provider references and Secret names, not a secret with one glued on", () => {
        const accepted = { "a.password": "${secrets:kafka/cdc-db:password}", "b.password": "${env:DB_PASSWORD}", "c.password": "kafka/cdc-processor", "d.password": "kafka/cdc.processor-2" };
        assert.deepStrictEqual(plainSecretPaths({ config: accepted }), []);
        const refused = {
            "a.password": "hunter2${secrets:kafka/cdc-db:password}",
            "b.password": "${secrets:kafka/cdc-db:password}hunter2",
            "c.password": "${1secrets:x}",
            "d.password": "hunter2 kafka/cdc-processor",
            "e.password": "kafka/cdc-processor hunter2",
            "f.password": "Kafka/Hunter2",
            "g.password": "kafka/",
            "h.password": "${secrets:a}b}",
        };
        assert.deepStrictEqual(plainSecretPaths({ config: refused }), Object.keys(refused).map((key) => `config.${key}`));
    });

    it("accepts a Secret named by the shortest names Kubernetes allows, one character each", () => {
        assert.deepStrictEqual(plainSecretPaths({ config: { "a.password": "a/cdc-db", "b.password": "kafka/x" } }), []);
    });

    it("reads past numbers, booleans and nulls, which hold no secret", () => {
        assert.deepStrictEqual(plainSecretPaths({ spec: { replicas: 3, tls: true, template: null, config: { "retry.count": 5 } } }), []);
    });

    it("skips only keys ending in KeyRef: a secret key with KeyRef inside it is still checked", () => {
        assert.deepStrictEqual(plainSecretPaths({ config: { passwordKeyRef: { name: "db", key: "password" }, signingKeyRefreshToken: "tok_live_123" } }), ["config.signingKeyRefreshToken"]);
    });

    it("finds inline JAAS passwords however spaced or cased, but not a JAAS config that references its password", () => {
        const jaas = (password: string) => `org.apache.kafka.common.security.plain.PlainLoginModule required username="app" ${password};`;
        for (const found of ['password = "s3cr3t"', 'PASSWORD="s3cr3t"', 'password="s3cr3t"']) assert.deepStrictEqual(plainSecretPaths({ jaas: jaas(found) }), ["jaas"], found);
        assert.deepStrictEqual(plainSecretPaths({ jaas: jaas('password="${secrets:kafka/app:password}"') }), []);
        assert.deepStrictEqual(plainSecretPaths({ jaas: jaas('password=""') }), []);
    });

    it("finds a PEM private key of any algorithm, but not a certificate", () => {
        for (const header of ["-----BEGIN PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----"]) {
            assert.deepStrictEqual(plainSecretPaths({ tls: { key: `${header}\nMIIE...` } }), ["tls.key"], header);
        }
        assert.deepStrictEqual(plainSecretPaths({ tls: { certificate: "-----BEGIN CERTIFICATE-----\nMIIE..." } }), []);
    });

    it("names the value of an env-style pair at the top level and in arrays, and accepts a referenced one", () => {
        assert.deepStrictEqual(plainSecretPaths({ name: "DB_PASSWORD", value: "hunter2" }), ["value"]);
        assert.deepStrictEqual(plainSecretPaths([{ name: "DB_PASSWORD", value: "${env:X}" }, { name: "HOST", value: "db" }]), []);
        assert.deepStrictEqual(plainSecretPaths({ env: [{ name: "LOG_LEVEL", value: "debug" }, { name: "API_TOKEN", value: "t" }] }), ["env[1].value"]);
    });

    it("checks every Kubernetes kind but Secret, naming the resource and how to fix it", async () => {
        const [violation] = await violationsOf(noPlainSecrets, { type: "kubernetes:core/v1:ConfigMap", name: "client-settings", props: { data: { "sasl.password": "hunter2" } } });
        assert.strictEqual(
            violation,
            'data.sasl.password of "client-settings" holds what looks like a secret in plain text, readable by anyone who can read the resource. ' +
                "Put it in a Kubernetes Secret and reference it (secretKeyRef, passwordSecret, or a ${secrets:<namespace>/<secret>:<key>} config provider reference).",
        );
    });
});
