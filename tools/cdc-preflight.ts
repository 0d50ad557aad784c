// What the CDC connector needs of its PostgreSQL database, read in one query and held against the rendered connector.
import { connectorCleanupSql } from "../specs/kafka-connect";

/** The parts of the rendered connector config the database has to fit. */
export interface CaptureTarget {
    user: string;
    database: string;
    tables: string[];
    slot: string;
    publication: string;
}

export function captureTargetOf(config: Record<string, string>): CaptureTarget {
    return {
        user: config["database.user"],
        database: config["database.dbname"],
        tables: (config["table.include.list"] ?? "").split(",").map((t) => t.trim()).filter(Boolean),
        slot: config["slot.name"],
        publication: config["publication.name"],
    };
}

export interface CapturedTableFacts {
    name: string;
    exists: boolean;
    owner: string | null;
    /** The connecting user owns the table or is a member of its owner role. */
    owned: boolean;
    selectable: boolean;
    /** pg_class.relreplident: d default (primary key), n nothing, f full, i index. */
    replicaIdentity: string | null;
    hasPrimaryKey: boolean;
}

export interface DatabaseFacts {
    user: string;
    walLevel: string;
    maxReplicationSlots: number;
    usedReplicationSlots: number;
    maxWalSenders: number;
    canReplicate: boolean;
    canCreateInDatabase: boolean;
    /** The connector's heartbeat query emits a logical decoding message. */
    canEmitMessage: boolean;
    tables: CapturedTableFacts[];
    slot: { plugin: string | null; database: string | null; active: boolean; retainedBytes: number | null } | null;
    publication: { owner: string; owned: boolean; allTables: boolean } | null;
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** One query, run as the connector's own user, that returns every fact the checks need as a JSON object. */
export function factsQuery(target: CaptureTarget): string {
    const tables = `ARRAY[${target.tables.map(literal).join(", ")}]::text[]`;
    return `SELECT json_build_object(
  'user', current_user,
  'walLevel', current_setting('wal_level'),
  'maxReplicationSlots', current_setting('max_replication_slots')::int,
  'usedReplicationSlots', (SELECT count(*) FROM pg_replication_slots),
  'maxWalSenders', current_setting('max_wal_senders')::int,
  'canReplicate', (SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user),
  'canCreateInDatabase', has_database_privilege(current_database(), 'CREATE'),
  'canEmitMessage', has_function_privilege('pg_logical_emit_message(boolean, text, text)', 'EXECUTE'),
  'tables', (SELECT coalesce(json_agg(json_build_object(
      'name', t.name,
      'exists', c.oid IS NOT NULL,
      'owner', pg_get_userbyid(c.relowner),
      'owned', coalesce(pg_has_role(current_user, c.relowner, 'USAGE'), false),
      'selectable', coalesce(has_table_privilege(c.oid, 'SELECT'), false),
      'replicaIdentity', c.relreplident,
      'hasPrimaryKey', EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)
    ) ORDER BY t.ord), '[]'::json)
    FROM unnest(${tables}) WITH ORDINALITY AS t(name, ord)
    LEFT JOIN pg_class c ON c.oid = to_regclass(t.name)),
  'slot', (SELECT json_build_object('plugin', plugin, 'database', database, 'active', active,
      'retainedBytes', pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn))
    FROM pg_replication_slots WHERE slot_name = ${literal(target.slot)}),
  'publication', (SELECT json_build_object('owner', pg_get_userbyid(pubowner), 'owned', pg_has_role(current_user, pubowner, 'USAGE'), 'allTables', puballtables)
    FROM pg_publication WHERE pubname = ${literal(target.publication)})
);`;
}

export interface PreflightReport {
    /** What stops the connector from starting or from capturing every change; each says what the administrator must do. */
    problems: string[];
    /** What works today but costs the database (a slot holding WAL). */
    notes: string[];
}

const MIB = 1024 * 1024;

export function preflightReport(target: CaptureTarget, facts: DatabaseFacts): PreflightReport {
    const problems: string[] = [];
    const notes: string[] = [];
    const user = facts.user;
    if (facts.walLevel !== "logical") {
        problems.push(`wal_level is "${facts.walLevel}": logical decoding needs "logical"; run ALTER SYSTEM SET wal_level = logical; and restart PostgreSQL (Cloud SQL: the flag cloudsql.logical_decoding=on)`);
    }
    if (facts.maxWalSenders < 1) problems.push(`max_wal_senders is ${facts.maxWalSenders}: the connector streams over a replication connection; set it to at least 1 more than the standbys use`);
    if (!facts.canReplicate) problems.push(`user "${user}" may not open a replication connection: ALTER ROLE "${user}" WITH REPLICATION;`);
    if (!facts.canEmitMessage) problems.push(`user "${user}" may not run the connector's heartbeat (pg_logical_emit_message), without which a quiet table pins WAL: GRANT EXECUTE ON FUNCTION pg_logical_emit_message(boolean, text, text) TO "${user}";`);
    for (const table of facts.tables) {
        if (!table.exists) {
            problems.push(`table ${table.name} does not exist in database "${target.database}" (or "${user}" cannot see its schema): create it, or GRANT USAGE ON SCHEMA ${table.name.split(".")[0]} TO "${user}";`);
            continue;
        }
        if (!table.owned) {
            problems.push(`table ${table.name} is owned by "${table.owner}": the connector alters its publication at every start, which PostgreSQL allows only the tables' owner; GRANT "${table.owner}" TO "${user}";`);
        }
        if (!table.selectable) problems.push(`user "${user}" cannot read ${table.name} for the initial snapshot: GRANT SELECT ON ${table.name} TO "${user}";`);
        const identified = table.replicaIdentity === "f" || table.replicaIdentity === "i" || (table.replicaIdentity === "d" && table.hasPrimaryKey);
        if (!identified) {
            problems.push(`table ${table.name} has no replica identity (${table.hasPrimaryKey ? "REPLICA IDENTITY NOTHING" : "no primary key"}): once published, its UPDATEs and DELETEs fail for the application; add a primary key or ALTER TABLE ${table.name} REPLICA IDENTITY FULL;`);
        }
    }
    if (facts.publication) {
        if (!facts.publication.owned) problems.push(`publication "${target.publication}" is owned by "${facts.publication.owner}": the connector alters it at every start; ALTER PUBLICATION "${target.publication}" OWNER TO "${user}";`);
    } else if (!facts.canCreateInDatabase) {
        problems.push(`publication "${target.publication}" does not exist and "${user}" may not create it: GRANT CREATE ON DATABASE "${target.database}" TO "${user}"; (or create it: CREATE PUBLICATION "${target.publication}" FOR TABLE ${target.tables.join(", ")};)`);
    }
    if (facts.slot) {
        if (facts.slot.plugin !== "pgoutput" || facts.slot.database !== target.database) {
            problems.push(`replication slot "${target.slot}" exists for ${facts.slot.plugin ?? "physical replication"} in database "${facts.slot.database}", not pgoutput in "${target.database}": drop it or choose another slot.name`);
        }
        if (!facts.slot.active && facts.slot.retainedBytes !== null) {
            notes.push(`replication slot "${target.slot}" has no reader and holds ${(facts.slot.retainedBytes / MIB).toFixed(1)} MiB of WAL; if the connector was deleted for good, run: ${connectorCleanupSql({ "slot.name": target.slot, "publication.name": target.publication }).join(" ")}`);
        }
    } else if (facts.usedReplicationSlots >= facts.maxReplicationSlots) {
        problems.push(`every replication slot is taken (${facts.usedReplicationSlots} of max_replication_slots ${facts.maxReplicationSlots}): raise max_replication_slots and restart PostgreSQL`);
    }
    return { problems, notes };
}
