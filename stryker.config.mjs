// Mutation testing (StrykerJS): which code is mutated, which tests judge it, and where each folder's results go.
// `npm run test:mutation [FOLDER...]` (scripts/mutation.sh) runs one folder at a time through MUTATION_FOLDER.
const folder = process.env.MUTATION_FOLDER;
if (!folder) throw new Error("stryker.config.mjs: set MUTATION_FOLDER (npm run test:mutation -- FOLDER runs one folder)");
// A run narrowed to some files (MUTATION_FILES, below) keeps its results apart, so the folder's stay whole.
const reports = process.env.MUTATION_FILES ? `reports/mutation-focus/${folder}` : `reports/mutation/${folder}`;

/**
 * The tests that judge each folder's mutants. Code reached while modules load (constants, tables) is covered by
 * no single test, so each of its mutants runs every test listed here: the folder's own tests, plus the stack
 * tests for the code that only a whole stack exercises. MUTATION_TESTS=all runs the whole unit suite instead.
 */
const TESTS = {
    catalog: ["tests/catalog/**/*.test.ts", "tests/unit/clients/catalog-generated.test.ts"],
    config: ["tests/config/**/*.test.ts", "tests/platform/**/*.test.ts"],
    specs: ["tests/specs/**/*.test.ts", "tests/platform/**/*.test.ts", "tests/components/**/*.test.ts"],
    platform: ["tests/platform/**/*.test.ts", "tests/components/**/*.test.ts"],
    render: ["tests/render/**/*.test.ts"],
    policy: ["tests/policy/**/*.test.ts"],
    tools: ["tests/unit/tools/**/*.test.ts"],
    clients: ["tests/unit/clients/**/*.test.ts"],
};
const spec = process.env.MUTATION_TESTS === "all" || !TESTS[folder] ? ["tests/**/*.test.ts"] : TESTS[folder];
/** MUTATION_FILES narrows a run to some files of the folder (comma-separated), e.g. while working on one. */
const files = process.env.MUTATION_FILES ? process.env.MUTATION_FILES.split(",") : [`${folder}/**/*.ts`];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
    testRunner: "mocha",
    mochaOptions: { spec, ignore: ["tests/integration/**"] },
    // Each mutant runs only the tests that reached its code; mutants reached while modules load run every test.
    coverageAnalysis: "perTest",
    // A mutant that no longer type-checks is dropped before any test runs (tests run under transpile-only ts-node).
    checkers: ["typescript"],
    tsconfigFile: "tsconfig.json",
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
    tempDirName: `.stryker-tmp`,
    cleanTempDir: "always",
    // Two cores shared with other work; the shell script runs Stryker under nice.
    concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
    timeoutMS: 10000,
    thresholds: { high: 90, low: 85, break: null },
};
