// Unit tests of the tools' flag parsing, connection settings and one-line errors.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from "kafkajs";
import { connectionFromFlags, oneLineError, parseFlags, wholeNumberFlag, UsageError, withTimeout } from "../../../tools/cli";
import { scratchDir } from "../../scratch";

describe("parseFlags", () => {
    it("refuses an unknown flag with a usage error", () => {
        assert.throws(() => parseFlags(["--brokers", "a:1", "--colour"], {}), (e: unknown) => e instanceof UsageError && /--colour/.test((e as Error).message));
    });

    it("refuses stray arguments", () => {
        assert.throws(() => parseFlags(["verify"], {}), UsageError);
    });

    it("accepts a tool's own flags beside the connection flags", () => {
        const values = parseFlags(["--brokers", "a:1", "--group", "g1", "--group", "g2"], { group: { type: "string", multiple: true } });
        assert.deepStrictEqual(values.group, ["g1", "g2"]);
    });
});

describe("connectionFromFlags", () => {
    it("takes the brokers from --brokers, else from KAFKA_BOOTSTRAP", () => {
        assert.deepStrictEqual(connectionFromFlags({ brokers: "k1:9092, k2:9092" }, {}).brokers, ["k1:9092", "k2:9092"]);
        assert.deepStrictEqual(connectionFromFlags({}, { KAFKA_BOOTSTRAP: "127.0.0.1:9092" }).brokers, ["127.0.0.1:9092"]);
        assert.throws(() => connectionFromFlags({}, {}), /--brokers HOST:PORT is required/);
    });

    it("refuses a broker without a port", () => {
        assert.throws(() => connectionFromFlags({ brokers: "kafka.internal" }, {}), /"kafka.internal" is not HOST:PORT/);
    });

    it("builds SASL settings with the password from the environment or a file", () => {
        const fromEnv = connectionFromFlags({ brokers: "k:9094", "sasl-mechanism": "scram-sha-512", "sasl-username": "ops" }, { KAFKA_SASL_PASSWORD: "s3cret" });
        assert.deepStrictEqual(fromEnv.sasl, { mechanism: "scram-sha-512", username: "ops", password: "s3cret" });
        const file = path.join(scratchDir("cli-test-"), "password");
        fs.writeFileSync(file, "from-file\n");
        const fromFile = connectionFromFlags({ brokers: "k:9094", "sasl-mechanism": "plain", "sasl-username": "ops", "sasl-password-file": file }, {});
        assert.deepStrictEqual(fromFile.sasl, { mechanism: "plain", username: "ops", password: "from-file" });
    });

    it("refuses half-configured SASL and unknown mechanisms", () => {
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "sasl-mechanism": "plain", "sasl-username": "ops" }, {}), /needs a password/);
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "sasl-username": "ops" }, {}), /needs --sasl-mechanism/);
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "sasl-mechanism": "gssapi", "sasl-username": "ops" }, { KAFKA_SASL_PASSWORD: "x" }), /not one of/);
    });

    it("turns TLS on with --ssl or any certificate flag, and reports an unreadable file by name", () => {
        assert.strictEqual(connectionFromFlags({ brokers: "k:1", ssl: true }, {}).ssl, true);
        assert.strictEqual(connectionFromFlags({ brokers: "k:1" }, {}).ssl, false);
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "ssl-ca": "/nonexistent/ca.pem" }, {}), /--ssl-ca: cannot read \/nonexistent\/ca.pem \(ENOENT\)/);
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "ssl-cert": "c.pem" }, {}), /go together/);
    });
});

describe("wholeNumberFlag", () => {
    it("parses whole numbers and refuses anything else", () => {
        assert.strictEqual(wholeNumberFlag({ count: "250" }, "count", 100), 250);
        assert.strictEqual(wholeNumberFlag({}, "count", 100), 100);
        for (const bad of ["0", "-3", "1.5", "ten"]) assert.throws(() => wholeNumberFlag({ count: bad }, "count", 100), UsageError, bad);
        assert.strictEqual(wholeNumberFlag({ threshold: "0" }, "threshold", 1000, 0), 0);
    });
});

describe("oneLineError", () => {
    it("keeps the cause of a kafkajs retries-exceeded error on one line", () => {
        const cause = new KafkaJSConnectionError("Connection error: connect ECONNREFUSED 127.0.0.1:1");
        const error = new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 2, retryTime: 800 });
        const line = oneLineError(error);
        assert.ok(line.includes("ECONNREFUSED 127.0.0.1:1"), line);
        assert.ok(!line.includes("\n"));
    });

    it("collapses multi-line messages", () => {
        assert.strictEqual(oneLineError(new Error("first\n  second")), "first second");
    });
});

describe("withTimeout", () => {
    it("fails with a clear message when the work takes too long", async () => {
        await assert.rejects(withTimeout(new Promise(() => undefined), 20, "verify"), /verify did not finish within 0.02s/);
        assert.strictEqual(await withTimeout(Promise.resolve(7), 1000, "x"), 7);
    });
});
