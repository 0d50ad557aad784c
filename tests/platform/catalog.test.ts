// Tests the stack's catalog step in process: the catalog is loaded and held against the last deployment before anything is registered.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { loadCatalog } from "../../catalog";
import { DeployedTopic } from "../../specs/topic-state";
import { renderStack } from "../../render/render";
import { ROOT } from "./stack-helpers";
// Loaded with this file, as index.ts loads it, so its constants exist before any test runs (mutation testing
// can only change a constant of a module loaded after it activates a mutant).
import { loadStackCatalog } from "../../platform/catalog";
import { scratchDir } from "../scratch";
import { stackConfig } from "../specs/stack-fixtures";

const TOPICS = path.join(ROOT, "topics");
const deployedCatalog = (): DeployedTopic[] =>
    loadCatalog({ topics: TOPICS }).topics.map((t) => ({ name: t.name, partitions: t.partitions, replicationFactor: t.replicationFactor, released: false }));

/** The error a render of prod over `previous` (and `catalog`) stops with; fails when it goes ahead. */
async function refusalOf(options: { previous?: DeployedTopic[]; catalog?: string }): Promise<Error> {
    return renderStack({ root: ROOT, stack: "prod", catalog: options.catalog ?? TOPICS, previous: options.previous }).then(
        () => assert.fail("the stack rendered, but it should have been refused"),
        (err: Error) => err,
    );
}

describe("the stack's catalog and its last deployment (platform/catalog)", () => {
    it("refuses a partition decrease and a replication factor change against the last deployment, listing every one as the preview's error", async () => {
        const previous = deployedCatalog().map((t) => (t.name === "task.events" ? { ...t, partitions: 96 } : t.name === "audit.events" ? { ...t, replicationFactor: 5 } : t));
        const refusal = await refusalOf({ previous });
        // A RunError is printed as its message alone, without a stack trace burying the list.
        assert.ok(pulumi.RunError.isInstance(refusal), `a ${refusal.constructor.name}: ${refusal.message}`);
        assert.match(refusal.message, /^the catalog would lose data \(2 problems\):/);
        assert.match(refusal.message, /topics\/core-events\.yaml:\d+: topic "task\.events": partitions: 96 -> 48 is a decrease/);
        assert.match(refusal.message, /topic "audit\.events": replication_factor: 5 -> 3/);
    });

    it("refuses a topic the last deployment holds that left the catalog without a removed_topics entry", async () => {
        const refusal = await refusalOf({ previous: [...deployedCatalog(), { name: "legacy.orders", partitions: 6, replicationFactor: 3, released: false }] });
        assert.ok(pulumi.RunError.isInstance(refusal));
        assert.match(refusal.message, /topic "legacy\.orders": was removed from the catalog/);
    });

    it("records every catalog topic, unreleased, under the stack output deployedTopics that the next run reads", async () => {
        const { outputs } = await renderStack({ root: ROOT, stack: "prod", catalog: TOPICS });
        const recorded = outputs.deployedTopics as DeployedTopic[];
        for (const topic of deployedCatalog()) assert.deepStrictEqual(recorded.find((r) => r.name === topic.name), topic);
    });

    it("refuses a malformed record of the last deployment, naming the stack it was read from", async () => {
        const refusal = await refusalOf({ previous: [{ name: "task.events", partitions: "48" } as unknown as DeployedTopic] });
        assert.match(refusal.message, /^stack organization\/kafka-platform\/prod: deployedTopics\[0\] must have name, partitions and replicationFactor/);
    });

    it("shows the plan's warnings in the preview: a partition increase over the last deployment", async () => {
        const previous = deployedCatalog().map((t) => (t.name === "task.events" ? { ...t, partitions: 24 } : t));
        const warned: string[] = [];
        const log = pulumi.log as { warn: (message: string) => Promise<void> };
        const warn = log.warn;
        log.warn = async (message: string) => void warned.push(message);
        try {
            await renderStack({ root: ROOT, stack: "prod", catalog: TOPICS, previous });
        } finally {
            log.warn = warn;
        }
        assert.deepStrictEqual(warned.filter((w) => w.includes('topic "task.events": partitions:')).length, 1, warned.join("\n"));
        assert.match(warned.find((w) => w.includes('topic "task.events": partitions:')) ?? "", /goes from 24 to 48 partitions/);
    });

    it("refuses an invalid catalog listing every problem as the preview's error", async () => {
        const refusal = await refusalOf({ catalog: path.join(ROOT, "tests", "fixtures", "bad-catalog") });
        assert.ok(pulumi.RunError.isInstance(refusal), `a ${refusal.constructor.name}: ${refusal.message}`);
        assert.match(refusal.message, /topic "orders"/);
        assert.match(refusal.message, /topic "payments"/);
    });

    it("checks a catalog given as one file against the project's consumer groups and producers when no groups file stands beside it", async () => {
        const dir = scratchDir("kafka-platform-one-file-");
        try {
            // Every topic of the project's catalog in one file, in the design's single kafka-topics.yaml form.
            const entries = fs.readdirSync(TOPICS)
                .filter((f) => !["consumer-groups.yaml", "producers.yaml"].includes(f))
                .flatMap((f) => (YAML.parse(fs.readFileSync(path.join(TOPICS, f), "utf8")).topics as unknown[]));
            fs.writeFileSync(path.join(dir, "kafka-topics.yaml"), YAML.stringify({ topics: entries }));
            const { resources } = await renderStack({ root: ROOT, stack: "prod", catalog: path.join(dir, "kafka-topics.yaml") });
            const groupConfigMaps = resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap" && String((r.inputs.metadata as { name: string }).name).endsWith("-kafka-client"));
            assert.strictEqual(groupConfigMaps.length, 8);
            assert.ok(resources.some((r) => r.type === "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser" && (r.inputs.metadata as { name: string }).name === "fsm-api"));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("lets a failure that is not the catalog's through as it is, with its stack trace, rather than as a catalog refusal", () => {
        // A catalog path that is not a string stands for a bug in the program: its TypeError must reach the maintainer whole.
        const broken = { ...stackConfig("prod"), catalog: { topics: undefined as unknown as string } };
        const failure = (() => {
            try {
                loadStackCatalog(broken);
            } catch (err) {
                return err as Error;
            }
            return assert.fail("the catalog loaded without a path");
        })();
        assert.strictEqual(pulumi.RunError.isInstance(failure), false, `a RunError, which prints without a stack trace: ${failure.message}`);
        assert.ok(failure instanceof TypeError, `a ${failure.constructor.name}`);
    });
});
