// The tools fail fast with one line and a non-zero exit: bad flags, an unreachable broker, bad credentials.
import * as assert from "assert";
import * as net from "net";
import { BOOTSTRAP, runTool, SASL_BOOTSTRAP, SASL_PASSWORD, SASL_USERNAME } from "./helpers";

function assertOneLineError(run: { status: number | null; stdout: string; stderr: string }, tool: string, pattern: RegExp): void {
    assert.strictEqual(run.status, 2, `exit ${run.status}: ${run.stderr}`);
    const lines = run.stderr.trimEnd().split("\n");
    assert.strictEqual(lines.length, 1, run.stderr);
    assert.match(lines[0], new RegExp(`^${tool}: error: `));
    assert.match(lines[0], pattern);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
}

describe("tool errors", function () {
    it("a bad flag ends with one line and exit 2, before any connection", () => {
        assertOneLineError(runTool("verify", ["--brokers", BOOTSTRAP, "--frobnicate"]), "verify", /Unknown option '--frobnicate'/);
        assertOneLineError(runTool("lag", ["--brokers", BOOTSTRAP, "--threshold", "lots"]), "lag", /--threshold: "lots" is not a whole number/);
        assertOneLineError(runTool("smoke", []), "smoke", /--brokers HOST:PORT is required/);
    });

    it("an unreachable broker ends with one line and exit 2 within a few seconds, after bounded retries", async () => {
        // A port nothing listens on: bind one, note it, close it.
        const port = await new Promise<number>((resolve) => {
            const server = net.createServer().listen(0, "127.0.0.1", () => {
                const address = server.address() as net.AddressInfo;
                server.close(() => resolve(address.port));
            });
        });
        for (const tool of ["verify", "lag", "smoke"] as const) {
            const run = runTool(tool, ["--brokers", `127.0.0.1:${port}`]);
            assertOneLineError(run, tool, new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
            assert.ok(run.seconds < 15, `${tool} took ${run.seconds}s`);
        }
    });

    it("a broker that accepts connections but never answers ends at --timeout, not in a hang", async () => {
        const silent = net.createServer(() => undefined).listen(0, "127.0.0.1");
        await new Promise((resolve) => silent.once("listening", resolve));
        const port = (silent.address() as net.AddressInfo).port;
        try {
            const run = await new Promise<ReturnType<typeof runTool>>((resolve) => setImmediate(() => resolve(runTool("verify", ["--brokers", `127.0.0.1:${port}`, "--timeout", "4"]))));
            assert.strictEqual(run.status, 2, run.stderr);
            assert.strictEqual(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
            assert.ok(run.seconds < 15, `took ${run.seconds}s`);
        } finally {
            silent.close();
        }
    });

    it("bad SASL credentials end with one line naming the authentication failure", () => {
        const run = runTool("verify", ["--brokers", SASL_BOOTSTRAP, "--sasl-mechanism", "plain", "--sasl-username", SASL_USERNAME], { KAFKA_SASL_PASSWORD: `${SASL_PASSWORD}-wrong` });
        assertOneLineError(run, "verify", /SASL PLAIN authentication failed/);
        assert.ok(run.seconds < 15, `took ${run.seconds}s`);
    });

    it("good SASL credentials on the same listener work", () => {
        const run = runTool("lag", ["--brokers", SASL_BOOTSTRAP, "--sasl-mechanism", "plain", "--sasl-username", SASL_USERNAME, "--group", "it-no-such-group"], { KAFKA_SASL_PASSWORD: SASL_PASSWORD });
        // Only a connected, authenticated client can list the cluster's groups to say this one is not among them.
        assert.strictEqual(run.status, 2, run.stdout + run.stderr);
        assert.match(run.stderr, /^lag: error: --group: "it-no-such-group" is no consumer group of this cluster/);
    });
});
