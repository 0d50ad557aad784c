// The platform consumer: a catalog group's settings, commits only after the handler succeeds, failures to the dead-letter topic.
import { Consumer, Kafka, KafkaMessage } from "kafkajs";
import { kafkajsConsumerSettings } from "./consumer-settings";
import { deadLetterMessage } from "./dead-letter";
import { registerLz4Codec } from "./lz4-codec";
import { PlatformProducer } from "./producer";
import { GroupSettings, TopicName } from "./topics";

export interface ConsumedRecord<Topic extends string = TopicName> {
    topic: Topic;
    partition: number;
    message: KafkaMessage;
}

export type RecordHandler<Topic extends string = TopicName> = (record: ConsumedRecord<Topic>) => Promise<void>;

export interface GroupConsumerOptions {
    /** Called after a record went to the dead-letter topic, for logs and metrics. */
    onDeadLetter?: (record: ConsumedRecord<string>, error: unknown) => void;
}

/** The offset to commit once a record is done: Kafka commits the next offset to read. */
export function nextOffset(offset: string): string {
    return (BigInt(offset) + 1n).toString();
}

/**
 * Runs a handler for each record of a group's topics. Offsets are committed only once the handler
 * has succeeded, or once the failed record is safely in the dead-letter topic; if that send fails
 * too, nothing is committed and kafkajs delivers the record again.
 */
export class GroupConsumer<Topic extends string = TopicName> {
    private readonly consumer: Consumer;
    private readonly deadLetters?: PlatformProducer<string>;
    private readonly settings: ReturnType<typeof kafkajsConsumerSettings>;

    constructor(kafka: Kafka, private readonly group: GroupSettings<Topic>, private readonly options: GroupConsumerOptions = {}) {
        registerLz4Codec();
        this.settings = kafkajsConsumerSettings(group);
        this.consumer = kafka.consumer(this.settings.consumer);
        if (group.deadLetterTopic !== undefined) this.deadLetters = new PlatformProducer<string>(kafka);
    }

    /** The underlying kafkajs consumer, for its events (GROUP_JOIN, CRASH) and seek. */
    get kafkajsConsumer(): Consumer {
        return this.consumer;
    }

    async start(handler: RecordHandler<Topic>): Promise<void> {
        await this.deadLetters?.connect();
        await this.consumer.connect();
        await this.consumer.subscribe({ topics: [...this.group.topics], fromBeginning: this.settings.fromBeginning });
        await this.consumer.run({
            autoCommit: this.settings.autoCommit,
            autoCommitInterval: this.settings.autoCommitInterval,
            eachMessage: async ({ topic, partition, message }) => {
                const record = { topic: topic as Topic, partition, message };
                try {
                    await handler(record);
                } catch (error) {
                    // Without a dead-letter topic the error propagates: kafkajs retries and then restarts the consumer.
                    if (!this.deadLetters || this.group.deadLetterTopic === undefined) throw error;
                    await this.deadLetters.send(this.group.deadLetterTopic, [deadLetterMessage({ topic, partition, message, groupId: this.group.groupId, error })]);
                    this.options.onDeadLetter?.(record, error);
                }
                // With auto-commit on, kafkajs commits offsets only of records whose eachMessage returned.
                if (!this.settings.autoCommit) await this.consumer.commitOffsets([{ topic, partition, offset: nextOffset(message.offset) }]);
            },
        });
    }

    async stop(): Promise<void> {
        await this.consumer.disconnect();
        await this.deadLetters?.disconnect();
    }
}
