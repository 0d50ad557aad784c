// DisasterRecovery: in the DR stack, the network path to the primary and MirrorMaker 2 pulling its topics and offsets.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Catalog } from "../catalog";
import { brokerLimitsOf, PlatformConfig } from "../config";
import { PrimaryStack } from "../platform/primary-stack";
import { groupsPattern, largestRecordBytes, MIRROR, MIRROR_METRICS, mirroredTopics, mirrorMakerResource, topicsPattern } from "../specs/mirror-maker";
import { mirrorMakerMetricsConfig, mirrorMonitoringResources } from "../specs/monitoring";
import { readinessAnnotations } from "../specs/readiness";
import { GkeCluster } from "./gke-cluster";
import { KafkaCluster } from "./kafka-cluster";
import { KafkaTopics } from "./kafka-topics";
import { ClusterNetworkPeering } from "./network-peering";

export interface DisasterRecoveryArgs {
    config: PlatformConfig;
    catalog: Catalog;
    primary: PrimaryStack;
    gke: GkeCluster;
    kafka: KafkaCluster;
    topics: KafkaTopics;
}

export class DisasterRecovery extends pulumi.ComponentResource {
    readonly mirrorMaker: k8s.apiextensions.CustomResource;

    constructor(name: string, args: DisasterRecoveryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:dr:DisasterRecovery", name, {}, opts);
        const { config, primary, kafka } = args;
        if (config.role !== "dr") throw new Error("DisasterRecovery: only the DR stack (role: dr) mirrors a primary");

        new ClusterNetworkPeering(`${name}-peering`, {
            primaryNetwork: primary.networkSelfLink,
            drNetwork: args.gke.network.selfLink,
            primaryCidrs: primary.networkRanges.apply((r) => ({ nodes: r.subnetCidr, pods: r.podsCidr, services: r.servicesCidr, master: r.masterCidr })),
            drCidrs: { nodes: config.network.subnetCidr, pods: config.network.podsCidr, services: config.network.servicesCidr, master: config.network.masterCidr },
            kafkaPort: config.kafka.crossRegionListenerPort,
            targetTags: primary.kafkaNodeTag.apply((tag) => [tag]),
        }, { parent: this });

        const caSecret = new k8s.core.v1.Secret(`${name}-primary-ca`, {
            metadata: { name: "primary-cluster-ca-cert", namespace: kafka.namespace },
            stringData: { "ca.crt": primary.clusterCaCertificate },
        }, { parent: this });
        const passwordSecret = new k8s.core.v1.Secret(`${name}-primary-password`, {
            metadata: { name: `${MIRROR.user}-primary-password`, namespace: kafka.namespace },
            stringData: { password: pulumi.secret(primary.mirrorMakerPassword) },
        }, { parent: this });

        // The DR cluster's MirrorMaker user: its certificate comes from the User Operator; its rights from superUsers.
        const targetUser = new k8s.apiextensions.CustomResource(`${name}-target-user`, {
            apiVersion: "kafka.strimzi.io/v1beta2",
            kind: "KafkaUser",
            metadata: { name: primary.mirrorMakerTargetUser, namespace: kafka.namespace, labels: { "strimzi.io/cluster": kafka.clusterName }, annotations: readinessAnnotations("user") },
            spec: { authentication: { type: "tls" } },
        }, { parent: this, dependsOn: [kafka] });

        const spec = primary.crossRegionBootstrap.apply((bootstrap) =>
            mirrorMakerResource({
                namespace: kafka.namespace,
                kafkaVersion: config.kafka.version,
                target: { cluster: kafka.clusterName, bootstrapTls: kafka.bootstrap.tls, clusterCaSecret: `${kafka.clusterName}-cluster-ca-cert`, userName: primary.mirrorMakerTargetUser },
                source: { bootstrap, caSecret: "primary-cluster-ca-cert", passwordSecret: `${MIRROR.user}-primary-password` },
                topicsPattern: topicsPattern(args.catalog),
                groupsPattern: groupsPattern(args.catalog),
                largestRecordBytes: largestRecordBytes(mirroredTopics(args.catalog), brokerLimitsOf(config).messageMaxBytes),
            }),
        );
        const metrics = new k8s.core.v1.ConfigMap(`${name}-mirror-metrics`, {
            metadata: { name: MIRROR_METRICS.configMap, namespace: kafka.namespace },
            data: { [MIRROR_METRICS.key]: mirrorMakerMetricsConfig() },
        }, { parent: this });
        for (const resource of mirrorMonitoringResources({ provider: config.monitoring.provider, namespace: kafka.namespace, mirror: MIRROR.name })) {
            new k8s.apiextensions.CustomResource(`${name}-${resource.metadata.name}`, resource, { parent: this });
        }
        this.mirrorMaker = new k8s.apiextensions.CustomResource(`${name}-mirror-maker`, {
            apiVersion: "kafka.strimzi.io/v1beta2",
            kind: "KafkaMirrorMaker2",
            metadata: spec.metadata,
            spec: spec.spec,
        }, { parent: this, dependsOn: [caSecret, passwordSecret, targetUser, metrics, args.topics] });
        this.registerOutputs({});
    }
}
