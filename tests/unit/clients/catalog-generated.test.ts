// Holds clients/catalog.generated.ts, which the type check writes before it runs, to the catalog: topic names in application code cannot go stale.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Catalog, loadCatalog } from "../../../catalog";
import { GENERATED_FILE, renderGeneratedCatalog, writeGeneratedCatalog } from "../../../clients/generate-catalog";
import { CONSUMER_GROUPS, TOPIC_NAMES } from "../../../clients/catalog.generated";
import { catalogGroup, isTopicName } from "../../../clients/topics";
import { scratchDir } from "../../scratch";

describe("clients/catalog.generated.ts", () => {
    // Loaded in a hook, not while the file loads: a catalog a broken loader refuses fails these tests.
    let catalog: Catalog;
    before(() => (catalog = loadCatalog({ topics: path.join(__dirname, "..", "..", "..", "topics") })));

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

    it("writes a dead-letter topic only for a group that has one", () => {
        const text = renderGeneratedCatalog({
            topics: [],
            groups: [
                { groupId: "with-dlq", topics: ["a"], deadLetterTopic: "dlq.a", clientConfig: {} },
                { groupId: "without", topics: ["b"], clientConfig: {} },
            ] as unknown as Catalog["groups"],
        });
        assert.match(text, /"with-dlq": \{ groupId: "with-dlq", topics: \["a"\], deadLetterTopic: "dlq.a", clientConfig: \{\} \}/);
        assert.match(text, /"without": \{ groupId: "without", topics: \["b"\], clientConfig: \{\} \}/);
    });

    it("is rewritten when the catalog changes and left untouched when it does not, so a build sees no change", () => {
        const file = path.join(scratchDir("generated-"), "catalog.generated.ts");
        const topics = path.join(__dirname, "..", "..", "fixtures", "small-catalog");
        assert.strictEqual(writeGeneratedCatalog(topics, file), true);
        assert.strictEqual(fs.readFileSync(file, "utf8"), renderGeneratedCatalog(loadCatalog({ topics })));
        const earlier = new Date("2026-01-01T00:00:00Z");
        fs.utimesSync(file, earlier, earlier);
        assert.strictEqual(writeGeneratedCatalog(topics, file), false);
        assert.strictEqual(fs.statSync(file).mtimeMs, earlier.getTime(), "an unchanged module was written again");
        fs.writeFileSync(file, "// stale\n");
        assert.strictEqual(writeGeneratedCatalog(topics, file), true);
        assert.strictEqual(fs.readFileSync(file, "utf8"), renderGeneratedCatalog(loadCatalog({ topics })));
    });
});
