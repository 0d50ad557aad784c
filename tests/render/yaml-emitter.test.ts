// The manifest writer: every value reads back exactly as written.
import * as assert from "assert";
import * as YAML from "yaml";
import { renderedResources, kubernetesObjects } from "../../render/output";
import { renderStack, projectRoot } from "../../render/render";
import { toYaml } from "../../render/yaml-emitter";

const roundTrip = (value: Record<string, unknown>) => YAML.parse(toYaml(value), { schema: "core" });

describe("render/yaml-emitter toYaml", () => {
    it("quotes strings YAML would read as something else", () => {
        const tricky = ["true", "False", "null", "~", "", "123", "-1", "1.5", "1e3", "0x1F", "0o17", ".inf", "-.Inf", ".NaN", " leading", "trailing ", "a: b", "a #b", "#c", "-x", "- x", "*ref", "&anchor", "!tag", "%dir", "@at", "`tick", "{flow}", "[flow]", "?q", "|lit", ">fold", "'single", "\"double", "tab\there", "bell\u0007", "ünïcode", "${secrets:kafka/x:password}", "kafka/cdc-processor", "a,b"];
        const value = Object.fromEntries(tricky.map((s, i) => [`k${i}`, s]));
        assert.deepStrictEqual(roundTrip(value), value);
        const keys = Object.fromEntries(tricky.filter((s) => s !== "").map((s) => [s, 1]));
        assert.deepStrictEqual(roundTrip(keys), keys);
    });

    it("writes multi-line text as literal blocks that keep every line and the final newlines", () => {
        const value = { clip: "a\nb\n", strip: "a\n  b", keep: "a\n\n", blank: "a\n\nb\n", indented: " a\nb\n", spaces: "a \nb\n", crlf: "a\r\nb\n" };
        assert.deepStrictEqual(roundTrip(value), value);
        assert.match(toYaml({ clip: "a\nb\n" }), /^clip: \|\n {2}a\n {2}b\n$/);
    });

    it("writes numbers, booleans, nulls, empty and nested collections", () => {
        const value = { n: 7776000000, f: 0.5, neg: -1, t: true, f2: false, z: null, e: [], o: {}, list: [1, "two", { three: 3, four: [4, [5]] }, [], {}], deep: { a: { b: { c: ["x"] } } } };
        assert.deepStrictEqual(roundTrip(value), value);
    });

    it("writes every manifest of both stacks so that it reads back unchanged", async function () {
        this.timeout(600000);
        for (const stack of ["prod", "dr"]) {
            const result = await renderStack({ root: projectRoot(), stack });
            for (const objects of kubernetesObjects(renderedResources(result.resources)).values()) {
                for (const object of objects) assert.deepStrictEqual(roundTrip(object), JSON.parse(JSON.stringify(object)));
            }
        }
    });
});
