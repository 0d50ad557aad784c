// The platform's Kafka client library for application teams: typed topics, the producer, the consumer, partition keys.
export { createKafka, kafkaConfigFromEnv } from "./connection";
export { ConsumedRecord, GroupConsumer, GroupConsumerOptions, RecordHandler } from "./consumer";
export { kafkajsConsumerSettings } from "./consumer-settings";
export { DeadLetterOrigin, deadLetterOrigin, DLQ_HEADERS } from "./dead-letter";
export { lz4Codec, registerLz4Codec } from "./lz4-codec";
export * from "./partition-keys";
export { OutgoingRecord, PlatformProducer, PlatformProducerOptions } from "./producer";
export * from "./topics";
