// The Strimzi operator component: the design's Helm chart and version, in and watching the kafka namespace.
import * as assert from "assert";
import { StrimziOperator, STRIMZI_CHART_REPOSITORY } from "../../components/strimzi-operator";
import { RecordedResource, runUnderMocks } from "../../render/mock-runtime";

async function record(chartVersion: string): Promise<RecordedResource[]> {
    const { resources } = await runUnderMocks(async () => {
        new StrimziOperator("strimzi", { namespace: "kafka", chartVersion });
    }, { project: "kafka-platform", stack: "prod", config: {} });
    return resources;
}

describe("StrimziOperator", () => {
    let resources: RecordedResource[];
    before(async () => {
        resources = await record("0.39.0");
    });

    it("installs the strimzi-kafka-operator chart at 0.39.0 from Strimzi's chart repository into kafka", () => {
        const release = resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release");
        assert.ok(release, "no Helm release");
        assert.strictEqual(release.inputs.chart, "strimzi-kafka-operator");
        assert.strictEqual(release.inputs.version, "0.39.0");
        assert.deepStrictEqual(release.inputs.repositoryOpts, { repo: STRIMZI_CHART_REPOSITORY });
        assert.strictEqual(STRIMZI_CHART_REPOSITORY, "https://strimzi.io/charts/");
        assert.strictEqual(release.inputs.namespace, "kafka");
        assert.strictEqual(release.parent, "strimzi");
    });

    it("watches only its own namespace, without listing it again in watchNamespaces", () => {
        const values = resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release")?.inputs.values as Record<string, unknown>;
        assert.strictEqual(values.watchAnyNamespace, false);
        assert.deepStrictEqual(values.watchNamespaces, []);
    });

    it("creates the kafka namespace and keeps it when the component goes", () => {
        const namespace = resources.find((r) => r.type === "kubernetes:core/v1:Namespace");
        assert.strictEqual((namespace?.inputs.metadata as { name: string }).name, "kafka");
        assert.strictEqual(namespace?.options.retainOnDelete, true);
    });

    it("refuses a chart version that is not exact, saying what to write", async () => {
        await assert.rejects(record("latest"), /chartVersion must be an exact version such as 0\.39\.0, got "latest"/);
    });
});
