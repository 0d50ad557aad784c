// Unit tests of how a group's catalog settings become kafkajs consumer options.
import * as assert from "assert";
import { kafkajsConsumerSettings } from "../../../clients/consumer-settings";
import { catalogGroup } from "../../../clients/topics";

describe("kafkajsConsumerSettings", () => {
    it("maps the catalog's timeouts, offset reset and auto-commit for an auto-committing group", () => {
        const settings = kafkajsConsumerSettings(catalogGroup("task-event-processor"));
        assert.strictEqual(settings.consumer.groupId, "task-event-processor");
        assert.strictEqual(settings.consumer.sessionTimeout, 30000);
        assert.strictEqual(settings.consumer.heartbeatInterval, 3000);
        assert.strictEqual(settings.consumer.rebalanceTimeout, 300000);
        assert.strictEqual(settings.consumer.readUncommitted, false);
        assert.strictEqual(settings.consumer.allowAutoTopicCreation, false);
        assert.strictEqual(settings.fromBeginning, true);
        assert.strictEqual(settings.autoCommit, true);
        assert.strictEqual(settings.autoCommitInterval, 5000);
    });

    it("turns auto-commit off where the catalog does, and reads from the end where it says latest", () => {
        const email = kafkajsConsumerSettings(catalogGroup("email-notification-dispatcher"));
        assert.strictEqual(email.autoCommit, false);
        assert.strictEqual(email.autoCommitInterval, undefined);
        assert.strictEqual(email.consumer.rebalanceTimeout, 600000);
        assert.strictEqual(kafkajsConsumerSettings(catalogGroup("analytics-processor")).fromBeginning, false);
    });

    it("refuses an offset reset kafkajs cannot honour", () => {
        assert.throws(() => kafkajsConsumerSettings({ groupId: "g", topics: [], clientConfig: { "auto.offset.reset": "none" } }), /auto.offset.reset: "none"/);
    });

    it("reads settings written as text, as a ConfigMap holds them, and refuses a timeout that is not a number", () => {
        const settings = kafkajsConsumerSettings({ groupId: "g", topics: [], clientConfig: { "session.timeout.ms": "45000", "enable.auto.commit": "true", "auto.commit.interval.ms": "1000" } });
        assert.strictEqual(settings.consumer.sessionTimeout, 45000);
        assert.strictEqual(settings.autoCommit, true);
        assert.strictEqual(settings.autoCommitInterval, 1000);
        assert.strictEqual(kafkajsConsumerSettings({ groupId: "g", topics: [], clientConfig: { "enable.auto.commit": "false" } }).autoCommit, false);
        assert.throws(() => kafkajsConsumerSettings({ groupId: "g", topics: [], clientConfig: { "session.timeout.ms": "30s" } }), (err: Error) => err.message === "session.timeout.ms: 30s is not a number");
    });

    it("uses Kafka's defaults where the catalog says nothing: from the end, committing every five seconds", () => {
        const settings = kafkajsConsumerSettings({ groupId: "g", topics: [], clientConfig: {} });
        assert.strictEqual(settings.fromBeginning, false);
        assert.strictEqual(settings.autoCommit, true);
        assert.strictEqual(settings.autoCommitInterval, 5000);
        assert.strictEqual(settings.consumer.sessionTimeout, undefined);
    });
});
