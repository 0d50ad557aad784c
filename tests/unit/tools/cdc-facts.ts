// A database ready for the CDC connector, as PostgreSQL reports it to the preflight: the starting point the CDC tools' tests change one fact of.
import { CapturedTableFacts, DatabaseFacts } from "../../../tools/cdc-preflight";

export const readyTable = (name: string, overrides: Partial<CapturedTableFacts> = {}): CapturedTableFacts => ({
    name, exists: true, owner: "fsm_app", owned: true, selectable: true, replicaIdentity: "d", hasPrimaryKey: true, ...overrides,
});

/** Every fact the preflight asks for, ready, with `tables` captured and each table as `tableOverrides` says. */
export function readyFacts(tables: string[], tableOverrides: Partial<CapturedTableFacts> = {}): DatabaseFacts {
    return {
        user: "debezium",
        walLevel: "logical",
        maxReplicationSlots: 10,
        usedReplicationSlots: 0,
        maxWalSenders: 10,
        canReplicate: true,
        canCreateInDatabase: true,
        canEmitMessage: true,
        tables: tables.map((t) => readyTable(t, tableOverrides)),
        slot: null,
        publication: null,
    };
}
