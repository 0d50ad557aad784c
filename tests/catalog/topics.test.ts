// Tests that topic files are refused, naming the file, line, topic and field, for the mistakes validation.test.ts
// does not cover: a file of the wrong shape, entries that are not mappings or lack a name, removed topics, and the
// limits of each kind of topic config.
import * as assert from "assert";
import { DEFAULT_BROKER_LIMITS } from "../../catalog";
import { readTopicFile } from "../../catalog/topics";
import { assertOneProblem, byFileName, loadValid, ORDERS_TOPIC, problemsOf, readOne, yamlLines } from "./catalog-fixtures";

/** A topic file of exactly `text`. */
function topicFile(text: string): Record<string, string> {
    return { "topics.yaml": text };
}

/** A topic file with `orders` (lines 2-5) and the extra lines given (from line 6). */
function ordersWith(...extra: string[]): Record<string, string> {
    return topicFile(yamlLines("topics:", ...ORDERS_TOPIC, ...extra));
}

/** A topic file with `orders` (lines 2-5), then `removed_topics:` on line 6 and the lines given (from line 7). */
function removedWith(...lines: string[]): Record<string, string> {
    return topicFile(yamlLines("topics:", ...ORDERS_TOPIC, "removed_topics:", ...lines));
}

describe("topic file: its shape", () => {
    it("refuses a file that is a list rather than a mapping", () => {
        assertOneProblem(problemsOf(topicFile(yamlLines(...ORDERS_TOPIC))), "topics.yaml:1: ", /^must be a mapping with a "topics" list, got a list$/);
    });

    it("refuses an unknown top-level key, naming the two it may hold and suggesting the one meant", () => {
        const problems = problemsOf(topicFile(yamlLines("topic:", ...ORDERS_TOPIC)));
        assert.deepStrictEqual(problems, ['topics.yaml:1: topic: unknown top-level key; a topic file holds "topics" and "removed_topics" (did you mean "topics"?)']);
    });

    it("refuses topics that is not a list", () => {
        assertOneProblem(problemsOf(topicFile(yamlLines("topics: orders"))), "topics.yaml:1: topics: ", /^must be a list, got "orders"$/);
    });

    it("refuses a topic that is not a mapping, naming it by its position", () => {
        assertOneProblem(problemsOf(ordersWith("  - payments")), "topics.yaml:6: topic #2: ", /^must be a mapping, got "payments"$/);
    });

    it("accepts a file with only removed topics", () => {
        const catalog = loadValid({ "a.yaml": yamlLines("topics:", ...ORDERS_TOPIC), "b.yaml": yamlLines("removed_topics:", "  - name: old.orders", "    reason: replaced by orders") });
        assert.deepStrictEqual([catalog.topics.map((t) => t.name), catalog.removedTopics.map((r) => r.name)], [["orders"], ["old.orders"]]);
    });
});

describe("topic file: names", () => {
    it("refuses a topic without a name, naming it by its position, at its line", () => {
        assertOneProblem(problemsOf(ordersWith("  - description: Payments", "    partitions: 3", "    replication_factor: 3")), "topics.yaml:6: topic #2: name: ", /^is required$/);
    });

    it("refuses a name that is not a string or is empty, naming the topic by its position", () => {
        const number = problemsOf(topicFile(yamlLines("topics:", "  - name: 42", "    description: A topic", "    partitions: 3", "    replication_factor: 3")));
        assertOneProblem(number, "topics.yaml:2: topic #1: name: ", /^must be a string, got 42$/);
        const empty = problemsOf(topicFile(yamlLines("topics:", '  - name: ""', "    description: A topic", "    partitions: 3", "    replication_factor: 3")));
        assertOneProblem(empty, "topics.yaml:2: topic #1: name: ", /^must not be empty$/);
    });

    it("refuses the names MirrorMaker 2 reserves, and accepts one that only starts with internal", () => {
        for (const name of ["heartbeats", "orders.internal"]) {
            const problems = problemsOf(topicFile(yamlLines("topics:", `  - name: ${name}`, "    description: A topic", "    partitions: 3", "    replication_factor: 3")));
            assertOneProblem(problems, `topics.yaml:2: topic "${name}": name: `, /^is reserved for MirrorMaker 2's internal topics$/);
        }
        const catalog = loadValid(topicFile(yamlLines("topics:", "  - name: internal.orders", "    description: A topic", "    partitions: 3", "    replication_factor: 3")));
        assert.deepStrictEqual(catalog.topics.map((t) => t.name), ["internal.orders"]);
    });

    it("does not report a group's reference to an invalid topic whose name is not its first field", () => {
        const problems = problemsOf({
            "topics.yaml": yamlLines("topics:", "  - description: Orders", "    name: orders", "    partitions: 0", "    replication_factor: 3"),
            "consumer-groups.yaml": yamlLines("consumer_groups:", "  - group_id: billing", "    topics:", "      - orders", "    instances: 1"),
        });
        assertOneProblem(problems, 'topics.yaml:4: topic "orders": partitions: ', /^must be at least 1, got 0$/);
    });

    it("reports a topic declared twice even when the first declaration has a problem of its own", () => {
        const problems = problemsOf(ordersWith("    colour: red", ...ORDERS_TOPIC));
        assert.deepStrictEqual(problems, ['topics.yaml:6: topic "orders": colour: unknown field', 'topics.yaml:7: topic "orders": name: is declared twice; the first is at topics.yaml:2']);
    });

    it("does not call two topics without a usable name duplicates", () => {
        const topic = (name: string) => [`  - name: ${name}`, "    description: A topic", "    partitions: 3", "    replication_factor: 3"];
        assert.deepStrictEqual(problemsOf(topicFile(yamlLines("topics:", ...topic("42"), ...topic("42")))), ["topics.yaml:2: topic #1: name: must be a string, got 42", "topics.yaml:6: topic #2: name: must be a string, got 42"]);
        assert.deepStrictEqual(problemsOf(topicFile(yamlLines("topics:", ...topic('""'), ...topic('""')))), ["topics.yaml:2: topic #1: name: must not be empty", "topics.yaml:6: topic #2: name: must not be empty"]);
    });

    it("refuses a blank description, saying what it got", () => {
        assertOneProblem(problemsOf(topicFile(yamlLines("topics:", "  - name: orders", '    description: "   "', "    partitions: 3", "    replication_factor: 3"))), 'topics.yaml:3: topic "orders": description: ', /^must be a non-empty string, got "   "$/);
    });

    it("refuses a field whose name is empty, leaving no empty part in the problem line", () => {
        assert.deepStrictEqual(problemsOf(ordersWith('    "": 3')), ['topics.yaml:6: topic "orders": unknown field']);
    });
});

describe("topic file: partitions, replication and min ISR", () => {
    it("requires a replication factor, at the topic's line, and reports it once", () => {
        const problems = problemsOf(topicFile(yamlLines("topics:", "  - name: orders", "    description: Orders", "    partitions: 3")));
        assert.deepStrictEqual(problems, ['topics.yaml:2: topic "orders": replication_factor: is required']);
    });

    it("accepts one partition and a replication factor of one, without a min ISR warning", () => {
        const catalog = loadValid(topicFile(yamlLines("topics:", "  - name: orders", "    description: Orders", "    partitions: 1", "    replication_factor: 1", "    min_insync_replicas: 1")));
        assert.deepStrictEqual([catalog.topics[0].partitions, catalog.topics[0].replicationFactor, catalog.warnings], [1, 1, []]);
    });

    it("does not warn when min_insync_replicas is below the replication factor", () => {
        assert.deepStrictEqual(loadValid(ordersWith("    min_insync_replicas: 2")).warnings, []);
    });
});

describe("topic file: configs", () => {
    it("refuses configs that is not a mapping", () => {
        assertOneProblem(problemsOf(ordersWith("    configs: [preallocate]")), 'topics.yaml:6: topic "orders": configs: ', /^must be a mapping of topic configs, got a list$/);
    });

    it("refuses max_compaction_lag_ms below min_compaction_lag_ms, and accepts them equal", () => {
        const problems = problemsOf(ordersWith("    cleanup_policy: compact", "    configs:", "      min_compaction_lag_ms: 1000", "      max_compaction_lag_ms: 500"));
        assertOneProblem(problems, 'topics.yaml:9: topic "orders": configs.max_compaction_lag_ms: ', /^500 is below min_compaction_lag_ms 1000$/);
        const catalog = loadValid(ordersWith("    cleanup_policy: compact", "    configs:", "      min_compaction_lag_ms: 1000", "      max_compaction_lag_ms: 1000"));
        assert.strictEqual(catalog.topics[0].config["max.compaction.lag.ms"], 1000);
    });

    it("treats a topic without cleanup_policy as delete when warning about compaction settings", () => {
        const { warnings } = loadValid(ordersWith("    configs:", "      min_compaction_lag_ms: 1000"));
        assert.deepStrictEqual(warnings, ['topics.yaml:7: topic "orders": configs.min_compaction_lag_ms: has no effect: it only acts when cleanup_policy includes "compact", and this topic\'s is "delete"']);
    });

    it("names a retention setting given under configs by its configs field when it has no effect", () => {
        const { warnings } = loadValid(ordersWith("    cleanup_policy: compact", "    configs:", "      retention_ms: 1000"));
        assert.deepStrictEqual(warnings, ['topics.yaml:8: topic "orders": configs.retention_ms: has no effect: it only acts when cleanup_policy includes "delete", and this topic\'s is "compact"']);
    });

    it("accepts compact and delete with a space after the comma", () => {
        assert.strictEqual(loadValid(ordersWith('    cleanup_policy: "delete, compact"')).topics[0].config["cleanup.policy"], "compact,delete");
    });

    it("refuses an empty cleanup_policy list, a policy it does not know, and one given twice", () => {
        for (const [policy, got] of [["[]", "a list"], ["delete,bogus", '"delete,bogus"'], ["delete,delete", '"delete,delete"']]) {
            assertOneProblem(problemsOf(ordersWith(`    cleanup_policy: ${policy}`)), 'topics.yaml:6: topic "orders": cleanup_policy: ', new RegExp(`^must be "delete", "compact" or "compact,delete", got ${got.replace(/[.[\]]/g, "\\$&")}$`));
        }
    });

    it("refuses a boolean config that is not true or false", () => {
        assertOneProblem(problemsOf(ordersWith("    configs:", "      preallocate: yes")), 'topics.yaml:7: topic "orders": configs.preallocate: ', /^must be true or false, got "yes"$/);
    });

    it("accepts a boolean config set to true or false and hands it on as that boolean", () => {
        assert.strictEqual(loadValid(ordersWith("    configs:", "      preallocate: true")).topics[0].config.preallocate, true);
        assert.strictEqual(loadValid(ordersWith("    configs:", "      message_downconversion_enable: false")).topics[0].config["message.downconversion.enable"], false);
    });

    it("refuses a cleanup_policy left empty or written as a number", () => {
        for (const [policy, got] of [["", "nothing"], ["1", "1"]]) {
            assertOneProblem(problemsOf(ordersWith(`    cleanup_policy: ${policy}`)), 'topics.yaml:6: topic "orders": cleanup_policy: ', new RegExp(`^must be "delete", "compact" or "compact,delete", got ${got}$`));
        }
    });

    it("refuses a min_cleanable_dirty_ratio written as text or as true", () => {
        for (const [ratio, got] of [['"0.5"', '"0.5"'], ["true", "true"]]) {
            assertOneProblem(problemsOf(ordersWith("    cleanup_policy: compact", "    configs:", `      min_cleanable_dirty_ratio: ${ratio}`)), 'topics.yaml:8: topic "orders": configs.min_cleanable_dirty_ratio: ', new RegExp(`^must be a number from 0 to 1, got ${got}$`));
        }
    });

    it("reports a bad value under configs once, even when the topic also sets that key itself", () => {
        const problems = problemsOf(ordersWith("    retention_ms: 1000", "    configs:", "      retention_ms: soon"));
        assert.deepStrictEqual(problems, ['topics.yaml:8: topic "orders": configs.retention_ms: must be an integer, got "soon"']);
    });

    it("reports a bad value on the topic itself once, even when configs also sets that key", () => {
        const problems = problemsOf(ordersWith("    retention_ms: soon", "    configs:", "      retention_ms: 1000"));
        assert.deepStrictEqual(problems, ['topics.yaml:6: topic "orders": retention_ms: must be an integer, got "soon"']);
    });

    it("refuses a compression_type that is not a string, without a suggestion", () => {
        assertOneProblem(problemsOf(ordersWith("    compression_type: 4")), 'topics.yaml:6: topic "orders": compression_type: ', /^must be one of "uncompressed", "zstd", "lz4", "snappy", "gzip", "producer", got 4$/);
    });

    it("accepts min_cleanable_dirty_ratio 0 and 1, and refuses a negative one", () => {
        for (const ratio of [0, 1]) {
            assert.strictEqual(loadValid(ordersWith("    cleanup_policy: compact", "    configs:", `      min_cleanable_dirty_ratio: ${ratio}`)).topics[0].config["min.cleanable.dirty.ratio"], ratio);
        }
        assertOneProblem(problemsOf(ordersWith("    cleanup_policy: compact", "    configs:", "      min_cleanable_dirty_ratio: -0.5")), 'topics.yaml:8: topic "orders": configs.min_cleanable_dirty_ratio: ', /^must be a number from 0 to 1, got -0\.5$/);
    });

    it("refuses a fractional integer config", () => {
        assertOneProblem(problemsOf(ordersWith("    segment_ms: 1.5")), 'topics.yaml:6: topic "orders": segment_ms: ', /^must be an integer, got 1\.5$/);
    });

    it("refuses an integer too large to hold exactly, pointing to -1 where that means no limit", () => {
        assertOneProblem(problemsOf(ordersWith("    retention_ms: 9007199254740993")), 'topics.yaml:6: topic "orders": retention_ms: ', /^is too large to hold exactly \(above 9007199254740991\); for no limit write -1$/);
        assertOneProblem(problemsOf(ordersWith("    segment_ms: 9007199254740993")), 'topics.yaml:6: topic "orders": segment_ms: ', /^is too large to hold exactly \(above 9007199254740991\)$/);
    });

    it("accepts an integer config at its minimum and maximum, and refuses one above the maximum", () => {
        assert.strictEqual(loadValid(ordersWith("    segment_ms: 1")).topics[0].config["segment.ms"], 1);
        assert.strictEqual(loadValid(ordersWith("    configs:", "      index_interval_bytes: 2147483647")).topics[0].config["index.interval.bytes"], 2147483647);
        assertOneProblem(problemsOf(ordersWith("    configs:", "      index_interval_bytes: 2147483648")), 'topics.yaml:7: topic "orders": configs.index_interval_bytes: ', /^must be at most 2147483647, got 2147483648$/);
    });
});

describe("topic file: removed topics", () => {
    it("refuses a removed topic that is not a mapping, naming it by its position", () => {
        assertOneProblem(problemsOf(removedWith("  - old.orders")), "topics.yaml:7: removed topic #1: ", /^must be a mapping, got "old\.orders"$/);
    });

    it("refuses an unknown field of a removed topic and suggests the one meant", () => {
        const problems = problemsOf(removedWith("  - name: old.orders", "    reason: replaced", "    delete_dta: true"));
        assertOneProblem(problems, 'topics.yaml:9: removed topic "old.orders": delete_dta: ', /^unknown field \(did you mean "delete_data"\?\)$/);
    });

    it("requires a removed topic's name, naming it by its position when missing or empty", () => {
        assertOneProblem(problemsOf(removedWith("  - reason: replaced")), "topics.yaml:7: removed topic #1: name: ", /^is required: the name of the topic taken out of the catalog$/);
        assertOneProblem(problemsOf(removedWith('  - name: ""', "    reason: replaced")), "topics.yaml:7: removed topic #1: name: ", /^is required: the name of the topic taken out of the catalog$/);
    });

    it("refuses a blank reason", () => {
        assertOneProblem(problemsOf(removedWith("  - name: old.orders", '    reason: "  "')), 'topics.yaml:8: removed topic "old.orders": reason: ', /^is required: say why the topic goes/);
    });

    it("refuses a delete_data that is not true or false", () => {
        assertOneProblem(problemsOf(removedWith("  - name: old.orders", "    reason: replaced", "    delete_data: yes")), 'topics.yaml:9: removed topic "old.orders": delete_data: ', /^must be true or false, got "yes"$/);
    });

    it("reports a topic listed twice under removed_topics even when the first entry has a problem of its own", () => {
        const problems = problemsOf(removedWith("  - name: old.orders", "    reason: replaced", "    delete_data: maybe", "  - name: old.orders", "    reason: replaced"));
        assert.deepStrictEqual(problems, ['topics.yaml:9: removed topic "old.orders": delete_data: must be true or false, got "maybe"', 'topics.yaml:10: removed topic "old.orders": name: is listed twice under removed_topics']);
    });

    it("refuses a removed topic still declared under topics even while that topic has a problem", () => {
        const problems = problemsOf(topicFile(yamlLines("topics:", ...ORDERS_TOPIC, "    colour: red", "removed_topics:", "  - name: orders", "    reason: replaced")));
        assert.deepStrictEqual(problems, ['topics.yaml:6: topic "orders": colour: unknown field', 'topics.yaml:8: removed topic "orders": name: is still declared under topics; a topic is either in the catalog or removed from it']);
    });

    it("does not let a group refer to a removed topic", () => {
        const problems = problemsOf({
            "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, "removed_topics:", "  - name: old.orders", "    reason: replaced"),
            "consumer-groups.yaml": yamlLines("consumer_groups:", "  - group_id: billing", "    topics:", "      - old.orders", "    instances: 1"),
        });
        assertOneProblem(problems, 'consumer-groups.yaml:4: group "billing": topics: ', /^"old\.orders" is not a topic of the catalog/);
    });

    it("refuses a topic listed twice under removed_topics, at the second", () => {
        const problems = problemsOf(removedWith("  - name: old.orders", "    reason: replaced", "  - name: old.orders", "    reason: replaced"));
        assertOneProblem(problems, 'topics.yaml:9: removed topic "old.orders": name: ', /^is listed twice under removed_topics$/);
    });
});

describe("topic file: what it hands on", () => {
    /** Reads a topic file of `text` against the default broker limits. */
    function readTopics(text: string) {
        const { result, problems, warnings } = readOne("topics.yaml", text, (yaml, list) => readTopicFile(yaml, DEFAULT_BROKER_LIMITS, list));
        return { topics: byFileName(result.topics), removed: byFileName(result.removedTopics), problems, warnings };
    }

    it("hands on a topic with its description, and an empty description for a topic that has none (which is warned about)", () => {
        const { topics, warnings } = readTopics(yamlLines("topics:", ...ORDERS_TOPIC, "  - name: payments", "    partitions: 3", "    replication_factor: 3"));
        assert.deepStrictEqual(topics, [
            { name: "orders", description: "Customer orders", partitions: 6, replicationFactor: 3, config: {}, source: { file: "topics.yaml", line: 2 } },
            { name: "payments", description: "", partitions: 3, replicationFactor: 3, config: {}, source: { file: "topics.yaml", line: 6 } },
        ]);
        assert.deepStrictEqual(warnings, ['topics.yaml:6: topic "payments": description: is missing: say what the topic carries, for its readers and reviewers']);
    });

    it("hands on only the topics and removed topics without problems, so nothing is built from a refused entry", () => {
        const { topics, removed, problems } = readTopics(
            yamlLines("topics:", ...ORDERS_TOPIC, "  - name: payments", "    description: Payments", "    partitions: 0", "    replication_factor: 3", "removed_topics:", "  - name: old.orders", "    reason: replaced by orders", "  - name: old.payments"),
        );
        assert.deepStrictEqual([topics.map((t) => t.name), removed.map((r) => r.name)], [["orders"], ["old.orders"]]);
        assert.strictEqual(problems.length, 2, problems.join("\n"));
    });
});
