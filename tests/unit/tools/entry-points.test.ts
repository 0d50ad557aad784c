// Tests that each tool's file, run as a script (`npm run lag` and the others), runs the tool with the command line and exits with its code.
import * as assert from "assert";
import * as path from "path";
import { runAsScript } from "../../run-as-script";

const TOOLS = path.resolve(__dirname, "..", "..", "..", "tools");

describe("the tools run as scripts", () => {
    for (const tool of ["verify", "lag", "smoke", "mirror-offsets", "cdc-database"]) {
        it(`${tool} prints its usage for --help and exits 0`, async () => {
            const { code, stdout } = await runAsScript(path.join(TOOLS, `${tool}.ts`), ["--help"]);
            assert.strictEqual(code, 0);
            assert.match(stdout, new RegExp(`^Usage: npm run ${tool} -- `));
        });

        it(`${tool} reports a wrong flag as one line named after it and exits 2`, async () => {
            const { code, stderr } = await runAsScript(path.join(TOOLS, `${tool}.ts`), ["--colour"]);
            assert.strictEqual(code, 2);
            assert.match(stderr, new RegExp(`^${tool}: error: Unknown option '--colour'[^\\n]*\\n$`));
        });
    }
});
