// Tests how the YAML reader hands values to the catalog's checks: empty and absent values alike, mappings and lists never as text.
import * as assert from "assert";
import { mappingEntries, scalarValue } from "../../catalog/yaml-file";
import { readOne, yamlLines } from "./catalog-fixtures";

/** The value nodes of a one-mapping file of `lines`, by key. */
function valuesOf(...lines: string[]): Map<string, unknown> {
    const { result } = readOne("file.yaml", yamlLines(...lines), (yaml) => yaml);
    return new Map((mappingEntries(result.root) ?? []).map(([key, value]) => [key, value]));
}

describe("YAML reader: values", () => {
    it("reads an empty value as null, as it reads an absent one, so both are reported as nothing", () => {
        const values = valuesOf("description:", "partitions: 3");
        assert.strictEqual(scalarValue(values.get("description")), null);
        assert.strictEqual(scalarValue(values.get("reason")), null);
        assert.strictEqual(scalarValue(values.get("partitions")), 3);
    });

    it("gives a mapping or a list no scalar value, so neither is ever taken for a name or a number", () => {
        const values = valuesOf("topics:", "  - orders", "configs:", "  retention_ms: 1000");
        assert.strictEqual(scalarValue(values.get("topics")), undefined);
        assert.strictEqual(scalarValue(values.get("configs")), undefined);
    });
});
