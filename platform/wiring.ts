// Cross-cutting checks and client lists that tie the catalog to the platform's own services.
import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import { Catalog, TopicSpec } from "../catalog";
import { problemReport } from "../catalog/problems";
import { PlatformConfig, PlatformSecrets } from "../config";
import { cdcDatabaseOf, CONNECT_CLUSTER } from "./component-args";
import { cdcConnectorConfig, CONNECT_STORAGE_TOPICS, connectorOutputTopics, HEARTBEAT_TOPIC, missingConnectorTopics } from "../specs/kafka-connect";
import { connectUser, consumerGroupUser, KafkaUserSpec, mirrorMakerSourceUser, producerUser, schemaRegistryUser } from "../specs/kafka-users";
import { MIRROR, mirroredTopicNames, OFFSET_SYNCS_TOPIC, parityProblems } from "../specs/mirror-maker";
import { platformTopics } from "../specs/platform-topics";
import { SCHEMA_REGISTRY } from "../specs/schema-registry";
import { PrimaryStack } from "./primary-stack";

/**
 * The topics the stack deploys (catalog plus the platform's own), after the checks that span
 * catalog and platform: every topic the CDC connector writes exists, and DR matches the primary.
 */
export function checkPlatformInputs(config: PlatformConfig, catalog: Catalog, primary?: PrimaryStack): TopicSpec[] {
    const problems: string[] = [];
    const own = platformTopics(config.connect.enabled);
    for (const topic of own) {
        const clash = catalog.topics.find((t) => t.name === topic.name);
        if (clash) problems.push(`${clash.source.file}:${clash.source.line}: topic "${topic.name}": name: is the platform's own topic (Schema Registry's or Kafka Connect's); remove it from the catalog`);
    }
    const topics = [...catalog.topics, ...own];
    if (config.connect.enabled) {
        problems.push(...missingConnectorTopics(cdcConnectorConfig(cdcDatabaseOf(config), config.kafka.namespace), new Set(catalog.topics.map((t) => t.name)), config.catalog.topics));
    }
    for (const producer of catalog.producers) {
        if (producer.transactional && !config.clients.transactionalIds[producer.service]) {
            problems.push(`Pulumi.${config.stack}.yaml: kafka-platform:clients.transactionalIds.${producer.service}: is required: producer "${producer.service}" (${producer.source.file}) is transactional`);
        }
    }
    if (primary) problems.push(...parityProblems(primary.catalogTopics.filter((t) => !isPlatformTopic(t.name)), catalog.topics));
    if (problems.length > 0) throw new pulumi.RunError(problemReport("the platform's inputs do not fit together", problems));
    return topics;
}

function isPlatformTopic(name: string): boolean {
    return platformTopics(true).some((t) => t.name === name);
}

/** Every client of the cluster with exactly the rights it needs. */
export function platformUsers(config: PlatformConfig, catalog: Catalog): KafkaUserSpec[] {
    const users: KafkaUserSpec[] = [
        ...catalog.groups.map(consumerGroupUser),
        ...catalog.producers.map((p) => producerUser(p, config.clients.transactionalIds[p.service])),
        schemaRegistryUser(SCHEMA_REGISTRY.name, SCHEMA_REGISTRY.topic, SCHEMA_REGISTRY.groupId),
    ];
    if (config.connect.enabled) {
        const outputs = connectorOutputTopics(cdcConnectorConfig(cdcDatabaseOf(config), config.kafka.namespace)).map((o) => o.topic);
        users.push(connectUser(CONNECT_CLUSTER, CONNECT_CLUSTER, Object.values(CONNECT_STORAGE_TOPICS), [...outputs, HEARTBEAT_TOPIC]));
    }
    if (config.role === "primary") {
        users.push(mirrorMakerSourceUser(MIRROR.user, mirroredTopicNames(catalog), catalog.groups.map((g) => g.groupId), OFFSET_SYNCS_TOPIC));
    }
    return users;
}

/** The Kafka provider of the `kafka` topic backend, for clusters the deployer reaches directly. */
export function kafkaProviderFor(config: PlatformConfig): kafka.Provider | undefined {
    if (config.topicBackend !== "kafka" || !config.topicBackendBootstrap) return undefined;
    return new kafka.Provider("kafka-direct", {
        bootstrapServers: config.topicBackendBootstrap.split(",").map((s) => s.trim()),
        tlsEnabled: true,
        ...config.topicBackendTls,
    });
}

/** Passwords of the SCRAM users the stack owns: the DR MirrorMaker's, on the primary. */
export function scramPasswordsOf(secrets: PlatformSecrets): Record<string, pulumi.Output<string>> {
    return secrets.mirrorMakerPassword ? { [MIRROR.user]: secrets.mirrorMakerPassword } : {};
}
