// Catalog topic names and consumer groups as types and values, for application code.
import { CONSUMER_GROUPS, GroupId, TOPIC_NAMES, TopicName } from "./catalog.generated";

export { CONSUMER_GROUPS, GroupId, TOPIC_NAMES, TopicName };

export const DEAD_LETTER_TOPIC = "dlq.processing_errors" satisfies TopicName;
export const HEALTH_CHECK_TOPIC = "system.health_checks" satisfies TopicName;

/** A consumer group's catalog entry: the topics it reads, its dead-letter topic and its Kafka consumer settings. */
export interface GroupSettings<Topic extends string = TopicName> {
    groupId: string;
    topics: readonly Topic[];
    deadLetterTopic?: Topic;
    clientConfig: Readonly<Record<string, string | number | boolean>>;
}

export function isTopicName(name: string): name is TopicName {
    return (TOPIC_NAMES as readonly string[]).includes(name);
}

/** The catalog's settings for a group, typed by its id. */
export function catalogGroup(groupId: GroupId): GroupSettings {
    return CONSUMER_GROUPS[groupId];
}
