// Tests the setting tables: docs/configuration.md is theirs, each setting is documented and has a sample its kind accepts.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONFIGURATION_DOC, configurationDoc } from "../../config/doc";
import { Setting } from "../../config/settings";
import { SECTIONS } from "../../config/tables";

const ROOT = path.resolve(__dirname, "..", "..");

describe("stack setting tables (config/tables)", () => {
    it("are what docs/configuration.md says (npm run docs:config writes it)", () => {
        const onDisk = fs.readFileSync(path.join(ROOT, CONFIGURATION_DOC), "utf8");
        assert.strictEqual(onDisk, configurationDoc(), `${CONFIGURATION_DOC} is out of date with config/tables.ts: run npm run docs:config`);
    });

    it("document every setting with its type, default, meaning and where it goes", () => {
        const doc = configurationDoc();
        for (const s of SECTIONS) {
            for (const [field, setting] of Object.entries(s.settings) as [string, Setting<unknown>][]) {
                assert.ok(setting.doc && setting.goesTo, `${s.key ?? "top level"}.${field} lacks its doc or where it goes`);
                assert.ok(doc.includes(`| \`${field}\` | ${setting.kind.type} |`), `${field} is not in the page`);
            }
        }
    });

    it("give each setting a sample its own kind accepts and that differs from the default", () => {
        for (const s of SECTIONS) {
            for (const [field, setting] of Object.entries(s.settings) as [string, Setting<unknown>][]) {
                if (setting.secret) continue;
                const parsed = setting.kind.parse(setting.sample.value);
                assert.ok("value" in parsed, `${field}: sample ${JSON.stringify(setting.sample.value)} is refused by its kind: ${"problem" in parsed ? parsed.problem : ""}`);
                if (typeof setting.default !== "function") assert.notDeepStrictEqual(setting.sample.value, setting.default, `${field}: the sample is the default`);
            }
        }
    });
});
