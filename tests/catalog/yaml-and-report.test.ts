// Tests the YAML rules every catalog file shares (one document, no anchors, empty and mapping values read as what
// they are), how the refusal reads as a whole, and the KafkaTopic names that must never change.
import * as assert from "assert";
import { CatalogError, loadCatalog, topicCrName } from "../../catalog";
import { assertOneProblem, ORDERS_TOPIC, problemsOf, writeCatalog, yamlLines } from "./catalog-fixtures";

describe("catalog YAML rules", () => {
    it("refuses a file holding more than one YAML document, naming the file", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, "---", "topics: []") });
        assert.deepStrictEqual(problems, ["topics.yaml: holds more than one YAML document; keep one per file"]);
    });

    it("refuses an anchor on a file's first line, at line 1", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics: &all", ...ORDERS_TOPIC) });
        assertOneProblem(problems, "topics.yaml:1: YAML: ", /^the anchor &all \(and its aliases\) is not supported/);
    });

    it("refuses an anchor on the file's whole mapping, at line 1", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("&catalog", "topics:", ...ORDERS_TOPIC) });
        assertOneProblem(problems, "topics.yaml:1: YAML: ", /^the anchor &catalog \(and its aliases\) is not supported/);
    });

    it("shows a value YAML reads as infinite as written, not as null", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", "  - name: orders", "    description: Customer orders", "    partitions: .inf", "    replication_factor: 3") });
        assertOneProblem(problems, 'topics.yaml:4: topic "orders": partitions: ', /^must be an integer, got Infinity$/);
    });

    it("refuses a description left empty, rather than reading it as the text null", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", "  - name: orders", "    description:", "    partitions: 3", "    replication_factor: 3") });
        assertOneProblem(problems, 'topics.yaml:3: topic "orders": description: ', /^must be a non-empty string, got nothing$/);
    });

    it("refuses a description written as a mapping, rather than reading it as text", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", "  - name: orders", "    description:", "      text: Orders", "    partitions: 3", "    replication_factor: 3") });
        assertOneProblem(problems, 'topics.yaml:3: topic "orders": description: ', /^must be a non-empty string, got a mapping$/);
    });
});

describe("catalog refusal report", () => {
    it("heads the refusal with the count of problems and lists one per indented line", () => {
        const dir = writeCatalog({ "topics.yaml": yamlLines("topics:", "  - name: orders", "    partitions: 0", "    replication_factor: 0") });
        assert.throws(
            () => loadCatalog({ topics: dir }),
            (err: unknown) => {
                assert.ok(err instanceof CatalogError);
                assert.strictEqual(err.name, "CatalogError");
                assert.strictEqual(err.message, `the topic catalog is invalid (2 problems):\n  ${err.problems.join("\n  ")}`);
                assert.strictEqual(err.problems.length, 2);
                return true;
            },
        );
    });

    it("says 1 problem, not 1 problems", () => {
        const err = new CatalogError(["topics.yaml:4: topic \"orders\": partitions: must be at least 1, got 0"]);
        assert.strictEqual(err.message, 'the topic catalog is invalid (1 problem):\n  topics.yaml:4: topic "orders": partitions: must be at least 1, got 0');
    });
});

describe("KafkaTopic resource names", () => {
    it("collapses each run of other characters to one '-', pinned so a deployed KafkaTopic is never renamed", () => {
        // A changed mapping would replace the KafkaTopic, and Strimzi would delete the topic with it.
        assert.strictEqual(topicCrName("orders__v1"), "orders-v1-19d38402e3");
        assert.strictEqual(topicCrName("Orders..Archive"), "orders-archive-d11a76deae");
    });
});
