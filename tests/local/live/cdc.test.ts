// Change data capture on the local platform: every change of each captured table in exactly its catalog topic, nothing elsewhere, nothing lost in a crash.
import * as assert from "assert";
import { execFile } from "child_process";
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { Consumer } from "kafkajs";
import { waitForConnectorRunning } from "../../../local/cdc";
import { connectorStatus, connectRest, readRenderedConnect } from "../../../local/connect";
import { LocalPlatformState, writeState } from "../../../local/platform";
import { psql } from "../../../local/postgres";
import { isRunning, sleep, startJava } from "../../../local/processes";
import { connectorOutputTopics, HEARTBEAT_TOPIC } from "../../../specs/kafka-connect";
import { kafkaAsOperator, platform, rendered } from "./platform-fixture";
import { scratchDir } from "../../scratch";

const execFileAsync = promisify(execFile);
const REPO = path.join(__dirname, "..", "..", "..");
/** Kafka Connect's default when the worker config sets none, as the rendered one does not. */
const DEFAULT_OFFSET_FLUSH_MS = 60_000;

interface Change {
    topic: string;
    key: { id: string } | null;
    value: { op: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null;
    receivedAt: number;
}

/** Reads the connector's topics from the start, as Strimzi's topic operator (allowed everything). */
class ChangeLog {
    readonly changes: Change[] = [];
    notJson = 0;
    private consumer?: Consumer;

    async start(topics: string[]): Promise<void> {
        this.consumer = kafkaAsOperator().consumer({ groupId: `local-test-cdc-${randomUUID()}`, maxWaitTimeInMs: 100 });
        await this.consumer.connect();
        await this.consumer.subscribe({ topics, fromBeginning: true });
        await this.consumer.run({
            // A record that is not the connector's JSON (the access tests' read markers) is counted and passed over:
            // a throw here would make kafkajs retry that record for ever and deliver nothing after it.
            eachMessage: async ({ topic, message }) => {
                const key = parseJson(message.key);
                const value = parseJson(message.value);
                if (key === undefined || value === undefined) this.notJson++;
                else this.changes.push({ topic, key: key as Change["key"], value: value as Change["value"], receivedAt: Date.now() });
            },
        });
    }

    async stop(): Promise<void> {
        await this.consumer?.disconnect();
    }

    of(id: string): Change[] {
        return this.changes.filter((c) => c.key?.id === id);
    }

    async waitFor(what: string, done: () => boolean, timeoutMs = 90_000): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        while (!done()) {
            if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what} (${this.changes.length} changes read, ${this.notJson} records passed over as not JSON)`);
            await sleep(200);
        }
    }
}

/** null for an absent key or a tombstone, undefined for bytes that are not JSON. */
function parseJson(bytes: Buffer | null): unknown {
    if (!bytes) return null;
    try {
        return JSON.parse(bytes.toString());
    } catch {
        return undefined;
    }
}

function sql(text: string, as: "owner" | "superuser" = "owner"): string {
    const db = platform().database!;
    return psql(db, db.superuser, db.database, as === "owner" ? `SET ROLE fsm_app;\n${text}` : text);
}

async function endOffsets(topics: string[]): Promise<Map<string, string>> {
    const admin = kafkaAsOperator().admin();
    await admin.connect();
    try {
        const offsets = new Map<string, string>();
        for (const topic of topics) {
            const partitions = await admin.fetchTopicOffsets(topic);
            offsets.set(topic, partitions.map((p) => p.high).join(","));
        }
        return offsets;
    } finally {
        await admin.disconnect();
    }
}

async function listTopics(): Promise<string[]> {
    const admin = kafkaAsOperator().admin();
    await admin.connect();
    try {
        return (await admin.listTopics()).sort();
    } finally {
        await admin.disconnect();
    }
}

async function cdcDatabase(args: string[]): Promise<{ code: number; output: string }> {
    const state = platform();
    const db = state.database!;
    const passwordFile = path.join(state.stateDir, "connect", "debezium.password");
    fs.writeFileSync(passwordFile, db.connectorUser.password, { mode: 0o600 });
    try {
        const { stdout, stderr } = await execFileAsync("node", ["-r", "ts-node/register/transpile-only", "tools/cdc-database.ts", ...args, "--render", state.renderDir, "--host", db.host, "--port", String(db.port), "--password-file", passwordFile], { cwd: REPO });
        return { code: 0, output: stdout + stderr };
    } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, output: e.stdout + e.stderr };
    }
}

describe("change data capture on the local platform (PostgreSQL, Kafka Connect, Debezium)", function () {
    let state: LocalPlatformState;
    let routes: Array<{ table: string; topic: string }>;
    const log = new ChangeLog();
    let topicsBefore: string[];
    let offsetsBefore: Map<string, string>;

    before(async function () {
        state = platform();
        if (!state.connect || !state.database) throw new Error(`the local platform in ${state.stateDir} runs no change data capture (no PostgreSQL or Connect): its render has no KafkaConnect, or it was brought up without one`);
        routes = connectorOutputTopics(state.connect.config);
        topicsBefore = await listTopics();
        offsetsBefore = await endOffsets(topicsBefore);
        await log.start(routes.map((r) => r.topic));
    });

    after(async () => {
        await log.stop();
    });

    const topicOf = (table: string) => routes.find((r) => r.table === table)!.topic;

    it("runs the rendered connector with only the database address changed", async () => {
        const { connector } = readRenderedConnect(state.renderDir)!;
        const { json } = await connectRest(state.connect!.restPort, "GET", `/connectors/${state.connect!.connector}/config`);
        const differing = Object.keys({ ...connector.spec.config, ...json }).filter((key) => json[key] !== (connector.spec.config[key] === undefined ? undefined : String(connector.spec.config[key])));
        assert.deepStrictEqual(differing.sort(), ["connector.class", "database.hostname", "database.port", "name", "tasks.max"]);
        assert.deepStrictEqual([json["connector.class"], json["tasks.max"], json.name], [connector.spec.class, String(connector.spec.tasksMax), connector.metadata.name]);
        assert.deepStrictEqual([json["database.hostname"], json["database.port"]], [state.database!.host, String(state.database!.port)]);
        assert.match(json["database.password"], /^\$\{secrets:[^}]+\}$/, "the password reached the connector as the rendered reference");
    });

    it("runs its worker as a member of the rendered group, authenticated as the rendered KafkaUser", async () => {
        const groupId = state.connect!.worker["group.id"];
        const admin = kafkaAsOperator().admin();
        await admin.connect();
        try {
            const { groups: [group] } = await admin.describeGroups([groupId]);
            assert.deepStrictEqual([group.state, group.protocolType, group.members.length], ["Stable", "connect", 1], JSON.stringify(group));
        } finally {
            await admin.disconnect();
        }
        const { connect } = readRenderedConnect(state.renderDir)!;
        assert.match(fs.readFileSync(path.join(state.stateDir, "connect", "worker.properties"), "utf8"), new RegExp(`ssl\\.keystore\\.location=.*/${connect.spec.authentication.certificateAndKey.secretName}/user\\.p12`));
    });

    it("sends each captured table's snapshot rows to exactly its catalog topic, keyed by the row's id", async () => {
        const seeds: Record<string, string> = {
            "app.organizations": "00000000-0000-4000-8000-000000000001",
            "app.projects": "00000000-0000-4000-8000-000000000002",
            "app.tasks": "00000000-0000-4000-8000-000000000003",
        };
        assert.deepStrictEqual(routes.map((r) => r.table).sort(), Object.keys(seeds).sort());
        await log.waitFor("the snapshot of every captured table", () => Object.values(seeds).every((id) => log.of(id).some((c) => c.value?.op === "r")));
        for (const [table, id] of Object.entries(seeds)) {
            const records = log.of(id);
            assert.deepStrictEqual([...new Set(records.map((c) => c.topic))], [topicOf(table)], `${table} row ${id}`);
            assert.deepStrictEqual(records[0].key, { id });
            assert.strictEqual(records[0].value?.after?.id, id);
        }
        assert.strictEqual(log.of(seeds["app.tasks"])[0].value?.after?.estimated_hours, "12.50", "a numeric column arrives as its exact decimal string");
    });

    it("sends every insert, update and delete of each captured table to exactly its catalog topic, with the row's id as key", async () => {
        const org = randomUUID();
        const project = randomUUID();
        const task = randomUUID();
        sql(`INSERT INTO app.organizations (id, name) VALUES ('${org}', 'Acme');
             INSERT INTO app.projects (id, organization_id, name) VALUES ('${project}', '${org}', 'Launch');
             INSERT INTO app.tasks (id, project_id, organization_id, title, estimated_hours) VALUES ('${task}', '${project}', '${org}', 'Ship it', 3.25);`);
        sql(`UPDATE app.organizations SET plan = 'enterprise' WHERE id = '${org}';
             UPDATE app.projects SET archived = true WHERE id = '${project}';
             UPDATE app.tasks SET status = 'done' WHERE id = '${task}';`);
        sql(`DELETE FROM app.tasks WHERE id = '${task}'; DELETE FROM app.projects WHERE id = '${project}'; DELETE FROM app.organizations WHERE id = '${org}';`);

        const rows = { "app.organizations": org, "app.projects": project, "app.tasks": task };
        // A delete is followed by a tombstone (null value) so compaction can drop the key.
        const complete = (id: string) => ["c", "u", "d"].every((op) => log.of(id).some((c) => c.value?.op === op)) && log.of(id).some((c) => c.value === null);
        await log.waitFor("insert, update, delete and tombstone of each row", () => Object.values(rows).every(complete));
        for (const [table, id] of Object.entries(rows)) {
            const records = log.of(id);
            assert.deepStrictEqual([...new Set(records.map((c) => c.topic))], [topicOf(table)], `${table} row ${id} went elsewhere`);
            assert.deepStrictEqual(records.map((c) => c.value?.op ?? "tombstone"), ["c", "u", "d", "tombstone"], table);
            for (const record of records) assert.deepStrictEqual(record.key, { id }, table);
        }
        assert.strictEqual(log.of(task)[1].value?.after?.status, "done");
        assert.strictEqual(log.of(org)[2].value?.before?.id, org);
    });

    it("sends nothing for a table it does not capture", async () => {
        const marker = randomUUID();
        sql(`INSERT INTO app.task_comments (task_id, body) VALUES ('00000000-0000-4000-8000-000000000003', '${marker}')`);
        const probe = randomUUID();
        sql(`INSERT INTO app.organizations (id, name) VALUES ('${probe}', 'after the comment')`);
        await log.waitFor("a change committed after the comment", () => log.of(probe).length > 0);
        assert.deepStrictEqual(log.changes.filter((c) => JSON.stringify(c.value ?? "").includes(marker)), []);
    });

    it("writes to no topic but its catalog topics, its heartbeats and Connect's own, and creates none", async () => {
        // Heartbeats come once per interval, which the changes above may all fit inside.
        const heartbeatsBefore = offsetsBefore.get(HEARTBEAT_TOPIC);
        const heartbeatDeadline = Date.now() + Number(state.connect!.config["heartbeat.interval.ms"]) + 30_000;
        while ((await endOffsets([HEARTBEAT_TOPIC])).get(HEARTBEAT_TOPIC) === heartbeatsBefore && Date.now() < heartbeatDeadline) await sleep(1000);
        const topicsAfter = await listTopics();
        assert.deepStrictEqual(topicsAfter, topicsBefore, "the connector created a topic");
        // Kafka makes its own "__" topics on first use (offsets, transactions); every other topic must be the render's.
        const declared = new Set(rendered().topics.map((t) => t.name));
        assert.deepStrictEqual(topicsAfter.filter((t) => !declared.has(t) && !t.startsWith("__")), [], "a topic the render does not declare");
        const offsetsAfter = await endOffsets(topicsAfter);
        const written = topicsAfter.filter((t) => offsetsAfter.get(t) !== offsetsBefore.get(t));
        const allowed = new Set([...routes.map((r) => r.topic), HEARTBEAT_TOPIC, "__consumer_offsets", state.connect!.worker["offset.storage.topic"], state.connect!.worker["status.storage.topic"], state.connect!.worker["config.storage.topic"]]);
        assert.deepStrictEqual(written.filter((t) => !allowed.has(t)), []);
        assert.ok(written.includes(HEARTBEAT_TOPIC), "no heartbeat was written");
    });

    /** Writes only a table the connector does not capture, then waits for the slot to confirm past it. */
    async function slotKeepsUpWhileCapturedTablesAreQuiet(): Promise<void> {
        sql(`INSERT INTO app.task_comments (task_id, body) SELECT '00000000-0000-4000-8000-000000000003', repeat('x', 500) FROM generate_series(1, 5000)`);
        const written = sql("SELECT pg_current_wal_lsn()", "superuser");
        const flushMs = Number(state.connect!.worker["offset.flush.interval.ms"] ?? DEFAULT_OFFSET_FLUSH_MS);
        const waitMs = flushMs + Number(state.connect!.config["heartbeat.interval.ms"]) + 60_000;
        const deadline = Date.now() + waitMs;
        for (;;) {
            const behind = Number(sql(`SELECT pg_wal_lsn_diff('${written}', confirmed_flush_lsn) FROM pg_replication_slots WHERE slot_name = '${state.connect!.config["slot.name"]}'`, "superuser"));
            if (behind <= 0) break;
            if (Date.now() > deadline) assert.fail(`the slot still confirms ${behind} bytes short of ${written} after ${waitMs / 1000}s: quiet tables pin the WAL`);
            await sleep(2000);
        }
    }

    it("keeps the slot's confirmed position up with the WAL while only tables it does not capture change", async function () {
        this.timeout(240_000);
        await slotKeepsUpWhileCapturedTablesAreQuiet();
    });

    it("loses nothing in a crash of the worker and repeats only what changed within one offset commit interval of it", async function () {
        this.timeout(420_000);
        const flushMs = Number(state.connect!.worker["offset.flush.interval.ms"] ?? DEFAULT_OFFSET_FLUSH_MS);
        const before: string[] = [];
        for (let i = 0; i < 10; i++) {
            const id = randomUUID();
            sql(`INSERT INTO app.organizations (id, name) VALUES ('${id}', 'before the crash ${i}')`);
            before.push(id);
            await sleep(1000);
        }
        await log.waitFor("the rows written before the crash", () => before.every((id) => log.of(id).length > 0));
        const worker = state.processes.find((p) => p.name === "connect")!;
        const crashedAt = Date.now();
        process.kill(worker.pid, "SIGKILL");
        while (isRunning(worker)) await sleep(100);

        const during: string[] = [];
        for (let i = 0; i < 5; i++) {
            const id = randomUUID();
            sql(`INSERT INTO app.organizations (id, name) VALUES ('${id}', 'while Connect is down ${i}')`);
            during.push(id);
        }
        const restarted = startJava(worker.name, worker.launch, worker.configFile, worker.logFile, worker.ports);
        state.processes = state.processes.map((p) => (p.name === worker.name ? restarted : p));
        writeState(state);
        await waitForConnectorRunning(state.connect!.restPort, state.connect!.connector, restarted, 240_000);
        await log.waitFor("the rows written while Connect was down", () => during.every((id) => log.of(id).length > 0), 120_000);
        // Repeats surface shortly after the restart; give them the time a snapshot of them would take to arrive.
        await sleep(5000);

        for (const id of during) assert.strictEqual(log.of(id).filter((c) => c.value?.op === "c").length, 1, `row ${id} written while Connect was down`);
        const repeated = before.filter((id) => log.of(id).filter((c) => c.value?.op === "c").length > 1);
        for (const id of before) assert.ok(log.of(id).filter((c) => c.value?.op === "c").length <= 2, `row ${id} arrived more than twice`);
        for (const id of repeated) {
            const firstSeen = log.of(id)[0].receivedAt;
            assert.ok(crashedAt - firstSeen <= flushMs + 5_000, `row ${id} was repeated though it arrived ${(crashedAt - firstSeen) / 1000}s before the crash, longer than the ${flushMs / 1000}s commit interval`);
        }
        const status = await connectorStatus(state.connect!.restPort, state.connect!.connector);
        assert.deepStrictEqual([status?.connector, ...(status?.tasks ?? []).map((t) => t.state)], ["RUNNING", "RUNNING"]);
    });

    it("passes the database administrator's preflight, and names each missing prerequisite when one is taken away", async () => {
        const ready = await cdcDatabase(["check"]);
        assert.strictEqual(ready.code, 0, ready.output);
        assert.match(ready.output, /ready for the CDC connector/);
        const user = state.connect!.config["database.user"];
        sql(`ALTER ROLE "${user}" NOREPLICATION; REVOKE fsm_app FROM "${user}";`, "superuser");
        try {
            const missing = await cdcDatabase(["check"]);
            assert.strictEqual(missing.code, 1, missing.output);
            assert.match(missing.output, new RegExp(`ALTER ROLE "${user}" WITH REPLICATION;`));
            for (const table of ["app.tasks", "app.projects", "app.organizations"]) assert.match(missing.output, new RegExp(`table ${table.replace(".", "\\.")} is owned by "fsm_app".*GRANT "fsm_app" TO "${user}"`));
        } finally {
            sql(`ALTER ROLE "${user}" REPLICATION; GRANT fsm_app TO "${user}";`, "superuser");
        }
    });

    it("leaves its replication slot behind when deleted, which the cleanup removes with its publication", async function () {
        this.timeout(120_000);
        const name = state.connect!.connector;
        const slot = state.connect!.config["slot.name"];
        const refused = await cdcDatabase(["cleanup"]);
        assert.strictEqual(refused.code, 1, "cleanup ran while the connector reads the slot");
        const deleted = await connectRest(state.connect!.restPort, "DELETE", `/connectors/${encodeURIComponent(name)}`);
        assert.ok(deleted.status < 300, `DELETE /connectors/${name}: HTTP ${deleted.status}`);
        await log.waitFor("the slot to lose its reader", () => sql(`SELECT active FROM pg_replication_slots WHERE slot_name = '${slot}'`, "superuser") === "f", 60_000);
        const note = await cdcDatabase(["check"]);
        assert.match(note.output, new RegExp(`replication slot "${slot}" has no reader and holds .* MiB of WAL`));
        const cleanup = await cdcDatabase(["cleanup"]);
        assert.strictEqual(cleanup.code, 0, cleanup.output);
        assert.strictEqual(sql(`SELECT count(*) FROM pg_replication_slots WHERE slot_name = '${slot}'`, "superuser"), "0");
        assert.strictEqual(sql(`SELECT count(*) FROM pg_publication WHERE pubname = '${state.connect!.config["publication.name"]}'`, "superuser"), "0");

        // Back as up left it, for whatever runs on this platform next.
        const restored = await connectRest(state.connect!.restPort, "PUT", `/connectors/${encodeURIComponent(name)}/config`, state.connect!.config);
        assert.ok(restored.status < 300, `PUT /connectors/${name}/config: HTTP ${restored.status}`);
        await waitForConnectorRunning(state.connect!.restPort, name);
    });

    it("keeps the slot's confirmed position up when created again over its old offsets while the captured tables stay quiet", async function () {
        // The connector just created again resumes from offsets older than its new slot: it must not wait for a
        // captured change before it confirms anything, as the same search after any restart could.
        this.timeout(240_000);
        await slotKeepsUpWhileCapturedTablesAreQuiet();
    });
});

describe("a captured table without a catalog topic (the render CLI)", () => {
    it("fails the render, before anything is deployed or written, naming the table and the topic", async function () {
        this.timeout(120_000);
        const work = scratchDir("cdc-missing-topic-");
        try {
            const catalog = path.join(work, "topics");
            fs.cpSync(path.join(REPO, "topics"), catalog, { recursive: true });
            const cdc = fs.readFileSync(path.join(catalog, "cdc.yaml"), "utf8");
            fs.writeFileSync(path.join(catalog, "cdc.yaml"), cdc.replace(/\n {2}# Not in the design's topic list[\s\S]*$/, "\n"));
            assert.doesNotMatch(fs.readFileSync(path.join(catalog, "cdc.yaml"), "utf8"), /cdc\.organizations-changes/);
            const out = path.join(work, "render");
            const result = await execFileAsync("node", ["-r", "ts-node/register/transpile-only", "scripts/render.ts", "--stack", "prod", "--catalog", catalog, "--out", out], { cwd: REPO }).then(
                () => ({ code: 0, stderr: "" }),
                (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
            );
            assert.strictEqual(result.code, 1);
            assert.match(result.stderr, /table "app\.organizations" writes to topic "cdc\.organizations-changes", which is not in the catalog/);
            assert.ok(!fs.existsSync(out), "the render wrote output");
        } finally {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });
});
