// Tests `npm run cdc-database` with a stand-in psql on the PATH: what it asks the database, what it prints, its exit codes and its refusals.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { cdcConnectorConfig, connectorCleanupSql } from "../../../specs/kafka-connect";
import { captureTargetOf, DatabaseFacts, factsQuery } from "../../../tools/cdc-preflight";
import { main, renderedConnectorConfig } from "../../../tools/cdc-database";
import { EXIT_FINDING, EXIT_OK, UsageError } from "../../../tools/cli";
import { scratchDir } from "../../scratch";
import { readyFacts } from "./cdc-facts";
import { captureOutput } from "./fake-cluster";

const config = cdcConnectorConfig({ host: "db.internal", port: 5432, user: "debezium", name: "fsm" }, "kafka");
const target = captureTargetOf(config);
const ready = readyFacts(target.tables, { owner: "debezium" });

/** A stand-in psql: it records each call (arguments and PGPASSWORD), answers the facts query with facts.json, or fails with the text of `fail`. */
const FAKE_PSQL = `#!${process.execPath}
const fs = require("fs");
const dir = process.env.FAKE_PSQL_DIR;
fs.appendFileSync(dir + "/calls", JSON.stringify({ args: process.argv.slice(2), password: process.env.PGPASSWORD === undefined ? null : process.env.PGPASSWORD }) + "\\n");
if (fs.existsSync(dir + "/fail")) {
    process.stderr.write(fs.readFileSync(dir + "/fail", "utf8"));
    process.exit(2);
}
if (process.argv[process.argv.length - 1].includes("json_build_object")) process.stdout.write(" " + fs.readFileSync(dir + "/facts.json", "utf8") + "\\n\\n");
`;

interface Database {
    dir: string;
    render: string;
    /** Each psql call: its arguments and the password it was given. */
    calls(): Array<{ args: string[]; password: string | null }>;
}

/** A render holding the CDC connector (after another connector), and a psql that reports `facts`. */
function database(facts: DatabaseFacts): Database {
    const dir = scratchDir("cdc-database-test-");
    fs.mkdirSync(path.join(dir, "bin"));
    fs.writeFileSync(path.join(dir, "bin", "psql"), FAKE_PSQL, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "facts.json"), JSON.stringify(facts));
    const render = path.join(dir, "render");
    fs.mkdirSync(path.join(render, "manifests"), { recursive: true });
    const other = { apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaConnector", metadata: { name: "another-connector" }, spec: { config: { "database.hostname": "elsewhere" } } };
    const connector = { apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaConnector", metadata: { name: "postgres-cdc-connector" }, spec: { config } };
    fs.writeFileSync(path.join(render, "manifests", "kafkaconnector.yaml"), `${YAML.stringify(other)}---\n${YAML.stringify(connector)}`);
    const callsFile = path.join(dir, "calls");
    return { dir, render, calls: () => (fs.existsSync(callsFile) ? fs.readFileSync(callsFile, "utf8").trim().split("\n").map((line) => JSON.parse(line)) : []) };
}

/** Runs the tool with the stand-in psql first on the PATH and PGPASSWORD as given. */
async function run(db: Database, argv: string[], env: { PGPASSWORD?: string; PATH?: string } = {}) {
    const saved = { PATH: process.env.PATH, PGPASSWORD: process.env.PGPASSWORD, FAKE_PSQL_DIR: process.env.FAKE_PSQL_DIR };
    process.env.PATH = env.PATH ?? `${path.join(db.dir, "bin")}${path.delimiter}${saved.PATH}`;
    process.env.FAKE_PSQL_DIR = db.dir;
    if (env.PGPASSWORD === undefined) delete process.env.PGPASSWORD;
    else process.env.PGPASSWORD = env.PGPASSWORD;
    try {
        return await captureOutput(() => main(argv));
    } finally {
        for (const [name, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    }
}

const connection = "host='db.internal' port='5432' user='debezium' dbname='fsm' connect_timeout=10";

describe("npm run cdc-database", () => {
    it("prints its usage for --help and exits 0 without running psql", async () => {
        const db = database(ready);
        const { result, stdout } = await run(db, ["--help"]);
        assert.strictEqual(result, EXIT_OK);
        assert.match(stdout, /^Usage: npm run cdc-database -- check\|cleanup/);
        assert.deepStrictEqual(db.calls(), []);
    });

    it("checks by default, asking the facts of the rendered connector's database as its user, and says when it is ready", async () => {
        const db = database(ready);
        const { result, stdout } = await run(db, ["--render", db.render]);
        assert.strictEqual(result, EXIT_OK);
        assert.strictEqual(stdout, "debezium@db.internal:5432/fsm: ready for the CDC connector (app.tasks, app.projects, app.organizations)\n");
        assert.deepStrictEqual(db.calls(), [{ args: ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", connection, "-c", factsQuery(target)], password: null }]);
    });

    it("lists what the administrator must change, with its notes, and exits 1", async () => {
        const db = database({ ...ready, walLevel: "replica", canReplicate: false, slot: { plugin: "pgoutput", database: "fsm", active: false, retainedBytes: 1024 * 1024 } });
        const { result, stdout } = await run(db, ["check", "--render", db.render]);
        assert.strictEqual(result, EXIT_FINDING);
        const lines = stdout.split("\n");
        assert.match(lines[0], /^note: replication slot "debezium_slot" has no reader and holds 1\.0 MiB of WAL/);
        assert.strictEqual(lines[1], "debezium@db.internal:5432/fsm: 2 thing(s) to change before the CDC connector can run:");
        assert.match(lines[2], /^ {2}- wal_level is "replica"/);
        assert.match(lines[3], /^ {2}- user "debezium" may not open a replication connection/);
        assert.strictEqual(lines[4], "");
    });

    it("reaches the database at --host and --port instead of the render's, quoting them for psql", async () => {
        const db = database(ready);
        const { stdout } = await run(db, ["check", "--render", db.render, "--host", "it's\\here", "--port", "6432"]);
        assert.strictEqual(db.calls()[0].args[7], "host='it\\'s\\\\here' port='6432' user='debezium' dbname='fsm' connect_timeout=10");
        assert.match(stdout, /^debezium@it's\\here:6432\/fsm: ready/);
    });

    it("gives psql the password from --password-file, else leaves PGPASSWORD as it is", async () => {
        const db = database(ready);
        const file = path.join(db.dir, "password");
        fs.writeFileSync(file, "s3cret\n");
        await run(db, ["--render", db.render, "--password-file", file], { PGPASSWORD: "from-env" });
        await run(db, ["--render", db.render], { PGPASSWORD: "from-env" });
        assert.deepStrictEqual(db.calls().map((c) => c.password), ["s3cret", "from-env"]);
    });

    it("cleans up by dropping the connector's slot and publication once it is deleted", async () => {
        const db = database({ ...ready, slot: { plugin: "pgoutput", database: "fsm", active: false, retainedBytes: 0 }, publication: { owner: "debezium", owned: true, allTables: false } });
        const { result, stdout } = await run(db, ["cleanup", "--render", db.render]);
        assert.strictEqual(result, EXIT_OK);
        assert.strictEqual(stdout, 'debezium@db.internal:5432/fsm: dropped replication slot "debezium_slot" and publication "debezium_publication"\n');
        const calls = db.calls();
        assert.strictEqual(calls.length, 2);
        assert.deepStrictEqual(calls[1].args.slice(-2), ["-c", connectorCleanupSql(config).join("\n")]);
        assert.strictEqual(calls[1].args[7], connection);
    });

    it("says when the slot or the publication was already gone", async () => {
        const db = database(ready);
        const { stdout } = await run(db, ["cleanup", "--render", db.render]);
        assert.strictEqual(stdout, 'debezium@db.internal:5432/fsm: dropped replication slot "debezium_slot" (there was none) and publication "debezium_publication" (there was none)\n');
    });

    it("refuses to clean up while the slot is in use, and drops nothing", async () => {
        const db = database({ ...ready, slot: { plugin: "pgoutput", database: "fsm", active: true, retainedBytes: 0 } });
        const { result, stdout, stderr } = await run(db, ["cleanup", "--render", db.render]);
        assert.strictEqual(result, EXIT_FINDING);
        assert.strictEqual(stdout, "");
        assert.strictEqual(stderr, 'cdc-database: replication slot "debezium_slot" on debezium@db.internal:5432/fsm is in use: delete the connector (or stop Kafka Connect) first\n');
        assert.strictEqual(db.calls().length, 1);
    });

    it("refuses a command other than check or cleanup, and anything after it", async () => {
        const db = database(ready);
        await assert.rejects(run(db, ["drop", "--render", db.render]), (e: Error) => e instanceof UsageError && e.message === 'expected check or cleanup, got "drop"');
        await assert.rejects(run(db, ["check", "now", "--render", db.render]), (e: Error) => e instanceof UsageError && e.message === 'expected check or cleanup, got "check now"');
        await assert.rejects(run(db, ["--colour"]), (e: Error) => e instanceof UsageError && /--colour/.test(e.message));
        assert.deepStrictEqual(db.calls(), []);
    });

    it("refuses a --port that is not a number", async () => {
        const db = database(ready);
        await assert.rejects(run(db, ["--render", db.render, "--port", "54x"]), (e: Error) => e instanceof UsageError && e.message === '--port: "54x" is not a port number');
        await assert.rejects(run(db, ["--render", db.render, "--port", "x5432"]), /is not a port number/);
    });

    it("reports psql's first line of error, and a missing psql with how to install it", async () => {
        const db = database(ready);
        fs.writeFileSync(path.join(db.dir, "fail"), 'psql: error: connection to server at "db.internal" failed: Connection refused\n\tIs the server running?\n');
        await assert.rejects(run(db, ["--render", db.render]), (e: Error) => e.message === 'psql: error: connection to server at "db.internal" failed: Connection refused');
        const empty = scratchDir("cdc-database-path-");
        await assert.rejects(run(db, ["--render", db.render], { PATH: empty }), (e: Error) => e.message === "psql not found on the PATH; install the PostgreSQL client (apt-get install postgresql-client)");
    });

    it("reads the render in build/render/prod by default, and says to render first when there is none", async () => {
        const db = database(ready);
        const cwd = process.cwd();
        process.chdir(db.dir);
        try {
            await assert.rejects(run(db, []), (e: Error) => e instanceof UsageError && e.message === `${path.join(fs.realpathSync(db.dir), "build", "render", "prod", "manifests", "kafkaconnector.yaml")} does not exist: run npm run render first, or pass --render`);
            fs.mkdirSync(path.join(db.dir, "build", "render"), { recursive: true });
            fs.renameSync(db.render, path.join(db.dir, "build", "render", "prod"));
            assert.strictEqual((await run(db, [])).result, EXIT_OK);
        } finally {
            process.chdir(cwd);
        }
    });
});

describe("renderedConnectorConfig", () => {
    it("refuses a render without the CDC connector, asking whether Kafka Connect is enabled", () => {
        const render = scratchDir("cdc-render-");
        fs.mkdirSync(path.join(render, "manifests"));
        const file = path.join(render, "manifests", "kafkaconnector.yaml");
        // A document without metadata (a hand edit, a List) is passed over, not a TypeError.
        fs.writeFileSync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n---\napiVersion: v1\nkind: List\n---\n");
        assert.throws(() => renderedConnectorConfig(render), (e: Error) => e instanceof UsageError && e.message === `${file} holds no KafkaConnector "postgres-cdc-connector": is Kafka Connect enabled in this stack?`);
    });
});
