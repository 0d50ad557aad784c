// Tests that producers.yaml is refused, naming the file, line, producer and field, for each mistake a team can
// make in it, and that a valid producer is read with what it sets.
import * as assert from "assert";
import { readProducersFile } from "../../catalog/producers";
import { assertOneProblem, byFileName, loadValid, ORDERS_FILE, problemsOf, readOne, yamlLines } from "./catalog-fixtures";

/** The `orders` topic file and a producers file of exactly `text`. */
function withProducersFile(text: string): Record<string, string> {
    return { "topics.yaml": ORDERS_FILE, "producers.yaml": text };
}

/** The `orders` topic file and a producers file of `producers:` and the lines given (the first producer on line 2). */
function producersWith(...lines: string[]): Record<string, string> {
    return withProducersFile(yamlLines("producers:", ...lines));
}

/** A valid producer on lines 2-4 writing `orders`, then the extra lines given (from line 5). */
function shop(...extra: string[]): string[] {
    return ["  - service: shop", "    topics:", "      - orders", ...extra];
}

describe("producers file: its shape", () => {
    it("refuses a file that is a list rather than a mapping", () => {
        assertOneProblem(problemsOf(withProducersFile(yamlLines(...shop()))), "producers.yaml:1: ", /^must be a mapping with a "producers" list, got a list$/);
    });

    it("refuses an empty file, saying it holds nothing", () => {
        assert.deepStrictEqual(problemsOf(withProducersFile("")), ['producers.yaml: must be a mapping with a "producers" list, got nothing']);
    });

    it("refuses a misspelt top-level key once, suggesting producers", () => {
        assert.deepStrictEqual(problemsOf(withProducersFile(yamlLines("producer:", ...shop()))), ['producers.yaml:1: producer: unknown top-level key; this file holds "producers" (did you mean "producers"?)']);
    });

    it("refuses an unrelated top-level key beside the producers, without a suggestion", () => {
        assert.deepStrictEqual(problemsOf(withProducersFile(yamlLines("producers:", ...shop(), "owner: team-a"))), ['producers.yaml:5: owner: unknown top-level key; this file holds "producers"']);
    });

    it("refuses a mapping without producers", () => {
        assert.deepStrictEqual(problemsOf(withProducersFile("{}\n")), ["producers.yaml: producers: is required"]);
    });

    it("refuses producers that is a mapping rather than a list", () => {
        assertOneProblem(problemsOf(withProducersFile(yamlLines("producers:", "  service: shop"))), "producers.yaml:1: producers: ", /^must be a list, got a mapping$/);
    });

    it("is optional: a catalog without producers.yaml has no producers", () => {
        assert.deepStrictEqual(loadValid({ "topics.yaml": ORDERS_FILE }).producers, []);
    });
});

describe("producers file: services", () => {
    it("refuses a producer that is not a mapping, naming it by its position", () => {
        assertOneProblem(problemsOf(producersWith(...shop(), "  - billing")), "producers.yaml:5: producer #2: ", /^must be a mapping, got "billing"$/);
    });

    it("refuses a producer without a service, naming it by its position, at its line", () => {
        assertOneProblem(problemsOf(producersWith(...shop(), "  - topics:", "      - orders")), "producers.yaml:5: producer #2: service: ", /^is required$/);
    });

    it("refuses an empty service, naming the producer by its position", () => {
        assertOneProblem(problemsOf(producersWith('  - service: ""', "    topics:", "      - orders")), "producers.yaml:2: producer #1: service: ", /^must be lower-case letters, digits and "-" \(it names the service's KafkaUser\), got ""$/);
    });

    it("refuses a service that cannot name a KafkaUser, saying what it got", () => {
        assertOneProblem(problemsOf(producersWith("  - service: Shop_Front", "    topics:", "      - orders")), 'producers.yaml:2: producer "Shop_Front": service: ', /^must be lower-case letters, digits and "-" \(it names the service's KafkaUser\), got "Shop_Front"$/);
        assertOneProblem(problemsOf(producersWith("  - service: 42", "    topics:", "      - orders")), "producers.yaml:2: producer #1: service: ", /got 42$/);
    });

    it("reports a duplicate service even when the first declaration has a problem of its own", () => {
        const problems = problemsOf(producersWith(...shop("    transactionnal: true"), ...shop()));
        assert.deepStrictEqual(problems, [
            'producers.yaml:5: producer "shop": transactionnal: unknown field (did you mean "transactional"?)',
            'producers.yaml:6: producer "shop": service: is declared twice; the first is at line 2',
        ]);
    });
});

describe("producers file: fields", () => {
    it("keeps a producer's description, namespace and transactional flag", () => {
        const [producer] = loadValid(producersWith(...shop("    description: The web shop", "    namespace: shop-prod", "    transactional: true"))).producers;
        assert.deepStrictEqual([producer.description, producer.namespace, producer.transactional], ["The web shop", "shop-prod", true]);
    });

    it("refuses a blank or non-string description", () => {
        assertOneProblem(problemsOf(producersWith(...shop('    description: "  "'))), 'producers.yaml:5: producer "shop": description: ', /^must be a non-empty string$/);
        assertOneProblem(problemsOf(producersWith(...shop("    description: 7"))), 'producers.yaml:5: producer "shop": description: ', /^must be a non-empty string$/);
    });

    it("refuses a namespace that is not a Kubernetes namespace name", () => {
        assertOneProblem(problemsOf(producersWith(...shop("    namespace: Shop"))), 'producers.yaml:5: producer "shop": namespace: ', /^must be a Kubernetes namespace name, got "Shop"$/);
    });

    it("refuses a transactional flag that is not true or false", () => {
        assertOneProblem(problemsOf(producersWith(...shop("    transactional: yes"))), 'producers.yaml:5: producer "shop": transactional: ', /^must be true or false, got "yes"$/);
    });

    it("requires the topics a service writes, at the producer's line", () => {
        assertOneProblem(problemsOf(producersWith("  - service: shop")), 'producers.yaml:2: producer "shop": topics: ', /^is required: the catalog topics the service writes$/);
    });
});

describe("producers file: what it hands on", () => {
    /** Reads a producers file of `text` knowing the topic `orders`. */
    function readProducers(text: string) {
        const { result, problems } = readOne("producers.yaml", text, (yaml, list) => readProducersFile(yaml, new Set(["orders"]), list));
        return { producers: byFileName(result), problems };
    }

    it("hands on a producer exactly as declared, with no description or namespace it does not set", () => {
        assert.deepStrictEqual(readProducers(yamlLines("producers:", ...shop())).producers, [{ service: "shop", topics: ["orders"], transactional: false, source: { file: "producers.yaml", line: 2 } }]);
    });

    it("hands on only the producers without problems, so nothing is built from a refused producer", () => {
        const { producers, problems } = readProducers(yamlLines("producers:", ...shop(), "  - service: billing", "    topics: [orders]", "    colour: red", "  - topics: [orders]", "  - 42"));
        assert.deepStrictEqual(producers.map((p) => p.service), ["shop"]);
        assert.strictEqual(problems.length, 3, problems.join("\n"));
    });

    it("hands on no producers from a file of the wrong shape", () => {
        for (const text of [yamlLines(...shop()), yamlLines("owner: team-a"), yamlLines("producers:", "  service: shop"), "{}\n"]) {
            const { producers, problems } = readProducers(text);
            assert.deepStrictEqual(producers, [], text);
            assert.strictEqual(problems.length, 1, problems.join("\n"));
        }
    });

    it("points every later declaration of a service at its first one", () => {
        const { problems } = readProducers(yamlLines("producers:", ...shop(), ...shop(), ...shop()));
        assert.deepStrictEqual(problems, [
            'producers.yaml:5: producer "shop": service: is declared twice; the first is at line 2',
            'producers.yaml:8: producer "shop": service: is declared twice; the first is at line 2',
        ]);
    });
});
