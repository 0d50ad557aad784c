// The manifest writer: every value reads back exactly as written.
import * as assert from "assert";
import * as YAML from "yaml";
import { renderedResources, kubernetesObjects } from "../../render/output";
import { renderStack, projectRoot } from "../../render/render";
import { toYaml } from "../../render/yaml-emitter";

const roundTrip = (value: Record<string, unknown>) => YAML.parse(toYaml(value), { schema: "core" });

describe("render/yaml-emitter toYaml", () => {
    it("quotes strings YAML would read as something else", () => {
        const tricky = ["true", "False", "null", "~", "", "123", "-1", "1.5", "1.25", ".25", "1e3", "1e-3", "1e10", "0x1F", "0o17", ".inf", "-.Inf", ".NaN", " leading", "trailing ", "a: b", "a #b", "#c", "-x", "- x", "*ref", "&anchor", "!tag", "%dir", "@at", "`tick", "{flow}", "[flow]", "?q", "|lit", ">fold", "'single", "\"double", "tab\there", "bell\u0007", "ünïcode", "${secrets:kafka/x:password}", "kafka/cdc-processor", "a,b"];
        const value = Object.fromEntries(tricky.map((s, i) => [`k${i}`, s]));
        assert.deepStrictEqual(roundTrip(value), value);
        const keys = Object.fromEntries(tricky.filter((s) => s !== "").map((s) => [s, 1]));
        assert.deepStrictEqual(roundTrip(keys), keys);
    });

    it("leaves text plain that only looks like a number or keyword at one end", () => {
        const lookalikes = ["v1", "3.6.1", "100Gi", "a.inf", "nullable", "truest", "0x", "1e", "kafka-3"];
        assert.strictEqual(toYaml({ list: lookalikes }), `list:\n${lookalikes.map((s) => `- ${s}\n`).join("")}`);
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

    it("writes a manifest as a reviewer reads it: block style, lists under their key, text quoted only where it must be", () => {
        const manifest = {
            kind: "ConfigMap",
            metadata: { name: "kafka-logging", labels: { "strimzi.io/cluster": "prod" } },
            data: { "log4j.properties": "log4j.rootLogger=INFO, CONSOLE\n\nlog4j.logger.kafka=WARN\n", indented: "first\n  second", trailing: "kept\n\n\n" },
            args: ["--port", "8081", { name: "x" }, []],
            spaces: "line \nnext",
            empty: null,
        };
        assert.strictEqual(
            toYaml(manifest),
            [
                "kind: ConfigMap",
                "metadata:",
                "  name: kafka-logging",
                "  labels:",
                "    strimzi.io/cluster: prod",
                "data:",
                "  log4j.properties: |",
                "    log4j.rootLogger=INFO, CONSOLE",
                "",
                "    log4j.logger.kafka=WARN",
                "  indented: |-",
                "    first",
                "      second",
                "  trailing: |+",
                "    kept",
                "",
                "",
                "args:",
                '- "--port"',
                '- "8081"',
                "- name: x",
                "- []",
                // Spaces at a line's end stay visible in quotes, where no editor strips them.
                'spaces: "line \\nnext"',
                "empty: null",
                "",
            ].join("\n"),
        );
    });

    it("leaves out a key whose value is undefined and writes an undefined list item as null, as JSON does", () => {
        const value = { kept: "x", dropped: undefined, list: ["a", undefined] };
        assert.strictEqual(toYaml(value), "kept: x\nlist:\n- a\n- null\n");
        assert.deepStrictEqual(roundTrip(value), JSON.parse(JSON.stringify(value)));
    });

    it("indents multi-line text inside a list so that it reads back", () => {
        const value = { scripts: ["set -e\nexit 0\n", "one line"], nested: [["a\nb"]] };
        assert.deepStrictEqual(roundTrip(value), value);
    });

    it("refuses a value JSON cannot hold, naming it, rather than writing text that reads back as something else", () => {
        assert.throws(() => toYaml({ n: Infinity }), { message: "cannot write Infinity as YAML" });
        assert.throws(() => toYaml({ n: NaN }), { message: "cannot write NaN as YAML" });
        assert.throws(() => toYaml({ big: 10n }), { message: "cannot write a bigint as YAML" });
        assert.throws(() => toYaml({ f: () => 1 }), { message: "cannot write a function as YAML" });
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
