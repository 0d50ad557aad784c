// `npm run bench:engine`: `pulumi preview` of a fresh prod stack under the real engine beside `npm run render`, with the design's catalog and 1,000 more topics.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { clusterPorts, startLocalCluster } from "../tests/engine/local-cluster";
import { CONNECT_ON_EXISTING_CLUSTER, copyProject, PulumiCli, toolchainEnvironment } from "../tests/engine/pulumi-cli";
import { syntheticCatalog } from "./synthetic-catalog";

const REPO = path.resolve(__dirname, "..");
const EXTRA_TOPICS = [0, 1000];

async function seconds(what: () => Promise<unknown> | unknown): Promise<number> {
    const started = process.hrtime.bigint();
    await what();
    return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "kafka-platform-bench-engine-"));
    const env = toolchainEnvironment(REPO);
    process.env.PATH = env.PATH;
    const crds = ["strimzi", "prometheus-operator"].map((d) => path.join(env.KAFKA_PLATFORM_CRDS, d));
    const cluster = await startLocalCluster("prod", clusterPorts("primary"), path.join(work, "cluster"), crds, console.log);
    try {
        cluster.kubectl(["create", "namespace", "kafka"]);
        const project = copyProject(REPO, path.join(work, "project"));
        const pulumi = new PulumiCli(project, {
            ...env, KUBECONFIG: cluster.kubeconfig, PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`, PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
        });
        fs.mkdirSync(path.join(work, "state"));
        await pulumi.ok(["stack", "init", "prod"]);
        await pulumi.onExistingCluster("prod", CONNECT_ON_EXISTING_CLUSTER);
        for (const key of ["cdcDatabasePassword", "mirrorMakerPassword"]) await pulumi.ok(["config", "set", "-s", "prod", "--secret", `kafka-platform:${key}`, "bench-secret"]);

        const rows: string[] = [];
        for (const extra of EXTRA_TOPICS) {
            if (extra) {
                syntheticCatalog(project, path.join(work, "catalog"), extra);
                fs.copyFileSync(path.join(work, "catalog", "synthetic.yaml"), path.join(project, "topics", "synthetic.yaml"));
            }
            const render = await seconds(() => execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-r", "./scripts/plain-stack-traces.ts", "scripts/render.ts", "--stack", "prod", "--out", path.join(work, `render-${extra}`)], { cwd: project, stdio: "ignore" }));
            let resources = 0;
            const preview = await seconds(async () => {
                const output = await pulumi.ok(["preview", "-s", "prod"]);
                resources = Number(/\+ (\d+) to create/.exec(output)?.[1] ?? 0);
            });
            const load = os.loadavg().map((l) => l.toFixed(1)).join(", ");
            const row = `| design + ${extra.toLocaleString("en")} | ${resources.toLocaleString("en")} | ${preview.toFixed(1)} s | ${render.toFixed(1)} s | ${(preview / render).toFixed(1)} | ${load} |`;
            console.log(row);
            rows.push(row);
        }
        console.log(`\n| Catalog | Resources previewed | \`pulumi preview\` | \`npm run render\` | preview / render | load average (1, 5, 15 min) at the end |\n| --- | ---: | ---: | ---: | ---: | --- |\n${rows.join("\n")}`);
        console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`);
    } finally {
        cluster.stop();
        fs.rmSync(work, { recursive: true, force: true });
    }
}

main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
