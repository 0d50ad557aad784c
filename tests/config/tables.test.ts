// Tests the setting tables: docs/configuration.md is theirs, and every setting reaches a rendered resource.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONFIGURATION_DOC, configurationDoc } from "../../config/doc";
import { Setting } from "../../config/settings";
import { SECTIONS } from "../../config/tables";
import { renderStack } from "../../render/render";
import { readStackConfig } from "../../render/stack-config";

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

    describe("every setting reaches a resource: rendered with its sample, the program registers something else", () => {
        const baselines = new Map<string, string>();
        for (const s of SECTIONS) {
            for (const [field, setting] of Object.entries(s.settings) as [string, Setting<unknown>][]) {
                const key = s.key ? `${s.key}.${field}` : field;
                it(key, async function () {
                    this.timeout(120000);
                    const { stack = "prod", base = {}, value } = setting.sample;
                    const baseConfig = overridesOf(stack, base);
                    const sampleConfig = overridesOf(stack, { ...base, ...(setting.sample.with ?? {}), ...sampleEntry(s.key, field, value, stack, { ...base, ...(setting.sample.with ?? {}) }) });
                    // One program run at a time: the mock runtime's state is the process's.
                    const baseKey = JSON.stringify([stack, baseConfig]);
                    if (!baselines.has(baseKey)) baselines.set(baseKey, await rendered(stack, baseConfig));
                    const before = baselines.get(baseKey) as string;
                    const after = await rendered(stack, sampleConfig);
                    assert.notStrictEqual(after, before, `${key}: rendering with ${JSON.stringify(value)} registers exactly what the default does`);
                    const shows = setting.sample.shows ?? (typeof value === "string" ? value : false);
                    if (shows !== false) assert.ok(after.includes(shows), `${key}: "${shows}" appears nowhere in what the program registered`);
                });
            }
        }
    });
});

/** The full config entry for a sample: a section's field merged into the section's mapping from the stack file and `with`. */
function sampleEntry(sectionKey: string | undefined, field: string, value: unknown, stack: string, withKeys: Record<string, unknown>): Record<string, unknown> {
    if (!sectionKey) return { [`kafka-platform:${field}`]: value };
    const fullKey = `kafka-platform:${sectionKey}`;
    const fromFile = readStackConfig(ROOT, stack, []).config[fullKey];
    const current = { ...(fromFile ? JSON.parse(fromFile) : {}), ...((withKeys[fullKey] as object) ?? {}) };
    return { [fullKey]: { ...current, [field]: value } };
}

/** `--config` overrides for entries; a section given in `with` is merged over the stack file's mapping. */
function overridesOf(stack: string, entries: Record<string, unknown>): string[] {
    const file = readStackConfig(ROOT, stack, []).config;
    return Object.entries(entries).map(([key, value]) => {
        const merged = value && typeof value === "object" && !Array.isArray(value) && file[key] ? { ...JSON.parse(file[key]), ...value } : value;
        return `${key}=${typeof merged === "string" ? merged : JSON.stringify(merged)}`;
    });
}

/** Everything the program registered and exported, as text (secrets unredacted: this is not written anywhere). */
async function rendered(stack: string, config: string[]): Promise<string> {
    const result = await renderStack({ root: ROOT, stack, config });
    return JSON.stringify({ resources: result.resources.map(({ urn: _urn, ...rest }) => rest), outputs: result.outputs, stacksRead: result.stacksRead });
}
