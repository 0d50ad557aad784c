// Tests which files loadCatalog reads: a topics folder or single file, the groups and producers files beside it or
// named elsewhere, and the problems when a path is missing or holds nothing.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CatalogError, loadCatalog } from "../../catalog";
import { ORDERS_FILE, yamlLines } from "./catalog-fixtures";
import { scratchDir } from "../scratch";

/** Writes `files` (name to text) into a new temporary folder, exactly as given. */
function folderWith(files: Record<string, string>): string {
    const dir = scratchDir("kafka-platform-catalog-paths-");
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

/** The problems of a load that must fail, as reported. */
function problemsLoading(paths: Parameters<typeof loadCatalog>[0]): string[] {
    try {
        loadCatalog(paths);
    } catch (err) {
        if (err instanceof CatalogError) return err.problems;
        throw err;
    }
    assert.fail("the catalog loaded, but it should have been refused");
}

/** A groups file with one group, `id`, reading `orders`. */
function groupsFile(id: string): string {
    return yamlLines("consumer_groups:", `  - group_id: ${id}`, "    topics:", "      - orders", "    instances: 1");
}

describe("catalog paths", () => {
    it("reports a topics path that does not exist, once", () => {
        const missing = path.join(scratchDir("kafka-platform-catalog-paths-"), "nowhere");
        assert.deepStrictEqual(problemsLoading({ topics: missing }), [`${missing}: does not exist; pass a topic file or a folder of topic files`]);
    });

    it("reports a topics folder that holds no topic files", () => {
        const dir = folderWith({ "consumer-groups.yaml": "consumer_groups: []\n", "README.md": "# Topics\n" });
        assert.deepStrictEqual(problemsLoading({ topics: dir }), [`${dir}: holds no topic files (*.yaml)`]);
    });

    it("reads a single topic file, with the groups file beside it", () => {
        const dir = folderWith({ "orders.yaml": ORDERS_FILE, "consumer-groups.yaml": groupsFile("billing") });
        const catalog = loadCatalog({ topics: path.join(dir, "orders.yaml") });
        assert.deepStrictEqual([catalog.topics.map((t) => t.name), catalog.groups.map((g) => g.groupId)], [["orders"], ["billing"]]);
    });

    it("reads .yml topic files and ignores other files in the folder", () => {
        const dir = folderWith({
            "orders.yml": ORDERS_FILE,
            "payments.yaml": yamlLines("topics:", "  - name: payments", "    description: Payments", "    partitions: 3", "    replication_factor: 3"),
            "README.md": "not yaml: [",
            "orders.yaml.orig": "not yaml: [",
            "consumer-groups.yaml": "consumer_groups: []\n",
        });
        assert.deepStrictEqual(loadCatalog({ topics: dir }).topics.map((t) => t.name), ["orders", "payments"]);
    });

    it("uses the topics folder's own groups file before the fallback, and the fallback when it has none", () => {
        const fallbackDir = folderWith({ "consumer-groups.yaml": groupsFile("fallback") });
        const fallbackGroups = path.join(fallbackDir, "consumer-groups.yaml");
        const own = folderWith({ "topics.yaml": ORDERS_FILE, "consumer-groups.yaml": groupsFile("own") });
        assert.deepStrictEqual(loadCatalog({ topics: own, fallbackGroups }).groups.map((g) => g.groupId), ["own"]);
        const bare = folderWith({ "topics.yaml": ORDERS_FILE });
        assert.deepStrictEqual(loadCatalog({ topics: bare, fallbackGroups }).groups.map((g) => g.groupId), ["fallback"]);
    });

    it("does not read named groups and producers files, nor the default-named ones, as topic files", () => {
        const dir = folderWith({
            "topics.yaml": ORDERS_FILE,
            "teams.yaml": groupsFile("billing"),
            "writers.yaml": yamlLines("producers:", "  - service: shop", "    topics:", "      - orders"),
            "consumer-groups.yaml": groupsFile("unused"),
            "producers.yaml": yamlLines("producers:", "  - service: unused", "    topics:", "      - orders"),
        });
        const catalog = loadCatalog({ topics: dir, groups: path.join(dir, "teams.yaml"), producers: path.join(dir, "writers.yaml") });
        assert.deepStrictEqual([catalog.topics.map((t) => t.name), catalog.groups.map((g) => g.groupId), catalog.producers.map((p) => p.service)], [["orders"], ["billing"], ["shop"]]);
    });

    it("reports a producers file that was named but cannot be read", () => {
        const dir = folderWith({ "topics.yaml": ORDERS_FILE, "consumer-groups.yaml": "consumer_groups: []\n" });
        const producers = path.join(dir, "writers.yaml");
        assert.deepStrictEqual(problemsLoading({ topics: dir, producers }), [`${producers}: cannot read the file: ENOENT`]);
    });
});
