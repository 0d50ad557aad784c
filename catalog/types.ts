// The validated catalog: topics, consumer groups and producers as the rest of the program sees them.

export type ConfigValue = string | number | boolean;

/** Where an entry was declared, for messages that point back at the catalog. */
export interface SourceRef {
    file: string;
    line?: number;
}

/** One Kafka topic of the catalog, with its settings in Kafka's own property names. */
export interface TopicSpec {
    name: string;
    description: string;
    partitions: number;
    replicationFactor: number;
    /** Topic-level configs (`retention.ms`, `cleanup.policy`, ...), exactly the ones the catalog sets. */
    config: Record<string, ConfigValue>;
    source: SourceRef;
}

/** A topic taken out of the catalog on purpose; it is released first, then forgotten. */
export interface RemovedTopic {
    name: string;
    reason: string;
    /** When true the topic and its records are deleted from Kafka; when false Kafka keeps them. */
    deleteData: boolean;
    source: SourceRef;
}

/** One consumer group: the topics it reads and its client settings in Kafka's property names. */
export interface ConsumerGroupSpec {
    groupId: string;
    description?: string;
    /** Namespace of the service that runs the group, where its client ConfigMap goes (stack default when absent). */
    namespace?: string;
    topics: string[];
    /** Where records the service fails to process go; the group's user may write there. */
    deadLetterTopic?: string;
    /** How many consumer instances the service runs; a sizing hint, capped in use by the partitions. */
    instances: number;
    /** Consumer settings (`max.poll.records`, `enable.auto.commit`, ...), exactly the ones the catalog sets. */
    clientConfig: Record<string, ConfigValue>;
    source: SourceRef;
}

/** A service that writes to catalog topics. */
export interface ProducerSpec {
    service: string;
    description?: string;
    /** Namespace the service runs in (stack default when absent). */
    namespace?: string;
    topics: string[];
    /** Whether the service uses Kafka transactions (its transactional id comes from stack config). */
    transactional: boolean;
    source: SourceRef;
}

/** The broker facts the catalog is checked against; they come from the stack's Kafka settings. */
export interface BrokerLimits {
    brokerCount: number;
    /** The broker's `message.max.bytes`. */
    messageMaxBytes: number;
    /** The broker's `group.min.session.timeout.ms`. */
    groupMinSessionTimeoutMs: number;
    /** The broker's `group.max.session.timeout.ms`. */
    groupMaxSessionTimeoutMs: number;
}

export const DEFAULT_BROKER_LIMITS: BrokerLimits = {
    brokerCount: 6,
    messageMaxBytes: 10485760,
    groupMinSessionTimeoutMs: 6000,
    groupMaxSessionTimeoutMs: 1800000,
};

export interface Catalog {
    topics: TopicSpec[];
    removedTopics: RemovedTopic[];
    groups: ConsumerGroupSpec[];
    producers: ProducerSpec[];
    /** Settings that are legal but have no effect or are risky, formatted like problems. */
    warnings: string[];
}
