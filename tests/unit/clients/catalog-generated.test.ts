// Holds clients/catalog.generated.ts to the catalog, so topic names in application code cannot go stale.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadCatalog } from "../../../catalog";
import { GENERATED_FILE, renderGeneratedCatalog } from "../../../clients/generate-catalog";
import { CONSUMER_GROUPS, TOPIC_NAMES } from "../../../clients/catalog.generated";
import { catalogGroup, isTopicName } from "../../../clients/topics";

const catalog = loadCatalog({ topics: path.join(__dirname, "..", "..", "..", "topics") });

describe("clients/catalog.generated.ts", () => {
    it("matches topics/*.yaml (regenerate with `npx ts-node --transpile-only clients/generate-catalog.ts`)", () => {
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
