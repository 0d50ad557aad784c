// Tests that the program, the offline check of a render and the policy pack refuse the same bad topic with the same rule and the same words.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkRenderedResources } from "../../policy/check-rendered";
import { STRIMZI_TOPIC } from "../../policy/rules/resource-types";
import { topicDurability } from "../../policy/rules/topic-durability";
import { uncleanLeaderElection } from "../../policy/rules/unclean-leader-election";
import { renderedResources } from "../../render/output";
import { renderStack } from "../../render/render";
import { violationsOf } from "./policy-harness";
import { scratchDir } from "../scratch";

const ROOT = path.resolve(__dirname, "..", "..");
const FRAGILE = "is 2; prod topics keep 3 replicas, so one broker can fail while another is restarted";

/** A copy of the catalog whose analytics.events keeps two replicas. */
function catalogWithTwoReplicas(): string {
    const dir = scratchDir("two-replicas-");
    fs.cpSync(path.join(ROOT, "topics"), dir, { recursive: true });
    const file = path.join(dir, "analytics.yaml");
    const text = fs.readFileSync(file, "utf8");
    const edited = text.replace("  - name: analytics.events\n    description: User interaction and analytics events\n    partitions: 96\n    replication_factor: 3", "  - name: analytics.events\n    description: User interaction and analytics events\n    partitions: 96\n    replication_factor: 2");
    assert.notStrictEqual(edited, text, "the fixture edit found analytics.events");
    fs.writeFileSync(file, edited);
    return dir;
}

describe("one rule set: program, offline check and pack", function () {
    this.timeout(180_000);
    let catalog: string;
    before(() => {
        catalog = catalogWithTwoReplicas();
    });
    after(() => fs.rmSync(catalog, { recursive: true, force: true }));

    it("the program refuses a prod topic with two replicas before registering anything, at its file and line, naming the guardrail", async () => {
        await assert.rejects(renderStack({ root: ROOT, stack: "prod", catalog }), (error: Error) => {
            assert.match(error.message, /^the guardrails of stack prod refuse the catalog \(1 problem\):/);
            const line = fs.readFileSync(path.join(catalog, "analytics.yaml"), "utf8").split("\n").indexOf("  - name: analytics.events") + 1;
            assert.ok(error.message.includes(`analytics.yaml:${line}: topic "analytics.events": replication_factor: ${FRAGILE} (guardrail topic-durability)`), error.message);
            return true;
        });
    });

    it("the offline check of a render and the pack refuse the same topic with the same words", async () => {
        const { resources } = await renderStack({ root: ROOT, stack: "prod" });
        const rendered = renderedResources(resources).map((r) =>
            r.type === STRIMZI_TOPIC && (r.inputs as any).spec.topicName === "analytics.events" ? { ...r, inputs: { ...r.inputs, spec: { ...(r.inputs as any).spec, replicas: 2 } } } : r, // eslint-disable-line @typescript-eslint/no-explicit-any
        );
        const refused = (await checkRenderedResources(rendered, "prod")).filter((d) => d.enforcementLevel === "mandatory");
        assert.deepStrictEqual(refused.map((d) => [d.policyName, d.message]), [["topic-durability", `Topic "analytics.events": replication.factor: ${FRAGILE}.`]]);

        const pack = await violationsOf(topicDurability, { type: STRIMZI_TOPIC, props: { spec: { topicName: "analytics.events", replicas: 2, partitions: 96, config: { "min.insync.replicas": 2 } } } });
        assert.deepStrictEqual(pack, [refused[0].message]);
    });

    it("leaves the DR stack's topics to its own policy config, as the pack does", async () => {
        assert.deepStrictEqual(await violationsOf(topicDurability, { type: STRIMZI_TOPIC, stack: "dr", props: { spec: { topicName: "a", replicas: 2, config: { "min.insync.replicas": 2 } } } }), []);
    });

    it("words an unclean-election topic the same in the pack as the catalog field it came from", async () => {
        const [message] = await violationsOf(uncleanLeaderElection, { type: STRIMZI_TOPIC, props: { spec: { topicName: "a", replicas: 3, config: { "unclean.leader.election.enable": true } } } });
        assert.match(message, /^Topic "a": unclean.leader.election.enable: is true; remove it, or an out-of-sync replica would become leader/);
    });
});
