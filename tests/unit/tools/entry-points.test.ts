// Tests that each tool's file, run as a script (`npm run lag` and the others), runs the tool with the command line and exits with its code.
import * as assert from "assert";
import Module from "module";
import * as path from "path";
import { captureOutput } from "./fake-cluster";

const TOOLS = path.resolve(__dirname, "..", "..", "..", "tools");

/**
 * Loads a tool's file as the process's main module, as node does for `ts-node tools/lag.ts`, with `argv` after the
 * script and process.exit recorded: the entry line runs only in the main module, so a plain import never reaches it.
 */
async function runAsScript(tool: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const file = require.resolve(path.join(TOOLS, tool));
    const realArgv = process.argv;
    const realExit = process.exit;
    const realMain = process.mainModule;
    let exited: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (exited = resolve));
    delete require.cache[file];
    process.argv = [process.execPath, file, ...argv];
    process.exit = ((code: number) => exited(code)) as typeof process.exit;
    try {
        const { result, stdout, stderr } = await captureOutput(async () => {
            (Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown })._load(file, null, true);
            return exit;
        });
        return { code: result, stdout, stderr };
    } finally {
        process.argv = realArgv;
        process.exit = realExit;
        (process as { mainModule?: NodeModule }).mainModule = realMain;
        delete require.cache[file];
    }
}

describe("the tools run as scripts", () => {
    for (const tool of ["verify", "lag", "smoke", "mirror-offsets", "cdc-database"]) {
        it(`${tool} prints its usage for --help and exits 0`, async () => {
            const { code, stdout } = await runAsScript(`${tool}.ts`, ["--help"]);
            assert.strictEqual(code, 0);
            assert.match(stdout, new RegExp(`^Usage: npm run ${tool} -- `));
        });

        it(`${tool} reports a wrong flag as one line named after it and exits 2`, async () => {
            const { code, stderr } = await runAsScript(`${tool}.ts`, ["--colour"]);
            assert.strictEqual(code, 2);
            assert.match(stderr, new RegExp(`^${tool}: error: Unknown option '--colour'[^\\n]*\\n$`));
        });
    }
});
