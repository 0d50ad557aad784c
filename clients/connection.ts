// A kafkajs client for a long-running service, configured from the environment as the design's services were.
import { Kafka, KafkaConfig, SASLOptions } from "kafkajs";
import { registerLz4Codec } from "./lz4-codec";

const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"];

/**
 * KAFKA_BROKERS (comma-separated), KAFKA_CLIENT_ID, KAFKA_SSL=true, KAFKA_SASL_MECHANISM,
 * KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD. Throws on a half-configured SASL instead of sending
 * `undefined` as a password, as the design's code would.
 */
export function kafkaConfigFromEnv(env: NodeJS.ProcessEnv, defaultClientId: string): KafkaConfig {
    const brokers = (env.KAFKA_BROKERS ?? "").split(",").map((b) => b.trim()).filter((b) => b !== "");
    if (brokers.length === 0) throw new Error("KAFKA_BROKERS is not set: a comma-separated list of HOST:PORT");
    const mechanism = env.KAFKA_SASL_MECHANISM;
    let sasl: SASLOptions | undefined;
    if (mechanism !== undefined && mechanism !== "") {
        if (!SASL_MECHANISMS.includes(mechanism)) throw new Error(`KAFKA_SASL_MECHANISM: "${mechanism}" is not one of ${SASL_MECHANISMS.join(", ")}`);
        if (!env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_PASSWORD === undefined) throw new Error("KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are needed too");
        sasl = { mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD } as SASLOptions;
    }
    return {
        clientId: env.KAFKA_CLIENT_ID || defaultClientId,
        brokers,
        ssl: env.KAFKA_SSL === "true",
        sasl,
        connectionTimeout: 10000,
        requestTimeout: 30000,
        retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 30000 },
    };
}

/** A kafkajs client with the LZ4 codec registered, which every platform topic needs. */
export function createKafka(config: KafkaConfig): Kafka {
    registerLz4Codec();
    return new Kafka(config);
}
