// `npm run render`: runs the platform program offline and writes what `pulumi up` would create.
import * as path from "path";
import { parseArgs } from "util";
import { REDACTED, renderedResources, writeRender } from "../render/output";
import { mapSecretMarkers, previousResourcesFromFile, previousTopicsFromFile, projectRoot, renderStack, RenderOptions, STACK_TYPE } from "../render/render";
import { renderSummary } from "../render/summary";
import { problemReport } from "../catalog/problems";
import { checkRenderedResources, diagnosticLine } from "../policy/check-rendered";
import { exitWhenWritten } from "../tools/exit-when-written";

const USAGE = "usage: npm run render -- [--stack prod|dr] [--catalog FILE|DIR] [--groups FILE] [--config KEY=VALUE]... [--previous RESOURCES_JSON] [--out DIR]";
const ROOT = projectRoot();
// npm runs scripts from the project folder; paths on the command line count from where the user typed them.
const INVOCATION_DIR = process.env.INIT_CWD ?? process.cwd();

async function main(argv: string[]): Promise<number> {
    let args;
    try {
        args = parseArgs({
            args: argv,
            options: {
                stack: { type: "string", default: "prod" },
                catalog: { type: "string" },
                groups: { type: "string" },
                config: { type: "string", multiple: true, default: [] },
                previous: { type: "string" },
                out: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (err) {
        console.error(`render: ${(err as Error).message}\n${USAGE}`);
        return 2;
    }
    if (args.help) {
        console.log(USAGE);
        return 0;
    }
    const stack = args.stack as string;
    // Pulumi runs a program from its project folder; relative catalog paths in the stack config count from there.
    process.chdir(ROOT);
    const out = args.out ? path.resolve(INVOCATION_DIR, args.out) : path.join(ROOT, "build", "render", stack);
    try {
        const options: RenderOptions = {
            root: ROOT,
            stack,
            config: args.config as string[],
            catalog: args.catalog && fromUserDirectory(args.catalog),
            groups: args.groups && fromUserDirectory(args.groups),
            previous: args.previous ? previousTopicsFromFile(fromUserDirectory(args.previous)) : undefined,
        };
        const result = await renderStack(options);
        const stackEntry = { type: STACK_TYPE, name: `${result.project}-${stack}`, parent: null, inputs: {}, outputs: mapSecretMarkers(result.outputs, () => REDACTED) };
        const resources = renderedResources(result.resources);
        const warnings = Array.isArray(result.outputs.warnings) ? (result.outputs.warnings as string[]) : [];
        // The whole pack, as preview runs it: a render that preview would refuse is no render.
        const diagnostics = await checkRenderedResources(resources, stack);
        const refused = diagnostics.filter((d) => d.enforcementLevel === "mandatory").map(diagnosticLine);
        if (refused.length > 0) throw new Error(`render: ${problemReport(`the guardrails refuse stack ${stack}`, refused)}`);
        const advisories = diagnostics.map(diagnosticLine);
        const previous = args.previous ? previousResourcesFromFile(fromUserDirectory(args.previous)) : undefined;
        writeRender(out, [stackEntry, ...resources], renderSummary({ stack, resources, warnings, advisories, previous }));
        console.log(`rendered stack ${stack}: ${resources.length} resources, ${warnings.length} warning(s), ${advisories.length} advisor${advisories.length === 1 ? "y" : "ies"} (in SUMMARY.md) -> ${shortPath(out)}`);
        return 0;
    } catch (err) {
        const e = err as Error;
        // RunError and input errors carry their whole story in the message; anything else is a bug worth its stack.
        const expected = e.name === "RunError" || e.name === "CatalogError" || e.constructor.name === "RunError" || /^(--|Pulumi\.|render:)/.test(e.message);
        console.error(`render failed for stack ${stack}; nothing was written.\n${expected ? e.message : e.stack}`);
        return 1;
    }
}

/** A path as the user would type it from where they are; absolute when it lies elsewhere. */
function shortPath(p: string): string {
    const relative = path.relative(INVOCATION_DIR, p);
    return relative === "" ? "." : relative.startsWith("..") ? p : relative;
}

/** A user's path, relative to the project root so messages stay short. */
function fromUserDirectory(p: string): string {
    const absolute = path.resolve(INVOCATION_DIR, p);
    const relative = path.relative(ROOT, absolute);
    return relative === "" ? "." : relative.startsWith("..") ? absolute : relative;
}

main(process.argv.slice(2)).then(exitWhenWritten);
