// DisasterRecovery: in the DR stack, the network path to the primary and MirrorMaker 2 pulling its topics and offsets.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { MonitoringProvider, NetworkRanges } from "../config";
import type { PrimaryStack } from "../platform/primary-stack";
import { kafkaUserResource, KafkaUserSpec } from "../specs/kafka-users";
import { MIRROR, MIRROR_METRICS, mirrorMakerResource } from "../specs/mirror-maker";
import { mirrorMakerMetricsConfig, mirrorMonitoringResources } from "../specs/monitoring";
import { STRIMZI_API_VERSION, strimziNames } from "../specs/strimzi";
import { ClusterNetworkPeering } from "./network-peering";

export interface DisasterRecoveryArgs {
    /** The primary stack's outputs: its cross-region bootstrap, CA, MirrorMaker password, network and ranges. */
    primary: PrimaryStack;
    /** On GKE, the DR stack's own VPC (self link) and ranges, peered with the primary's; an existing cluster's network is its owner's. */
    network?: { selfLink: pulumi.Input<string>; ranges: NetworkRanges };
    /** Port of the primary's cross-region listener, opened in the firewall to the primary's Kafka nodes alone. */
    crossRegionListenerPort: number;
    /** The DR Kafka cluster MirrorMaker 2 writes into: its Strimzi name, namespace, TLS bootstrap and Kafka version. */
    cluster: { name: string; namespace: string; bootstrapTls: string; version: string };
    /** Exact alternation of the mirrored topic names (never `.*`). */
    topicsPattern: string;
    /** Exact alternation of the consumer group ids whose offsets are translated. */
    groupsPattern: string;
    /** The KafkaUser MirrorMaker 2 writes into the DR cluster as, with exactly the ACLs that takes. */
    targetUser: KafkaUserSpec;
    /** The largest record a mirrored topic accepts, so the mirror's fetches and requests never stall on one. */
    largestRecordBytes: number;
    /** Where the mirror's metrics go and its alerts live: `gmp` or `prometheus-operator`. */
    monitoringProvider: MonitoringProvider;
    /** What the mirror waits for: the DR Kafka cluster (for its user) and its topics (for the mirror itself). */
    waitFor: { cluster: pulumi.Resource; topics: pulumi.Resource };
}

export class DisasterRecovery extends pulumi.ComponentResource {
    readonly mirrorMaker: k8s.apiextensions.CustomResource;

    constructor(name: string, args: DisasterRecoveryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:dr:DisasterRecovery", name, {}, opts);
        const { primary, cluster } = args;
        if (!args.topicsPattern || args.topicsPattern.includes(".*")) throw new Error("DisasterRecovery: topicsPattern must list the mirrored topics exactly, never match everything");
        const ranges = (r: NetworkRanges) => ({ nodes: r.subnetCidr, pods: r.podsCidr, services: r.servicesCidr, master: r.masterCidr });

        if (args.network) new ClusterNetworkPeering(`${name}-peering`, {
            primaryNetwork: primary.networkSelfLink,
            drNetwork: args.network.selfLink,
            primaryCidrs: primary.networkRanges.apply(ranges),
            drCidrs: ranges(args.network.ranges),
            kafkaPort: args.crossRegionListenerPort,
            targetTags: primary.kafkaNodeTag.apply((tag) => [tag]),
        }, { parent: this });

        const primaryCaSecret = "primary-cluster-ca-cert";
        const passwordSecretName = `${MIRROR.user}-primary-password`;
        const caSecret = new k8s.core.v1.Secret(`${name}-primary-ca`, {
            metadata: { name: primaryCaSecret, namespace: cluster.namespace },
            stringData: { "ca.crt": primary.clusterCaCertificate },
        }, { parent: this });
        const passwordSecret = new k8s.core.v1.Secret(`${name}-primary-password`, {
            metadata: { name: passwordSecretName, namespace: cluster.namespace },
            stringData: { password: pulumi.secret(primary.mirrorMakerPassword) },
        }, { parent: this });

        // The DR cluster's MirrorMaker user: its certificate comes from the User Operator, its ACLs from the catalog.
        const targetUser = new k8s.apiextensions.CustomResource(`${name}-target-user`, kafkaUserResource(args.targetUser, cluster.name, cluster.namespace), { parent: this, dependsOn: [args.waitFor.cluster] });

        const spec = primary.crossRegionBootstrap.apply((bootstrap) =>
            mirrorMakerResource({
                namespace: cluster.namespace,
                kafkaVersion: cluster.version,
                target: { cluster: cluster.name, bootstrapTls: cluster.bootstrapTls, clusterCaSecret: strimziNames(cluster.name).clusterCaSecret, userName: args.targetUser.name },
                source: { bootstrap, caSecret: primaryCaSecret, passwordSecret: passwordSecretName },
                topicsPattern: args.topicsPattern,
                groupsPattern: args.groupsPattern,
                largestRecordBytes: args.largestRecordBytes,
            }),
        );
        const metrics = new k8s.core.v1.ConfigMap(`${name}-mirror-metrics`, {
            metadata: { name: MIRROR_METRICS.configMap, namespace: cluster.namespace },
            data: { [MIRROR_METRICS.key]: mirrorMakerMetricsConfig() },
        }, { parent: this });
        for (const resource of mirrorMonitoringResources({ provider: args.monitoringProvider, namespace: cluster.namespace, mirror: MIRROR.name })) {
            new k8s.apiextensions.CustomResource(`${name}-${resource.metadata.name}`, resource, { parent: this });
        }
        this.mirrorMaker = new k8s.apiextensions.CustomResource(`${name}-mirror-maker`, {
            apiVersion: STRIMZI_API_VERSION,
            kind: "KafkaMirrorMaker2",
            metadata: spec.metadata,
            spec: spec.spec,
        }, { parent: this, dependsOn: [caSecret, passwordSecret, targetUser, metrics, args.waitFor.topics] });
        this.registerOutputs({});
    }
}
