// Tests that consumer-groups.yaml is refused, naming the file, line, group and field, for each mistake a team can
// make in it, and that a valid group is read with what it sets.
import * as assert from "assert";
import { DEFAULT_BROKER_LIMITS } from "../../catalog";
import { readGroupsFile } from "../../catalog/groups";
import { assertOneProblem, assertProblem, byFileName, loadValid, ORDERS_TOPIC, problemsOf, readOne, yamlLines } from "./catalog-fixtures";

/** Topics `orders` (6 partitions) and `orders.dlq` (3 partitions), and a groups file of exactly `text`. */
function withGroupsFile(text: string): Record<string, string> {
    return {
        "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, "  - name: orders.dlq", "    description: Failed orders", "    partitions: 3", "    replication_factor: 3"),
        "consumer-groups.yaml": text,
    };
}

/** The topics above and a groups file of `consumer_groups:` and the lines given (the first group on line 2). */
function groupsWith(...lines: string[]): Record<string, string> {
    return withGroupsFile(yamlLines("consumer_groups:", ...lines));
}

/** A valid group on lines 2-5 reading `orders` with two instances, then the extra lines given (from line 6). */
function billing(...extra: string[]): string[] {
    return ["  - group_id: billing", "    topics:", "      - orders", "    instances: 2", ...extra];
}

describe("consumer groups file: its shape", () => {
    it("refuses a file that is a list rather than a mapping", () => {
        assertOneProblem(problemsOf(withGroupsFile(yamlLines("- group_id: billing"))), "consumer-groups.yaml:1: ", /^must be a mapping with a "consumer_groups" list, got a list$/);
    });

    it("refuses an empty file, saying it holds nothing", () => {
        const problems = problemsOf(withGroupsFile(""));
        assert.deepStrictEqual(problems, ['consumer-groups.yaml: must be a mapping with a "consumer_groups" list, got nothing']);
    });

    it("refuses a misspelt top-level key once, suggesting consumer_groups, without also saying the list is missing", () => {
        const problems = problemsOf(withGroupsFile(yamlLines("consumer_group:", ...billing())));
        assert.deepStrictEqual(problems, ['consumer-groups.yaml:1: consumer_group: unknown top-level key; this file holds "consumer_groups" (did you mean "consumer_groups"?)']);
    });

    it("refuses an unrelated top-level key beside the groups, without a suggestion", () => {
        const problems = problemsOf(withGroupsFile(yamlLines("consumer_groups:", ...billing(), "owner: team-a")));
        assert.deepStrictEqual(problems, ['consumer-groups.yaml:6: owner: unknown top-level key; this file holds "consumer_groups"']);
    });

    it("refuses a mapping without consumer_groups", () => {
        assert.deepStrictEqual(problemsOf(withGroupsFile("{}\n")), ["consumer-groups.yaml: consumer_groups: is required"]);
    });

    it("refuses consumer_groups that is a mapping rather than a list", () => {
        const problems = problemsOf(withGroupsFile(yamlLines("consumer_groups:", "  group_id: billing")));
        assertOneProblem(problems, "consumer-groups.yaml:1: consumer_groups: ", /^must be a list, got a mapping$/);
    });

    it("accepts an empty list: a catalog may have no groups yet", () => {
        assert.deepStrictEqual(loadValid(withGroupsFile("consumer_groups: []\n")).groups, []);
    });
});

describe("consumer groups file: group ids", () => {
    it("refuses a group that is not a mapping, naming it by its position", () => {
        const problems = problemsOf(groupsWith(...billing(), "  - payments"));
        assertOneProblem(problems, "consumer-groups.yaml:6: group #2: ", /^must be a mapping, got "payments"$/);
    });

    it("refuses a group without a group_id, naming it by its position, at its line", () => {
        const problems = problemsOf(groupsWith(...billing(), "  - topics:", "      - orders", "    instances: 1"));
        assertOneProblem(problems, "consumer-groups.yaml:6: group #2: group_id: ", /^is required$/);
    });

    it("refuses an empty or non-string group_id, saying what it got", () => {
        const empty = problemsOf(groupsWith('  - group_id: ""', "    topics:", "      - orders", "    instances: 1"));
        assertOneProblem(empty, "consumer-groups.yaml:2: group #1: group_id: ", /^must be a non-empty string, got ""$/);
        const number = problemsOf(groupsWith("  - group_id: 42", "    topics:", "      - orders", "    instances: 1"));
        assertOneProblem(number, "consumer-groups.yaml:2: group #1: group_id: ", /^must be a non-empty string, got 42$/);
    });

    it("refuses a group id that cannot name its KafkaUser and ConfigMap", () => {
        const problems = problemsOf(groupsWith("  - group_id: Billing_Team", "    topics:", "      - orders", "    instances: 1"));
        assertOneProblem(problems, 'consumer-groups.yaml:2: group "Billing_Team": group_id: ', /^must be lower-case letters, digits and "-", at most 63 characters, .*it names the group's KafkaUser and ConfigMap$/);
    });

    it("refuses a group id that is a Kubernetes name only up to a point: an underscore, or a dash at its end", () => {
        for (const id of ["billing_team", "billing-"]) {
            const problems = problemsOf(groupsWith(`  - group_id: ${id}`, "    topics:", "      - orders", "    instances: 1"));
            assertOneProblem(problems, `consumer-groups.yaml:2: group "${id}": group_id: `, /^must be lower-case letters, digits and "-"/);
        }
    });

    it("accepts a group id of one character, a Kubernetes name too", () => {
        assert.strictEqual(loadValid(groupsWith("  - group_id: b", "    topics:", "      - orders", "    instances: 1")).groups[0].groupId, "b");
    });

    it("accepts a group id of 63 characters and refuses one of 64, the Kubernetes name limit", () => {
        const ok = "b".repeat(63);
        assert.strictEqual(loadValid(groupsWith(`  - group_id: ${ok}`, "    topics:", "      - orders", "    instances: 1")).groups[0].groupId, ok);
        const long = "b".repeat(64);
        assertOneProblem(problemsOf(groupsWith(`  - group_id: ${long}`, "    topics:", "      - orders", "    instances: 1")), `consumer-groups.yaml:2: group "${long}": group_id: `, /^must be lower-case letters/);
    });

    it("reports a duplicate group id even when the first declaration has a problem of its own", () => {
        const problems = problemsOf(groupsWith(...billing("    max_poll_record: 500"), ...billing()));
        assert.deepStrictEqual(problems, [
            'consumer-groups.yaml:6: group "billing": max_poll_record: unknown field (did you mean "max_poll_records"?)',
            'consumer-groups.yaml:7: group "billing": group_id: is declared twice; the first is at line 2',
        ]);
    });

    it("finds a duplicate group id wherever group_id stands in the group", () => {
        const group = ["  - instances: 1", "    topics:", "      - orders", "    group_id: billing"];
        assertOneProblem(problemsOf(groupsWith(...group, ...group)), 'consumer-groups.yaml:6: group "billing": group_id: ', /^is declared twice; the first is at line 2$/);
    });

    it("does not call two groups without a usable id duplicates", () => {
        const group = (id: string) => [`  - group_id: ${id}`, "    topics:", "      - orders", "    instances: 1"];
        assert.deepStrictEqual(problemsOf(groupsWith(...group("42"), ...group("42"))), ["consumer-groups.yaml:2: group #1: group_id: must be a non-empty string, got 42", "consumer-groups.yaml:6: group #2: group_id: must be a non-empty string, got 42"]);
        assert.deepStrictEqual(problemsOf(groupsWith(...group('""'), ...group('""'))), ['consumer-groups.yaml:2: group #1: group_id: must be a non-empty string, got ""', 'consumer-groups.yaml:6: group #2: group_id: must be a non-empty string, got ""']);
    });
});

describe("consumer groups file: description and namespace", () => {
    it("keeps a group's description and namespace", () => {
        const [group] = loadValid(groupsWith(...billing("    description: Bills each order", "    namespace: billing-prod"))).groups;
        assert.deepStrictEqual([group.description, group.namespace], ["Bills each order", "billing-prod"]);
    });

    it("refuses a blank description", () => {
        assertOneProblem(problemsOf(groupsWith(...billing('    description: "   "'))), 'consumer-groups.yaml:6: group "billing": description: ', /^must be a non-empty string$/);
        assertOneProblem(problemsOf(groupsWith(...billing("    description: 12"))), 'consumer-groups.yaml:6: group "billing": description: ', /^must be a non-empty string$/);
    });

    it("refuses a namespace that is not a Kubernetes namespace name", () => {
        const problems = problemsOf(groupsWith(...billing("    namespace: Billing_Prod")));
        assertOneProblem(problems, 'consumer-groups.yaml:6: group "billing": namespace: ', /^must be a Kubernetes namespace name \(lower-case letters, digits and "-"\), got "Billing_Prod"$/);
    });
});

describe("consumer groups file: topics and dead-letter topic", () => {
    it("requires the topics a group reads, at the group's line", () => {
        const problems = problemsOf(groupsWith("  - group_id: billing", "    instances: 1"));
        assertOneProblem(problems, 'consumer-groups.yaml:2: group "billing": topics: ', /^is required: the catalog topics the group reads$/);
    });

    it("refuses an empty topics list", () => {
        const problems = problemsOf(groupsWith("  - group_id: billing", "    topics: []", "    instances: 1"));
        assertOneProblem(problems, 'consumer-groups.yaml:3: group "billing": topics: ', /^must be a non-empty list of topic names, got a list$/);
    });

    it("refuses an item of topics that is not a name, and a topic listed twice, each at its own line", () => {
        const problems = problemsOf(groupsWith("  - group_id: billing", "    topics:", "      - orders", "      - name: orders.dlq", "      - orders", "    instances: 1"));
        assert.deepStrictEqual(problems, [
            'consumer-groups.yaml:5: group "billing": topics: must list topic names, got a mapping',
            'consumer-groups.yaml:6: group "billing": topics: lists "orders" twice',
        ]);
    });

    it("refuses a dead_letter_topic that is not a name", () => {
        assertOneProblem(problemsOf(groupsWith(...billing("    dead_letter_topic: [orders.dlq]"))), 'consumer-groups.yaml:6: group "billing": dead_letter_topic: ', /^must be a topic name, got a list$/);
    });

    it("refuses a dead_letter_topic that the group also reads", () => {
        const problems = problemsOf(groupsWith(...billing("    dead_letter_topic: orders")));
        assertOneProblem(problems, 'consumer-groups.yaml:6: group "billing": dead_letter_topic: ', /^"orders" is also one of the group's own topics; failed records would be read back and fail again$/);
    });
});

describe("consumer groups file: instances and consumer settings", () => {
    it("requires instances, at the group's line", () => {
        const problems = problemsOf(groupsWith("  - group_id: billing", "    topics:", "      - orders"));
        assertOneProblem(problems, 'consumer-groups.yaml:2: group "billing": instances: ', /^is required$/);
    });

    it("accepts one instance and refuses a setting above Kafka's int maximum 2147483647", () => {
        assert.strictEqual(loadValid(groupsWith("  - group_id: billing", "    topics:", "      - orders", "    instances: 1")).groups[0].instances, 1);
        assert.strictEqual(loadValid(groupsWith(...billing("    max_poll_interval_ms: 2147483647"))).groups[0].clientConfig["max.poll.interval.ms"], 2147483647);
        assertOneProblem(problemsOf(groupsWith(...billing("    max_poll_interval_ms: 2147483648"))), 'consumer-groups.yaml:6: group "billing": max_poll_interval_ms: ', /^must be at most 2147483647, got 2147483648$/);
    });

    it("accepts session timeouts at the brokers' bounds 6000 and 1800000", () => {
        for (const timeout of [6000, 1800000]) {
            assert.strictEqual(loadValid(groupsWith(...billing(`    session_timeout_ms: ${timeout}`))).groups[0].clientConfig["session.timeout.ms"], timeout);
        }
    });

    it("warns when the heartbeat interval is above a third of the session timeout, and not at a third", () => {
        const { warnings } = loadValid(groupsWith(...billing("    session_timeout_ms: 30000", "    heartbeat_interval_ms: 10001")));
        assert.deepStrictEqual(warnings, ['consumer-groups.yaml:7: group "billing": heartbeat_interval_ms: 10001 is above a third of session_timeout_ms 30000; one lost heartbeat can expel a member']);
        assert.deepStrictEqual(loadValid(groupsWith(...billing("    session_timeout_ms: 30000", "    heartbeat_interval_ms: 10000"))).warnings, []);
    });

    it("warns that auto_commit_interval_ms has no effect only when enable_auto_commit is false", () => {
        const { warnings } = loadValid(groupsWith(...billing("    enable_auto_commit: false", "    auto_commit_interval_ms: 1000")));
        assert.deepStrictEqual(warnings, ['consumer-groups.yaml:7: group "billing": auto_commit_interval_ms: has no effect: enable_auto_commit is false']);
        assert.deepStrictEqual(loadValid(groupsWith(...billing("    enable_auto_commit: true", "    auto_commit_interval_ms: 1000"))).warnings, []);
        assert.deepStrictEqual(loadValid(groupsWith(...billing("    auto_commit_interval_ms: 1000"))).warnings, []);
        assert.deepStrictEqual(loadValid(groupsWith(...billing("    enable_auto_commit: false"))).warnings, []);
    });

    it("warns about instances beyond the partitions of the topics read, counting every topic", () => {
        const one = (instances: number) => groupsWith("  - group_id: billing", "    topics:", "      - orders", `    instances: ${instances}`);
        assert.deepStrictEqual(loadValid(one(7)).warnings, ['consumer-groups.yaml:5: group "billing": instances: 7 instances for 6 partitions: 1 would sit idle']);
        assert.deepStrictEqual(loadValid(one(6)).warnings, []);
        const both = (instances: number) => groupsWith("  - group_id: billing", "    topics:", "      - orders", "      - orders.dlq", `    instances: ${instances}`);
        assert.deepStrictEqual(loadValid(both(10)).warnings, ['consumer-groups.yaml:6: group "billing": instances: 10 instances for 9 partitions: 1 would sit idle']);
        assert.deepStrictEqual(loadValid(both(9)).warnings, []);
    });
});

describe("consumer groups file: every problem at once", () => {
    it("reports problems in several groups in file order", () => {
        const problems = problemsOf(groupsWith("  - group_id: billing", "    topics: [orders]", "    instances: 0", "  - group_id: audit", "    topics: [orders]", "    instances: 1", "    auto_offset_reset: oldest"));
        assertProblem(problems, 'consumer-groups.yaml:4: group "billing": instances: ', /^must be a positive integer, got 0$/);
        assertProblem(problems, 'consumer-groups.yaml:8: group "audit": auto_offset_reset: ', /^must be one of "earliest", "latest", "none", got "oldest"$/);
        assert.strictEqual(problems.length, 2, problems.join("\n"));
    });
});

describe("consumer groups file: what it hands on", () => {
    /** Reads a groups file of `text` knowing `orders` (6 partitions) and `orders.dlq`. */
    function readGroups(text: string, partitionsOf: (topic: string) => number | undefined = (t) => ({ orders: 6 })[t]) {
        const { result, problems, warnings } = readOne("consumer-groups.yaml", text, (yaml, list) => readGroupsFile(yaml, new Set(["orders", "orders.dlq"]), DEFAULT_BROKER_LIMITS, partitionsOf, list));
        return { groups: byFileName(result), problems, warnings };
    }

    it("hands on a group exactly as declared, with no description, namespace or dead-letter topic it does not set", () => {
        assert.deepStrictEqual(readGroups(yamlLines("consumer_groups:", ...billing())).groups, [
            { groupId: "billing", topics: ["orders"], instances: 2, clientConfig: {}, source: { file: "consumer-groups.yaml", line: 2 } },
        ]);
    });

    it("hands on only the groups without problems, so nothing is built from a refused group", () => {
        const { groups, problems } = readGroups(yamlLines("consumer_groups:", ...billing(), "  - group_id: audit", "    topics: [orders]", "    instances: 1", "    colour: red", "  - 42"));
        assert.deepStrictEqual(groups.map((g) => g.groupId), ["billing"]);
        assert.strictEqual(problems.length, 2, problems.join("\n"));
    });

    it("hands on no groups from a file of the wrong shape", () => {
        for (const text of [yamlLines("- group_id: billing"), yamlLines("owner: team-a"), yamlLines("consumer_groups:", "  group_id: billing")]) {
            const { groups, problems } = readGroups(text);
            assert.deepStrictEqual(groups, [], text);
            assert.strictEqual(problems.length, 1, problems.join("\n"));
        }
    });

    it("does not count idle instances while one of the group's topics is refused, as the count would be wrong", () => {
        const { problems, warnings } = readGroups(yamlLines("consumer_groups:", "  - group_id: billing", "    topics: [orders, payments]", "    instances: 7"));
        assert.deepStrictEqual(problems, ['consumer-groups.yaml:3: group "billing": topics: "payments" is not a topic of the catalog']);
        assert.deepStrictEqual(warnings, []);
    });

    it("does not count idle instances when the partitions of its topics are unknown (a topic refused for its own problem)", () => {
        const { groups, warnings } = readGroups(yamlLines("consumer_groups:", ...billing()), () => undefined);
        assert.strictEqual(groups.length, 1);
        assert.deepStrictEqual(warnings, []);
    });
});

describe("consumer groups file: whole numbers", () => {
    it("refuses instances written as text or as a fraction, saying what it got", () => {
        const group = (instances: string) => groupsWith("  - group_id: billing", "    topics:", "      - orders", `    instances: ${instances}`);
        assertOneProblem(problemsOf(group('"2"')), 'consumer-groups.yaml:5: group "billing": instances: ', /^must be a positive integer, got "2"$/);
        assertOneProblem(problemsOf(group("1.5")), 'consumer-groups.yaml:5: group "billing": instances: ', /^must be a positive integer, got 1.5$/);
    });
});
