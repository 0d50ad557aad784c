// The checked stack config turned into each component's arguments, so index.ts reads as the order of the platform.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Catalog } from "../catalog";
import { brokerLimitsOf, DESIGN, PlatformConfig } from "../config";
import type { ConnectImageRegistryArgs } from "../components/connect-registry";
import type { DisasterRecoveryArgs } from "../components/disaster-recovery";
import type { GkeClusterArgs } from "../components/gke-cluster";
import type { KafkaClusterArgs } from "../components/kafka-cluster";
import type { KafkaConnectClusterArgs } from "../components/kafka-connect";
import type { LogBucketArgs } from "../components/log-bucket";
import type { MonitoringArgs } from "../components/monitoring";
import type { SchemaRegistryArgs } from "../components/schema-registry";
import type { StorageClassesArgs } from "../components/storage-classes";
import type { StrimziOperatorArgs } from "../components/strimzi-operator";
import { CdcDatabase } from "../specs/kafka-connect";
import { mirrorMakerTargetUser } from "../specs/kafka-users";
import { groupsPattern, largestRecordBytes, MIRROR, MIRROR_TARGET_TOPICS, mirrorConnectStorage, mirroredTopicNames, mirroredTopics, topicsPattern } from "../specs/mirror-maker";
import { SCHEMA_REGISTRY } from "../specs/schema-registry";
import { connectBuildServiceAccount, STRIMZI_VERSION, strimziNames } from "../specs/strimzi";
import { PrimaryStack } from "./primary-stack";

/** Names of the platform's own clients, which are also their KafkaUsers. */
export const CONNECT_CLUSTER = DESIGN.connect.name;

export function gkeClusterArgs(config: PlatformConfig): GkeClusterArgs {
    return {
        project: config.project,
        region: config.region,
        zones: config.zones,
        cidrs: { nodes: config.network.subnetCidr, pods: config.network.podsCidr, services: config.network.servicesCidr, master: config.network.masterCidr },
        clusterName: `kafka-${config.environment}`,
        masterAuthorizedNetworks: config.gke.masterAuthorizedNetworks.map((cidrBlock) => ({ cidrBlock, displayName: cidrBlock })),
        releaseChannel: config.gke.releaseChannel,
        maintenanceWindow: { dailyStartTime: config.gke.maintenanceStartTime },
        kafkaPool: { machineType: config.gke.kafkaMachineType, nodesPerZone: config.gke.kafkaNodesPerZone },
        // The pool is checked against the pods it must hold, two brokers and a ZooKeeper node per zone by default.
        kafkaWorkload: {
            brokers: config.kafka.brokers,
            brokerRequests: DESIGN.brokerResources.requests,
            zookeeperReplicas: config.kafka.zookeeperReplicas,
            zookeeperRequests: DESIGN.zookeeperResources.requests,
        },
        generalPool: { machineType: config.gke.generalMachineType, minNodesPerZone: config.gke.generalMinNodesPerZone, maxNodesPerZone: config.gke.generalMaxNodesPerZone },
        protect: config.protect,
        labels: { environment: config.environment, component: "kafka" },
    };
}

export function storageClassesArgs(config: PlatformConfig): StorageClassesArgs {
    return { ssdClassName: config.kafka.storageClass };
}

export function strimziOperatorArgs(config: PlatformConfig): StrimziOperatorArgs {
    return { namespace: config.kafka.namespace, chartVersion: STRIMZI_VERSION };
}

export function kafkaClusterArgs(config: PlatformConfig, storageClass: string): KafkaClusterArgs {
    return {
        name: config.kafka.clusterName,
        namespace: config.kafka.namespace,
        version: config.kafka.version,
        brokers: config.kafka.brokers,
        zones: config.zones,
        storageSize: config.kafka.storageSize,
        storageClass,
        zookeeperReplicas: config.kafka.zookeeperReplicas,
        zookeeperStorageSize: config.kafka.zookeeperStorageSize,
        brokerConfig: config.kafka.brokerConfig,
        crossRegionListenerPort: config.kafka.crossRegionListenerPort,
        // No client is a super user: DR's mirror writes with its own ACLs (DisasterRecovery); failback's writer is added by the runbook.
        superUsers: [],
        protect: config.protect,
    };
}

/** The PostgreSQL database Debezium captures; its fields are required (and so checked) while Connect is enabled. */
export function cdcDatabaseOf(config: PlatformConfig): CdcDatabase {
    const { databaseHost, databasePort, databaseUser, databaseName } = config.connect;
    return { host: databaseHost ?? "", port: databasePort, user: databaseUser ?? "", name: databaseName ?? "" };
}

/**
 * Where the Connect build downloads its plugin and pushes its image: the program's ConnectImageRegistry on GKE,
 * the configured repositories on an existing cluster. The image itself is always `connectImage(imageRepository)`.
 */
export interface ConnectImageTarget {
    imageRepository: pulumi.Input<string>;
    pluginRepositoryUrl: string;
    buildServiceAccountEmail?: pulumi.Input<string>;
    pushSecret?: string;
}

/** An existing cluster's repositories for the Connect build (connect.imageRepository, pluginRepositoryUrl, pushSecret). */
export function configuredConnectImageTarget(config: PlatformConfig): ConnectImageTarget {
    const { imageRepository, pluginRepositoryUrl, pushSecret } = config.connect;
    return { imageRepository: imageRepository ?? "", pluginRepositoryUrl: pluginRepositoryUrl ?? "", pushSecret };
}

/** The Kubernetes provider of an existing cluster: the deployer's kubeconfig, at the configured context. */
export function existingClusterProviderArgs(config: PlatformConfig): k8s.ProviderArgs {
    return config.kubernetes.context ? { context: config.kubernetes.context } : {};
}

export function connectImageRegistryArgs(config: PlatformConfig, cluster: pulumi.Resource): ConnectImageRegistryArgs {
    return {
        project: config.project,
        region: config.region,
        kubernetesServiceAccount: connectBuildServiceAccount(CONNECT_CLUSTER),
        namespace: config.kafka.namespace,
        buildServiceAccountId: `${config.environment}-connect-build`,
        cluster,
    };
}

export function kafkaConnectArgs(
    config: PlatformConfig,
    bootstrapTls: string,
    registry: ConnectImageTarget,
    databasePassword: pulumi.Output<string>,
): Omit<KafkaConnectClusterArgs, "dependsOn"> {
    return {
        name: CONNECT_CLUSTER,
        namespace: config.kafka.namespace,
        kafkaVersion: config.kafka.version,
        bootstrapTls,
        clusterCaSecret: strimziNames(config.kafka.clusterName).clusterCaSecret,
        userName: CONNECT_CLUSTER,
        imageRepository: registry.imageRepository,
        pluginRepositoryUrl: registry.pluginRepositoryUrl,
        buildServiceAccountEmail: registry.buildServiceAccountEmail,
        pushSecret: registry.pushSecret,
        database: cdcDatabaseOf(config),
        databasePassword,
    };
}

export function schemaRegistryArgs(config: PlatformConfig, bootstrapTls: string): Omit<SchemaRegistryArgs, "dependsOn"> {
    return {
        namespace: config.kafka.namespace,
        bootstrapTls,
        clusterCaSecret: strimziNames(config.kafka.clusterName).clusterCaSecret,
        userName: SCHEMA_REGISTRY.name,
        // The DR registry serves the mirrored schemas and takes no writes until failover.
        readOnly: config.role === "dr",
    };
}

export function monitoringArgs(config: PlatformConfig): Omit<MonitoringArgs, "dependsOn"> {
    return { provider: config.monitoring.provider, namespace: config.kafka.namespace, cluster: config.kafka.clusterName, brokers: config.kafka.brokers, lagThreshold: config.monitoring.lagThreshold };
}

export function logBucketArgs(config: PlatformConfig, clusterName: pulumi.Input<string>): LogBucketArgs {
    return { project: config.project, environment: config.environment, region: config.region, clusterName, namespace: config.kafka.namespace, protect: config.protect };
}

/**
 * What the DR stack wires between the primary and its own cluster: the network path, the primary's CA and
 * MirrorMaker's password, and the mirror's patterns from the catalog.
 */
export function disasterRecoveryArgs(
    config: PlatformConfig,
    catalog: Catalog,
    primary: PrimaryStack,
    dr: { networkSelfLink?: pulumi.Input<string>; kafka: { name: string; namespace: string; bootstrapTls: string }; waitFor: DisasterRecoveryArgs["waitFor"] },
): DisasterRecoveryArgs {
    return {
        primary,
        network: dr.networkSelfLink ? { selfLink: dr.networkSelfLink, ranges: config.network } : undefined,
        crossRegionListenerPort: config.kafka.crossRegionListenerPort,
        cluster: { ...dr.kafka, version: config.kafka.version },
        topicsPattern: topicsPattern(catalog),
        groupsPattern: groupsPattern(catalog),
        targetUser: mirrorMakerTargetUser(primary.mirrorMakerTargetUser, mirroredTopicNames(catalog), catalog.groups.map((g) => g.groupId), {
            connectGroup: mirrorConnectStorage(MIRROR).groupId,
            topics: Object.values(MIRROR_TARGET_TOPICS),
        }),
        largestRecordBytes: largestRecordBytes(mirroredTopics(catalog), brokerLimitsOf(config).messageMaxBytes),
        monitoringProvider: config.monitoring.provider,
        waitFor: dr.waitFor,
    };
}
