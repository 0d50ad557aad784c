// DR stack: peers the DR VPC with the primary's both ways and lets DR nodes and pods reach the primary's cross-region Kafka listener.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { cidrProblems, crossOverlapProblems } from "../specs/cidr";

/** A cluster's ranges, in the shape of GkeClusterArgs["cidrs"]. */
export interface ClusterCidrs {
    nodes: string;
    pods: string;
    services: string;
    master: string;
}

/** Arguments of ClusterNetworkPeering. */
export interface ClusterNetworkPeeringArgs {
    /** Self link of the primary stack's VPC (from its stack outputs). */
    primaryNetwork: pulumi.Input<string>;
    /** Self link of this DR stack's VPC. */
    drNetwork: pulumi.Input<string>;
    /** The primary cluster's ranges; an Output (StackReference) is checked when it resolves. */
    primaryCidrs: pulumi.Input<ClusterCidrs>;
    /** This DR cluster's ranges; nodes and pods are let through the firewall, none may overlap the primary's. */
    drCidrs: ClusterCidrs;
    /** The Kafka cross-region listener port on the primary, e.g. 9094. */
    kafkaPort: number;
    /** Network tags the firewall rule admits traffic to (e.g. the primary's kafkaNodeTag); default every instance on the primary network. */
    targetTags?: pulumi.Input<pulumi.Input<string>[]>;
    /** Project that owns the primary network, where the firewall rule lives; default the provider's project. */
    primaryProject?: pulumi.Input<string>;
}

/** Problems with peering two clusters' ranges: any overlap, since peered VPCs exchange all subnet routes. */
export function peeringCidrProblems(primary: ClusterCidrs, dr: ClusterCidrs): string[] {
    const label = (side: string, cidrs: ClusterCidrs) =>
        Object.fromEntries(Object.entries(cidrs).map(([range, cidr]) => [`${side} ${range} CIDR`, cidr]));
    return crossOverlapProblems(label("DR", dr), label("primary", primary));
}

export class ClusterNetworkPeering extends pulumi.ComponentResource {
    public readonly drToPrimary: gcp.compute.NetworkPeering;
    public readonly primaryToDr: gcp.compute.NetworkPeering;
    public readonly firewall: gcp.compute.Firewall;

    constructor(name: string, args: ClusterNetworkPeeringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:gcp:ClusterNetworkPeering", name, {}, opts);

        const fail = (problems: string[]) =>
            new Error(`ClusterNetworkPeering "${name}": ${problems.join("; ")}; give the DR stack ranges disjoint from the primary's`);
        const problems = cidrProblems(Object.fromEntries(Object.entries(args.drCidrs).map(([range, cidr]) => [`DR ${range} CIDR`, cidr])));
        if (!Number.isInteger(args.kafkaPort) || args.kafkaPort < 1 || args.kafkaPort > 65535) {
            problems.push(`kafkaPort ${args.kafkaPort} is not a TCP port; pass the cross-region listener's port, e.g. 9094`);
        }
        if (problems.length > 0) throw fail(problems);
        if (isPlain(args.primaryCidrs)) {
            const overlaps = peeringCidrProblems(args.primaryCidrs, args.drCidrs);
            if (overlaps.length > 0) throw fail(overlaps);
        }
        // A primary read from a StackReference is only known later; nothing is created until it has been checked.
        const checked = pulumi.output(args.primaryCidrs).apply((primary) => {
            const overlaps = peeringCidrProblems(primary, args.drCidrs);
            if (overlaps.length > 0) throw fail(overlaps);
            return true;
        });
        const afterCheck = <T>(value: pulumi.Input<T>) => pulumi.all([checked, value]).apply(([, v]) => v);

        this.drToPrimary = new gcp.compute.NetworkPeering(`${name}-dr-to-primary`, {
            network: afterCheck(args.drNetwork),
            peerNetwork: args.primaryNetwork,
        }, { parent: this });

        // Google Cloud runs one peering operation per network at a time, so the reverse direction waits.
        this.primaryToDr = new gcp.compute.NetworkPeering(`${name}-primary-to-dr`, {
            network: afterCheck(args.primaryNetwork),
            peerNetwork: args.drNetwork,
        }, { parent: this, dependsOn: [this.drToPrimary] });

        this.firewall = new gcp.compute.Firewall(`${name}-kafka-from-dr`, {
            project: args.primaryProject,
            network: afterCheck(args.primaryNetwork),
            description: "MirrorMaker 2 and clients in the DR region reach the primary's cross-region Kafka listener",
            direction: "INGRESS",
            allows: [{ protocol: "tcp", ports: [String(args.kafkaPort)] }],
            sourceRanges: [args.drCidrs.nodes, args.drCidrs.pods],
            targetTags: args.targetTags,
        }, { parent: this });

        this.registerOutputs({});
    }
}

function isPlain(value: pulumi.Input<ClusterCidrs>): value is ClusterCidrs {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}
