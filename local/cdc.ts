// Change data capture on the local platform: PostgreSQL with the design's tables, then the rendered Connect worker and connector.
import * as fs from "fs";
import * as path from "path";
import { captureTargetOf, DatabaseFacts, factsQuery, preflightReport } from "../tools/cdc-preflight";
import { LocalListener, propertiesText } from "./plan";
import { CONNECT_VERSION, connectClasspath, connectorStatus, connectRest, installPlugins, localConnectorConfig, readRenderedConnect, secretReferences, workerProperties } from "./connect";
import { LocalDatabase, psql, startDatabase, stopDatabase } from "./postgres";
import { log4jOption, portAnswers, ProcessRecord, sleep, startJava, stopProcess, waitUntilReady } from "./processes";

const CONNECT_HEAP = "512m";
const CONNECT_START_TIMEOUT_MS = 120_000;
const CONNECTOR_RUNNING_TIMEOUT_MS = 120_000;

export interface LocalConnect {
    restPort: number;
    connector: string;
    /** The connector config submitted, as rendered but for the database address. */
    config: Record<string, string>;
    /** The rendered worker's settings the tests read (commit interval, topics). */
    worker: Record<string, string>;
}

export interface CdcSite {
    renderDir: string;
    stateDir: string;
    /** First free port: PostgreSQL takes it, the Connect REST API the next. */
    port: number;
    listeners: LocalListener[];
    clusterCaCert: string;
    /** The KafkaUser the rendered KafkaConnect authenticates as, with its keystore. */
    users: Array<{ user: string; keystore?: string; keystorePassword?: string }>;
    log: (line: string) => void;
    /** Called as each piece starts, so a failure later still leaves a record of what to stop. */
    started: (piece: { database?: LocalDatabase; process?: ProcessRecord }) => void;
}

/** Starts PostgreSQL and Connect when the render has a KafkaConnect; returns undefined when it has none. */
export async function startChangeDataCapture(site: CdcSite): Promise<{ database: LocalDatabase; connect: LocalConnect } | undefined> {
    const rendered = readRenderedConnect(site.renderDir);
    if (!rendered) return undefined;
    const { connect, connector } = rendered;
    const renderedConfig = connector.spec.config as Record<string, string>;
    const target = captureTargetOf(renderedConfig);

    const database = startDatabase({ port: site.port, database: target.database, connectorUser: target.user, stateDir: path.join(site.stateDir, "postgres"), log: site.log });
    site.started({ database });
    const report = preflightReport(target, JSON.parse(psql(database, database.connectorUser, target.database, factsQuery(target))) as DatabaseFacts);
    if (report.problems.length > 0) throw new Error(`the local database does not pass the CDC preflight: ${report.problems.join("; ")}`);

    const user = site.users.find((u) => u.user === connect.spec.authentication.certificateAndKey.secretName);
    if (!user?.keystore || !user.keystorePassword) throw new Error(`KafkaConnect "${connect.metadata.name}" authenticates as "${connect.spec.authentication.certificateAndKey.secretName}", which the platform has no TLS user for`);

    const dir = path.join(site.stateDir, "connect");
    const pluginPath = path.join(dir, "plugins");
    fs.mkdirSync(pluginPath, { recursive: true });
    const classpath = await connectClasspath(site.log);
    await installPlugins(connect, pluginPath, site.log);

    const restPort = site.port + 1;
    const worker = workerProperties(connect, { listeners: site.listeners, clusterCaCert: site.clusterCaCert, keystore: user.keystore, keystorePassword: user.keystorePassword, restPort, pluginPath });
    const configFile = path.join(dir, "worker.properties");
    fs.writeFileSync(configFile, propertiesText(worker), { mode: 0o600 });
    const logFile = path.join(dir, "connect.log");

    // The secrets the connector references, laid out as Kubernetes mounts a Secret: one file per key.
    const config = localConnectorConfig(connector, database);
    const secretsDir = path.join(dir, "secrets");
    for (const reference of secretReferences(config)) {
        if (reference.key !== "database.password") throw new Error(`connector "${connector.metadata.name}": ${reference.key} references a secret the local platform does not hold`);
        fs.mkdirSync(path.join(secretsDir, reference.dir), { recursive: true });
        fs.writeFileSync(path.join(secretsDir, reference.dir, reference.file), database.connectorUser.password, { mode: 0o600 });
    }

    site.log(`Kafka Connect ${CONNECT_VERSION} (rendered ${connect.spec.version}) worker "${worker["group.id"]}" as ${user.user}, REST on 127.0.0.1:${restPort}`);
    const process = startJava("connect", {
        mainClass: "org.apache.kafka.connect.cli.ConnectDistributed",
        args: [configFile],
        classpath,
        heap: CONNECT_HEAP,
        jvmOptions: [log4jOption(dir, logFile, "INFO", { "org.apache.kafka.clients": "WARN", "org.reflections": "ERROR" })],
        cwd: secretsDir,
    }, configFile, logFile, [restPort]);
    site.started({ process });
    await waitUntilReady(process, async () => (await portAnswers(restPort)) && (await connectRest(restPort, "GET", "/connectors")).status === 200, CONNECT_START_TIMEOUT_MS);

    const name = connector.metadata.name;
    const put = await connectRest(restPort, "PUT", `/connectors/${encodeURIComponent(name)}/config`, config);
    if (put.status >= 300) throw new Error(`Kafka Connect refused connector "${name}": HTTP ${put.status} ${JSON.stringify(put.json)}`);
    await waitForConnectorRunning(restPort, name, process);
    site.log(`connector ${name}: RUNNING, capturing ${target.tables.join(", ")} from ${database.host}:${database.port}/${target.database}`);
    return { database, connect: { restPort, connector: name, config, worker } };
}

/** Waits until the connector and every task run; a FAILED one fails with its trace's first line. */
export async function waitForConnectorRunning(restPort: number, name: string, process?: ProcessRecord, timeoutMs = CONNECTOR_RUNNING_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "unknown";
    while (Date.now() < deadline) {
        const status = await connectorStatus(restPort, name).catch(() => undefined);
        if (status) {
            const failed = status.tasks.find((t) => t.state === "FAILED");
            if (failed) throw new Error(`connector ${name}: task ${failed.id} FAILED: ${(failed.trace ?? "").split("\n")[0]}`);
            if (status.connector === "FAILED") throw new Error(`connector ${name} FAILED`);
            last = `${status.connector}, tasks ${status.tasks.map((t) => t.state).join(",") || "none"}`;
            if (status.connector === "RUNNING" && status.tasks.length > 0 && status.tasks.every((t) => t.state === "RUNNING")) return;
        }
        await sleep(500);
    }
    throw new Error(`connector ${name} is not RUNNING after ${timeoutMs / 1000}s (${last})${process ? `; log: ${process.logFile}` : ""}`);
}

/** Stops Connect (its record is among the platform's processes) and then the database, removing its data. */
export async function stopChangeDataCapture(database: LocalDatabase | undefined, connectProcess: ProcessRecord | undefined): Promise<void> {
    if (connectProcess) await stopProcess(connectProcess, 15_000);
    if (database) stopDatabase(database);
}
