// A throwaway PostgreSQL 15 with logical replication for the local platform: Debian's package, the design's tables, the connector's user.
import { spawnSync, SpawnSyncOptions } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const POSTGRES_MAJOR = 15;
const BIN_DIR = `/usr/lib/postgresql/${POSTGRES_MAJOR}/bin`;
/** PostgreSQL refuses to run as root; as root the server runs as the package's own user. */
const SERVER_USER = "postgres";
const SQL_DIR = path.join(__dirname, "postgres");

export interface LocalDatabase {
    host: string;
    port: number;
    /** The database the connector captures. */
    database: string;
    superuser: { user: string; password: string };
    /** The connector's user, set up as README tells the database administrator. */
    connectorUser: { user: string; password: string };
    dataDir: string;
    logFile: string;
    stateDir: string;
}

export interface DatabaseOptions {
    port: number;
    database: string;
    connectorUser: string;
    /** Where the server log and credentials go. */
    stateDir: string;
    log?: (line: string) => void;
}

function run(command: string, args: string[], options: SpawnSyncOptions & { what: string }): string {
    const result = spawnSync(command, args, { encoding: "utf8", timeout: 600_000, ...options });
    if (result.error) throw new Error(`${options.what}: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`${options.what} failed: ${`${result.stderr ?? ""}${result.stdout ?? ""}`.trim().split("\n").slice(-3).join(" | ")}`);
    return String(result.stdout ?? "");
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a server binary as the postgres user when we are root, as ourselves otherwise. */
function runServerBinary(binary: string, args: string[], what: string): string {
    return asRoot() ? run("runuser", ["-u", SERVER_USER, "--", path.join(BIN_DIR, binary), ...args], { what }) : run(path.join(BIN_DIR, binary), args, { what });
}

/** Installs Debian's postgresql-15 when its server binaries are missing, without the package's own always-on cluster. */
export function ensurePostgresInstalled(log: (line: string) => void = () => undefined): void {
    if (fs.existsSync(path.join(BIN_DIR, "pg_ctl"))) return;
    if (!asRoot()) throw new Error(`PostgreSQL ${POSTGRES_MAJOR} is not installed (${BIN_DIR}/pg_ctl is missing): run as root, or apt-get install postgresql-${POSTGRES_MAJOR}`);
    log(`installing postgresql-${POSTGRES_MAJOR} (apt-get)`);
    // The package would otherwise create and start a cluster on 5432 that nothing here uses.
    fs.mkdirSync("/etc/postgresql-common", { recursive: true });
    const createCluster = "/etc/postgresql-common/createcluster.conf";
    if (!fs.existsSync(createCluster)) fs.writeFileSync(createCluster, "create_main_cluster = false\n");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    run("apt-get", ["update", "-q"], { what: "apt-get update", env });
    run("apt-get", ["install", "-y", "-q", "--no-install-recommends", "-o", "Dpkg::Options::=--force-confold", `postgresql-${POSTGRES_MAJOR}`], { what: `apt-get install postgresql-${POSTGRES_MAJOR}`, env });
    if (!fs.existsSync(path.join(BIN_DIR, "pg_ctl"))) throw new Error(`apt-get installed postgresql-${POSTGRES_MAJOR} but ${BIN_DIR}/pg_ctl is still missing`);
}

/** psql as the given user over TCP; the SQL comes on stdin so psql variables (-v) apply to it. */
export function psql(db: Pick<LocalDatabase, "host" | "port">, login: { user: string; password: string }, database: string, sql: string, variables: Record<string, string> = {}): string {
    const vars = Object.entries(variables).flatMap(([k, v]) => ["-v", `${k}=${v}`]);
    return run("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", ...vars, "-h", db.host, "-p", String(db.port), "-U", login.user, "-d", database, "-f", "-"], {
        what: `psql as ${login.user} on ${db.host}:${db.port}/${database}`,
        input: sql,
        env: { ...process.env, PGPASSWORD: login.password, PGCONNECT_TIMEOUT: "10" },
    }).trim();
}

/**
 * A fresh cluster on 127.0.0.1:`port` (TCP only) with wal_level=logical, the design's tables owned by the
 * application's role, and the connector's user set up exactly as README asks of the database administrator.
 */
export function startDatabase(options: DatabaseOptions): LocalDatabase {
    const log = options.log ?? (() => undefined);
    ensurePostgresInstalled(log);
    fs.mkdirSync(options.stateDir, { recursive: true });
    // The data directory must belong to the server's user, so it lives outside the repository.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kafka-platform-postgres-${options.port}-`));
    // The server writes its log as its own user, so the log lives in the data directory until stopDatabase copies it out.
    const logFile = path.join(dataDir, "postgres.log");
    const secret = () => randomBytes(12).toString("hex");
    const db: LocalDatabase = {
        host: "127.0.0.1",
        port: options.port,
        database: options.database,
        superuser: { user: "postgres", password: secret() },
        connectorUser: { user: options.connectorUser, password: secret() },
        dataDir,
        logFile,
        stateDir: options.stateDir,
    };
    const pwFile = path.join(dataDir, ".initdb-password");
    fs.writeFileSync(pwFile, db.superuser.password, { mode: 0o600 });
    if (asRoot()) {
        run("chown", ["-R", `${SERVER_USER}:`, dataDir], { what: "chown of the data directory" });
    }
    const cluster = path.join(dataDir, "cluster");
    runServerBinary("initdb", ["-D", cluster, "-U", db.superuser.user, `--pwfile=${pwFile}`, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-instructions"], "initdb");
    fs.rmSync(pwFile);
    const settings = {
        port: options.port,
        listen_addresses: "'127.0.0.1'",
        unix_socket_directories: `'${cluster}'`,
        wal_level: "logical",
        max_replication_slots: 4,
        max_wal_senders: 4,
        shared_buffers: "'64MB'",
        fsync: "on",
    };
    const conf = Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join("\n");
    fs.appendFileSync(path.join(cluster, "postgresql.conf"), `\n# kafka-platform local CDC database\n${conf}\n`);
    runServerBinary("pg_ctl", ["-D", cluster, "-l", logFile, "-w", "-t", "60", "start"], `pg_ctl start on port ${options.port}`);
    log(`PostgreSQL ${POSTGRES_MAJOR} on ${db.host}:${db.port} (wal_level=logical, data ${dataDir})`);

    psql(db, db.superuser, "postgres", `CREATE DATABASE "${options.database}";`);
    psql(db, db.superuser, options.database, fs.readFileSync(path.join(SQL_DIR, "design-tables.sql"), "utf8"));
    psql(db, db.superuser, options.database, fs.readFileSync(path.join(SQL_DIR, "connector-user.sql"), "utf8"), { user: db.connectorUser.user, password: db.connectorUser.password, db: options.database });
    return db;
}

/** Stops the server and removes its data; nothing is left running, and only its log stays (in the state directory). */
export function stopDatabase(db: Pick<LocalDatabase, "dataDir" | "logFile" | "stateDir">): void {
    const cluster = path.join(db.dataDir, "cluster");
    if (fs.existsSync(path.join(cluster, "postmaster.pid"))) {
        runServerBinary("pg_ctl", ["-D", cluster, "-m", "fast", "-w", "-t", "60", "stop"], "pg_ctl stop");
    }
    if (fs.existsSync(db.logFile) && fs.existsSync(db.stateDir)) fs.copyFileSync(db.logFile, path.join(db.stateDir, "postgres.log"));
    fs.rmSync(db.dataDir, { recursive: true, force: true });
}
