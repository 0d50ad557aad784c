// Proves an application team's catalog edits keep CI green: on a copy of the project it adds a topic exactly as the README says, then changes it, retires it and forgets it, running the tests and the render at each step.
import { spawn, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

interface Step {
    title: string;
    edit: (copy: string) => void;
    /** Runs the whole `npm test` on the edited copy; the last step returns to the original catalog, which CI tests anyway. */
    test: boolean;
}

/** A topic name nobody has seen, so no test can know it. */
const topic = `teamcheck.${randomBytes(3).toString("hex")}.invoice_issued`;
const TOPIC_FILE = "topics/analytics.yaml";
const GROUP = "analytics-processor";
const PRODUCER = "fsm-api";

/** The README's "Add a topic" entry, with its settings filled in. */
function topicEntry(partitions: number, retentionMs: number): string {
    return [
        `  - name: ${topic}`,
        "    description: Invoices issued to customers",
        `    partitions: ${partitions}`,
        "    replication_factor: 3",
        "    min_insync_replicas: 2",
        `    retention_ms: ${retentionMs}`,
        "    segment_ms: 86400000",
        "    compression_type: lz4",
        "    cleanup_policy: delete",
        "",
    ].join("\n");
}

const THIRTY_DAYS = 2592000000;
const FOURTEEN_DAYS = 1209600000;

function edit(copy: string, file: string, change: (text: string) => string): void {
    const full = path.join(copy, file);
    const before = fs.readFileSync(full, "utf8");
    const after = change(before);
    if (after === before) throw new Error(`${file}: the edit found nothing to change`);
    fs.writeFileSync(full, after);
}

/** Adds the topic at the head of the `topics:` list of the entry whose key line is `keyLine` (a group or a producer). */
function addToList(text: string, keyLine: string): string {
    const at = text.indexOf(keyLine);
    const list = text.indexOf("    topics:\n", at);
    if (at < 0 || list < 0) throw new Error(`no block list of topics under "${keyLine}"`);
    const end = list + "    topics:\n".length;
    return `${text.slice(0, end)}      - ${topic}\n${text.slice(end)}`;
}

const steps: Step[] = [
    {
        title: `add ${topic} to ${TOPIC_FILE}, to group ${GROUP} and to producer ${PRODUCER}`,
        test: true,
        edit: (copy) => {
            edit(copy, TOPIC_FILE, (t) => t.replace(/^topics:\n/m, `topics:\n${topicEntry(12, THIRTY_DAYS)}\n`));
            edit(copy, "topics/consumer-groups.yaml", (t) => addToList(t, `group_id: ${GROUP}\n`));
            edit(copy, "topics/producers.yaml", (t) => addToList(t, `service: ${PRODUCER}\n`));
        },
    },
    {
        title: `raise ${topic} to 24 partitions and cut its retention to 14 days`,
        test: true,
        edit: (copy) => edit(copy, TOPIC_FILE, (t) => t.replace(topicEntry(12, THIRTY_DAYS), topicEntry(24, FOURTEEN_DAYS))),
    },
    {
        title: `retire ${topic} through removed_topics, its readers and writers let go`,
        test: true,
        edit: (copy) => {
            edit(copy, TOPIC_FILE, (t) => `${t.replace(`${topicEntry(24, FOURTEEN_DAYS)}\n`, "")}\nremoved_topics:\n  - name: ${topic}\n    reason: Invoices move to the billing platform\n    delete_data: false\n`);
            edit(copy, "topics/consumer-groups.yaml", (t) => t.replace(`      - ${topic}\n`, ""));
            edit(copy, "topics/producers.yaml", (t) => t.replace(`      - ${topic}\n`, ""));
        },
    },
    {
        title: `forget ${topic}: its removed_topics entry dropped once the release is deployed`,
        test: false,
        edit: (copy) => edit(copy, TOPIC_FILE, (t) => t.replace(/\nremoved_topics:\n[\s\S]*$/, "")),
    },
];

/** The project as a fresh clone would hold it, with this checkout's installed packages. */
function copyProject(): string {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "catalog-edit-"));
    // Untracked files not ignored count too: a fresh clone of the commit being made holds them.
    const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
    if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
    // Regular files only: node_modules (a folder, or a link to a shared one) is linked below.
    for (const file of listed.stdout.split("\0").filter((f) => f !== "" && fs.lstatSync(path.join(ROOT, f), { throwIfNoEntry: false })?.isFile())) {
        fs.mkdirSync(path.join(copy, path.dirname(file)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
    }
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules")), path.join(copy, "node_modules"));
    return copy;
}

/** Runs a command in the copy; its output is shown only when it fails. */
function run(copy: string, command: string, args: string[]): void {
    const started = Date.now();
    const result = spawnSync(command, args, { cwd: copy, encoding: "utf8", env: { ...process.env, INIT_CWD: copy }, maxBuffer: 256 * 1024 * 1024 });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (result.status !== 0) {
        process.stdout.write(`${result.stdout}${result.stderr}`);
        throw new Error(`\`${[command, ...args].join(" ")}\` failed (exit ${result.status}) after ${seconds} s`);
    }
    console.log(`    ${[command, ...args].join(" ")}: ok (${seconds} s)`);
}

/** `npm test` in each copy at once (each is mostly one process, and the machine has more than one core). */
async function testAll(copies: Array<{ title: string; dir: string }>): Promise<void> {
    const results = await Promise.all(copies.map(({ title, dir }) => new Promise<{ title: string; code: number | null; output: string; seconds: string }>((resolve) => {
        const started = Date.now();
        const child = spawn("npm", ["test", "--silent"], { cwd: dir, env: { ...process.env, INIT_CWD: dir } });
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        child.on("close", (code) => resolve({ title, code, output, seconds: ((Date.now() - started) / 1000).toFixed(0) }));
    })));
    for (const r of results) console.log(`    npm test after "${r.title}": ${r.code === 0 ? "ok" : `failed (exit ${r.code})`} (${r.seconds} s)`);
    const failed = results.filter((r) => r.code !== 0);
    for (const r of failed) process.stdout.write(`\n--- npm test after "${r.title}" ---\n${r.output}`);
    if (failed.length > 0) throw new Error(`\`npm test\` failed after: ${failed.map((r) => r.title).join("; ")}`);
}

async function main(): Promise<number> {
    const copy = copyProject();
    const tested: string[] = [];
    let previous: string | undefined;
    try {
        // Each tested step's catalog in a copy of its own, the edits before it applied, so the suites run side by side.
        const testCopies: Array<{ title: string; dir: string }> = [];
        for (const [i, step] of steps.entries()) {
            if (!step.test) continue;
            const dir = copyProject();
            tested.push(dir);
            for (const earlier of steps.slice(0, i + 1)) earlier.edit(dir);
            testCopies.push({ title: step.title, dir });
        }
        console.log(`catalog edits: npm test on ${testCopies.length} edited copies at once`);
        await testAll(testCopies);
        for (const [i, step] of steps.entries()) {
            console.log(`catalog edit ${i + 1}/${steps.length}: ${step.title}`);
            step.edit(copy);
            const out = path.join(copy, "build", `step-${i + 1}`, "prod"); // the guardrail check reads the stack from the folder name
            run(copy, "npm", ["run", "-s", "render", "--", "--stack", "prod", "--out", out, ...(previous ? ["--previous", previous] : [])]);
            run(copy, "node", ["-r", "ts-node/register/transpile-only", "policy/check-rendered.ts", out]);
            previous = path.join(out, "resources.json");
        }
        console.log("catalog edits keep CI green: add, change, retire and forget");
        return 0;
    } catch (error) {
        console.error(`catalog edit check: ${(error as Error).message}`);
        return 1;
    } finally {
        for (const dir of [copy, ...tested]) fs.rmSync(dir, { recursive: true, force: true });
    }
}

main().then((code) => process.exit(code));
