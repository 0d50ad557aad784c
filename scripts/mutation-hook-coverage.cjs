// Loaded by Stryker's mocha runner only (stryker.config.mjs). Stryker learns which tests reach each mutant from
// the test that is running while the code runs; a describe's `before` hook runs before any of its tests, so
// its code was counted either for no test (a "static" mutant, which reruns every test of the folder in a fresh
// process) or for the last test of the describe before it (which never runs the hook: a false survivor). This
// counts what a `before` hook reaches for every test of its describe, the tests that need what it built.
const Mocha = require("mocha");

const allTests = (suite) => [...suite.tests, ...suite.suites.flatMap(allTests)];

const originalBeforeAll = Mocha.Suite.prototype.beforeAll;
Mocha.Suite.prototype.beforeAll = function (title, fn) {
    if (typeof title === "function") [title, fn] = [title.name, title];
    if (typeof fn !== "function") return originalBeforeAll.call(this, title, fn);
    const suite = this;
    const hook = fn;
    async function attributed(...args) {
        const stryker = globalThis.__stryker__;
        if (!stryker) return hook.apply(this, args);
        const hookId = `before hook of ${suite.fullTitle()}`;
        const previous = stryker.currentTestId;
        stryker.currentTestId = hookId;
        try {
            return await (hook.length > 0 ? new Promise((resolve, reject) => hook.call(this, (err) => (err ? reject(err) : resolve()))) : hook.apply(this, args));
        } finally {
            stryker.currentTestId = previous;
            const reached = stryker.mutantCoverage?.perTest?.[hookId];
            if (reached) {
                delete stryker.mutantCoverage.perTest[hookId];
                for (const test of allTests(suite)) {
                    const covered = (stryker.mutantCoverage.perTest[test.fullTitle()] ??= {});
                    for (const [mutant, hits] of Object.entries(reached)) covered[mutant] = (covered[mutant] ?? 0) + hits;
                }
            }
        }
    }
    return originalBeforeAll.call(this, title, attributed);
};
