// Tests that every stack setting acts: rendered with its sample value, the program registers something else.
import * as assert from "assert";
import * as path from "path";
import { Setting } from "../../config/settings";
import { SECTIONS } from "../../config/tables";
import { renderStack } from "../../render/render";
import { readStackConfig } from "../../render/stack-config";

const ROOT = path.resolve(__dirname, "..", "..");

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
