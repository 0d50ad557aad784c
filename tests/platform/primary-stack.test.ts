// Tests the DR stack's view of the primary through a StackReference: what it reads, what stays secret, and how it refuses a primary not yet deployed.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PrimaryStack, readPrimaryStack } from "../../platform/primary-stack";
import { resolveOutputs, runUnderMocks } from "../../render/mock-runtime";
import { TopicSettings } from "../../specs/mirror-maker";
import { stackConfig } from "../specs/stack-fixtures";
import { rejectedWith } from "./stack-helpers";

const PRIMARY = "fsm/kafka-platform/prod";
const TOPICS: TopicSettings[] = [{ name: "task.events", partitions: 48, replicationFactor: 3, config: { "min.insync.replicas": 2 } }];

/** The outputs of a deployed primary, as `pulumi stack output -s prod` would show them. */
const deployedPrimary = (): Record<string, unknown> => ({
    catalogTopics: TOPICS,
    kafkaBootstrap: { tls: "production-kafka-kafka-bootstrap.kafka.svc:9093", crossRegion: "10.10.0.5:9094" },
    clusterCaCertificate: "-----BEGIN CERTIFICATE-----\nprimary CA\n-----END CERTIFICATE-----\n",
    mirrorMakerPassword: "mm2 password",
    networkSelfLink: "https://www.googleapis.com/compute/v1/projects/fsm-platform-prod/global/networks/kafka-prod",
    kafkaNodeTag: "kafka-prod-kafka",
    networkRanges: { subnetCidr: "10.10.0.0/20", podsCidr: "10.16.0.0/14", servicesCidr: "10.20.0.0/20", masterCidr: "172.16.0.0/28" },
});

/**
 * Reads the primary from the DR stack with `outputs` exported under the configured primary's name (no other stack
 * has any), and hands `use` what was read while the mock runtime is still up.
 */
async function withPrimary<T>(outputs: Record<string, unknown>, use: (primary: PrimaryStack) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await runUnderMocks(async () => {
        result = await use(await readPrimaryStack(stackConfig("dr")));
    }, { project: "kafka-platform", stack: "dr", config: {}, stackOutputs: (name) => (name === PRIMARY ? outputs : undefined) });
    return result as T;
}

/** The error `value` settles with; fails when it resolves. */
const rejectionOf = (value: Promise<unknown>) => rejectedWith(value, "it resolved, but it should have failed");

describe("the DR stack's view of the primary (platform/primary-stack)", () => {
    it("reads the primary named by kafka-platform:primaryStack: its catalog, cross-region address, CA and network", async () => {
        const read = await withPrimary(deployedPrimary(), async (primary) =>
            resolveOutputs({ ...primary, mirrorMakerPassword: undefined }),
        );
        const { clusterCaCertificate, networkSelfLink, kafkaNodeTag, networkRanges } = deployedPrimary();
        assert.deepStrictEqual(read, { catalogTopics: TOPICS, crossRegionBootstrap: "10.10.0.5:9094", clusterCaCertificate, mirrorMakerPassword: undefined, networkSelfLink, kafkaNodeTag, networkRanges, mirrorMakerTargetUser: "mirror-maker-2" });
    });

    it("keeps the primary's MirrorMaker password secret", async () => {
        const password = await withPrimary(deployedPrimary(), (primary) => resolveOutputs(primary.mirrorMakerPassword));
        assert.deepStrictEqual(password, { secret: "mm2 password" });
    });

    it("reads a primary on an existing cluster, which exports no GKE network, without failing", async () => {
        const { networkSelfLink, kafkaNodeTag, networkRanges, ...onExisting } = deployedPrimary();
        void [networkSelfLink, kafkaNodeTag, networkRanges];
        const network = await withPrimary(onExisting, (primary) => resolveOutputs([primary.networkSelfLink, primary.kafkaNodeTag, primary.networkRanges]));
        assert.deepStrictEqual(network, [undefined, undefined, undefined]);
    });

    for (const [what, outputs] of [
        ["a primary not deployed yet", {}],
        ["a primary whose catalogTopics is not a list", { ...deployedPrimary(), catalogTopics: "task.events" }],
    ] as const) {
        it(`refuses ${what}, saying to deploy the primary first`, async () => {
            const error = await rejectionOf(withPrimary(outputs, async () => undefined));
            assert.ok(pulumi.RunError.isInstance(error), `a ${error.constructor.name}: ${error.message}`);
            assert.strictEqual(error.message, "the primary stack fsm/kafka-platform/prod exports no catalogTopics: deploy the primary first (pulumi up -s prod)");
        });
    }

    it("reads the primary's catalog when the primary exports it as a secret", async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => ({ id: `${args.name}-id`, state: { name: args.inputs.name, outputs: args.inputs.name === PRIMARY ? deployedPrimary() : {}, secretOutputNames: ["catalogTopics"] } }),
                call: (args) => args.inputs,
            },
            "kafka-platform",
            "dr",
        );
        const primary = await readPrimaryStack(stackConfig("dr"));
        assert.deepStrictEqual(primary.catalogTopics, TOPICS);
    });

    for (const crossRegion of [undefined, null, "", ":9094", "pending:9094"]) {
        it(`refuses a primary whose cross-region listener has no address yet (crossRegion ${JSON.stringify(crossRegion)}), quoting what it has`, async () => {
            // null: a primary that exports kafkaBootstrap without a value yet.
            const outputs = { ...deployedPrimary(), kafkaBootstrap: crossRegion === null ? null : { tls: "b:9093", ...(crossRegion === undefined ? {} : { crossRegion }) } };
            // The address is checked once the primary's outputs arrive, so the deployment fails, as `pulumi up` would.
            const error = await rejectionOf(withPrimary(outputs, (primary) => resolveOutputs(primary.crossRegionBootstrap)));
            assert.ok(pulumi.RunError.isInstance(error), `a ${error.constructor.name}: ${error.message}`);
            assert.strictEqual(
                error.message,
                `the primary stack fsm/kafka-platform/prod has no cross-region listener address yet (kafkaBootstrap.crossRegion is "${crossRegion ?? ""}"): run pulumi up on the primary until its Kafka cluster is Ready`,
            );
        });
    }

    it("takes a load balancer's host name as the cross-region address too", async () => {
        const outputs = { ...deployedPrimary(), kafkaBootstrap: { tls: "b:9093", crossRegion: "kafka-xregion.prod.internal:9094" } };
        assert.strictEqual(await withPrimary(outputs, (primary) => resolveOutputs(primary.crossRegionBootstrap)), "kafka-xregion.prod.internal:9094");
    });

    it("fails on a primary that exports no kafkaBootstrap at all, rather than mirroring from nowhere", async () => {
        const { kafkaBootstrap, ...withoutBootstrap } = deployedPrimary();
        void kafkaBootstrap;
        const error = await rejectionOf(withPrimary(withoutBootstrap, (primary) => resolveOutputs(primary.crossRegionBootstrap)));
        assert.match(error.message, /kafkaBootstrap/);
    });
});
