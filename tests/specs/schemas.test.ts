// The Avro schemas kept in schemas/: they parse, and task-event.avsc is the design's TaskEvent.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const SCHEMAS = path.resolve(__dirname, "..", "..", "schemas");

describe("schemas/task-event.avsc", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, "task-event.avsc"), "utf8"));
    const field = (name: string) => schema.fields.find((f: { name: string }) => f.name === name);

    it("is the design's TaskEvent record in com.fsm.events, with its fields in order", () => {
        assert.strictEqual(schema.type, "record");
        assert.strictEqual(schema.name, "TaskEvent");
        assert.strictEqual(schema.namespace, "com.fsm.events");
        assert.deepStrictEqual(schema.fields.map((f: { name: string }) => f.name), ["event_id", "event_type", "task_id", "project_id", "organization_id", "user_id", "timestamp", "payload", "metadata"]);
        assert.deepStrictEqual(field("event_type").type.symbols, ["TASK_CREATED", "TASK_UPDATED", "TASK_COMPLETED", "TASK_DELETED", "TASK_ASSIGNED", "TASK_STATUS_CHANGED"]);
        assert.deepStrictEqual(field("user_id").type, ["null", "string"]);
        assert.strictEqual(field("user_id").default, null);
    });

    it("declares the timestamp's logical type on its type, where Avro reads it", () => {
        assert.deepStrictEqual(field("timestamp").type, { type: "long", logicalType: "timestamp-millis" });
        assert.ok(!("logicalType" in field("timestamp")), "a logicalType beside the field's type is ignored by Avro");
    });

    it("gives every optional field a null default, so readers of older events resolve it", () => {
        const metadataFields = field("metadata").type.fields as Array<{ name: string; type: unknown; default?: unknown }>;
        for (const f of [...schema.fields, ...metadataFields]) {
            if (Array.isArray(f.type) && f.type[0] === "null") assert.strictEqual(f.default, null, f.name);
        }
    });
});
