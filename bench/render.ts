// `npm run bench`: render time and peak memory for the design's catalog and 1,000 and 10,000 more topics, beside the SDK's floor.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../render/render";
import { syntheticCatalog } from "./synthetic-catalog";

const ROOT = projectRoot();
const SIZES = [0, 1000, 10000];

interface Usage {
    code: number;
    seconds: number;
    maxRssMb: number;
}

/** Runs a compiled script in its own process and returns its wall time and peak memory. */
function measure(script: string, args: string[], scratch: string): Usage & { stdout: string } {
    const usageFile = path.join(scratch, `usage-${Date.now()}.json`);
    const result = spawnSync(process.execPath, ["-r", path.join(__dirname, "usage-reporter.js"), path.join(__dirname, "..", script), ...args], {
        cwd: ROOT,
        env: { ...process.env, BENCH_USAGE_FILE: usageFile },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`${script} ${args.join(" ")} failed:\n${result.stderr}`);
    return { ...(JSON.parse(fs.readFileSync(usageFile, "utf8")) as Usage), stdout: result.stdout };
}

function main(): void {
    if (!__filename.endsWith(".js")) throw new Error("run the benchmark compiled (npm run bench): ts-node's source maps would dominate the figures");
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kafka-platform-bench-"));
    const rows: string[] = [];
    const results: Array<{ topics: number; render: Usage; floor: Usage; resources: number }> = [];
    try {
        for (const extra of SIZES) {
            const catalog = path.join(scratch, `catalog-${extra}`);
            syntheticCatalog(ROOT, catalog, extra);
            const render = measure("scripts/render.js", ["--catalog", catalog, "--out", path.join(scratch, `out-${extra}`)], scratch);
            const resources = Number(/(\d+) resources/.exec(render.stdout)?.[1]);
            const floor = measure("bench/floor.js", [String(resources)], scratch);
            results.push({ topics: extra, render, floor, resources });
            const row = `| design + ${extra.toLocaleString("en")} | ${resources.toLocaleString("en")} | ${render.seconds.toFixed(1)} s | ${render.maxRssMb.toFixed(0)} MB | ${floor.seconds.toFixed(1)} s | ${floor.maxRssMb.toFixed(0)} MB | ${(render.seconds / floor.seconds).toFixed(2)} |`;
            rows.push(row);
            console.log(row);
        }
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
    const [, thousand, tenThousand] = results;
    console.log(`\n| Catalog | Resources | Render | Render peak | Floor | Floor peak | Render / floor |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n${rows.join("\n")}`);
    console.log(`\n10,000 / 1,000 time ratio: ${(tenThousand.render.seconds / thousand.render.seconds).toFixed(2)} (linear growth is 10, the target at most 11)`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`);
}

main();
