// Reads every topic the cluster holds, with partitions, replicas and configs, in one metadata and one config request.
import { Admin, ConfigResourceTypes } from "kafkajs";
import { ConfigSource, LiveTopic } from "./drift";

// Kafka's DescribeConfigs config sources (DescribeConfigsResponse.ConfigSource).
const TOPIC_CONFIG = 1;
const DEFAULT_CONFIG = 5;

export function configSourceOf(kafkaSource: number | undefined, isDefault: boolean): ConfigSource {
    if (kafkaSource === TOPIC_CONFIG) return "topic";
    if (kafkaSource === DEFAULT_CONFIG || isDefault) return "default";
    return "broker";
}

interface DescribedEntry {
    configName: string;
    configValue: string | null;
    isDefault: boolean;
    configSource?: number;
}

export async function readLiveTopics(admin: Admin): Promise<LiveTopic[]> {
    // No topic list: Kafka answers with every topic in one metadata response.
    const metadata = await admin.fetchTopicMetadata();
    if (metadata.topics.length === 0) return [];
    const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: metadata.topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.name })),
    });
    const configsByTopic = new Map<string, DescribedEntry[]>();
    for (const resource of described.resources) {
        if (resource.errorCode !== 0) throw new Error(`describing the configs of ${resource.resourceName} failed: ${resource.errorMessage ?? `error code ${resource.errorCode}`}`);
        configsByTopic.set(resource.resourceName, resource.configEntries as DescribedEntry[]);
    }
    return metadata.topics.map((topic) => {
        const partitions = [...topic.partitions].sort((a, b) => a.partitionId - b.partitionId);
        return {
            name: topic.name,
            partitions: partitions.length,
            replicasPerPartition: partitions.map((p) => p.replicas.length),
            configs: (configsByTopic.get(topic.name) ?? []).map((entry) => ({
                name: entry.configName,
                value: entry.configValue,
                source: configSourceOf(entry.configSource, entry.isDefault),
            })),
        };
    });
}
