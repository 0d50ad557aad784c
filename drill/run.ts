// `npm run drill`: fails the platform over to DR and back on two local clusters from the prod and dr renders, and measures it.
import { execFileSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { Consumer, Kafka, RetryOptions } from "kafkajs";
import { parseAllDocuments } from "yaml";
import { Catalog, loadCatalog } from "../catalog";
import { PlatformProducer } from "../clients/producer";
import { listenerFor } from "../local/client-properties";
import { CONNECT_VERSION, mavenClasspath } from "../local/connect";
import { createAcls, operatorAdmin } from "../local/operators";
import { addProcess, down, kafkaClasspath, LocalPlatformState, renderStack, REPO_ROOT, up } from "../local/platform";
import { fitReplicaCounts, LOCAL_BROKERS, propertiesText } from "../local/plan";
import { log4jOption, runJava, startJava, stopProcess, waitUntilReady } from "../local/processes";
import { RenderedUser } from "../local/render-input";
import { kafkaUserResource, mirrorMakerSourceUser } from "../specs/kafka-users";
import { FAILBACK, failbackMirrorResource, MAX_TRANSLATION_LAG, MIRROR, MirrorFlow, mirroredTopicNames, offsetSyncsTopic, sourceConnectorName, startOffsetsBody } from "../specs/mirror-maker";
import { verifyCluster } from "../tools/verify";
import { endOffsets, operatorKafka, readAll, userKafka, waitFor } from "./clients";
import { ClusterAccess, connectorConfigs, connectorNames, ConnectRest, fitMirrorReplicas, RenderedMirrorMaker, workerProperties } from "./mirror-maker";
import { copiedTwice, DrillFindings, drillExitCode, drillRows, extraCopies, missing, PHASE, percentile, recordValue, redelivered, renderDrillTable, rereads, SeenRecord } from "./measure";

const HELP = `Usage: npm run drill -- [--rate N] [--seconds N] [--base-port N] [--few-topics] [--one-broker] [--keep]

Starts the prod and dr renders as two local platforms (three brokers each), runs the rendered MirrorMaker 2
between them with its rendered authentication, puts a keyed transactional load on the primary, then fails
over to DR and back as docs/runbooks/dr-failover.md says, and prints what was lost, late, duplicated or
wrongly visible. Exits 1 on any loss, visible aborted or open record, unmirrored large record, failed task or
stalled partition, or a record copied twice by failback; 2 when the drill itself could not run.

  --rate N        records per second of the load (default 1000)
  --seconds N     length of the load (default 60)
  --base-port N   the primary takes N..N+99, DR N+100..N+199 (default 29000)
  --few-topics    create only the topics the drill writes (task.events and the large record's) and the
                  platforms' own, not the whole catalog: the short variant CI runs
  --one-broker    one broker per cluster instead of three, every replication factor and min.insync.replicas
                  at 1: for a machine that two three-broker clusters would saturate
  --keep          leave both platforms running afterwards (npm run local -- down --state build/drill/<stack>)`;

/** The application flows of the drill, all from the catalog: the producer, its topic and the group reading it. */
const PRODUCER = "fsm-api";
const LOAD_TOPIC = "task.events";
const GROUP = "task-event-processor";
const ABORTED_RECORDS = 50;
const OPEN_RECORDS = 50;
const LATENCY_TARGET_MS = 1000;
const CONNECT_HEAP = "512m";
/** A mirror's REST port on its platform, clear of the ports PostgreSQL and Connect take from `servicesPort`. */
const mirrorRestPort = (state: LocalPlatformState) => state.servicesPort + 10;
/** Kafka Connect's runtime and MirrorMaker 2, in the Kafka version of the local platform. */
const MIRROR_MAKER_POM = path.join(REPO_ROOT, "drill", "pom.xml");

const log = (line: string) => console.log(`drill: ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Flags {
    rate: number;
    seconds: number;
    basePort: number;
    keep: boolean;
    fewTopics: boolean;
    oneBroker: boolean;
}

function readFlags(argv: string[]): Flags | undefined {
    const { values } = parseArgs({ args: argv, options: { rate: { type: "string" }, seconds: { type: "string" }, "base-port": { type: "string" }, keep: { type: "boolean" }, "few-topics": { type: "boolean" }, "one-broker": { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true });
    if (values.help) {
        console.log(HELP);
        return undefined;
    }
    const whole = (name: string, value: string | undefined, fallback: number, min: number) => {
        if (value === undefined) return fallback;
        const n = Number(value);
        if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: "${value}" is not a whole number of at least ${min}`);
        return n;
    };
    return { rate: whole("rate", values.rate, 1000, 10), seconds: whole("seconds", values.seconds, 60, 5), basePort: whole("base-port", values["base-port"], 29000, 1024), keep: values.keep === true, fewTopics: values["few-topics"] === true, oneBroker: values["one-broker"] === true };
}

function readManifest<T>(renderDir: string, kind: string): T[] {
    const file = path.join(renderDir, "manifests", `${kind}.yaml`);
    if (!fs.existsSync(file)) return [];
    return parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => d.toJS() as T);
}

/** How the mirror reaches a local cluster as one of its users, with the stores Strimzi would mount. */
function userAccess(state: LocalPlatformState, userName: string): ClusterAccess {
    const user = state.users.find((u) => u.user === userName);
    if (!user) throw new Error(`the ${state.stack} render has no KafkaUser ${userName}`);
    const listener = listenerFor(user.authentication, state.listeners);
    return user.authentication === "tls"
        ? { bootstrap: listener.bootstrap, caFile: state.clusterCaCert, tls: { keystore: user.keystore!, password: user.keystorePassword! } }
        : { bootstrap: listener.bootstrap, caFile: state.clusterCaCert, scram: { username: user.user, password: user.password! } };
}

/** The operators' identity, a super user, in a PKCS#12 keystore as Strimzi mounts one. */
function operatorAccess(state: LocalPlatformState): ClusterAccess {
    const keystore = path.join(state.stateDir, "operator.p12");
    const password = "drill-operator";
    execFileSync("openssl", ["pkcs12", "-export", "-in", state.admin.cert, "-inkey", state.admin.key, "-out", keystore, "-passout", `pass:${password}`]);
    return { bootstrap: state.admin.bootstrap, caFile: state.admin.ca, tls: { keystore, password } };
}

/** Starts a Connect worker for a mirror on the target platform, as one more of its processes, and creates its connectors. */
async function startMirror(state: LocalPlatformState, name: string, mm2: RenderedMirrorMaker, access: Record<string, ClusterAccess>, classpath: string, restPort: number) {
    const dir = path.join(state.stateDir, name);
    fs.mkdirSync(dir, { recursive: true });
    const configFile = path.join(dir, "worker.properties");
    const logFile = path.join(dir, "connect.log");
    // Finding plugins through their manifests instead of scanning every jar saves minutes of start-up on two cores.
    const properties = { ...workerProperties(mm2, access[mm2.spec.connectCluster], restPort), "plugin.discovery": "service_load" };
    fs.writeFileSync(configFile, propertiesText(properties), { mode: 0o600 });
    const log4j = log4jOption(dir, logFile, "WARN", { "org.apache.kafka.connect.mirror": "INFO", "org.apache.kafka.connect.runtime.WorkerSourceTask": "INFO" });
    const record = startJava(name, { mainClass: "org.apache.kafka.connect.cli.ConnectDistributed", args: [configFile], classpath, heap: CONNECT_HEAP, jvmOptions: [log4j] }, configFile, logFile, [restPort]);
    addProcess(state, record);
    const rest = new ConnectRest(restPort);
    await waitUntilReady(record, () => rest.answers(), 360_000);
    return { record, rest };
}

async function mirrorTaskFailures(rest: ConnectRest, flow: MirrorFlow): Promise<string[]> {
    const failures: string[] = [];
    for (const name of connectorNames(flow)) {
        const status = await rest.status(name);
        if (!status) continue;
        if (status.connector.state === "FAILED") failures.push(`${name}: connector failed`);
        for (const task of status.tasks) if (task.state === "FAILED") failures.push(`${name} task ${task.id}: ${(task.trace ?? "").split("\n")[0]}`);
    }
    return failures;
}

async function waitForState(rest: ConnectRest, name: string, state: string): Promise<void> {
    if (!(await waitFor(async () => (await rest.status(name))?.connector.state === state, 60_000))) throw new Error(`${name} did not reach ${state}`);
}

/** The catalog's transactional id of the producer, as its rendered KafkaUser's ACL names it. */
function transactionalIdOf(renderDir: string, service: string): string {
    type User = { metadata: { name: string }; spec: { authorization: { acls: Array<{ resource: { type: string; name: string } }> } } };
    const user = readManifest<User>(renderDir, "kafkauser").find((u) => u.metadata.name === service);
    const id = user?.spec.authorization.acls.find((a) => a.resource.type === "transactionalId")?.resource.name;
    if (!id) throw new Error(`the render's KafkaUser ${service} owns no transactional id`);
    return id;
}

/**
 * The catalog's service writing as the platform's client library does, with a short transaction timeout so a lost
 * transaction ends soon. The broker answers a transaction begun right after the last one's commit with
 * CONCURRENT_TRANSACTIONS until its markers are written; short retries keep the load near its rate, as the Java
 * producer's 100 ms do.
 */
const PRODUCER_RETRY: RetryOptions = { initialRetryTime: 10, maxRetryTime: 200, retries: 50, factor: 0.2, multiplier: 1.5 };

async function transactionalProducer(state: LocalPlatformState, transactionalId: string): Promise<PlatformProducer<string>> {
    const kafka = userKafka(state, PRODUCER, "drill-fsm-api", PRODUCER_RETRY);
    const producer = new PlatformProducer<string>(kafka, { transactionalId, transactionTimeoutMs: 20_000, source: "drill" });
    await producer.connect();
    return producer;
}

const keyed = (values: string[]) => values.map((value) => ({ key: `key-${Number(value.split(":")[1]) % 997}`, value }));

async function writeCommitted(producer: PlatformProducer<string>, topic: string, values: string[]): Promise<void> {
    await producer.sendTransactional([{ topic, records: keyed(values) }]);
}

/** A transaction that stays open, holding `values`, until the returned function ends it (the producer then aborts it). */
async function openTransaction(producer: PlatformProducer<string>, topic: string, values: string[]): Promise<() => Promise<void>> {
    let end!: (reason: Error) => void;
    const held = new Promise<never>((_, reject) => (end = reject));
    let sent!: () => void;
    const written = new Promise<void>((resolve) => (sent = resolve));
    const transaction = producer.inTransaction(async (send) => {
        await send(topic, keyed(values));
        sent();
        await held;
    }).catch(() => undefined);
    await Promise.race([written, transaction]);
    return async () => {
        end(new Error("the primary was lost with this transaction open"));
        await transaction;
    };
}

export async function main(argv: string[]): Promise<number> {
    const flags = readFlags(argv);
    if (!flags) return 0;
    const stateDir = (stack: string) => path.join(REPO_ROOT, "build", "drill", stack);
    const platforms: LocalPlatformState[] = [];
    try {
        const catalog = loadCatalog({ topics: path.join(REPO_ROOT, "topics") });
        const renders = { prod: await renderStack("prod", (l) => log(`prod: ${l}`)), dr: await renderStack("dr", (l) => log(`dr: ${l}`)) };
        const large = largeRecordTopic(renders.prod, catalog);
        const catalogTopics = new Set(catalog.topics.map((t) => t.name));
        // The platforms' own topics (Connect's, _schemas) always; of the catalog, only what the drill writes.
        const topics = flags.fewTopics ? (name: string) => !catalogTopics.has(name) || name === LOAD_TOPIC || name === large.topic : undefined;
        const brokers = flags.oneBroker ? 1 : LOCAL_BROKERS;
        log(`starting the prod and dr platforms (${brokers === 1 ? "one broker" : "three brokers"} each${flags.fewTopics ? `, of the catalog only ${LOAD_TOPIC} and ${large.topic}` : ""}) on ports ${flags.basePort}-${flags.basePort + 199}`);
        // One after the other: on two cores, two clusters creating a thousand partitions at once time out.
        const primary = await up({ stack: "prod", basePort: flags.basePort, renderDir: renders.prod, stateDir: stateDir("prod"), changeDataCapture: false, topics, brokers, log: (l) => log(`prod: ${l}`) });
        platforms.push(primary);
        const dr = await up({ stack: "dr", basePort: flags.basePort + 100, renderDir: renders.dr, stateDir: stateDir("dr"), changeDataCapture: false, topics, brokers, log: (l) => log(`dr: ${l}`) });
        platforms.push(dr);
        const used = topics ? { ...catalog, topics: catalog.topics.filter((t) => topics(t.name)) } : catalog;
        return await drill(flags, primary, dr, used, large, brokers);
    } finally {
        if (!flags.keep) for (const state of platforms) await down(state.stateDir).catch(() => undefined);
        else log(`left running: npm run local -- down --state build/drill/prod, and the same for dr`);
    }
}

/** The topic of the largest record the catalog allows that the producer writes (its own limit, or the brokers'), and that size. */
function largeRecordTopic(renderDir: string, catalog: Catalog): { topic: string; limit: number } {
    type RenderedTopicCr = { spec: { topicName: string; config?: Record<string, unknown> } };
    type KafkaCr = { spec: { kafka: { config: Record<string, unknown> } } };
    const brokerLimit = Number(readManifest<KafkaCr>(renderDir, "kafka")[0]?.spec.kafka.config["message.max.bytes"] ?? 1048588);
    const producerTopics = new Set(catalog.producers.find((p) => p.service === PRODUCER)?.topics ?? []);
    const [largest] = readManifest<RenderedTopicCr>(renderDir, "kafkatopic")
        .filter((t) => producerTopics.has(t.spec.topicName))
        .map((t) => ({ topic: t.spec.topicName, limit: Number(t.spec.config?.["max.message.bytes"] ?? brokerLimit) }))
        .sort((a, b) => b.limit - a.limit || a.topic.localeCompare(b.topic));
    if (!largest) throw new Error(`the render in ${renderDir} has no topic ${PRODUCER} writes`);
    return largest;
}

async function drill(flags: Flags, primary: LocalPlatformState, dr: LocalPlatformState, catalog: Catalog, large: { topic: string; limit: number }, brokers: number): Promise<number> {
    const classpath = `${await kafkaClasspath(log)}:${await mavenClasspath(MIRROR_MAKER_POM, `mirror-maker-${CONNECT_VERSION}`, `Kafka Connect and MirrorMaker 2 ${CONNECT_VERSION}`, log)}`;
    const [rendered] = readManifest<RenderedMirrorMaker>(dr.renderDir, "kafkamirrormaker2");
    if (!rendered) throw new Error(`the dr render in ${dr.renderDir} holds no KafkaMirrorMaker2`);
    const mm2 = fitMirrorReplicas(rendered, brokers);
    const transactionalId = transactionalIdOf(primary.renderDir, PRODUCER);
    const mirrored = mirroredTopicNames(catalog);
    const { topic: largeTopic, limit: largeLimit } = large;
    // Room for the batch and record headers, so the record is as large as the topic accepts.
    const largeBytes = largeLimit - 1024;

    // 1. MirrorMaker 2 as rendered, one more process of the DR platform.
    const forwardAccess = { [MIRROR.source]: userAccess(primary, MIRROR.user), [MIRROR.target]: userAccess(dr, mm2.spec.clusters.find((c) => c.alias === MIRROR.target)?.authentication?.username ?? MIRROR.user) };
    log(`MirrorMaker 2 "${mm2.metadata.name}" on the DR platform, REST on ${mirrorRestPort(dr)}; reading the primary as ${MIRROR.user} (SCRAM), writing DR as ${MIRROR.user} (TLS)`);
    let forward = await startMirror(dr, "mirror-maker-2", mm2, forwardAccess, classpath, mirrorRestPort(dr));
    for (const connector of connectorConfigs(mm2, forwardAccess)) await forward.rest.putConfig(connector);
    for (const name of connectorNames(MIRROR)) await waitForState(forward.rest, name, "RUNNING");

    const primaryOps = operatorKafka(primary, "drill-observer");
    const drOps = operatorKafka(dr, "drill-observer");
    // A first transaction creates the primary's transaction log; once its record is on DR, the mirror copies the load topic.
    const producer = await transactionalProducer(primary, transactionalId);
    await writeCommitted(producer, LOAD_TOPIC, [recordValue(PHASE.warmUp, 0)]);
    const mirroring = await waitFor(async () => (await endOffsets(drOps, [LOAD_TOPIC]))[LOAD_TOPIC].some((end) => end > 0), 180_000, 2000);
    if (!mirroring) throw new Error(`the mirror copied nothing of ${LOAD_TOPIC} in 180 s: ${(await mirrorTaskFailures(forward.rest, MIRROR)).join("; ") || `see ${forward.record.logFile}`}`);

    // 2. Latency observers: each record's arrival on DR against its produce timestamp, and against its arrival at
    // an observer of the primary, to tell what the mirror adds from the wait for the producer's commit.
    const latencies: number[] = [];
    const readableOnPrimary = new Map<string, { at: number; timestamp: number }>();
    const readableOnDr = new Map<string, number>();
    const primaryObserver = await observe(primaryOps, (value, timestamp) => void readableOnPrimary.set(value, { at: Date.now(), timestamp }));
    const observer = await observe(drOps, (value, timestamp) => {
        latencies.push(Date.now() - timestamp);
        readableOnDr.set(value, Date.now());
    });

    // 3. The group, with its catalog settings, reading the primary as its own user.
    const groupSpec = catalog.groups.find((g) => g.groupId === GROUP);
    if (!groupSpec) throw new Error(`the catalog has no consumer group ${GROUP}`);
    const groupSetting = (key: string, fallback: number) => Number(groupSpec.clientConfig[key] ?? fallback);
    const processedOnPrimary = new Set<string>();
    const primaryGroup = userKafka(primary, GROUP, "drill-group").consumer({ groupId: GROUP, sessionTimeout: groupSetting("session.timeout.ms", 30000), heartbeatInterval: groupSetting("heartbeat.interval.ms", 3000), maxBytesPerPartition: 12 * 1048576 });
    await primaryGroup.connect();
    await primaryGroup.subscribe({ topics: [LOAD_TOPIC], fromBeginning: true });
    await primaryGroup.run({ autoCommit: true, autoCommitInterval: groupSetting("auto.commit.interval.ms", 5000), eachMessage: async ({ message }) => void processedOnPrimary.add(message.value?.toString() ?? "") });

    // 4. The load: keyed records in committed transactions, one aborted transaction half-way, the large record.
    log(`load: ${flags.rate} records/s for ${flags.seconds} s into ${LOAD_TOPIC} as ${PRODUCER} (transactional id ${transactionalId}), 10 transactions a second`);
    const committed: string[] = [];
    const loadStart = Date.now();
    let seq = 0;
    let aborted = false;
    for (let tick = 0; Date.now() - loadStart < flags.seconds * 1000; tick++) {
        const due = Math.floor(((Date.now() - loadStart) / 1000) * flags.rate) - seq;
        if (due > 0) {
            const values = Array.from({ length: due }, () => recordValue(PHASE.committed, seq++));
            await writeCommitted(producer, LOAD_TOPIC, values);
            committed.push(...values);
        }
        if (!aborted && Date.now() - loadStart > (flags.seconds * 1000) / 2) {
            const abortedOnPurpose = new Error("aborted on purpose");
            await producer.inTransaction(async (send) => {
                await send(LOAD_TOPIC, keyed(Array.from({ length: ABORTED_RECORDS }, (_, i) => recordValue(PHASE.aborted, i))));
                throw abortedOnPurpose;
            }).catch((error) => {
                if (error !== abortedOnPurpose) throw error;
            });
            aborted = true;
        }
        await sleep(100);
    }
    const loadSeconds = (Date.now() - loadStart) / 1000;
    log(`load: ${committed.length} records committed in ${loadSeconds.toFixed(1)} s (${Math.round(committed.length / loadSeconds)}/s)`);
    // Random text: the client compresses with LZ4, and a compressible record would reach the brokers far smaller.
    const largeValue = `${recordValue(PHASE.large, 0)}|${randomBytes(largeBytes).toString("base64")}`.slice(0, largeBytes);
    await producer.sendTransactional([{ topic: largeTopic, records: [{ key: "large", value: largeValue }] }]);
    log(`large record: ${largeBytes} bytes into ${largeTopic} (it accepts ${largeLimit})`);

    // 5. A transaction still open when the primary is lost.
    const endOpenTransaction = await openTransaction(producer, LOAD_TOPIC, Array.from({ length: OPEN_RECORDS }, (_, i) => recordValue(PHASE.open, i)));

    // 6. Let the mirror drain and the group finish and commit: the group idle and committed, as the runbook's bound assumes.
    const drained = await waitFor(async () => latencies.length >= committed.length, 120_000);
    await waitFor(() => committed.every((v) => processedOnPrimary.has(v)), 60_000);
    await sleep(groupSetting("auto.commit.interval.ms", 5000) + 1000);
    await primaryGroup.stop();
    await primaryGroup.disconnect();
    await observer.disconnect();
    await primaryObserver.disconnect();
    const failedTasks = await mirrorTaskFailures(forward.rest, MIRROR);
    log(`mirror ${drained ? "drained" : "did not drain in 120 s"}; waiting for the group's offsets to be checkpointed into DR`);

    const drAdmin = drOps.admin();
    await drAdmin.connect();
    const partitions = (await endOffsets(primaryOps, [LOAD_TOPIC]))[LOAD_TOPIC].length;
    let previous = "";
    let translated: Array<{ partition: number; offset: string }> = [];
    await waitFor(async () => {
        translated = (await drAdmin.fetchOffsets({ groupId: GROUP, topics: [LOAD_TOPIC] }))[0]?.partitions ?? [];
        const now = JSON.stringify(translated);
        const settled = now === previous && translated.every((p) => Number(p.offset) >= 0);
        previous = now;
        return settled;
    }, 180_000, 15_000);

    // 7. Failover, as the runbook says: stop the mirror's source connector, then the mirror; mark DR's end offsets.
    log("failover: stopping the mirror (source connector stopped, then the process), marking DR's end offsets");
    const failoverStart = Date.now();
    await forward.rest.stop(sourceConnectorName(MIRROR));
    await waitForState(forward.rest, sourceConnectorName(MIRROR), "STOPPED");
    await stopProcess(forward.record);
    const drMark = await endOffsets(drOps, mirrored);
    const verify = await verifyCluster(drAdmin, { ...catalog, topics: catalog.topics.map((t) => ({ ...t, replicationFactor: Math.min(t.replicationFactor, brokers), config: fitReplicaCounts(t.config, brokers) })) });
    await drAdmin.disconnect();

    // 8. The group resumes on DR from its translated offsets; everything it reads it had processed on the primary.
    const readOnDr: SeenRecord[] = [];
    const drGroup = userKafka(dr, GROUP, "drill-group").consumer({ groupId: GROUP, sessionTimeout: groupSetting("session.timeout.ms", 30000), heartbeatInterval: groupSetting("heartbeat.interval.ms", 3000), maxBytesPerPartition: 12 * 1048576 });
    await drGroup.connect();
    await drGroup.subscribe({ topics: [LOAD_TOPIC], fromBeginning: true });
    let lastRead = Date.now();
    await drGroup.run({ autoCommit: true, eachMessage: async ({ partition, message }) => {
        readOnDr.push({ partition, value: message.value?.toString() ?? "" });
        lastRead = Date.now();
    } });
    await waitFor(async () => drGroup.describeGroup().then((g) => g.state === "Stable"), 60_000);
    const stableAt = Date.now();
    await waitFor(() => Date.now() - Math.max(lastRead, stableAt) > 5000, 120_000, 500);
    // Caught up: the group's last re-read record, or, when it had nothing to re-read, its joining.
    const rtoSeconds = (Math.max(lastRead, stableAt) - failoverStart) / 1000;
    const duplicates = redelivered(processedOnPrimary, readOnDr);
    log(`failover: the group re-read ${duplicates.total} records (worst partition ${duplicates.worstPartition})`);

    // 9. The producers write to DR now.
    const drProducer = await transactionalProducer(dr, transactionalId);
    const afterFailover = Array.from({ length: Math.max(100, Math.round(flags.rate * 5)) }, (_, i) => recordValue(PHASE.afterFailover, i));
    for (let i = 0; i < afterFailover.length; i += 100) await writeCommitted(drProducer, LOAD_TOPIC, afterFailover.slice(i, i + 100));
    await drProducer.disconnect();
    await waitFor(() => afterFailover.every((v) => readOnDr.some((r) => r.value === v)), 60_000);
    await drGroup.stop();
    await drGroup.disconnect();

    // 10. Failback: the primary is back; its open transaction ends as its coordinator aborts it.
    log("failback: the primary's open transaction is aborted; the failback mirror copies what DR wrote since the failover mark");
    // The returning primary's coordinator aborts it once its timeout passed; aborting it here only ends it sooner.
    await endOpenTransaction();
    await producer.disconnect();
    const failbackSource = await failbackSourceUser(dr, catalog.groups.map((g) => g.groupId), mirrored, classpath);
    const failbackResource = (stage: "seeding" | "copying") => fitMirrorReplicas(failbackMirrorResource({
        namespace: "kafka", kafkaVersion: "3.6.2",
        target: { cluster: primary.clusterName, bootstrapTls: primary.admin.bootstrap, clusterCaSecret: "", userName: "" },
        source: { bootstrap: "", caSecret: "", passwordSecret: "" },
        topicsPattern: mm2.spec.mirrors[0].topicsPattern ?? "", groupsPattern: mm2.spec.mirrors[0].groupsPattern ?? "",
        largestRecordBytes: Number(mm2.spec.clusters.find((c) => c.alias === MIRROR.target)?.config?.["producer.max.request.size"]),
    }, stage) as unknown as RenderedMirrorMaker, brokers);
    const backAccess = { [FAILBACK.source]: failbackSource, [FAILBACK.target]: operatorAccess(primary) };
    const seeding = failbackResource("seeding");
    const back = await startMirror(primary, "failback-mirror", seeding, backAccess, classpath, mirrorRestPort(primary));
    for (const connector of connectorConfigs(seeding, backAccess)) await back.rest.putConfig(connector);
    await back.rest.stop(sourceConnectorName(FAILBACK));
    await waitForState(back.rest, sourceConnectorName(FAILBACK), "STOPPED");
    await back.rest.patchOffsets(sourceConnectorName(FAILBACK), startOffsetsBody(FAILBACK, drMark));
    const copying = connectorConfigs(failbackResource("copying"), backAccess).find((c) => c.name === sourceConnectorName(FAILBACK))!;
    await back.rest.putConfig(copying);
    await back.rest.resume(sourceConnectorName(FAILBACK));
    const primaryBefore = (await endOffsets(primaryOps, [LOAD_TOPIC]))[LOAD_TOPIC].reduce((a, b) => a + b, 0);
    await waitFor(async () => (await endOffsets(primaryOps, [LOAD_TOPIC]))[LOAD_TOPIC].reduce((a, b) => a + b, 0) - primaryBefore >= afterFailover.length, 120_000, 2000);
    await sleep(10_000);
    const backFailures = await mirrorTaskFailures(back.rest, FAILBACK);
    await back.rest.stop(sourceConnectorName(FAILBACK));
    await stopProcess(back.record);

    // 11. The DR mirror resumes from the primary's end offsets at the switch back, so nothing DR wrote returns to it.
    log("failback: the DR mirror resumes from the primary's end offsets; clients write to the primary again");
    const primaryMark = await endOffsets(primaryOps, mirrored);
    forward = await startMirror(dr, "mirror-maker-2", mm2, forwardAccess, classpath, mirrorRestPort(dr));
    await waitForState(forward.rest, sourceConnectorName(MIRROR), "STOPPED");
    await forward.rest.patchOffsets(sourceConnectorName(MIRROR), startOffsetsBody(MIRROR, primaryMark));
    await forward.rest.resume(sourceConnectorName(MIRROR));
    await waitForState(forward.rest, sourceConnectorName(MIRROR), "RUNNING");
    const backProducer = await transactionalProducer(primary, transactionalId);
    const afterFailback = Array.from({ length: 500 }, (_, i) => recordValue(PHASE.afterFailback, i));
    for (let i = 0; i < afterFailback.length; i += 100) await writeCommitted(backProducer, LOAD_TOPIC, afterFailback.slice(i, i + 100));
    await backProducer.disconnect();
    const drBefore = (await endOffsets(drOps, [LOAD_TOPIC]))[LOAD_TOPIC].reduce((a, b) => a + b, 0);
    await waitFor(async () => (await endOffsets(drOps, [LOAD_TOPIC]))[LOAD_TOPIC].reduce((a, b) => a + b, 0) - drBefore >= afterFailback.length, 120_000, 2000);
    await sleep(15_000);
    failedTasks.push(...backFailures, ...(await mirrorTaskFailures(forward.rest, MIRROR)));
    await stopProcess(forward.record);

    // 12. What each cluster holds in the end.
    log("reading both clusters' copies of the load topic");
    // Both clusters should hold the warm-up record and every committed, failed-over and failed-back one.
    const expected = 1 + committed.length + afterFailover.length + afterFailback.length;
    const [onPrimary, onDr, largeOnDr] = await Promise.all([
        readAll(primaryOps, LOAD_TOPIC, `drill-read-${Date.now()}`, expected),
        readAll(drOps, LOAD_TOPIC, `drill-read-${Date.now()}`, expected),
        readAll(drOps, largeTopic, `drill-read-large-${Date.now()}`),
    ]);
    const drValues = onDr.filter((r) => r.value.startsWith(`${PHASE.committed}:`));
    const lostValues = missing(committed, onDr);
    const stalled = [...new Set(lostValues.map((v) => onPrimary.find((r) => r.value === v)?.partition))].filter((p) => p !== undefined).map((p) => `${LOAD_TOPIC}-${p}`);
    const findings: DrillFindings = {
        produced: committed.length,
        mirrored: new Set(drValues.map((r) => r.value)).size,
        lost: lostValues.length,
        latencyP50Ms: percentile(latencies, 50),
        latencyP99Ms: percentile(latencies, 99),
        ...latencySplit(readableOnPrimary, readableOnDr),
        offsetsTranslated: { partitions: translated.filter((p) => Number(p.offset) >= 0).length, of: partitions },
        failoverDuplicates: duplicates,
        visibleAbortedOrOpen: onDr.filter((r) => r.value.startsWith(`${PHASE.aborted}:`) || r.value.startsWith(`${PHASE.open}:`)).length,
        largeRecord: { bytes: largeBytes, topic: largeTopic, mirrored: largeOnDr.some((r) => r.value === recordValue(PHASE.large, 0)) },
        failedTasks,
        stalledPartitions: stalled,
        verifyDifferences: verify.drift.length,
        failback: {
            expected: afterFailover.length,
            arrived: afterFailover.length - missing(afterFailover, onPrimary).length,
            // A copy the failback mirror or the resumed DR mirror added: more copies of a record on one side than the other holds.
            duplicated: copiedTwice(onDr, onPrimary, [PHASE.committed, PHASE.afterFailover, PHASE.afterFailback]),
            resumedExpected: afterFailback.length,
            resumedArrived: afterFailback.length - missing(afterFailback, onDr).length,
            resumedDuplicated: copiedTwice(onPrimary, onDr, [PHASE.committed, PHASE.afterFailover, PHASE.afterFailback]),
        },
        writtenTwice: extraCopies(onPrimary, [PHASE.committed, PHASE.afterFailback]) + extraCopies(onDr, [PHASE.afterFailover]),
        rtoSeconds,
    };
    // Which copies were extra, per cluster and phase, so a failed failback says where to look.
    for (const [cluster, records] of [["primary", onPrimary], ["dr", onDr]] as const) {
        const extra = Object.values(PHASE).map((phase) => `${phase}:${extraCopies(records, [phase])}`).join(" ");
        log(`${cluster}: ${records.length} records read (${rereads(records)} of them a second read of the same offset), extra copies by phase ${extra}`);
    }
    if (verify.drift.length > 0) log(`verify on DR: ${verify.drift.map((d) => `${d.topic} ${d.kind} ${d.setting ?? ""}`).join("; ")}`);
    for (const failure of failedTasks) log(`failed: ${failure}`);
    const rows = drillRows(findings, MAX_TRANSLATION_LAG, LATENCY_TARGET_MS);
    console.log(`\nDR drill: ${flags.rate} records/s for ${flags.seconds} s, ${partitions} partitions of ${LOAD_TOPIC}, ${brokers === 1 ? "one broker" : "three brokers"} per cluster\n`);
    if (brokers === 1) console.log(`reduced: one broker per cluster (--one-broker); every replication factor and min.insync.replicas at 1, so nothing is replicated within a cluster\n`);
    if (flags.fewTopics) console.log(`reduced: of the catalog, only ${LOAD_TOPIC} and ${largeTopic} exist on the clusters (--few-topics); the mirror's pattern, users and ACLs are the rendered ones\n`);
    console.log(renderDrillTable(rows));
    console.log(`\nreduced: the failback mirror writes to the primary as the operators' identity (the primary has no super-user KafkaUser for it); its source user is created by the drill from mirrorMakerSourceUser`);
    return drillExitCode(rows);
}

/** A reader of the load topic's new records, from a group of its own, once its group is stable. */
async function observe(kafka: Kafka, seen: (value: string, timestamp: number) => void): Promise<Consumer> {
    const consumer = kafka.consumer({ groupId: `drill-latency-${Date.now()}`, maxBytesPerPartition: 12 * 1048576 });
    await consumer.connect();
    await consumer.subscribe({ topics: [LOAD_TOPIC], fromBeginning: false });
    await consumer.run({ autoCommit: false, eachMessage: async ({ message }) => seen(message.value?.toString() ?? "", Number(message.timestamp)) });
    await waitFor(async () => consumer.describeGroup().then((g) => g.state === "Stable"), 30_000);
    return consumer;
}

/** How long records took to become readable on the primary, and from there to DR, over the records both observers saw. */
function latencySplit(onPrimary: Map<string, { at: number; timestamp: number }>, onDr: Map<string, number>): Pick<DrillFindings, "commitWaitMs" | "mirrorLatencyMs"> {
    const commitWaits = [...onPrimary.values()].map((p) => p.at - p.timestamp);
    const mirror = [...onDr].filter(([value]) => onPrimary.has(value)).map(([value, at]) => at - onPrimary.get(value)!.at);
    return {
        commitWaitMs: { p50: percentile(commitWaits, 50), p99: percentile(commitWaits, 99) },
        mirrorLatencyMs: { p50: percentile(mirror, 50), p99: percentile(mirror, 99), of: mirror.length },
    };
}

/** The SCRAM user the failback mirror reads DR as, with the ACLs the primary gives the DR mirror's, for the other direction. */
async function failbackSourceUser(dr: LocalPlatformState, groups: string[], topics: string[], classpath: string): Promise<ClusterAccess> {
    const password = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    const zookeeper = dr.zookeeper.split(":").pop()!;
    const result = runJava(classpath, "kafka.admin.ConfigCommand", ["--zookeeper", `127.0.0.1:${zookeeper}`, "--alter", "--entity-type", "users", "--entity-name", FAILBACK.user, "--add-config", `SCRAM-SHA-512=[iterations=4096,password=${password}]`], { heap: "192m", timeoutMs: 120_000 });
    if (result.status !== 0) throw new Error(`could not create the failback mirror's user on DR: ${result.output.split("\n")[0]}`);
    const spec = mirrorMakerSourceUser(FAILBACK.user, topics, groups, offsetSyncsTopic(FAILBACK));
    const resource = kafkaUserResource(spec, dr.clusterName, "kafka");
    const user: RenderedUser = { name: FAILBACK.user, authentication: "scram-sha-512", acls: resource.spec.authorization.acls.map((a) => ({ ...a, type: "allow" })) } as RenderedUser;
    const admin = operatorAdmin({ bootstrap: dr.admin.bootstrap, ca: fs.readFileSync(dr.admin.ca, "utf8"), cert: fs.readFileSync(dr.admin.cert, "utf8"), key: fs.readFileSync(dr.admin.key, "utf8"), clientId: "drill-user-operator" });
    await admin.connect();
    try {
        await createAcls(admin, [user]);
    } finally {
        await admin.disconnect();
    }
    await sleep(2000);
    return { bootstrap: listenerFor("scram-sha-512", dr.listeners).bootstrap, caFile: dr.clusterCaCert, scram: { username: FAILBACK.user, password } };
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error) => {
            console.error(`drill: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(2);
        },
    );
}
