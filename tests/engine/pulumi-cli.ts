// Runs the real Pulumi CLI from the project toolchain against a file backend, in a fresh copy of the project.
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface PulumiResult {
    code: number;
    /** stdout and stderr together, as a user sees them. */
    output: string;
}

/** The environment `scripts/pulumi-toolchain.sh --env` sets up, building what is missing first. */
export function toolchainEnvironment(repo: string): Record<string, string> {
    const dump = execFileSync("bash", ["-c", 'eval "$(scripts/pulumi-toolchain.sh --env)" && env -0'], {
        cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 16 * 1024 * 1024,
    });
    return Object.fromEntries(dump.split("\0").filter(Boolean).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
}

/** A copy of the project's files (what a fresh clone has, plus uncommitted edits), sharing node_modules. */
export function copyProject(repo: string, into: string): string {
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repo, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of files) {
        const from = path.join(repo, file);
        if (!fs.existsSync(from) || fs.lstatSync(from).isSymbolicLink()) continue;
        fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
        fs.copyFileSync(from, path.join(into, file));
    }
    fs.symlinkSync(fs.realpathSync(path.join(repo, "node_modules")), path.join(into, "node_modules"));
    return into;
}

/**
 * What turns the committed stack files into stacks on an existing cluster: the mode, the cluster's zones and storage
 * class, and the monitoring CRDs it has. Everything else is the committed config.
 */
const EXISTING_CLUSTER_CONFIG: [string, string][] = [
    ["kafka-platform:kubernetes.cluster", "existing"],
    ["kafka-platform:zones[0]", "zone-a"],
    ["kafka-platform:zones[1]", "zone-b"],
    ["kafka-platform:zones[2]", "zone-c"],
    ["kafka-platform:kafka.storageClass", "standard"],
    ["kafka-platform:monitoring.provider", "prometheus-operator"],
];

/** Where a primary's Connect build pushes and downloads from on an existing cluster. */
export const CONNECT_ON_EXISTING_CLUSTER: [string, string][] = [
    ["kafka-platform:connect.imageRepository", "registry.example.com/kafka"],
    ["kafka-platform:connect.pluginRepositoryUrl", "https://maven.example.com/releases"],
];

export class PulumiCli {
    constructor(private readonly project: string, private readonly env: Record<string, string>) {}

    /** Runs `pulumi ARGS` in the project copy; never throws on a non-zero exit. */
    run(args: string[], extraEnv: Record<string, string> = {}): Promise<PulumiResult> {
        return new Promise((resolve, reject) => {
            const child = spawn("pulumi", [...args, "--non-interactive"], { cwd: this.project, env: { ...this.env, ...extraEnv } });
            let output = "";
            child.stdout.on("data", (d) => (output += d));
            child.stderr.on("data", (d) => (output += d));
            child.on("error", reject);
            child.on("close", (code) => resolve({ code: code ?? 1, output }));
        });
    }

    /** Sets `stack` (already initialised) onto an existing cluster whose kubeconfig context is named after the stack. */
    async onExistingCluster(stack: string, extra: [string, string][] = []): Promise<void> {
        await this.ok(["config", "rm", "-s", stack, "kafka-platform:gke"]);
        const context: [string, string] = ["kafka-platform:kubernetes.context", stack];
        const settings = [...EXISTING_CLUSTER_CONFIG, context, ...extra].flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]);
        await this.ok(["config", "set-all", "-s", stack, "--path", ...settings]);
    }

    /** Runs `pulumi ARGS` and fails with its output unless it succeeds. */
    async ok(args: string[]): Promise<string> {
        const result = await this.run(args);
        if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${result.code}:\n${result.output}`);
        return result.output;
    }
}
