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

    it("ignores blanks around and between the brokers listed", () => {
        assert.deepStrictEqual(kafkaConfigFromEnv({ KAFKA_BROKERS: " k1:9093 , ,k2:9093, " }, "x").brokers, ["k1:9093", "k2:9093"]);
        assert.throws(() => kafkaConfigFromEnv({ KAFKA_BROKERS: " , " }, "x"), /KAFKA_BROKERS is not set/);
    });

    it("takes each SASL mechanism the brokers offer and refuses another, listing those it knows", () => {
        for (const mechanism of ["plain", "scram-sha-256", "scram-sha-512"]) {
            const config = kafkaConfigFromEnv({ KAFKA_BROKERS: "k:1", KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "p" }, "x");
            assert.deepStrictEqual(config.sasl, { mechanism, username: "u", password: "p" });
        }
        assert.throws(
            () => kafkaConfigFromEnv({ KAFKA_BROKERS: "k:1", KAFKA_SASL_MECHANISM: "gssapi", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "p" }, "x"),
            (err: Error) => err.message === 'KAFKA_SASL_MECHANISM: "gssapi" is not one of plain, scram-sha-256, scram-sha-512',
        );
    });

    it("connects without SASL when the mechanism is unset or empty, and without TLS unless KAFKA_SSL is true", () => {
        for (const mechanism of [undefined, ""]) {
            const config = kafkaConfigFromEnv({ KAFKA_BROKERS: "k:1", KAFKA_SASL_MECHANISM: mechanism, KAFKA_SSL: "yes" }, "x");
            assert.strictEqual(config.sasl, undefined);
            assert.strictEqual(config.ssl, false);
        }
        assert.strictEqual(kafkaConfigFromEnv({ KAFKA_BROKERS: "k:1", KAFKA_CLIENT_ID: "svc" }, "x").clientId, "svc");
    });

    it("retries a request with backoff for about half a minute before failing it", () => {
        assert.deepStrictEqual(kafkaConfigFromEnv({ KAFKA_BROKERS: "k:1" }, "x").retry, { initialRetryTime: 100, retries: 8, maxRetryTime: 30000 });
    });
});
