// Tests the advisory about adding partitions to a keyed or compacted topic, against the base branch's catalog.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policySettings, readPackConfig } from "../../policy/local-run";
import { partitionIncrease } from "../../policy/rules/partition-increase";
import { KAFKA_PROVIDER_TOPIC, STRIMZI_TOPIC } from "../../policy/rules/resource-types";
import { violationsOf } from "./policy-harness";
import { scratchDir } from "../scratch";

const BASELINE_TOPICS = "topics:\n  - name: user.events\n    partitions: 12\n  - name: user.state\n    partitions: 6\n    cleanup_policy: compact\n";
const topic = (topicName: string, partitions: number, cleanupPolicy = "delete") => ({ type: STRIMZI_TOPIC, props: { spec: { topicName, partitions, replicas: 3, config: { "cleanup.policy": cleanupPolicy } } } });

describe("partition-increase-on-keyed-topic policy", () => {
    let baselineTopicsDir: string;
    before(() => {
        baselineTopicsDir = scratchDir("baseline-topics-");
        fs.writeFileSync(path.join(baselineTopicsDir, "core-events.yaml"), BASELINE_TOPICS);
    });
    after(() => fs.rmSync(baselineTopicsDir, { recursive: true, force: true }));

    it("accepts a topic whose partitions are as on the base branch", async () => {
        assert.deepStrictEqual(await violationsOf(partitionIncrease, topic("user.events", 12), { baselineTopicsDir }), []);
    });

    it("warns when a keyed topic gets more partitions than on the base branch", async () => {
        const violations = await violationsOf(partitionIncrease, topic("user.events", 24), { baselineTopicsDir });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /"user.events" is keyed and goes from 12 to 24 partitions/);
    });

    it("warns about a compacted topic even when it is not listed as keyed", async () => {
        const violations = await violationsOf(partitionIncrease, topic("user.state", 12, "compact"), { baselineTopicsDir, keyedTopics: [] });
        assert.match(violations[0], /"user.state" is compacted and goes from 6 to 12 partitions/);
    });

    it("says what breaks, per-key ordering (and a compacted key's latest value twice), and what to do instead", async () => {
        const [keyed] = await violationsOf(partitionIncrease, topic("user.events", 24), { baselineTopicsDir });
        assert.strictEqual(
            keyed,
            'Topic "user.events" is keyed and goes from 12 to 24 partitions: existing keys map to new partitions, so per-key ordering breaks across the change. ' +
                "Prefer a new topic and a migration, or confirm consumers tolerate it.",
        );
        const [compacted] = await violationsOf(partitionIncrease, topic("user.state", 12, "compact"), { baselineTopicsDir });
        assert.strictEqual(
            compacted,
            'Topic "user.state" is compacted and goes from 6 to 12 partitions: existing keys map to new partitions, ' +
                "so per-key ordering breaks across the change and a key's latest value can exist twice until compaction. " +
                "Prefer a new topic and a migration, or confirm consumers tolerate it.",
        );
    });

    it("counts a topic as keyed when any one of the keyedTopics patterns matches its whole name", async () => {
        assert.strictEqual((await violationsOf(partitionIncrease, topic("user.events", 24), { baselineTopicsDir, keyedTopics: ["task\\..*", "user\\..*"] })).length, 1);
        assert.deepStrictEqual(await violationsOf(partitionIncrease, topic("user.events", 24), { baselineTopicsDir, keyedTopics: ["user"] }), []);
    });

    it("stays quiet about an unkeyed delete topic, a new topic, and a missing baseline", async () => {
        assert.deepStrictEqual(await violationsOf(partitionIncrease, topic("user.events", 24), { baselineTopicsDir, keyedTopics: ["task\\..*"] }), []);
        assert.deepStrictEqual(await violationsOf(partitionIncrease, topic("task.events", 24), { baselineTopicsDir }), []);
        assert.deepStrictEqual(await violationsOf(partitionIncrease, topic("user.events", 24), { baselineTopicsDir: path.join(baselineTopicsDir, "absent") }), []);
    });

    it("compares, by default and in every stack's policy config, against the folder the pull-request workflow extracts the base branch's topics to", () => {
        const workflow = fs.readFileSync(path.resolve(__dirname, "..", "..", ".github", "workflows", "pull-request.yml"), "utf8");
        const extractedTo = [...workflow.matchAll(/git archive FETCH_HEAD topics \| tar -x -C (\S+)/g)].map((m) => `${m[1]}/topics`);
        assert.ok(extractedTo.length > 0, "the workflow extracts the base branch's topics");
        for (const config of [{}, readPackConfig("prod"), readPackConfig("dr")]) {
            const folder = policySettings(partitionIncrease, config).properties.baselineTopicsDir;
            for (const extracted of extractedTo) assert.strictEqual(folder, extracted);
        }
    });

    it("reads the baseline's .yaml and .yml files, never a backup copy beside them", async () => {
        const dir = scratchDir("baseline-topics-");
        fs.writeFileSync(path.join(dir, "core-events.yml"), "topics:\n  - name: user.events\n    partitions: 12\n");
        fs.writeFileSync(path.join(dir, "state.yaml.orig"), "topics:\n  - name: user.state\n    partitions: 6\n");
        try {
            assert.match((await violationsOf(partitionIncrease, topic("user.events", 24), { baselineTopicsDir: dir }))[0], /goes from 12 to 24 partitions/);
            assert.deepStrictEqual(await violationsOf(partitionIncrease, topic("user.state", 12, "compact"), { baselineTopicsDir: dir }), [], "a topic only a backup file names is new");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("reads a malformed baseline leniently: a file that is not YAML, and entries without a name or a partition count, give no facts", async () => {
        const dir = scratchDir("baseline-topics-");
        fs.writeFileSync(path.join(dir, "broken.yaml"), "topics: [unclosed\n");
        fs.writeFileSync(path.join(dir, "entries.yaml"), 'topics:\n  - null\n  - user.events\n  - name: user.events\n  - name: user.state\n    partitions: "6"\n  - partitions: 12\n');
        try {
            for (const changed of [topic("user.events", 24), topic("user.state", 12, "compact")]) assert.deepStrictEqual(await violationsOf(partitionIncrease, changed, { baselineTopicsDir: dir }), []);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("reads a Kafka provider topic's partitions", async () => {
        const props = { name: "user.events", partitions: 18, replicationFactor: 3, config: {} };
        assert.strictEqual((await violationsOf(partitionIncrease, { type: KAFKA_PROVIDER_TOPIC, props }, { baselineTopicsDir })).length, 1);
    });
});
