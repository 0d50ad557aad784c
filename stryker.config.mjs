// Mutation testing (StrykerJS): which code is mutated, which tests judge it, and where each folder's results go.
// `npm run test:mutation [FOLDER...]` (scripts/mutation.sh) runs one folder at a time through MUTATION_FOLDER.
import fs from "fs";

const folder = process.env.MUTATION_FOLDER;
/** MUTATION_FILES narrows a run to some files (comma-separated, each optionally `file.ts:FROM-TO` for lines). */
const focus = process.env.MUTATION_FILES;
if (!folder && !focus) throw new Error("stryker.config.mjs: run it through npm run test:mutation -- FOLDER (it sets MUTATION_FOLDER)");
const files = focus ? focus.split(",") : [`${folder}/**/*.ts`];
// A narrowed run keeps its results apart, so each folder's stay whole.
const reports = focus ? `reports/mutation-focus/${process.env.MUTATION_FOCUS_NAME ?? "files"}` : `reports/mutation/${folder}`;

/**
 * The tests that judge each folder's mutants. Code reached while modules load (constants, tables) is covered by
 * no single test, so each of its mutants runs every test listed here: the folder's own tests, plus the stack
 * tests for the code that only a whole stack exercises. MUTATION_TESTS=all runs the whole unit suite instead.
 */
const TESTS = {
    catalog: ["tests/catalog/**/*.test.ts", "tests/unit/clients/catalog-generated.test.ts"],
    config: ["tests/config/**/*.test.ts", "tests/platform/**/*.test.ts"],
    specs: ["tests/specs/**/*.test.ts", "tests/catalog/topic-state.test.ts", "tests/platform/**/*.test.ts", "tests/components/**/*.test.ts"],
    platform: ["tests/platform/**/*.test.ts", "tests/components/**/*.test.ts"],
    render: ["tests/render/**/*.test.ts"],
    policy: ["tests/policy/**/*.test.ts"],
    tools: ["tests/unit/tools/**/*.test.ts"],
    clients: ["tests/unit/clients/**/*.test.ts"],
};
/**
 * Test files that render a whole stack, run after the others: a mutant's run stops at its first failing test,
 * so a mutant a quick test catches never waits for a render.
 */
const RENDERING_TESTS = [
    "tests/catalog/design-table.test.ts",
    "tests/config/settings-reach-resources.test.ts",
    "tests/policy/one-rule-set.test.ts",
    "tests/platform/prod-stack.test.ts",
    "tests/platform/dr-stack.test.ts",
    "tests/platform/catalog.test.ts",
    "tests/render/render-stack.test.ts",
    "tests/render/yaml-emitter.test.ts",
];
// A test file, or the test files a "FOLDER/**/*.test.ts" pattern names, quick ones first.
const testFiles = (patterns) => {
    const expanded = patterns.flatMap((pattern) => {
        const [folder, rest] = pattern.split("/**/");
        if (rest === undefined) return [pattern];
        return fs.readdirSync(folder, { recursive: true }).map((f) => `${folder}/${f}`).filter((f) => f.endsWith(rest.replace("*", ""))).sort();
    });
    const unique = [...new Set(expanded)];
    return [...unique.filter((f) => !RENDERING_TESTS.includes(f)), ...unique.filter((f) => RENDERING_TESTS.includes(f))];
};
const folders = [...new Set(files.map((f) => f.replace(/^!/, "").split("/")[0]))];
/** MUTATION_TESTS: "all" for the whole unit suite, or a comma-separated list of test files or globs. */
const chosenTests = process.env.MUTATION_TESTS;
const spec =
    chosenTests === "all" || (!chosenTests && folders.some((f) => !TESTS[f]))
        ? ["tests/**/*.test.ts"]
        : chosenTests
          ? chosenTests.split(",")
          : testFiles(folders.flatMap((f) => TESTS[f]));

// The type checker judges only this run's code and tests (and what they import): the whole project, with the
// cloud providers' typings, takes minutes to check on a shared machine, this a fraction of it.
const checkedTsconfig = ".stryker-tsconfig.json";
fs.writeFileSync(checkedTsconfig, `${JSON.stringify({ extends: "./tsconfig.json", include: [...files.filter((f) => !f.startsWith("!")).map((f) => f.replace(/:\d+-\d+$/, "")), ...spec] }, null, 2)}\n`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
    testRunner: "mocha",
    // The integration tests need a broker; the pack test runs the policy pack in Pulumi's own process, which
    // compiles the instrumented pack with type checks and fails before any check could count; the render CLI's
    // tests run it in child processes, whose coverage Stryker never sees, so they would only slow every run.
    // .mocharc.json's ts-node, and the hook that counts what a describe's `before` builds for each of its tests.
    mochaOptions: { spec, ignore: ["tests/integration/**", "tests/policy/pack.test.ts", "tests/render/render.test.ts"], require: ["ts-node/register/transpile-only", "./scripts/mutation-hook-coverage.cjs"] },
    // Each mutant runs only the tests that reached its code; mutants reached while modules load run every test.
    coverageAnalysis: "perTest",
    // A mutant that no longer type-checks is dropped before any test runs (tests run under transpile-only ts-node).
    // MUTATION_TYPECHECK=off skips that: on a loaded machine the checker sets the pace (hours against minutes), and a
    // mutant that would not compile is then judged by the tests: caught when one fails, otherwise listed as a survivor.
    checkers: process.env.MUTATION_TYPECHECK === "off" ? [] : ["typescript"],
    tsconfigFile: checkedTsconfig,
    // Tests run under transpile-only ts-node, which never type-checks; and a generated file is compared byte for byte.
    disableTypeChecks: false,
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    mutate: [
        ...files,
        // Written by clients/generate-catalog.ts from the catalog, and held to it by its own test.
        "!clients/catalog.generated.ts",
    ],
    // Earlier results are reused for every mutant whose code and covering tests are unchanged.
    incremental: true,
    incrementalFile: `${reports}/incremental.json`,
    reporters: ["clear-text", "progress-append-only", "html", "json"],
    htmlReporter: { fileName: `${reports}/index.html` },
    jsonReporter: { fileName: `${reports}/mutation.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
    tempDirName: ".stryker-tmp",
    // Broker jars and state, renders and earlier reports have no place in the sandbox Stryker copies the project to.
    ignorePatterns: [".kafka-local", "build", "reports", ".baseline"],
    cleanTempDir: "always",
    // Two cores shared with other work; the shell script runs Stryker under nice.
    concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
    timeoutMS: 5000,
    // The first run, which learns each test's coverage, renders whole stacks: minutes on a loaded machine.
    dryRunTimeoutMinutes: 30,
    thresholds: { high: 90, low: 85, break: null },
};
