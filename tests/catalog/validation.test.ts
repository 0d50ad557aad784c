// Tests that the catalog loader refuses each kind of bad input with a message naming the file, line, entry and field.
import * as assert from "assert";
import * as path from "path";
import { loadCatalog, topicCrName } from "../../catalog";
import {
    assertOneProblem,
    assertProblem,
    loadValid,
    ORDERS_FILE,
    ORDERS_TOPIC,
    problemsOf,
    yamlLines,
} from "./catalog-fixtures";

/** A topic file with one topic, `orders`, and the extra lines given (from line 6 on). */
function ordersWith(...extra: string[]): Record<string, string> {
    return { "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, ...extra) };
}

/** A topic file with one topic named `name` (the name on line 2). */
function topicNamed(name: string): Record<string, string> {
    return { "topics.yaml": yamlLines("topics:", `  - name: ${JSON.stringify(name)}`, "    description: A topic", "    partitions: 3", "    replication_factor: 3") };
}

/** The `orders` topic file plus a groups file with the lines given (the first group's id on line 2). */
function groupsWith(...lines: string[]): Record<string, string> {
    return {
        "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, "  - name: orders.dlq", "    description: Failed orders", "    partitions: 3", "    replication_factor: 3"),
        "consumer-groups.yaml": yamlLines("consumer_groups:", ...lines),
    };
}

/** A valid group (lines 2-5) reading orders, to which a test adds its own settings. */
const BILLING_GROUP = ["  - group_id: billing", "    topics:", "      - orders", "    instances: 2"];

/** A valid topic entry of four lines. */
function topicLines(name: string): string[] {
    return [`  - name: ${name}`, "    description: A topic", "    partitions: 3", "    replication_factor: 3"];
}

/** A topic file whose `orders` topic has `partitions: VALUE` on line 4. */
function ordersPartitions(value: string): Record<string, string> {
    return { "topics.yaml": yamlLines("topics:", "  - name: orders", "    description: Orders", `    partitions: ${value}`, "    replication_factor: 3") };
}

/** A topic file whose `orders` topic has `replication_factor: VALUE` on line 5. */
function ordersReplicationFactor(value: string, ...extra: string[]): Record<string, string> {
    return { "topics.yaml": yamlLines("topics:", "  - name: orders", "    description: Orders", "    partitions: 6", `    replication_factor: ${value}`, ...extra) };
}

/** The `orders` topic file plus a producers file with the lines given (the first service on line 2). */
function producersWith(...lines: string[]): Record<string, string> {
    return { "topics.yaml": ORDERS_FILE, "producers.yaml": yamlLines("producers:", ...lines) };
}

const ORDERS_PRODUCER = ["  - service: shop", "    topics:", "      - orders"];

/** The names of the real catalog's topics. */
function loadCatalogNames(): string[] {
    return loadCatalog({ topics: path.join(__dirname, "..", "..", "topics") }).topics.map((t) => t.name);
}

describe("catalog validation: topic fields", () => {
    it("refuses an unknown field and suggests the field meant", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", "  - name: orders", "    description: Orders", "    partitons: 6", "    replication_factor: 3") });
        assertProblem(problems, 'topics.yaml:4: topic "orders": partitons: ', /^unknown field \(did you mean "partitions"\?\)$/);
        assert.strictEqual(problems.length, 2, problems.join("\n")); // and partitions: is required
    });

    it("reports a missing required field at the line of its topic", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", "  - name: orders", "    description: Orders", "    partitons: 6", "    replication_factor: 3") });
        assertProblem(problems, 'topics.yaml:2: topic "orders": partitions: ', /^is required$/);
    });

    it("refuses a topic config written at the top level and says to move it under configs", () => {
        assertOneProblem(problemsOf(ordersWith("    max_message_bytes: 1048576")), 'topics.yaml:6: topic "orders": max_message_bytes: ', /put it under "configs"/);
    });

    it("refuses an unknown config key", () => {
        assertOneProblem(problemsOf(ordersWith("    configs:", "      retention_hours: 12")), 'topics.yaml:7: topic "orders": configs.retention_hours: ', /^unknown topic config/);
    });

    it("suggests the config key meant for a misspelt one", () => {
        assertOneProblem(problemsOf(ordersWith("    configs:", "      max_mesage_bytes: 1048576")), 'topics.yaml:7: topic "orders": configs.max_mesage_bytes: ', /did you mean "max_message_bytes"/);
    });

    it("refuses a config key in Kafka's dotted spelling and gives the catalog's spelling", () => {
        assertOneProblem(problemsOf(ordersWith("    configs:", "      max.message.bytes: 1048576")), 'topics.yaml:7: topic "orders": configs.max.message.bytes: ', /write Kafka's "max.message.bytes" as "max_message_bytes"/);
    });

    it("refuses unclean_leader_election_enable, even set to false", () => {
        assertOneProblem(problemsOf(ordersWith("    configs:", "      unclean_leader_election_enable: true")), 'topics.yaml:7: topic "orders": configs.unclean_leader_election_enable: ', /^not allowed: unclean leader election can lose/);
        assertOneProblem(problemsOf(ordersWith("    configs:", "      unclean_leader_election_enable: false")), 'topics.yaml:7: topic "orders": configs.unclean_leader_election_enable: ', /^not allowed/);
    });

    it("warns about a topic without a description, and refuses an empty one", () => {
        const catalog = loadValid({ "topics.yaml": yamlLines("topics:", "  - name: orders", "    partitions: 6", "    replication_factor: 3") });
        assert.deepStrictEqual(catalog.warnings, ['topics.yaml:2: topic "orders": description: is missing: say what the topic carries, for its readers and reviewers']);
        assert.strictEqual(catalog.topics[0].description, "");
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", "  - name: orders", '    description: ""', "    partitions: 6", "    replication_factor: 3") });
        assertOneProblem(problems, 'topics.yaml:3: topic "orders": description: ', /^must be a non-empty string/);
    });
});

describe("catalog validation: topic names", () => {
    it("refuses characters Kafka does not allow in a topic name, naming them", () => {
        assertOneProblem(problemsOf(topicNamed("orders/v1 eu")), 'topics.yaml:2: topic "orders/v1 eu": name: ', /contains "\/", " "; Kafka topic names use only/);
    });

    it("refuses a name of 250 characters and accepts one of 249", () => {
        const long = "o".repeat(250);
        assertOneProblem(problemsOf(topicNamed(long)), `topics.yaml:2: topic "${long}": name: `, /^is 250 characters long; Kafka allows at most 249$/);
        assert.strictEqual(loadValid(topicNamed("o".repeat(249))).topics[0].name.length, 249);
    });

    it('refuses "." and ".." as topic names', () => {
        assertOneProblem(problemsOf(topicNamed(".")), 'topics.yaml:2: topic ".": name: ', /^"\." is not a legal Kafka topic name$/);
        assertOneProblem(problemsOf(topicNamed("..")), 'topics.yaml:2: topic "..": name: ', /^"\.\." is not a legal Kafka topic name$/);
    });

    it('refuses a name with the reserved "__" prefix', () => {
        assertOneProblem(problemsOf(topicNamed("__orders")), 'topics.yaml:2: topic "__orders": name: ', /reserved for Kafka's and Strimzi's internal topics/);
    });

    it("refuses a topic declared twice, in one file or across files, pointing at the first", () => {
        const sameFile = problemsOf({ "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, ...ORDERS_TOPIC) });
        assertOneProblem(sameFile, 'topics.yaml:6: topic "orders": name: ', /^is declared twice; the first is at topics\.yaml:2$/);
        const twoFiles = problemsOf({ "a.yaml": ORDERS_FILE, "b.yaml": ORDERS_FILE });
        assertOneProblem(twoFiles, 'b.yaml:2: topic "orders": name: ', /^is declared twice; the first is at a\.yaml:2$/);
    });

    it('refuses two names that differ only in "." against "_"', () => {
        const problems = problemsOf({
            "topics.yaml": yamlLines("topics:", ...topicLines("orders.created"), ...topicLines("orders_created")),
        });
        assertOneProblem(problems, 'topics.yaml:6: topic "orders_created": name: ', /^collides with "orders\.created" \(topics\.yaml:2\): Kafka treats "\." and "_" alike/);
    });

    it("refuses a topic whose KafkaTopic resource name another topic already maps to", () => {
        const lookalike = topicCrName("orders_v1"); // "orders-v1-<hash>", itself a valid resource name
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", ...topicLines("orders_v1"), ...topicLines(lookalike)) });
        assertOneProblem(problems, `topics.yaml:6: topic "${lookalike}": name: `, new RegExp(`^maps to the KafkaTopic resource name "${lookalike}", as "orders_v1" does`));
    });
});

describe("catalog validation: partitions and replication", () => {
    it("refuses 0 partitions", () => {
        assertOneProblem(problemsOf(ordersPartitions("0")), 'topics.yaml:4: topic "orders": partitions: ', /^must be at least 1, got 0$/);
    });

    it("refuses a fractional partition count", () => {
        assertOneProblem(problemsOf(ordersPartitions("1.5")), 'topics.yaml:4: topic "orders": partitions: ', /^must be an integer, got 1\.5$/);
    });

    it("refuses a partition count written as a string", () => {
        assertOneProblem(problemsOf(ordersPartitions('"12"')), 'topics.yaml:4: topic "orders": partitions: ', /^must be an integer, got "12"$/);
    });

    it("refuses replication factor 0", () => {
        assertOneProblem(problemsOf(ordersReplicationFactor("0")), 'topics.yaml:5: topic "orders": replication_factor: ', /^must be at least 1, got 0$/);
    });

    it("refuses a replication factor above the broker count, naming the count", () => {
        assertOneProblem(problemsOf(ordersReplicationFactor("7")), 'topics.yaml:5: topic "orders": replication_factor: ', /^must be at most 6, got 7 \(the cluster has 6 brokers\)$/);
        assert.strictEqual(loadValid(ordersReplicationFactor("6")).topics[0].replicationFactor, 6);
    });

    it("refuses min_insync_replicas above the replication factor", () => {
        assertOneProblem(problemsOf(ordersReplicationFactor("2", "    min_insync_replicas: 3")), 'topics.yaml:6: topic "orders": min_insync_replicas: ', /^3 is above the replication factor 2/);
    });

    it("warns when min_insync_replicas equals the replication factor", () => {
        const { warnings } = loadValid(ordersReplicationFactor("3", "    min_insync_replicas: 3"));
        assert.deepStrictEqual(warnings.length, 1);
        assert.match(warnings[0], /^topics\.yaml:6: topic "orders": min_insync_replicas: equals the replication factor 3/);
    });
});

describe("catalog validation: topic configs", () => {
    it("refuses a cleanup_policy outside delete, compact and compact,delete", () => {
        assertOneProblem(problemsOf(ordersWith("    cleanup_policy: compacted")), 'topics.yaml:6: topic "orders": cleanup_policy: ', /^must be "delete", "compact" or "compact,delete", got "compacted"$/);
    });

    it("accepts compact,delete in either order or as a list, as Kafka's compact,delete", () => {
        for (const policy of ["compact,delete", "delete,compact", "[delete, compact]"]) {
            assert.strictEqual(loadValid(ordersWith(`    cleanup_policy: ${policy}`)).topics[0].config["cleanup.policy"], "compact,delete", policy);
        }
    });

    it("refuses a compression_type Kafka does not know and suggests the one meant", () => {
        assertOneProblem(problemsOf(ordersWith("    compression_type: lz5")), 'topics.yaml:6: topic "orders": compression_type: ', /^must be one of "uncompressed", "zstd", "lz4", "snappy", "gzip", "producer", got "lz5" \(did you mean "lz4"\?\)$/);
    });

    it("refuses retention_ms 0 and -2, and accepts -1 (no limit)", () => {
        assertOneProblem(problemsOf(ordersWith("    retention_ms: 0")), 'topics.yaml:6: topic "orders": retention_ms: ', /^must be -1 \(no limit\) or at least 1, got 0$/);
        assertOneProblem(problemsOf(ordersWith("    retention_ms: -2")), 'topics.yaml:6: topic "orders": retention_ms: ', /^must be -1 \(no limit\) or at least 1, got -2$/);
        assert.strictEqual(loadValid(ordersWith("    retention_ms: -1")).topics[0].config["retention.ms"], -1);
    });

    it("refuses segment_ms 0", () => {
        assertOneProblem(problemsOf(ordersWith("    segment_ms: 0")), 'topics.yaml:6: topic "orders": segment_ms: ', /^must be at least 1, got 0$/);
    });

    it("refuses max_message_bytes above the brokers' message.max.bytes 10485760", () => {
        assertOneProblem(problemsOf(ordersWith("    configs:", "      max_message_bytes: 10485761")), 'topics.yaml:7: topic "orders": configs.max_message_bytes: ', /^10485761 is above the brokers' message\.max\.bytes 10485760$/);
        assert.strictEqual(loadValid(ordersWith("    configs:", "      max_message_bytes: 10485760")).topics[0].config["max.message.bytes"], 10485760);
    });

    it("refuses min_cleanable_dirty_ratio 1.5", () => {
        assertOneProblem(problemsOf(ordersWith("    cleanup_policy: compact", "    configs:", "      min_cleanable_dirty_ratio: 1.5")), 'topics.yaml:8: topic "orders": configs.min_cleanable_dirty_ratio: ', /^must be a number from 0 to 1, got 1\.5$/);
    });

    it("refuses a setting given on the topic and under configs with different values", () => {
        assertOneProblem(problemsOf(ordersWith("    segment_ms: 86400000", "    configs:", "      segment_ms: 3600000")), 'topics.yaml:8: topic "orders": configs.segment_ms: ', /^3600000 contradicts segment_ms: 86400000 set on the topic itself/);
    });

    it("only warns when a setting is repeated under configs with the same value", () => {
        const catalog = loadValid(ordersWith("    segment_ms: 86400000", "    configs:", "      segment_ms: 86400000"));
        assert.strictEqual(catalog.topics[0].config["segment.ms"], 86400000);
        assert.strictEqual(catalog.warnings.length, 1);
        assert.match(catalog.warnings[0], /^topics\.yaml:8: topic "orders": configs\.segment_ms: repeats segment_ms: 86400000 set on the topic itself; the duplicate has no effect$/);
    });

    it("warns that compaction settings have no effect on a delete topic, and keeps them", () => {
        const catalog = loadValid(ordersWith("    cleanup_policy: delete", "    configs:", "      min_compaction_lag_ms: 86400000"));
        assert.strictEqual(catalog.topics[0].config["min.compaction.lag.ms"], 86400000);
        assert.strictEqual(catalog.warnings.length, 1);
        assert.match(catalog.warnings[0], /^topics\.yaml:8: topic "orders": configs\.min_compaction_lag_ms: has no effect: it only acts when cleanup_policy includes "compact", and this topic's is "delete"$/);
    });

    it("warns about a retention limit on a compacted topic, but not about retention_ms -1", () => {
        const limited = loadValid(ordersWith("    cleanup_policy: compact", "    retention_ms: 604800000"));
        assert.strictEqual(limited.warnings.length, 1);
        assert.match(limited.warnings[0], /^topics\.yaml:7: topic "orders": retention_ms: has no effect/);
        assert.deepStrictEqual(loadValid(ordersWith("    cleanup_policy: compact", "    retention_ms: -1")).warnings, []);
    });
});

describe("catalog validation: YAML", () => {
    it("reports a YAML syntax error with its line and column", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", "  - name: orders", "    description: Orders", "    partitions: 6", "  replication_factor: 3") });
        assertOneProblem(problems, "topics.yaml:5:3: YAML: ", /bad indentation of a mapping entry/);
    });

    it("reports an unreadable topic file once, without knock-on problems about the topics it would have declared", () => {
        const problems = problemsOf({
            "orders.yaml": yamlLines("topics:", "  - name: orders", "    description: Orders", "      partitions: 6", "    replication_factor: 3"),
            "payments.yaml": yamlLines("topics:", ...topicLines("payments")),
            "consumer-groups.yaml": yamlLines("consumer_groups:", "  - group_id: billing", "    topics:", "      - orders", "      - payments", "    instances: 2"),
            "producers.yaml": yamlLines("producers:", "  - service: shop", "    topics:", "      - orders"),
        });
        assertOneProblem(problems, "orders.yaml:4:17: YAML: ", /bad indentation of a mapping entry/);
    });

    it("refuses a key given twice in one mapping, at the second one's line", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, "    partitions: 12") });
        assertOneProblem(problems, "topics.yaml:6:5: YAML: ", /a key is given twice in one mapping; each key must be unique/);
    });

    it("refuses a YAML anchor and its aliases, at the anchor's line", () => {
        const problems = problemsOf({
            "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, "    retention_ms: &week 604800000", ...topicLines("payments"), "    retention_ms: *week"),
        });
        assertOneProblem(problems, "topics.yaml:6: YAML: ", /^the anchor &week \(and its aliases\) is not supported/);
    });

    it("reports a syntax error in the groups file too, naming that file", () => {
        const problems = problemsOf({ "topics.yaml": ORDERS_FILE, "consumer-groups.yaml": yamlLines("consumer_groups:", "  - group_id: billing", "    topics: [orders", "    instances: 2") });
        assert.ok(problems.length >= 1);
        assert.ok(problems.every((p) => p.startsWith("consumer-groups.yaml:")), problems.join("\n"));
    });

    it("reports every problem of every file at once", () => {
        const problems = problemsOf({
            "a.yaml": yamlLines(
                "topics:",
                "  - name: orders",
                "    description: Orders",
                "    partitions: 0", // 1: partitions
                "    replication_factor: 9", // 2: above the broker count
                "    compression_type: zip", // 3: enum
                "  - name: bad name", // 4: illegal character
                "    description: A topic",
                "    partitions: 3",
                "    replication_factor: 3",
            ),
            "b.yaml": yamlLines("topics:", "  - name: payments", "    description: Payments", "    partitions: 3", "    replication_factor: 3", "    configs:", "      retention.ms: 1"), // 5: dotted key
            "consumer-groups.yaml": yamlLines("consumer_groups:", "  - group_id: billing", "    topics:", "      - payment", "    instances: 0"), // 6: unknown topic, 7: instances
        });
        assert.deepStrictEqual(
            problems.map((p) => p.split(": ").slice(0, 3).join(": ")),
            [
                'a.yaml:4: topic "orders": partitions',
                'a.yaml:5: topic "orders": replication_factor',
                'a.yaml:6: topic "orders": compression_type',
                'a.yaml:7: topic "bad name": name',
                'b.yaml:7: topic "payments": configs.retention.ms',
                'consumer-groups.yaml:4: group "billing": topics',
                'consumer-groups.yaml:5: group "billing": instances',
            ],
        );
    });
});

describe("catalog validation: consumer groups", () => {
    it("accepts a valid group and maps its settings to Kafka's consumer property names", () => {
        const catalog = loadValid(groupsWith(...BILLING_GROUP, "    session_timeout_ms: 30000", "    heartbeat_interval_ms: 3000", "    auto_offset_reset: earliest", "    enable_auto_commit: false"));
        assert.deepStrictEqual(catalog.groups.map((g) => [g.groupId, g.topics, g.instances, g.clientConfig]), [
            ["billing", ["orders"], 2, { "session.timeout.ms": 30000, "heartbeat.interval.ms": 3000, "auto.offset.reset": "earliest", "enable.auto.commit": false }],
        ]);
    });

    it("refuses a topic the catalog does not have and suggests the one meant", () => {
        const problems = problemsOf(groupsWith("  - group_id: billing", "    topics:", "      - ordres", "    instances: 2"));
        assertOneProblem(problems, 'consumer-groups.yaml:4: group "billing": topics: ', /^"ordres" is not a topic of the catalog \(did you mean "orders"\?\)$/);
    });

    it("refuses a group id declared twice", () => {
        const problems = problemsOf(groupsWith(...BILLING_GROUP, ...BILLING_GROUP));
        assertOneProblem(problems, 'consumer-groups.yaml:6: group "billing": group_id: ', /^is declared twice; the first is at line 2$/);
    });

    it("refuses a heartbeat interval not below the session timeout", () => {
        const problems = problemsOf(groupsWith(...BILLING_GROUP, "    session_timeout_ms: 30000", "    heartbeat_interval_ms: 30000"));
        assertOneProblem(problems, 'consumer-groups.yaml:7: group "billing": heartbeat_interval_ms: ', /^30000 must be below session_timeout_ms 30000$/);
    });

    it("refuses a session timeout outside the brokers' group.min/max.session.timeout.ms", () => {
        for (const timeout of [5999, 1800001]) {
            const problems = problemsOf(groupsWith(...BILLING_GROUP, `    session_timeout_ms: ${timeout}`));
            assertOneProblem(problems, 'consumer-groups.yaml:6: group "billing": session_timeout_ms: ', new RegExp(`^${timeout} is outside the brokers' group\\.min\\.session\\.timeout\\.ms 6000 to group\\.max\\.session\\.timeout\\.ms 1800000`));
        }
    });

    it("refuses an auto_offset_reset other than earliest, latest or none", () => {
        const problems = problemsOf(groupsWith(...BILLING_GROUP, "    auto_offset_reset: smallest"));
        assertOneProblem(problems, 'consumer-groups.yaml:6: group "billing": auto_offset_reset: ', /^must be one of "earliest", "latest", "none", got "smallest"$/);
    });

    it("refuses 0 instances", () => {
        const problems = problemsOf(groupsWith("  - group_id: billing", "    topics:", "      - orders", "    instances: 0"));
        assertOneProblem(problems, 'consumer-groups.yaml:5: group "billing": instances: ', /^must be a positive integer, got 0$/);
    });

    it("refuses an enable_auto_commit that is not true or false", () => {
        const problems = problemsOf(groupsWith(...BILLING_GROUP, "    enable_auto_commit: yes"));
        assertOneProblem(problems, 'consumer-groups.yaml:6: group "billing": enable_auto_commit: ', /^must be true or false, got "yes"$/);
    });

    it("refuses an unknown group field and suggests the field meant", () => {
        const problems = problemsOf(groupsWith(...BILLING_GROUP, "    max_poll_record: 500"));
        assertOneProblem(problems, 'consumer-groups.yaml:6: group "billing": max_poll_record: ', /^unknown field \(did you mean "max_poll_records"\?\)$/);
    });

    it("refuses a dead_letter_topic the catalog does not have", () => {
        const problems = problemsOf(groupsWith(...BILLING_GROUP, "    dead_letter_topic: orders.dql"));
        assertOneProblem(problems, 'consumer-groups.yaml:6: group "billing": dead_letter_topic: ', /^"orders\.dql" is not a topic of the catalog \(did you mean "orders\.dlq"\?\)$/);
        assert.strictEqual(loadValid(groupsWith(...BILLING_GROUP, "    dead_letter_topic: orders.dlq")).groups[0].deadLetterTopic, "orders.dlq");
    });

    it("does not report a group's reference to a topic that is declared but invalid", () => {
        const problems = problemsOf({
            "topics.yaml": yamlLines("topics:", "  - name: orders", "    description: Orders", "    partitions: 0", "    replication_factor: 3"),
            "consumer-groups.yaml": yamlLines("consumer_groups:", ...BILLING_GROUP),
        });
        assertOneProblem(problems, 'topics.yaml:4: topic "orders": partitions: ', /must be at least 1/);
    });
});

describe("catalog validation: producers", () => {
    it("accepts a valid producer", () => {
        assert.deepStrictEqual(loadValid(producersWith(...ORDERS_PRODUCER)).producers.map((p) => [p.service, p.topics, p.transactional]), [["shop", ["orders"], false]]);
    });

    it("refuses a topic the catalog does not have and suggests the one meant", () => {
        const problems = problemsOf(producersWith("  - service: shop", "    topics:", "      - order"));
        assertOneProblem(problems, 'producers.yaml:4: producer "shop": topics: ', /^"order" is not a topic of the catalog \(did you mean "orders"\?\)$/);
    });

    it("refuses a service declared twice", () => {
        const problems = problemsOf(producersWith(...ORDERS_PRODUCER, ...ORDERS_PRODUCER));
        assertOneProblem(problems, 'producers.yaml:5: producer "shop": service: ', /^is declared twice; the first is at line 2$/);
    });

    it("refuses an unknown producer field and suggests the field meant", () => {
        const problems = problemsOf(producersWith(...ORDERS_PRODUCER, "    transactionnal: true"));
        assertOneProblem(problems, 'producers.yaml:5: producer "shop": transactionnal: ', /^unknown field \(did you mean "transactional"\?\)$/);
    });
});

describe("catalog validation: removed topics", () => {
    it("refuses a removed topic without a reason", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, "removed_topics:", "  - name: old.orders", "    delete_data: false") });
        assertOneProblem(problems, 'topics.yaml:7: removed topic "old.orders": reason: ', /^is required: say why the topic goes/);
    });

    it("refuses a removed topic that is still declared under topics", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, "removed_topics:", "  - name: orders", "    reason: replaced") });
        assertOneProblem(problems, 'topics.yaml:7: removed topic "orders": name: ', /still declared under topics/);
    });

    it("reads a removed topic's reason and keeps its data unless delete_data is true", () => {
        const catalog = loadValid({ "topics.yaml": yamlLines("topics:", ...ORDERS_TOPIC, "removed_topics:", "  - name: old.orders", "    reason: replaced by orders", "  - name: tmp.orders", "    reason: scratch", "    delete_data: true") });
        assert.deepStrictEqual(catalog.removedTopics.map((r) => [r.name, r.reason, r.deleteData]), [["old.orders", "replaced by orders", false], ["tmp.orders", "scratch", true]]);
    });
});

describe("catalog validation: line numbers", () => {
    it("points at the line of the faulty value deep in a file", () => {
        const problems = problemsOf({
            "topics.yaml": yamlLines("# Orders and payments.", "", "topics:", ...topicLines("payments"), "", "  # The orders.", ...ORDERS_TOPIC, "    configs:", "      max_message_bytes: 20971520"),
        });
        assertOneProblem(problems, 'topics.yaml:15: topic "orders": configs.max_message_bytes: ', /is above/);
    });

    it("points at the line of the second topic's bad field, not the first topic's", () => {
        const problems = problemsOf({ "topics.yaml": yamlLines("topics:", ...topicLines("payments"), "  - name: orders", "    description: Orders", "    partitions: -3", "    replication_factor: 3") });
        assertOneProblem(problems, 'topics.yaml:8: topic "orders": partitions: ', /at least 1/);
    });
});

describe("topicCrName", () => {
    const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

    it("keeps a topic name that is already a valid DNS-1123 subdomain", () => {
        for (const name of ["user.events", "cdc.tasks-changes", "sales.pyxis.order.created", "a"]) assert.strictEqual(topicCrName(name), name);
    });

    it("maps every other legal topic name to a valid DNS-1123 subdomain of at most 253 characters", () => {
        const names = ["analytics.page_views", "Orders", "_private", "-lead", "trail-", "a..b", "x.-y", "___", "UPPER_CASE.Topic-1", "o".repeat(240) + "_Z", "A".repeat(249)];
        for (const name of names) {
            const crName = topicCrName(name);
            assert.match(crName, DNS_1123_SUBDOMAIN, `${name} -> ${crName}`);
            assert.ok(crName.length <= 253, `${name} -> ${crName.length} characters`);
        }
    });

    it("gives the same name every time, so a deployed KafkaTopic is never replaced", () => {
        // Pinned: a changed mapping would replace every such KafkaTopic, and Strimzi would delete the topic.
        assert.strictEqual(topicCrName("dlq.processing_errors"), "dlq-processing-errors-866fe4f259");
        assert.strictEqual(topicCrName("analytics.page_views"), "analytics-page-views-a484659885");
        assert.strictEqual(topicCrName("Orders"), topicCrName("Orders"));
    });

    it("gives distinct names to names that read alike", () => {
        const pairs = [["a_b", "a-b"], ["a_b", "a.b"], ["Orders", "orders"], ["ORDERS", "Orders"], ["a__b", "a_b"]];
        for (const [x, y] of pairs) assert.notStrictEqual(topicCrName(x), topicCrName(y), `${x} and ${y}`);
    });

    it("gives distinct valid names to every topic of the catalog", () => {
        const catalogNames = loadCatalogNames();
        assert.ok(catalogNames.length >= 40, `the catalog holds the design's topics: ${catalogNames.length}`);
        const crNames = catalogNames.map(topicCrName);
        assert.strictEqual(new Set(crNames).size, catalogNames.length);
        for (const crName of crNames) assert.match(crName, DNS_1123_SUBDOMAIN);
    });
});
