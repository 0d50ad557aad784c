// Unit tests of the tools' flag parsing, connection settings and one-line errors.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from "kafkajs";
import { connectionFromFlags, EXIT_ERROR, oneLineError, parseFlags, readToolFlags, runTool, timeoutMs, toolKafka, wholeNumberFlag, UsageError, withTimeout } from "../../../tools/cli";
import { scratchDir } from "../../scratch";
import { captureOutput } from "./fake-cluster";

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

describe("readToolFlags", () => {
    it("prints the tool's help for --help or -h and reads no connection", async () => {
        for (const flag of ["--help", "-h"]) {
            const { result, stdout } = await captureOutput(async () => readToolFlags([flag], {}, "Usage: demo"));
            assert.strictEqual(result, undefined);
            assert.strictEqual(stdout, "Usage: demo\n");
        }
    });

    it("returns the flags and the connection otherwise", () => {
        const flags = readToolFlags(["--brokers", "k:9092", "--json"], {}, "Usage: demo");
        assert.deepStrictEqual({ ...flags?.values }, { brokers: "k:9092", json: true });
        assert.deepStrictEqual(flags?.connection, { brokers: ["k:9092"], ssl: false });
    });
});

describe("connectionFromFlags: brokers", () => {
    it("ignores empty entries of the broker list, and refuses a list with no broker in it", () => {
        assert.deepStrictEqual(connectionFromFlags({ brokers: "k1:9092,,k2:9092," }, {}).brokers, ["k1:9092", "k2:9092"]);
        assert.throws(() => connectionFromFlags({ brokers: " , " }, {}), (e: Error) => e instanceof UsageError && e.message === "--brokers: no broker given");
    });

    it("refuses anything but HOST:PORT: a scheme, a trailing part, a port of more than five digits", () => {
        for (const bad of ["PLAINTEXT://k:9092", "k:9092/", "k:9092:1", "k:123456", "k :9092"]) {
            assert.throws(() => connectionFromFlags({ brokers: bad }, {}), (e: Error) => e instanceof UsageError && e.message === `--brokers: "${bad}" is not HOST:PORT`, bad);
        }
        assert.deepStrictEqual(connectionFromFlags({ brokers: "10.0.0.7:9093" }, {}).brokers, ["10.0.0.7:9093"]);
    });
});

describe("connectionFromFlags: TLS", () => {
    const pem = (name: string, text: string) => {
        const file = path.join(scratchDir("cli-tls-"), name);
        fs.writeFileSync(file, text);
        return file;
    };

    it("reads the CA, client certificate and key files for mutual TLS", () => {
        const ssl = connectionFromFlags({ brokers: "k:9093", "ssl-ca": pem("ca.pem", "CA"), "ssl-cert": pem("user.crt", "CERT"), "ssl-key": pem("user.key", "KEY") }, {}).ssl;
        assert.deepStrictEqual(ssl, { ca: ["CA"], cert: "CERT", key: "KEY" });
    });

    it("turns TLS on with a client certificate alone, trusting the system's CAs", () => {
        const ssl = connectionFromFlags({ brokers: "k:9093", "ssl-cert": pem("user.crt", "CERT"), "ssl-key": pem("user.key", "KEY") }, {}).ssl;
        assert.deepStrictEqual(ssl, { ca: undefined, cert: "CERT", key: "KEY" });
    });

    it("trusts a CA given alone, without a client certificate", () => {
        assert.deepStrictEqual(connectionFromFlags({ brokers: "k:9093", "ssl-ca": pem("ca.pem", "CA") }, {}).ssl, { ca: ["CA"], cert: undefined, key: undefined });
    });

    it("refuses a key without its certificate", () => {
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "ssl-key": "user.key" }, {}), (e: Error) => e instanceof UsageError && e.message === "--ssl-cert and --ssl-key go together");
    });

    it("names the certificate or key file it cannot read, and the flag that gave it", () => {
        const key = pem("user.key", "KEY");
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "ssl-cert": "/nonexistent/user.crt", "ssl-key": key }, {}), (e: Error) => e.message === "--ssl-cert: cannot read /nonexistent/user.crt (ENOENT)");
        const cert = pem("user.crt", "CERT");
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "ssl-cert": cert, "ssl-key": "/nonexistent/user.key" }, {}), (e: Error) => e.message === "--ssl-key: cannot read /nonexistent/user.key (ENOENT)");
    });
});

describe("connectionFromFlags: SASL", () => {
    it("refuses a mechanism without a user", () => {
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "sasl-mechanism": "plain" }, { KAFKA_SASL_PASSWORD: "x" }), (e: Error) => e instanceof UsageError && e.message === "--sasl-mechanism needs --sasl-username");
    });

    it("names the mechanisms it knows when refusing another", () => {
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "sasl-mechanism": "oauthbearer", "sasl-username": "ops" }, { KAFKA_SASL_PASSWORD: "x" }), (e: Error) => e.message === '--sasl-mechanism: "oauthbearer" is not one of plain, scram-sha-256, scram-sha-512');
    });

    it("keeps a password file's leading spaces and drops its trailing newline, and prefers the file to the environment", () => {
        const file = path.join(scratchDir("cli-sasl-"), "password");
        fs.writeFileSync(file, "  spaced pass\n");
        const sasl = connectionFromFlags({ brokers: "k:1", "sasl-mechanism": "scram-sha-256", "sasl-username": "ops", "sasl-password-file": file }, { KAFKA_SASL_PASSWORD: "from-env" }).sasl;
        assert.deepStrictEqual(sasl, { mechanism: "scram-sha-256", username: "ops", password: "  spaced pass" });
    });

    it("names the password file it cannot read", () => {
        assert.throws(() => connectionFromFlags({ brokers: "k:1", "sasl-mechanism": "plain", "sasl-username": "ops", "sasl-password-file": "/nonexistent/pw" }, {}), (e: Error) => e.message === "--sasl-password-file: cannot read /nonexistent/pw (ENOENT)");
    });
});

describe("whole-number flags", () => {
    it("says which flag is wrong and whether it must be positive", () => {
        assert.throws(() => wholeNumberFlag({ count: "0" }, "count", 100), (e: Error) => e.message === '--count: "0" is not a positive whole number');
        assert.throws(() => wholeNumberFlag({ threshold: "-1" }, "threshold", 1000, 0), (e: Error) => e.message === '--threshold: "-1" is not a whole number');
        assert.throws(() => wholeNumberFlag({ count: "1e3" }, "count", 100), UsageError);
        assert.strictEqual(wholeNumberFlag({ count: "1" }, "count", 100), 1);
    });

    it("reads --timeout in seconds, 30 unless given, and refuses 0", () => {
        assert.strictEqual(timeoutMs({}), 30000);
        assert.strictEqual(timeoutMs({ timeout: "5" }), 5000);
        assert.throws(() => timeoutMs({ timeout: "0" }), /--timeout: "0" is not a positive whole number/);
    });
});

describe("oneLineError: causes and odd errors", () => {
    it("joins an error and its causes with colons, skipping a cause its wrapper already quotes", () => {
        assert.strictEqual(oneLineError(new Error("Connection error: ECONNREFUSED", { cause: new Error("ECONNREFUSED") })), "Connection error: ECONNREFUSED");
        assert.strictEqual(oneLineError(new Error("retries exceeded", { cause: new Error("SASL authentication failed") })), "retries exceeded: SASL authentication failed");
    });

    it("stops after four messages of a long chain of causes", () => {
        let error = new Error("e5");
        for (const message of ["e4", "e3", "e2", "e1"]) error = new Error(message, { cause: error });
        assert.strictEqual(oneLineError(error), "e1: e2: e3: e4");
    });

    it("passes over empty and blank messages, and names an error that has no message at all", () => {
        assert.strictEqual(oneLineError(new Error("", { cause: new Error("timed out \n") })), "timed out");
        const bare = new Error(" ");
        bare.name = "KafkaJSTimeout";
        assert.strictEqual(oneLineError(bare), "KafkaJSTimeout");
    });

    it("prints a thrown non-error on one line, trimmed", () => {
        assert.strictEqual(oneLineError("  refused\n\tby broker  "), "refused by broker");
        assert.strictEqual(oneLineError(undefined), "undefined");
    });
});

describe("runTool", () => {
    /** Runs `main` as runTool does, with process.exit recorded and the output captured. */
    async function runAsTool(argv: string[], main: (argv: string[]) => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
        const realArgv = process.argv;
        const realExit = process.exit;
        let exited: (code: number) => void = () => undefined;
        const exit = new Promise<number>((resolve) => (exited = resolve));
        process.argv = ["node", "tools/demo.ts", ...argv];
        process.exit = ((code: number) => exited(code)) as typeof process.exit;
        try {
            const { result, stdout, stderr } = await captureOutput(async () => {
                runTool("demo", main);
                return exit;
            });
            return { code: result, stdout, stderr };
        } finally {
            process.argv = realArgv;
            process.exit = realExit;
        }
    }

    it("hands main the arguments after the script and exits with main's code", async () => {
        let seen: string[] = [];
        const { code } = await runAsTool(["--brokers", "k:1"], async (argv) => {
            seen = argv;
            return 1;
        });
        assert.deepStrictEqual(seen, ["--brokers", "k:1"]);
        assert.strictEqual(code, 1);
    });

    it("prints a failure as one line named after the tool, with no stack trace, and exits 2", async () => {
        const { code, stderr } = await runAsTool([], async () => {
            throw new Error("retries exceeded\n", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") });
        });
        assert.strictEqual(code, EXIT_ERROR);
        assert.strictEqual(stderr, "demo: error: retries exceeded: connect ECONNREFUSED 127.0.0.1:1\n");
    });
});

describe("toolKafka", () => {
    it("gives up on a broker that refuses connections within a few seconds, with the refusal in its error", async () => {
        const started = Date.now();
        await assert.rejects(toolKafka({ brokers: ["127.0.0.1:1"], ssl: false }, "cli-test").admin().connect(), (e: unknown) => /ECONNREFUSED/.test(oneLineError(e)));
        assert.ok(Date.now() - started < 5000, `gave up after ${Date.now() - started} ms`);
    });
});

describe("withTimeout: its timer", () => {
    it("leaves no timer behind once the work is done, so a finished tool is not kept alive", async () => {
        const realSet = global.setTimeout;
        const realClear = global.clearTimeout;
        const set: unknown[] = [];
        const cleared: unknown[] = [];
        global.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
            const timer = realSet(...args);
            set.push(timer);
            return timer;
        }) as typeof setTimeout;
        global.clearTimeout = ((timer: NodeJS.Timeout) => {
            cleared.push(timer);
            realClear(timer);
        }) as typeof clearTimeout;
        try {
            await withTimeout(Promise.resolve(1), 60000, "x");
            await assert.rejects(withTimeout(Promise.reject(new Error("no")), 60000, "x"), /no/);
        } finally {
            global.setTimeout = realSet;
            global.clearTimeout = realClear;
        }
        assert.strictEqual(set.length, 2);
        assert.deepStrictEqual(cleared, set);
    });
});
