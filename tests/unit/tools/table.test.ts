// Tests the plain text tables the tools print: aligned columns, an underlined header, no trailing spaces.
import * as assert from "assert";
import { renderTable } from "../../../tools/table";

describe("renderTable", () => {
    it("pads each column to its longest cell or title, two spaces apart, and underlines the header", () => {
        assert.strictEqual(
            renderTable(["TOPIC", "LAG"], [["task.events", "2000"], ["t", "7"]]),
            ["TOPIC        LAG", "-----------  ----", "task.events  2000", "t            7"].join("\n"),
        );
    });

    it("leaves no spaces at the end of a line whose last cells are empty", () => {
        const lines = renderTable(["GROUP", "FLAG"], [["g", ""], ["longer-group", "HIGH LAG"]]).split("\n");
        assert.deepStrictEqual(lines, ["GROUP         FLAG", "------------  --------", "g", "longer-group  HIGH LAG"]);
    });

    it("treats a row's missing cells as empty", () => {
        assert.strictEqual(renderTable(["A", "B", "C"], [["x"], ["y", "long"]]), ["A  B     C", "-  ----  -", "x", "y  long"].join("\n"));
    });

    it("prints only the header when there are no rows", () => {
        assert.strictEqual(renderTable(["TOPIC", "DRIFT"], []), "TOPIC  DRIFT\n-----  -----");
    });
});
