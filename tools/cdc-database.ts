// `npm run cdc-database`: checks the PostgreSQL database against the rendered CDC connector, or cleans up after it is deleted.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs, promisify } from "util";
import * as YAML from "yaml";
import { connectorCleanupSql, CONNECTOR_NAME } from "../specs/kafka-connect";
import { captureTargetOf, DatabaseFacts, factsQuery, preflightReport } from "./cdc-preflight";
import { EXIT_FINDING, EXIT_OK, runTool, UsageError } from "./cli";

const execFileAsync = promisify(execFile);

const HELP = `Usage: npm run cdc-database -- check|cleanup [--render DIR] [--host HOST] [--port PORT] [--password-file FILE]

check    connects as the connector's user and lists everything the database administrator must change
         before the connector can run: wal_level, the REPLICATION attribute, ownership of the captured
         tables and the publication, replica identity, free replication slots. Exits 1 when anything is
         missing, 0 when the connector can start.
cleanup  after the connector is deleted: drops its replication slot (which otherwise keeps every WAL
         segment for ever) and its publication. Refuses while the slot is in use.

The database, user, tables, slot and publication come from the rendered KafkaConnector.

  --render DIR          a render of the stack (default build/render/prod; npm run render writes it)
  --host HOST           the database host, when it is reached another way than the render says
  --port PORT           the database port, likewise
  --password-file FILE  the user's password; default $PGPASSWORD (or ~/.pgpass)`;

const OPTIONS = {
    render: { type: "string" },
    host: { type: "string" },
    port: { type: "string" },
    "password-file": { type: "string" },
    help: { type: "boolean" },
} as const;

/** The `spec.config` of the rendered postgres-cdc-connector. */
export function renderedConnectorConfig(renderDir: string): Record<string, string> {
    const file = path.join(renderDir, "manifests", "kafkaconnector.yaml");
    if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist: run npm run render first, or pass --render`);
    const connector = YAML.parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => d.toJS()).find((d) => d?.metadata?.name === CONNECTOR_NAME);
    if (!connector) throw new UsageError(`${file} holds no KafkaConnector "${CONNECTOR_NAME}": is Kafka Connect enabled in this stack?`);
    return connector.spec.config;
}

async function psql(connection: string, sql: string, password: string | undefined): Promise<string> {
    const env = password === undefined ? process.env : { ...process.env, PGPASSWORD: password };
    try {
        const child = execFileAsync("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", connection, "-c", sql], { env });
        return (await child).stdout.trim();
    } catch (error) {
        const e = error as NodeJS.ErrnoException & { stderr?: string };
        if (e.code === "ENOENT") throw new Error("psql not found on the PATH; install the PostgreSQL client (apt-get install postgresql-client)");
        throw new Error(`${(e.stderr ?? e.message).trim().split("\n")[0]}`);
    }
}

export async function main(argv: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
        process.stdout.write(`${HELP}\n`);
        return EXIT_OK;
    }
    const [command = "check", ...extra] = positionals;
    if (!["check", "cleanup"].includes(command) || extra.length > 0) throw new UsageError(`expected check or cleanup, got "${positionals.join(" ")}"`);
    if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new UsageError(`--port: "${values.port}" is not a port number`);

    const config = renderedConnectorConfig(path.resolve(values.render ?? "build/render/prod"));
    const target = captureTargetOf(config);
    const host = values.host ?? config["database.hostname"];
    const port = values.port ?? config["database.port"];
    const quote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
    const connection = `host=${quote(host)} port=${quote(port)} user=${quote(target.user)} dbname=${quote(target.database)} connect_timeout=10`;
    const passwordFile = values["password-file"];
    const password = passwordFile === undefined ? undefined : fs.readFileSync(passwordFile, "utf8").trim();
    const where = `${target.user}@${host}:${port}/${target.database}`;

    const facts = JSON.parse(await psql(connection, factsQuery(target), password)) as DatabaseFacts;
    if (command === "cleanup") {
        if (facts.slot?.active) {
            process.stderr.write(`cdc-database: replication slot "${target.slot}" on ${where} is in use: delete the connector (or stop Kafka Connect) first\n`);
            return EXIT_FINDING;
        }
        await psql(connection, connectorCleanupSql(config).join("\n"), password);
        process.stdout.write(`${where}: dropped replication slot "${target.slot}"${facts.slot ? "" : " (there was none)"} and publication "${target.publication}"${facts.publication ? "" : " (there was none)"}\n`);
        return EXIT_OK;
    }
    const report = preflightReport(target, facts);
    for (const note of report.notes) process.stdout.write(`note: ${note}\n`);
    if (report.problems.length === 0) {
        process.stdout.write(`${where}: ready for the CDC connector (${target.tables.join(", ")})\n`);
        return EXIT_OK;
    }
    process.stdout.write(`${where}: ${report.problems.length} thing(s) to change before the CDC connector can run:\n${report.problems.map((p) => `  - ${p}`).join("\n")}\n`);
    return EXIT_FINDING;
}

if (require.main === module) runTool("cdc-database", main);
