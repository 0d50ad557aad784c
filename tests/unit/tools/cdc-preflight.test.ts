// Tests what the CDC preflight asks of the database administrator, from facts as PostgreSQL reports them.
import * as assert from "assert";
import { cdcConnectorConfig } from "../../../specs/kafka-connect";
import { captureTargetOf, factsQuery, preflightReport } from "../../../tools/cdc-preflight";
import { readyFacts, readyTable as table } from "./cdc-facts";

const target = captureTargetOf(cdcConnectorConfig({ host: "db", port: 5432, user: "debezium", name: "fsm" }, "kafka"));
const ready = readyFacts(target.tables);

describe("CDC database preflight (tools/cdc-preflight)", () => {
    it("takes the database, user, tables, slot and publication from the connector config", () => {
        assert.deepStrictEqual(target, { user: "debezium", database: "fsm", tables: ["app.tasks", "app.projects", "app.organizations"], slot: "debezium_slot", publication: "debezium_publication" });
        const sql = factsQuery(target);
        assert.match(sql, /ARRAY\['app\.tasks', 'app\.projects', 'app\.organizations'\]/);
        assert.match(sql, /slot_name = 'debezium_slot'/);
        assert.match(sql, /pubname = 'debezium_publication'/);
    });

    it("finds nothing to do on a database set up as README says", () => {
        assert.deepStrictEqual(preflightReport(target, ready), { problems: [], notes: [] });
    });

    it("lists every missing prerequisite at once, each with the statement that fixes it", () => {
        const { problems } = preflightReport(target, {
            ...ready,
            walLevel: "replica",
            canReplicate: false,
            canCreateInDatabase: false,
            canEmitMessage: false,
            tables: [table("app.tasks", { owned: false }), table("app.projects", { selectable: false }), table("app.organizations", { exists: false, owner: null, replicaIdentity: null })],
        });
        assert.strictEqual(problems.length, 7, problems.join("\n"));
        assert.match(problems[0], /wal_level is "replica".*ALTER SYSTEM SET wal_level = logical/);
        assert.match(problems[1], /ALTER ROLE "debezium" WITH REPLICATION/);
        assert.match(problems[2], /GRANT EXECUTE ON FUNCTION pg_logical_emit_message\(boolean, text, text\) TO "debezium"/);
        assert.match(problems[3], /app\.tasks is owned by "fsm_app".*GRANT "fsm_app" TO "debezium"/);
        assert.match(problems[4], /GRANT SELECT ON app\.projects TO "debezium"/);
        assert.match(problems[5], /app\.organizations does not exist in database "fsm"/);
        assert.match(problems[6], /GRANT CREATE ON DATABASE "fsm" TO "debezium"/);
    });

    it("refuses a table whose UPDATEs and DELETEs would fail once published: no primary key, default identity", () => {
        const { problems } = preflightReport(target, { ...ready, tables: [table("app.tasks", { hasPrimaryKey: false })] });
        assert.match(problems.join("\n"), /app\.tasks has no replica identity \(no primary key\).*REPLICA IDENTITY FULL/);
        assert.deepStrictEqual(preflightReport(target, { ...ready, tables: [table("app.tasks", { hasPrimaryKey: false, replicaIdentity: "f" })] }).problems, []);
    });

    it("asks for the publication's ownership when someone else created it", () => {
        const { problems } = preflightReport(target, { ...ready, canCreateInDatabase: false, publication: { owner: "postgres", owned: false, allTables: false } });
        assert.deepStrictEqual(problems, ['publication "debezium_publication" is owned by "postgres": the connector alters it at every start; ALTER PUBLICATION "debezium_publication" OWNER TO "debezium";']);
    });

    it("needs a free replication slot only while its own does not exist yet", () => {
        assert.match(preflightReport(target, { ...ready, usedReplicationSlots: 10 }).problems.join(), /every replication slot is taken \(10 of max_replication_slots 10\)/);
        const withSlot = { ...ready, usedReplicationSlots: 10, slot: { plugin: "pgoutput", database: "fsm", active: true, retainedBytes: 0 } };
        assert.deepStrictEqual(preflightReport(target, withSlot), { problems: [], notes: [] });
    });

    it("points at the cleanup when its slot has no reader and holds WAL", () => {
        const { problems, notes } = preflightReport(target, { ...ready, slot: { plugin: "pgoutput", database: "fsm", active: false, retainedBytes: 64 * 1024 * 1024 } });
        assert.deepStrictEqual(problems, []);
        assert.match(notes[0], /"debezium_slot" has no reader and holds 64\.0 MiB of WAL.*pg_drop_replication_slot.*DROP PUBLICATION IF EXISTS "debezium_publication"/);
    });

    it("refuses a slot of the same name made for another plugin or database", () => {
        const { problems } = preflightReport(target, { ...ready, slot: { plugin: "wal2json", database: "fsm", active: false, retainedBytes: 0 } });
        assert.match(problems.join(), /exists for wal2json in database "fsm", not pgoutput/);
    });

    it("reads a table list with spaces and a trailing comma, and an absent one as no tables", () => {
        assert.deepStrictEqual(captureTargetOf({ "table.include.list": " app.tasks, app.projects ," }).tables, ["app.tasks", "app.projects"]);
        assert.deepStrictEqual(captureTargetOf({}).tables, []);
    });

    it("quotes a slot or publication name holding a quote as an SQL literal", () => {
        const sql = factsQuery({ ...target, slot: "o'slot", publication: "o'pub" });
        assert.match(sql, /slot_name = 'o''slot'/);
        assert.match(sql, /pubname = 'o''pub'/);
    });

    it("needs at least one WAL sender", () => {
        assert.deepStrictEqual(preflightReport(target, { ...ready, maxWalSenders: 1 }).problems, []);
        assert.deepStrictEqual(preflightReport(target, { ...ready, maxWalSenders: 0 }).problems, [
            "max_wal_senders is 0: the connector streams over a replication connection; set it to at least 1 more than the standbys use",
        ]);
    });

    it("asks for usage of a missing table's schema, in case the user only cannot see it", () => {
        const { problems } = preflightReport(target, { ...ready, tables: [table("app.tasks", { exists: false, owner: null, replicaIdentity: null })] });
        assert.deepStrictEqual(problems, ['table app.tasks does not exist in database "fsm" (or "debezium" cannot see its schema): create it, or GRANT USAGE ON SCHEMA app TO "debezium";']);
    });

    it("accepts a table identified by an index or in full, and refuses one set to REPLICA IDENTITY NOTHING despite its key", () => {
        assert.deepStrictEqual(preflightReport(target, { ...ready, tables: [table("app.tasks", { replicaIdentity: "i", hasPrimaryKey: false })] }).problems, []);
        const { problems } = preflightReport(target, { ...ready, tables: [table("app.tasks", { replicaIdentity: "n" })] });
        assert.match(problems.join("\n"), /^table app\.tasks has no replica identity \(REPLICA IDENTITY NOTHING\)/);
    });

    it("accepts a publication the user owns, and offers to create a missing one for every captured table", () => {
        assert.deepStrictEqual(preflightReport(target, { ...ready, canCreateInDatabase: false, publication: { owner: "debezium", owned: true, allTables: false } }).problems, []);
        const { problems } = preflightReport(target, { ...ready, canCreateInDatabase: false });
        assert.match(problems[0], /CREATE PUBLICATION "debezium_publication" FOR TABLE app\.tasks, app\.projects, app\.organizations;\)$/);
    });

    it("refuses its slot made in another database, and names a physical slot as such", () => {
        assert.deepStrictEqual(preflightReport(target, { ...ready, slot: { plugin: "pgoutput", database: "other", active: true, retainedBytes: 0 } }).problems, [
            'replication slot "debezium_slot" exists for pgoutput in database "other", not pgoutput in "fsm": drop it or choose another slot.name',
        ]);
        const { problems } = preflightReport(target, { ...ready, slot: { plugin: null, database: null, active: false, retainedBytes: null } });
        assert.strictEqual(problems.length, 1);
        assert.match(problems[0], /^replication slot "debezium_slot" exists for physical replication in database /);
    });

    it("gives the whole cleanup, both statements, in the note about an idle slot", () => {
        const { notes } = preflightReport(target, { ...ready, slot: { plugin: "pgoutput", database: "fsm", active: false, retainedBytes: 0 } });
        assert.strictEqual(
            notes[0],
            `replication slot "debezium_slot" has no reader and holds 0.0 MiB of WAL; if the connector was deleted for good, run: SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'debezium_slot' AND database = current_database(); DROP PUBLICATION IF EXISTS "debezium_publication";`,
        );
    });
});
