// The local platform's lifecycle: up (ZooKeeper, brokers, topics, users), status and down, kept in a state record per stack.
import { execFile } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { Admin } from "kafkajs";
import { checkBrokerSettings } from "./broker-settings";
import { clientPropertiesText, listenerFor, UserCredentials } from "./client-properties";
import { createAcls, createTopics, operatorAdmin } from "./operators";
import { DEFAULT_BASE_PORT, fitReplicaCounts, LocalListener, LocalPlan, planLocalPlatform, propertiesText, stateLayout, StateLayout, strimziSubjects, zookeeperProperties } from "./plan";
import { createCa, issueCertificate, issueUserKeystore } from "./pki";
import { isRunning, JavaLaunch, log4jOption, logContains, portAnswers, ProcessRecord, sleep, startJava, stopProcess, takenPorts, waitUntilReady } from "./processes";
import { readRender, RenderedPlatform } from "./render-input";
import { LocalConnect, startChangeDataCapture, stopChangeDataCapture } from "./cdc";
import { LocalDatabase } from "./postgres";

const execFileAsync = promisify(execFile);
export const REPO_ROOT = path.join(__dirname, "..");
const KAFKA_LOCAL_SCRIPT = path.join(REPO_ROOT, "scripts", "kafka-local.sh");
const STATE_FILE = "state.json";

export const HEAPS = { zookeeper: "128m", broker: "512m" } as const;
const DOWN_GRACE_MS = 5_000;
/** Generous: on a 2-core machine shared with other work, a broker with a thousand partitions took over 90 s to start. */
const START_TIMEOUT_MS = { zookeeper: 60_000, broker: 240_000 } as const;

/** What `up` leaves behind and everything else reads: processes, listeners, credentials. Other processes (Connect, MirrorMaker 2) join `processes`. */
export interface LocalPlatformState {
    stack: string;
    renderDir: string;
    stateDir: string;
    basePort: number;
    /** First port free for the platform's other processes. */
    servicesPort: number;
    clusterName: string;
    startedAt: string;
    classpath: string;
    zookeeper: string;
    listeners: LocalListener[];
    /** The replication listener and an identity allowed everything on it (Strimzi's topic operator). */
    admin: { bootstrap: string; ca: string; cert: string; key: string; keystore: string };
    clusterCaCert: string;
    /** Every KafkaUser: its credentials and its client properties file. */
    users: (UserCredentials & { propertiesFile: string; principal: string })[];
    processes: ProcessRecord[];
    /** PostgreSQL and the Connect worker, when the render has a KafkaConnect. */
    database?: LocalDatabase;
    connect?: LocalConnect;
}

export interface UpOptions {
    stack: string;
    basePort?: number;
    /** A render to run instead of rendering the stack now. */
    renderDir?: string;
    /** Where the stack's state lives (default build/local/<stack>). */
    stateDir?: string;
    log?: (line: string) => void;
    /** Start the render's PostgreSQL and change-data connector too (default true); the DR drill needs only the clusters. */
    changeDataCapture?: boolean;
    /** Which of the render's topics to create (default every one); the DR drill's short variant keeps only those it uses. */
    topics?: (name: string) => boolean;
    /** How many brokers (default three); fewer is a reduced platform whose replica counts fit it. */
    brokers?: number;
}

export function defaultStateDir(stack: string): string {
    return path.join(REPO_ROOT, "build", "local", stack);
}

export function readState(stateDir: string): LocalPlatformState | undefined {
    const file = path.join(stateDir, STATE_FILE);
    if (!fs.existsSync(file)) return undefined;
    return JSON.parse(fs.readFileSync(file, "utf8")) as LocalPlatformState;
}

export function writeState(state: LocalPlatformState): void {
    fs.writeFileSync(path.join(state.stateDir, STATE_FILE), JSON.stringify(state, null, 2));
}

/** The state of a running platform, or an error saying how to start one. */
export function requireState(stateDir: string): LocalPlatformState {
    const state = readState(stateDir);
    if (!state) throw new Error(`no local platform in ${stateDir}; start one with \`npm run local -- up\``);
    return state;
}

export class AlreadyRunningError extends Error {}

/** Renders (or reads) the stack, starts ZooKeeper and its brokers (three unless told fewer), then creates topics and users as Strimzi would. */
export async function up(options: UpOptions): Promise<LocalPlatformState> {
    const log = options.log ?? (() => undefined);
    // Absolute, since Java processes read their files from it whatever directory they run in.
    const stateDir = path.resolve(options.stateDir ?? defaultStateDir(options.stack));
    const existing = readState(stateDir);
    if (existing) {
        const alive = existing.processes.filter(isRunning);
        if (alive.length > 0) throw new AlreadyRunningError(`the ${existing.stack} platform is already running from ${stateDir} (base port ${existing.basePort}, ${alive.map((p) => `${p.name} pid ${p.pid}`).join(", ")}); \`npm run local -- down --stack ${existing.stack}\` stops it`);
        removeState(stateDir);
    }

    const renderDir = options.renderDir ?? (await renderStack(options.stack, log));
    const rendered = readRender(renderDir);
    const render = options.topics ? { ...rendered, topics: rendered.topics.filter((t) => options.topics!(t.name)) } : rendered;
    const layout = stateLayout(stateDir);
    const plan = planLocalPlatform({ ...render, stack: options.stack }, options.basePort ?? DEFAULT_BASE_PORT, layout, options.brokers);
    const taken = await takenPorts(plan.ports);
    if (taken.length > 0) throw new Error(`port ${taken.map((t) => `${t.port} (${t.owner})`).join(", ")} ${taken.length > 1 ? "are" : "is"} already taken; choose another --base-port`);

    const classpath = await kafkaClasspath(log);
    fs.mkdirSync(layout.stateDir, { recursive: true });
    fs.mkdirSync(layout.dataDir, { recursive: true });
    const processes: ProcessRecord[] = [];
    // Written before any process starts, so `down` can stop whatever did start if `up` fails half-way.
    const partial = { stack: options.stack, stateDir, processes } as unknown as LocalPlatformState;
    const save = () => writeState(partial);
    save();
    try {
        log(`certificates: cluster CA, clients CA, brokers, operators and ${render.users.length} users`);
        const pki = await createPki(layout, plan, render);

        log(`ZooKeeper on 127.0.0.1:${plan.zookeeperPort}`);
        const zookeeper = startZookeeper(plan, layout, classpath);
        processes.push(zookeeper);
        save();
        await waitUntilReady(zookeeper, () => portAnswers(plan.zookeeperPort), START_TIMEOUT_MS.zookeeper);

        const scramUsers = render.users.filter((u) => u.authentication === "scram-sha-512");
        const scramPasswords = new Map(scramUsers.map((u) => [u.name, randomPassword()]));
        // SCRAM credentials live in ZooKeeper; written while the brokers start, as Strimzi's user operator would once they run.
        const credentialsWritten = Promise.all(scramUsers.map((u) => writeScramCredential(classpath, plan.zookeeperPort, u.name, scramPasswords.get(u.name)!)));

        log(`brokers ${plan.brokers.map((b) => `${b.id} (rack ${b.rack})`).join(", ")}`);
        const brokers = plan.brokers.map((b) => startBroker(b.id, b.properties, layout, classpath, [b.replicationPort, ...plan.listeners.map((l) => l.ports[b.id])]));
        processes.push(...brokers);
        save();
        await Promise.all(brokers.map((b) => waitForBroker(b)));
        await credentialsWritten;

        const admin = operatorAdmin({ bootstrap: plan.replicationBootstrap, ca: fs.readFileSync(layout.clusterCaCert, "utf8"), cert: fs.readFileSync(pki.topicOperator.cert, "utf8"), key: fs.readFileSync(pki.topicOperator.key, "utf8"), clientId: "local-topic-operator" });
        await admin.connect();
        try {
            await waitForController(admin, plan.brokers.length, START_TIMEOUT_MS.broker);
            await checkBrokerSettings(admin, plan.brokers.map((b) => String(b.id)), plan.brokerConfig);
            log(`topics: ${render.topics.length}, ${render.topics.reduce((n, t) => n + t.partitions, 0)} partitions`);
            await createTopics(admin, render.topics.map((t) => ({ ...t, replicas: Math.min(t.replicas, plan.brokers.length), config: fitReplicaCounts(t.config, plan.brokers.length) })));
            const acls = await createAcls(admin, render.users);
            log(`users: ${render.users.length}, ${acls} ACLs`);
        } finally {
            await admin.disconnect();
        }

        const clientsDir = path.join(stateDir, "clients");
        const users = render.users.map((user) => {
            const credentials: UserCredentials = user.authentication === "tls"
                ? { user: user.name, authentication: "tls", keystore: pki.users.get(user.name)!.p12, keystorePassword: pki.users.get(user.name)!.password, cert: pki.users.get(user.name)!.cert, key: pki.users.get(user.name)!.key }
                : { user: user.name, authentication: "scram-sha-512", password: scramPasswords.get(user.name) };
            const propertiesFile = path.join(clientsDir, `${user.name}.properties`);
            fs.writeFileSync(propertiesFile, clientPropertiesText(credentials, listenerFor(user.authentication, plan.listeners), layout.clusterCaCert), { mode: 0o600 });
            return { ...credentials, propertiesFile, principal: user.authentication === "tls" ? `User:CN=${user.name}` : `User:${user.name}` };
        });

        const state: LocalPlatformState = {
            stack: options.stack,
            renderDir,
            stateDir,
            basePort: plan.basePort,
            servicesPort: plan.servicesPort,
            clusterName: plan.clusterName,
            startedAt: new Date().toISOString(),
            classpath,
            zookeeper: `127.0.0.1:${plan.zookeeperPort}`,
            listeners: plan.listeners,
            admin: { bootstrap: plan.replicationBootstrap, ca: layout.clusterCaCert, cert: pki.topicOperator.cert, key: pki.topicOperator.key, keystore: pki.topicOperator.pem },
            clusterCaCert: layout.clusterCaCert,
            users,
            processes,
        };
        writeState(state);

        const cdc = options.changeDataCapture === false ? undefined : await startChangeDataCapture({
            renderDir,
            stateDir,
            port: plan.servicesPort,
            listeners: plan.listeners,
            clusterCaCert: layout.clusterCaCert,
            users,
            log,
            started: ({ database, process }) => {
                if (database) state.database = partial.database = database;
                if (process) processes.push(process);
                writeState(state);
            },
        });
        if (cdc) {
            state.connect = cdc.connect;
            writeState(state);
        }
        return state;
    } catch (error) {
        await Promise.all(processes.map((p) => stopProcess(p, DOWN_GRACE_MS)));
        await stopChangeDataCapture(partial.database, undefined);
        removeState(stateDir);
        throw error;
    }
}

/** Stops every process the state record names (joined ones first, brokers, then ZooKeeper) and removes the state. */
export async function down(stateDir: string): Promise<ProcessRecord[]> {
    const state = readState(stateDir);
    if (!state) return [];
    const order = (p: ProcessRecord) => (p.name === "zookeeper" ? 2 : p.name.startsWith("broker-") ? 1 : 0);
    // The data goes with the state, so a broker gets a short grace rather than a full controlled shutdown.
    for (const rank of [0, 1, 2]) await Promise.all(state.processes.filter((p) => order(p) === rank).map((p) => stopProcess(p, DOWN_GRACE_MS)));
    await stopChangeDataCapture(state.database, undefined);
    removeState(stateDir);
    return state.processes;
}

export interface ProcessStatus {
    name: string;
    pid: number;
    running: boolean;
    answering: boolean;
    ports: number[];
}

export async function status(stateDir: string): Promise<{ state: LocalPlatformState; processes: ProcessStatus[] } | undefined> {
    const state = readState(stateDir);
    if (!state) return undefined;
    const processes = await Promise.all((state.processes ?? []).map(async (p) => {
        const running = isRunning(p);
        return { name: p.name, pid: p.pid, running, answering: running && p.ports.length > 0 && (await portAnswers(p.ports[0])), ports: p.ports };
    }));
    return { state, processes };
}

/** Stops one broker (a durability test, a drill); `startBrokerAgain` brings it back with the same config and data. */
export async function stopBroker(state: LocalPlatformState, id: number): Promise<void> {
    const record = brokerRecord(state, id);
    await stopProcess(record);
}

export async function startBrokerAgain(state: LocalPlatformState, id: number): Promise<void> {
    const index = state.processes.findIndex((p) => p.name === `broker-${id}`);
    const old = brokerRecord(state, id);
    if (isRunning(old)) return;
    const record = startJava(old.name, old.launch, old.configFile, old.logFile, old.ports);
    state.processes[index] = record;
    writeState(state);
    await waitForBroker(record);
}

/** Adds a process (Connect, MirrorMaker 2) to the platform's record, so `status` shows it and `down` stops it. */
export function addProcess(state: LocalPlatformState, record: ProcessRecord): void {
    state.processes = [...state.processes.filter((p) => p.name !== record.name), record];
    writeState(state);
}

function brokerRecord(state: LocalPlatformState, id: number): ProcessRecord {
    const record = state.processes.find((p) => p.name === `broker-${id}`);
    if (!record) throw new Error(`the ${state.stack} platform has no broker ${id}`);
    return record;
}

function removeState(stateDir: string): void {
    fs.rmSync(stateLayout(stateDir).dataDir, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
}

/** Renders a stack offline into build/render/<stack>, as `npm run render` does, and returns the folder. */
export async function renderStack(stack: string, log: (line: string) => void): Promise<string> {
    const out = path.join(REPO_ROOT, "build", "render", stack);
    log(`rendering stack ${stack} into ${path.relative(process.cwd(), out) || out}`);
    try {
        await execFileAsync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(REPO_ROOT, "scripts", "render.ts"), "--stack", stack, "--out", out], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
        const output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`.trim();
        throw new Error(`render of stack ${stack} failed:\n${output || (error as Error).message}`);
    }
    return out;
}

/** Kafka's jars, downloaded once through scripts/kafka-local.sh's pom and cache. */
export async function kafkaClasspath(log: (line: string) => void = () => undefined): Promise<string> {
    try {
        const { stdout, stderr } = await execFileAsync(KAFKA_LOCAL_SCRIPT, ["classpath"], { maxBuffer: 1024 * 1024 });
        if (stderr.includes("downloading")) log(stderr.trim());
        return stdout.trim().split("\n").pop()!;
    } catch (error) {
        throw new Error(`Kafka's jars are not available: ${((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`);
    }
}

interface Pki {
    topicOperator: { cert: string; key: string; pem: string };
    users: Map<string, { cert: string; key: string; p12: string; password: string }>;
}

async function createPki(layout: StateLayout, plan: LocalPlan, render: RenderedPlatform): Promise<Pki> {
    const subjects = strimziSubjects(plan.clusterName);
    const [clusterCa, clientsCa] = await Promise.all([
        createCa(layout.caDir, "cluster-ca", { cn: "cluster-ca v0", o: "io.strimzi" }),
        createCa(layout.caDir, "clients-ca", { cn: "clients-ca v0", o: "io.strimzi" }),
    ]);
    const clientsDir = path.join(layout.stateDir, "clients");
    const [topicOperator, ...rest] = await Promise.all([
        issueCertificate(layout.caDir, "topic-operator", subjects.topicOperator, clusterCa),
        ...plan.brokers.map((b) => issueCertificate(layout.caDir, `broker-${b.id}`, subjects.broker, clusterCa, true)),
    ]);
    void rest;
    const tlsUsers = render.users.filter((u) => u.authentication === "tls");
    const keystores = await Promise.all(tlsUsers.map((u) => issueUserKeystore(path.join(clientsDir, u.name), "user", { cn: u.name }, clientsCa)));
    return { topicOperator, users: new Map(tlsUsers.map((u, i) => [u.name, keystores[i]])) };
}

function startZookeeper(plan: LocalPlan, layout: StateLayout, classpath: string): ProcessRecord {
    const dir = path.join(layout.stateDir, "zookeeper");
    fs.mkdirSync(dir, { recursive: true });
    const configFile = path.join(dir, "zookeeper.properties");
    const logFile = path.join(dir, "zookeeper.log");
    fs.writeFileSync(configFile, propertiesText(zookeeperProperties(plan, layout)));
    const launch: JavaLaunch = { mainClass: "org.apache.zookeeper.server.quorum.QuorumPeerMain", args: [configFile], classpath, heap: HEAPS.zookeeper, jvmOptions: [log4jOption(dir, logFile, "WARN"), "-Dzookeeper.admin.enableServer=false"] };
    return startJava("zookeeper", launch, configFile, logFile, [plan.zookeeperPort]);
}

function startBroker(id: number, properties: Record<string, string>, layout: StateLayout, classpath: string, ports: number[]): ProcessRecord {
    const dir = path.join(layout.stateDir, `broker-${id}`);
    fs.mkdirSync(dir, { recursive: true });
    const configFile = path.join(dir, "server.properties");
    const logFile = path.join(dir, "server.log");
    fs.writeFileSync(configFile, propertiesText(properties));
    const launch: JavaLaunch = { mainClass: "kafka.Kafka", args: [configFile], classpath, heap: HEAPS.broker, jvmOptions: [log4jOption(dir, logFile, "WARN", { "kafka.server.KafkaServer": "INFO", "kafka.server.KafkaConfig": "INFO" })] };
    return startJava(`broker-${id}`, launch, configFile, logFile, ports);
}

/** Ready when the broker logs that it started and its first listener answers; a setting Kafka does not know fails it, named. */
async function waitForBroker(record: ProcessRecord): Promise<void> {
    await waitUntilReady(record, async () => logContains(record.logFile, /\] started \(kafka\.server\.KafkaServer\)/) && (await portAnswers(record.ports[0])), START_TIMEOUT_MS.broker);
    const unknown = unknownSettings(record.logFile);
    if (unknown.length > 0) throw new Error(`${record.name}: Kafka does not know the rendered broker setting${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (log: ${record.logFile})`);
}

/**
 * Ready when the cluster has elected its controller and every broker has registered: a broker that logged
 * "started" on a busy machine can still answer "no controller" (-1), which fails the admin calls that follow.
 */
async function waitForController(admin: Admin, brokers: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = "no answer";
    for (;;) {
        try {
            const cluster = await admin.describeCluster();
            seen = `controller ${cluster.controller ?? "none"}, ${cluster.brokers.length} of ${brokers} brokers registered`;
            if (cluster.controller !== null && cluster.controller >= 0 && cluster.brokers.length === brokers) return;
        } catch (error) {
            seen = (error as Error).message;
        }
        if (Date.now() > deadline) throw new Error(`the brokers started, but the cluster was not ready within ${timeoutMs / 1000}s: ${seen}`);
        await sleep(500);
    }
}

/** Settings the broker logged as "supplied but isn't a known config". */
export function unknownSettings(logFile: string): string[] {
    if (!fs.existsSync(logFile)) return [];
    const found = [...fs.readFileSync(logFile, "utf8").matchAll(/The configuration '([^']+)' was supplied but isn't a known config/g)].map((m) => m[1]);
    return [...new Set(found)];
}

async function writeScramCredential(classpath: string, zookeeperPort: number, user: string, password: string): Promise<void> {
    try {
        await execFileAsync("java", ["-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlog4j.configuration=file:/dev/null", "-cp", classpath, "kafka.admin.ConfigCommand",
            "--zookeeper", `127.0.0.1:${zookeeperPort}`, "--alter", "--entity-type", "users", "--entity-name", user,
            "--add-config", `SCRAM-SHA-512=[iterations=4096,password=${password}]`], { timeout: 120_000 });
    } catch (error) {
        throw new Error(`could not write the SCRAM credential of ${user}: ${((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split("\n")[0]}`);
    }
}

function randomPassword(): string {
    return randomBytes(16).toString("hex");
}
