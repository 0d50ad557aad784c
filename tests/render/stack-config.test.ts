// Tests how the render reads Pulumi.yaml and a stack's file: the config the program is handed, as the Pulumi CLI hands it.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SECRET_CONFIG_KEYS } from "../../config/platform-config";
import { readStackConfig, secretPlaceholder } from "../../render/stack-config";
import { scratchDir } from "../scratch";

/** A project folder holding Pulumi.yaml and the stack files given (name to YAML text). */
function project(stacks: Record<string, string>, projectYaml = "name: fsm-kafka\nruntime: nodejs\n"): string {
    const root = scratchDir("stack-config-");
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), projectYaml);
    for (const [stack, text] of Object.entries(stacks)) fs.writeFileSync(path.join(root, `Pulumi.${stack}.yaml`), text);
    return root;
}

const STAGING = ["config:", "  gcp:region: europe-west4", "  kafka-platform:kafka:", "    brokers: 3", "    storageClass: kafka-ssd", "  kafka-platform:protect: false", "  kafka-platform:cdcDatabasePassword:", "    secure: v1:AAAA", ""].join("\n");

describe("readStackConfig", () => {
    it("names the project as Pulumi.yaml does", () => {
        assert.strictEqual(readStackConfig(project({ staging: STAGING }), "staging", []).project, "fsm-kafka");
    });

    it("refuses a Pulumi.yaml without a project name, naming the file and the field", () => {
        const root = project({ staging: STAGING }, "runtime: nodejs\n");
        assert.throws(() => readStackConfig(root, "staging", []), { message: "Pulumi.yaml: name: the project name is missing" });
    });

    it("refuses an empty Pulumi.yaml the same way, without failing on it", () => {
        assert.throws(() => readStackConfig(project({ staging: STAGING }, ""), "staging", []), { message: "Pulumi.yaml: name: the project name is missing" });
    });

    it("refuses a stack without a stack file, listing the stacks that have one", () => {
        const root = project({ prod: "config: {}\n", dr: "config: {}\n" });
        for (const other of ["Pulumi.yaml.bak", "Pulumi.qa.yaml.bak", "old-Pulumi.qa.yaml"]) fs.writeFileSync(path.join(root, other), "");
        assert.throws(() => readStackConfig(root, "staging", []), { message: "--stack staging: there is no Pulumi.staging.yaml; stacks: dr, prod" });
    });

    it("hands a text value over as written and a structured or non-text value as JSON text, as the Pulumi CLI does", () => {
        const { config } = readStackConfig(project({ staging: STAGING }), "staging", []);
        assert.strictEqual(config["gcp:region"], "europe-west4");
        assert.strictEqual(config["kafka-platform:kafka"], JSON.stringify({ brokers: 3, storageClass: "kafka-ssd" }));
        assert.strictEqual(config["kafka-platform:protect"], "false");
    });

    it("stands in for an encrypted value, which only the stack's own key could decrypt, and marks it secret", () => {
        const { config, secretKeys } = readStackConfig(project({ staging: STAGING }), "staging", []);
        assert.strictEqual(config["kafka-platform:cdcDatabasePassword"], "[secret kafka-platform:cdcDatabasePassword]");
        assert.ok(secretKeys.includes("kafka-platform:cdcDatabasePassword"));
        assert.ok(!secretKeys.includes("gcp:region"));
    });

    it("stands in for an encrypted provider value too, and reads a key left empty as null", () => {
        const { config, secretKeys } = readStackConfig(project({ staging: "config:\n  gcp:credentials:\n    secure: v1:BBBB\n  kafka-platform:zones:\n" }), "staging", []);
        assert.strictEqual(config["gcp:credentials"], "[secret gcp:credentials]");
        assert.strictEqual(config["kafka-platform:zones"], "null");
        assert.deepStrictEqual([...secretKeys].sort(), ["gcp:credentials", ...SECRET_CONFIG_KEYS.map((k) => `kafka-platform:${k}`)].sort());
    });

    it("lists an encrypted secret setting once among the secret keys", () => {
        const { secretKeys } = readStackConfig(project({ staging: STAGING }), "staging", []);
        assert.deepStrictEqual(secretKeys.filter((k) => k === "kafka-platform:cdcDatabasePassword"), ["kafka-platform:cdcDatabasePassword"]);
    });

    it("reads an object that holds `secure` beside other keys as a plain structured value", () => {
        const root = project({ staging: "config:\n  kafka-platform:labels:\n    secure: yes\n    team: fsm\n" });
        const { config, secretKeys } = readStackConfig(root, "staging", []);
        assert.strictEqual(config["kafka-platform:labels"], JSON.stringify({ secure: "yes", team: "fsm" }));
        assert.ok(!secretKeys.includes("kafka-platform:labels"));
    });

    it("stands in for every secret setting the stack file leaves out, so a render never needs a deployer's key", () => {
        const { config, secretKeys } = readStackConfig(project({ staging: "config:\n  gcp:region: europe-west4\n" }), "staging", []);
        assert.ok(SECRET_CONFIG_KEYS.length > 0);
        for (const key of SECRET_CONFIG_KEYS) {
            assert.strictEqual(config[`kafka-platform:${key}`], secretPlaceholder(`kafka-platform:${key}`));
            assert.ok(secretKeys.includes(`kafka-platform:${key}`), key);
        }
        assert.strictEqual(new Set(secretKeys).size, secretKeys.length, "each secret key is listed once");
    });

    it("reads a stack file that is empty or has no config section as no settings", () => {
        const secretStandIns = SECRET_CONFIG_KEYS.map((k) => `kafka-platform:${k}`).sort();
        for (const text of ["", "encryptionsalt: abc\n"]) {
            assert.deepStrictEqual(Object.keys(readStackConfig(project({ staging: text }), "staging", []).config).sort(), secretStandIns);
        }
    });

    it("lets a --config override replace a stack file's value, keeping any '=' inside the value", () => {
        const { config } = readStackConfig(project({ staging: STAGING }), "staging", ["gcp:region=europe-west1", "kafka-platform:topicBackendBootstrap=a=b"]);
        assert.strictEqual(config["gcp:region"], "europe-west1");
        assert.strictEqual(config["kafka-platform:topicBackendBootstrap"], "a=b");
    });

    it("takes a secret given by a --config override as its value, still marked secret", () => {
        const { config, secretKeys } = readStackConfig(project({ staging: "config: {}\n" }), "staging", ["kafka-platform:cdcDatabasePassword=local-only"]);
        assert.strictEqual(config["kafka-platform:cdcDatabasePassword"], "local-only");
        assert.deepStrictEqual(secretKeys.filter((k) => k === "kafka-platform:cdcDatabasePassword"), ["kafka-platform:cdcDatabasePassword"]);
    });

    it("refuses every malformed override at once, each with the form it expects", () => {
        const bad = ["region=europe-west1", "=x", "gcp:region", "kafka platform:kafka={}", "gcp:region:zone=x"];
        assert.throws(
            () => readStackConfig(project({ staging: STAGING }), "staging", ["gcp:region=ok", ...bad]),
            { message: bad.map((o) => `--config ${o}: expected NAMESPACE:KEY=VALUE, such as kafka-platform:topicBackend=kafka`).join("\n") },
        );
    });
});
