// Runs the guardrails over a rendered stack offline: `ts-node policy/check-rendered.ts build/render/prod [policy-config.json]`.
import * as fs from "fs";
import * as path from "path";
import { Diagnostic, LocalResource, PackConfig, readPackConfig, runPolicies } from "./local-run";
import { policies } from "./rules";
import { exitWhenWritten } from "../tools/exit-when-written";

/** A resource of `npm run render`'s resources.json. */
export interface RenderedResource {
    type: string;
    name: string;
    inputs?: Record<string, any>;
    options?: { protect?: boolean };
}

/** Checks `<renderDir>/resources.json` for the stack named by the folder, with that stack's policy config by default. */
export async function checkRenderedStack(renderDir: string, configFile?: string): Promise<Diagnostic[]> {
    const stack = path.basename(path.resolve(renderDir));
    const rendered: RenderedResource[] = JSON.parse(fs.readFileSync(path.join(renderDir, "resources.json"), "utf8"));
    const config: PackConfig = configFile ? JSON.parse(fs.readFileSync(configFile, "utf8")) : readPackConfig(stack);
    return checkRenderedResources(rendered, stack, config);
}

/** The whole pack over rendered resources, as `pulumi preview --policy-pack policy` would run it. */
export function checkRenderedResources(rendered: RenderedResource[], stack: string, config: PackConfig = readPackConfig(stack)): Promise<Diagnostic[]> {
    const resources: LocalResource[] = rendered.map((r) => ({ type: r.type, name: r.name, props: r.inputs ?? {}, protect: r.options?.protect }));
    return runPolicies(policies, resources, stack, config);
}

/** A diagnostic as one line: the resource name that policy exceptions use, the finding, the guardrail's name. */
export function diagnosticLine(d: Diagnostic): string {
    const resource = d.urn?.split("::").pop();
    return `${resource ? `${resource}: ` : ""}${d.message} (guardrail ${d.policyName})`;
}

/**
 * `ts-node policy/check-rendered.ts RENDER_DIR [CONFIG]`: prints each violation and the counts; answers 1 when a
 * mandatory guardrail refuses the render (CI fails on it), 0 when only advisories are found, 2 when it cannot check.
 */
export async function main(argv: string[]): Promise<number> {
    const [renderDir, configFile] = argv;
    if (!renderDir) {
        console.error("usage: ts-node policy/check-rendered.ts build/render/<stack> [policy-config.json]");
        return 2;
    }
    let diagnostics: Diagnostic[];
    try {
        diagnostics = await checkRenderedStack(renderDir, configFile);
    } catch (error) {
        console.error(`cannot check ${renderDir}: ${(error as Error).message}`);
        return 2;
    }
    for (const d of diagnostics) console.log(`${d.enforcementLevel} ${d.policyName}: ${d.message}${d.urn ? `\n    ${d.urn}` : ""}`);
    const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
    console.log(`${path.basename(path.resolve(renderDir))}: ${mandatory} mandatory and ${diagnostics.length - mandatory} advisory violation(s)`);
    return mandatory > 0 ? 1 : 0;
}

// Every outcome exits through exitWhenWritten, so CI's log keeps the last lines however slowly it reads them.
if (require.main === module) void main(process.argv.slice(2)).then(exitWhenWritten);
