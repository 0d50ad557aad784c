// Tests how the program reads its stack config from Pulumi: problems as a clean RunError naming where a value came
// from, and only the secrets the stack's role needs.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { readPlatformConfig, readSecrets, recordCommandLineConfig } from "../../config";
import { resolveOutputs, runUnderMocks } from "../../render/mock-runtime";

const PRIMARY: Record<string, string> = {
    "gcp:project": "acme-prod",
    "gcp:region": "europe-west1",
    "kafka-platform:connect": JSON.stringify({ databaseHost: "db.internal", databaseUser: "debezium", databaseName: "fsm" }),
    "kafka-platform:cdcDatabasePassword": "cdc-s3cret",
    "kafka-platform:mirrorMakerPassword": "mm2-s3cret",
};
const DR: Record<string, string> = { "gcp:project": "acme-dr", "gcp:region": "europe-west4", "kafka-platform:primaryStack": "acme/kafka-platform/prod" };
const SECRET_KEYS = ["kafka-platform:cdcDatabasePassword", "kafka-platform:mirrorMakerPassword"];

/** Runs `read` as the program would on `stack` with `config`, returning what it gave or the error it threw. */
async function underStack<T>(stack: string, config: Record<string, string>, read: () => T): Promise<T | Error> {
    let result: T | Error = new Error("never ran");
    await runUnderMocks(
        async () => {
            try {
                result = read();
            } catch (err) {
                result = err as Error;
            }
        },
        { project: "kafka-platform", stack, config, secretKeys: SECRET_KEYS.filter((k) => k in config) },
    );
    return result;
}

describe("reading the stack config from Pulumi", () => {
    afterEach(() => recordCommandLineConfig({}));

    it("reads the stack's own config, named by Pulumi's stack", async () => {
        const config = await underStack("prod", PRIMARY, readPlatformConfig);
        assert.ok(!(config instanceof Error), String(config));
        assert.strictEqual(config.role, "primary");
        assert.strictEqual(config.project, "acme-prod");
    });

    it("fails with a RunError, which Pulumi prints without a stack trace, listing every problem", async () => {
        const err = await underStack("prod", { ...PRIMARY, "kafka-platform:topicBackend": "kafa", "kafka-platform:brokers": "six" }, readPlatformConfig);
        assert.ok(err instanceof pulumi.RunError, "a RunError");
        assert.match(err.message, /kafka-platform:topicBackend: must be "strimzi" or "kafka"/);
        assert.match(err.message, /kafka-platform:brokers: /);
    });

    it("names the command-line flag a bad value came from, and forgets it for the next run", async () => {
        recordCommandLineConfig({ "kafka-platform:topicBackend": "--config" });
        const flagged = await underStack("prod", { ...PRIMARY, "kafka-platform:topicBackend": "kafa" }, readPlatformConfig);
        assert.match((flagged as Error).message, /^ {2}--config kafka-platform:topicBackend: /m);
        recordCommandLineConfig({});
        const fromFile = await underStack("prod", { ...PRIMARY, "kafka-platform:topicBackend": "kafa" }, readPlatformConfig);
        assert.match((fromFile as Error).message, /^ {2}Pulumi\.prod\.yaml: kafka-platform:topicBackend: /m);
    });
});

describe("reading the stack's secrets", () => {
    it("gives a primary stack with Connect both passwords, as secrets", async () => {
        const secrets = await underStack("prod", PRIMARY, () => readSecrets(readPlatformConfig()));
        assert.ok(!(secrets instanceof Error), String(secrets));
        assert.deepStrictEqual(await resolveOutputs(secrets), { cdcDatabasePassword: { secret: "cdc-s3cret" }, mirrorMakerPassword: { secret: "mm2-s3cret" } });
    });

    it("asks a DR stack for neither password: it runs no Connect and no mirror source user", async () => {
        const secrets = await underStack("dr", DR, () => readSecrets(readPlatformConfig()));
        assert.ok(!(secrets instanceof Error), String(secrets));
        assert.deepStrictEqual(secrets, { cdcDatabasePassword: undefined, mirrorMakerPassword: undefined });
    });

    it("asks a primary stack without Connect only for the mirror's password", async () => {
        const { "kafka-platform:cdcDatabasePassword": _password, ...rest } = PRIMARY;
        const withoutConnect = { ...rest, "kafka-platform:connect": JSON.stringify({ enabled: false }) };
        const secrets = await underStack("prod", withoutConnect, () => readSecrets(readPlatformConfig()));
        assert.ok(!(secrets instanceof Error), String(secrets));
        assert.deepStrictEqual(await resolveOutputs(secrets), { cdcDatabasePassword: undefined, mirrorMakerPassword: { secret: "mm2-s3cret" } });
    });
});
