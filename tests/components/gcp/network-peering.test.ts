// ClusterNetworkPeering: DR and primary VPCs peered both ways, the firewall for the cross-region listener, and the overlap check.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ClusterNetworkPeering, ClusterNetworkPeeringArgs } from "../../../components/network-peering";
import { ProgramFailure, RecordedResource } from "../../../render/mock-runtime";
import { one, record } from "./helpers";

const PRIMARY_NETWORK = "https://www.googleapis.com/compute/v1/projects/acme-kafka/global/networks/prod-vpc";
const DR_NETWORK = "https://www.googleapis.com/compute/v1/projects/acme-kafka/global/networks/dr-vpc";
const primaryCidrs = { nodes: "10.10.0.0/20", pods: "10.12.0.0/14", services: "10.16.0.0/20", master: "172.16.0.0/28" };
const drCidrs = { nodes: "10.20.0.0/20", pods: "10.24.0.0/14", services: "10.28.0.0/20", master: "172.16.0.16/28" };

function drArgs(overrides: Partial<ClusterNetworkPeeringArgs> = {}): ClusterNetworkPeeringArgs {
    return { primaryNetwork: PRIMARY_NETWORK, drNetwork: DR_NETWORK, primaryCidrs, drCidrs, kafkaPort: 9094, targetTags: ["prod-kafka"], ...overrides };
}

describe("ClusterNetworkPeering", () => {
    let resources: RecordedResource[];

    before(async () => {
        resources = await record(() => new ClusterNetworkPeering("dr-peering", drArgs()), "dr");
    });

    it("peers the DR network with the primary", () => {
        const peering = one(resources, "gcp:compute/networkPeering:NetworkPeering", "dr-peering-dr-to-primary");
        assert.strictEqual(peering.inputs.network, DR_NETWORK);
        assert.strictEqual(peering.inputs.peerNetwork, PRIMARY_NETWORK);
    });

    it("peers the primary network with the DR, the other direction", () => {
        const peering = one(resources, "gcp:compute/networkPeering:NetworkPeering", "dr-peering-primary-to-dr");
        assert.strictEqual(peering.inputs.network, PRIMARY_NETWORK);
        assert.strictEqual(peering.inputs.peerNetwork, DR_NETWORK);
    });

    it("lets the DR nodes and pods reach the Kafka listener port on the primary network, on TCP only", () => {
        const firewall = one(resources, "gcp:compute/firewall:Firewall", "dr-peering-kafka-from-dr");
        assert.strictEqual(firewall.inputs.network, PRIMARY_NETWORK);
        assert.strictEqual(firewall.inputs.direction, "INGRESS");
        assert.deepStrictEqual(firewall.inputs.allows, [{ protocol: "tcp", ports: ["9094"] }]);
        assert.deepStrictEqual(firewall.inputs.sourceRanges, ["10.20.0.0/20", "10.24.0.0/14"]);
        assert.deepStrictEqual(firewall.inputs.targetTags, ["prod-kafka"]);
    });

    it("puts its resources under the component", () => {
        for (const resource of resources.filter((r) => r.type.startsWith("gcp:"))) assert.strictEqual(resource.parent, "dr-peering");
    });

    it("accepts the primary's ranges as an Output from a stack reference", async () => {
        const recorded = await record(() => new ClusterNetworkPeering("p", drArgs({ primaryCidrs: pulumi.output(primaryCidrs) })), "dr");
        assert.deepStrictEqual(one(recorded, "gcp:compute/firewall:Firewall", "p-kafka-from-dr").inputs.sourceRanges, ["10.20.0.0/20", "10.24.0.0/14"]);
    });

    describe("refuses", () => {
        it("DR ranges overlapping the primary's, naming both", () =>
            assert.rejects(
                record(() => new ClusterNetworkPeering("p", drArgs({ drCidrs: { ...drCidrs, pods: "10.8.0.0/14" } })), "dr"),
                /DR pods CIDR 10\.8\.0\.0\/14 overlaps primary nodes CIDR 10\.10\.0\.0\/20.*; give the DR stack ranges disjoint from the primary's/,
            ));

        it("DR ranges overlapping each other", () =>
            assert.rejects(
                record(() => new ClusterNetworkPeering("p", drArgs({ drCidrs: { ...drCidrs, services: "10.20.0.0/24" } })), "dr"),
                /DR nodes CIDR 10\.20\.0\.0\/20 overlaps DR services CIDR 10\.20\.0\.0\/24/,
            ));

        it("an overlap found only when the primary's ranges resolve, creating nothing", async () => {
            // The runtime reports the failed registration as an unhandled rejection, which fails a real deployment and the run.
            const failure = await record(() => new ClusterNetworkPeering("p", drArgs({ primaryCidrs: pulumi.output({ ...primaryCidrs, pods: "10.24.0.0/14" }) })), "dr").then(
                () => assert.fail("the overlap was not refused"),
                (err: ProgramFailure) => err,
            );
            assert.match(failure.message, /DR pods CIDR 10\.24\.0\.0\/14 overlaps primary pods CIDR 10\.24\.0\.0\/14/);
            assert.deepStrictEqual(failure.resources.filter((r) => r.type.startsWith("gcp:")), []);
        });

        it("a port outside 1–65535", () =>
            assert.rejects(record(() => new ClusterNetworkPeering("p", drArgs({ kafkaPort: 70000 })), "dr"), /kafkaPort 70000 is not a TCP port/));
    });
});
