// Topic and group names are checked at compile time: `npm test` runs tsc, which fails if a @ts-expect-error line compiles.
import * as assert from "assert";
import { Kafka } from "kafkajs";
import { GroupConsumer } from "../../../clients/consumer";
import { PlatformProducer } from "../../../clients/producer";
import { catalogGroup } from "../../../clients/topics";

/** Never called: it exists for the type checker. */
function namesTheTypeCheckerRefuses(producer: PlatformProducer, kafka: Kafka): void {
    // @ts-expect-error "task.event" is not a catalog topic (the catalog has task.events).
    void producer.send("task.event", []);
    void producer.send("task.events", []);
    // @ts-expect-error "search-indexer" is not a catalog group.
    catalogGroup("search-indexer");
    void new GroupConsumer(kafka, catalogGroup("search-index-updater")).start(async ({ topic }) => {
        // @ts-expect-error the group reads catalog topics only, so a topic outside the union is a type error.
        const wrong: "no.such.topic" = topic;
        void wrong;
    });
}

describe("typed catalog names", () => {
    it("are enforced by the type check that `npm test` runs first", () => {
        assert.strictEqual(typeof namesTheTypeCheckerRefuses, "function");
    });
});
