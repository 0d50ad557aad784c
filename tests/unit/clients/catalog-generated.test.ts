// Holds clients/catalog.generated.ts, which the type check writes before it runs, to the catalog: topic names in application code cannot go stale.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadCatalog } from "../../../catalog";
import { GENERATED_FILE, renderGeneratedCatalog } from "../../../clients/generate-catalog";
import { CONSUMER_GROUPS, TOPIC_NAMES } from "../../../clients/catalog.generated";
import { catalogGroup, isTopicName } from "../../../clients/topics";

const catalog = loadCatalog({ topics: path.join(__dirname, "..", "..", "..", "topics") });

describe("clients/catalog.generated.ts", () => {
    it("is not committed: the build derives it, so a catalog edit needs no second step", () => {
        const ignored = fs.readFileSync(path.join(__dirname, "..", "..", "..", ".gitignore"), "utf8").split("\n");
        assert.ok(ignored.includes("clients/catalog.generated.ts"));
    });

    it("was written from topics/*.yaml as they stand (by `npm run generate:clients`, which `npm test` runs first)", () => {
        assert.strictEqual(fs.readFileSync(GENERATED_FILE, "utf8"), renderGeneratedCatalog(catalog));
    });

    it("lists every catalog topic and group", () => {
        assert.deepStrictEqual([...TOPIC_NAMES].sort(), catalog.topics.map((t) => t.name).sort());
        assert.deepStrictEqual(Object.keys(CONSUMER_GROUPS).sort(), catalog.groups.map((g) => g.groupId).sort());
    });

    it("carries each group's settings as the catalog states them", () => {
        const email = catalog.groups.find((g) => g.groupId === "email-notification-dispatcher");
        assert.ok(email);
        assert.deepStrictEqual(catalogGroup("email-notification-dispatcher").clientConfig, email.clientConfig);
        assert.strictEqual(catalogGroup("email-notification-dispatcher").deadLetterTopic, "dlq.processing_errors");
    });

    it("tells catalog topic names from others", () => {
        assert.ok(isTopicName("task.events"));
        assert.ok(!isTopicName("task.event"));
    });
});
