// Kafka Connect on the local platform: a distributed worker built from the rendered KafkaConnect, running the rendered KafkaConnector.
import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { parseAllDocuments } from "yaml";
import { listenerFor } from "./client-properties";
import { LocalListener } from "./plan";

const execFileAsync = promisify(execFile);
const REPO_ROOT = path.join(__dirname, "..");
export const CONNECT_VERSION = "3.6.2";
const CONNECT_POM = path.join(__dirname, "connect", "pom.xml");
const SECRETS_PROVIDER = "io.strimzi.kafka.KubernetesSecretConfigProvider";
/** Kafka's own provider reads `${p:DIR:KEY}` from the file DIR/KEY: a Secret mounted as files, which is what Strimzi's provider reads through the API. */
const DIRECTORY_PROVIDER = "org.apache.kafka.common.config.provider.DirectoryConfigProvider";
/** What Strimzi 0.39 sets before the resource's own config (KafkaConnectConfiguration's defaults). */
const STRIMZI_DEFAULTS: Record<string, string> = {
    "group.id": "connect-cluster",
    "offset.storage.topic": "connect-cluster-offsets",
    "config.storage.topic": "connect-cluster-configs",
    "status.storage.topic": "connect-cluster-status",
    "key.converter": "org.apache.kafka.connect.json.JsonConverter",
    "value.converter": "org.apache.kafka.connect.json.JsonConverter",
};

type Manifest = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: any };

export interface RenderedConnect {
    connect: Manifest;
    connector: Manifest;
}

/** The rendered KafkaConnect and the one KafkaConnector that runs on it; undefined when the stack runs no Connect. */
export function readRenderedConnect(renderDir: string): RenderedConnect | undefined {
    const load = (kind: string): Manifest[] => {
        const file = path.join(renderDir, "manifests", `${kind}.yaml`);
        return fs.existsSync(file) ? parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => d.toJS() as Manifest).filter((m) => m?.kind) : [];
    };
    const [connect, ...more] = load("kafkaconnect");
    if (!connect) return undefined;
    if (more.length > 0) throw new Error(`${renderDir}: ${more.length + 1} KafkaConnect resources; the local platform runs one`);
    const connectors = load("kafkaconnector").filter((c) => c.metadata.labels?.["strimzi.io/cluster"] === connect.metadata.name);
    if (connectors.length !== 1) throw new Error(`${renderDir}: KafkaConnect "${connect.metadata.name}" has ${connectors.length} KafkaConnectors; the local platform runs exactly one`);
    return { connect, connector: connectors[0] };
}

export interface WorkerSite {
    listeners: LocalListener[];
    clusterCaCert: string;
    keystore: string;
    keystorePassword: string;
    restPort: number;
    pluginPath: string;
}

/**
 * The worker's properties as Strimzi's config generator writes them: its defaults, the resource's config,
 * then bootstrap, REST, plugin path and TLS for the worker and its producers, consumers and admin clients.
 * Only the secret provider is swapped for Kafka's directory provider, so `${secrets:NS/NAME:KEY}` resolves unchanged.
 */
export function workerProperties(connect: Manifest, site: WorkerSite): Record<string, string> {
    const spec = connect.spec;
    const problems: string[] = [];
    if (!spec.tls) problems.push("spec.tls is missing: the local platform connects Connect over TLS as the cluster's listeners require");
    if (spec.authentication?.type !== "tls") problems.push(`spec.authentication.type is ${JSON.stringify(spec.authentication?.type)}; the local platform runs Connect with its TLS user`);
    if (problems.length > 0) throw new Error(`KafkaConnect "${connect.metadata.name}": ${problems.join("; ")}`);
    const config: Record<string, string> = { ...STRIMZI_DEFAULTS };
    for (const [key, value] of Object.entries(spec.config ?? {})) config[key] = String(value);
    for (const [key, value] of Object.entries(config)) {
        if (/^config\.providers\.[^.]+\.class$/.test(key) && value === SECRETS_PROVIDER) config[key] = DIRECTORY_PROVIDER;
    }
    const listener = listenerFor("tls", site.listeners);
    const security: Record<string, string> = {};
    for (const prefix of ["", "producer.", "consumer.", "admin."]) {
        security[`${prefix}security.protocol`] = "SSL";
        security[`${prefix}ssl.truststore.type`] = "PEM";
        security[`${prefix}ssl.truststore.location`] = site.clusterCaCert;
        security[`${prefix}ssl.keystore.type`] = "PKCS12";
        security[`${prefix}ssl.keystore.location`] = site.keystore;
        security[`${prefix}ssl.keystore.password`] = site.keystorePassword;
    }
    return {
        "bootstrap.servers": listener.bootstrap,
        listeners: `http://127.0.0.1:${site.restPort}`,
        "rest.advertised.host.name": "127.0.0.1",
        "rest.advertised.port": String(site.restPort),
        "plugin.path": site.pluginPath,
        ...config,
        ...security,
    };
}

/** The connector's config as Strimzi submits it (class, tasks, config), with only the database's address changed. */
export function localConnectorConfig(connector: Manifest, database: { host: string; port: number }): Record<string, string> {
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(connector.spec.config ?? {})) config[key] = String(value);
    return { ...config, "connector.class": connector.spec.class, "tasks.max": String(connector.spec.tasksMax), "database.hostname": database.host, "database.port": String(database.port) };
}

/** The secrets the connector config references, `${secrets:NAMESPACE/NAME:KEY}`, as provider name and path. */
export function secretReferences(config: Record<string, string>, provider = "secrets"): Array<{ key: string; dir: string; file: string }> {
    const pattern = new RegExp(`\\$\\{${provider}:([^:}]+):([^}]+)\\}`, "g");
    return Object.entries(config).flatMap(([key, value]) => [...value.matchAll(pattern)].map((m) => ({ key, dir: m[1], file: m[2] })));
}

export interface PluginArtifact {
    plugin: string;
    url: string;
    sha512: string;
    /** Maven coordinates read from the URL's repository layout, `group:artifact:version:type:classifier`. */
    coordinates: string;
    fileName: string;
}

/** The rendered build's artifacts, with the Maven coordinates their URLs name. */
export function pluginArtifacts(connect: Manifest): PluginArtifact[] {
    return (connect.spec.build?.plugins ?? []).flatMap((plugin: any) => plugin.artifacts.map((artifact: any) => {
        const where = `KafkaConnect "${connect.metadata.name}": plugin ${plugin.name}`;
        const segments = new URL(artifact.url).pathname.split("/").filter(Boolean);
        // An Artifact Registry Maven repository is https://<region>-maven.pkg.dev/<project>/<repository>/<group path>/...
        const base = new URL(artifact.url).hostname.endsWith("-maven.pkg.dev") ? 2 : segments.indexOf("maven2") + 1;
        const [name, version, fileName] = segments.slice(-3);
        const file = new RegExp(`^${escapeRegex(`${name}-${version}`)}(?:-([^.]+))?\.(tar\.gz|tgz|zip|jar)$`).exec(fileName ?? "");
        if (base < 1 || segments.length - 3 <= base || !file) throw new Error(`${where}: ${artifact.url} is not a Maven repository path (<repository>/<group path>/<artifact>/<version>/<file>)`);
        const [, classifier, type] = file;
        return {
            plugin: plugin.name,
            url: artifact.url,
            sha512: artifact.sha512sum,
            coordinates: `${segments.slice(base, -3).join(".")}:${name}:${version}:${type}${classifier ? `:${classifier}` : ""}`,
            fileName,
        };
    }));
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function cacheHome(): string {
    return process.env.KAFKA_LOCAL_HOME ?? path.join(REPO_ROOT, ".kafka-local");
}

async function mvn(args: string[], what: string): Promise<void> {
    try {
        await execFileAsync("nice", ["-n", "10", "mvn", "-q", "-B", ...args], { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
        const e = error as NodeJS.ErrnoException & { stdout?: string };
        if (e.code === "ENOENT") throw new Error(`${what}: mvn not found on the PATH (apt-get install maven)`);
        throw new Error(`${what}: ${(e.stdout ?? e.message).trim().split("\n").filter((l) => /ERROR/.test(l))[0] ?? e.message}`);
    }
}

/**
 * The runtime jars a pom resolves, from Maven Central once, into `<cache>/<folder>`: one folder per pom, so two
 * poms never share a cache that only the first to download would fill.
 */
export async function mavenClasspath(pom: string, folder: string, what: string, log: (line: string) => void): Promise<string> {
    const dir = path.join(cacheHome(), folder);
    if (!fs.existsSync(path.join(dir, ".complete"))) {
        log(`downloading ${what} into ${dir}`);
        fs.rmSync(dir, { recursive: true, force: true });
        await mvn(["-f", pom, "dependency:copy-dependencies", "-DincludeScope=runtime", `-DoutputDirectory=${dir}`], `downloading ${what}`);
        fs.writeFileSync(path.join(dir, ".complete"), "");
    }
    return `${dir}/*`;
}

/** Kafka Connect's jars, through the pom beside this file. */
export function connectClasspath(log: (line: string) => void): Promise<string> {
    return mavenClasspath(CONNECT_POM, `connect-${CONNECT_VERSION}`, `Kafka Connect ${CONNECT_VERSION}`, log);
}

/**
 * Each rendered plugin, downloaded through Maven from the coordinates its URL names, refused unless its SHA-512
 * is the rendered one (as Strimzi's build refuses it), and unpacked into `<pluginPath>/<plugin name>`.
 */
export async function installPlugins(connect: Manifest, pluginPath: string, log: (line: string) => void): Promise<PluginArtifact[]> {
    const artifacts = pluginArtifacts(connect);
    const downloads = path.join(cacheHome(), "connect-plugins");
    fs.mkdirSync(downloads, { recursive: true });
    for (const artifact of artifacts) {
        const file = path.join(downloads, artifact.fileName);
        if (!fs.existsSync(file)) {
            log(`downloading ${artifact.coordinates}`);
            await mvn(["dependency:copy", `-Dartifact=${artifact.coordinates}`, `-DoutputDirectory=${downloads}`], `downloading ${artifact.coordinates}`);
        }
        const actual = createHash("sha512").update(fs.readFileSync(file)).digest("hex");
        if (actual !== artifact.sha512) {
            fs.rmSync(file);
            throw new Error(`plugin ${artifact.plugin}: ${artifact.fileName} has SHA-512 ${actual}, not the rendered ${artifact.sha512}; the download was removed`);
        }
        const target = path.join(pluginPath, artifact.plugin);
        fs.mkdirSync(target, { recursive: true });
        await execFileAsync("tar", ["-xzf", file, "-C", target]);
        log(`plugin ${artifact.plugin}: ${artifact.fileName}, SHA-512 as rendered`);
    }
    return artifacts;
}

/** The Connect REST API on the local worker. */
export async function connectRest(port: number, method: string, pathname: string, body?: unknown): Promise<{ status: number; json: any }> {
    const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let json: any = text;
    try {
        json = text ? JSON.parse(text) : undefined;
    } catch {
        // Jetty's error pages are HTML; keep the text.
    }
    return { status: response.status, json };
}

/** The connector's and its tasks' states, or undefined while the worker does not know it. */
export async function connectorStatus(port: number, name: string): Promise<{ connector: string; tasks: Array<{ id: number; state: string; trace?: string }> } | undefined> {
    const { status, json } = await connectRest(port, "GET", `/connectors/${encodeURIComponent(name)}/status`);
    if (status === 404) return undefined;
    if (status !== 200) throw new Error(`GET /connectors/${name}/status: HTTP ${status} ${JSON.stringify(json)}`);
    return { connector: json.connector.state, tasks: json.tasks };
}
