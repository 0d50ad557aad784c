// Unit tests of the service client settings read from the environment.
import * as assert from "assert";
import { kafkaConfigFromEnv } from "../../../clients/connection";

describe("kafkaConfigFromEnv", () => {
    it("reads brokers, client id, TLS and SASL", () => {
        const config = kafkaConfigFromEnv({ KAFKA_BROKERS: "k1:9093,k2:9093", KAFKA_SSL: "true", KAFKA_SASL_MECHANISM: "scram-sha-512", KAFKA_SASL_USERNAME: "fsm", KAFKA_SASL_PASSWORD: "pw" }, "fsm-producer");
        assert.deepStrictEqual(config.brokers, ["k1:9093", "k2:9093"]);
        assert.strictEqual(config.clientId, "fsm-producer");
        assert.strictEqual(config.ssl, true);
        assert.deepStrictEqual(config.sasl, { mechanism: "scram-sha-512", username: "fsm", password: "pw" });
    });

    it("refuses missing brokers and half-configured SASL", () => {
        assert.throws(() => kafkaConfigFromEnv({}, "x"), /KAFKA_BROKERS is not set/);
        assert.throws(() => kafkaConfigFromEnv({ KAFKA_BROKERS: "k:1", KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "u" }, "x"), /KAFKA_SASL_PASSWORD/);
    });
});
