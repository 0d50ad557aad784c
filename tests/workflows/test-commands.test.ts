// Tests the test commands the README documents: one file named on the command line runs alone.
import * as assert from "assert";
// mocha's own option loader: the .mocharc files and the command line merged as `mocha` merges them.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { loadOptions } = require("mocha/lib/cli/options") as { loadOptions: (argv: string[]) => { _: string[] } };

describe("test commands", () => {
    it("`npx mocha FILE` runs that file alone, not the whole suite besides", () => {
        assert.deepStrictEqual(loadOptions(["tests/render/yaml-emitter.test.ts"])._, ["tests/render/yaml-emitter.test.ts"]);
    });

    it("an integration file runs alone under the integration settings too", () => {
        const file = "tests/integration/clients.test.ts";
        assert.deepStrictEqual(loadOptions(["--config", "tests/integration/.mocharc.json", file])._, [file]);
    });
});
