// Tests that a tool's whole output reaches a reader that is slow to read it, as when piped into another command, and that it exits only once both streams are flushed.
import * as assert from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { exitWhenWritten } from "../../../tools/exit-when-written";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** Runs a tool that prints `lines` lines and a closing line, reading its stdout only after `delayMs`. */
function runSlowlyRead(lines: number, delayMs: number): Promise<{ code: number | null; stdout: string }> {
    const program = `
        const { runTool } = require("./tools/cli");
        runTool("demo", async () => {
            for (let i = 0; i < ${lines}; i++) process.stdout.write("row " + i + " " + "x".repeat(60) + "\\n");
            process.stdout.write("closing summary line\\n");
            return 1;
        });`;
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", program], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
        const chunks: Buffer[] = [];
        child.stdout.pause();
        setTimeout(() => {
            child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
            child.stdout.resume();
        }, delayMs);
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout: Buffer.concat(chunks).toString("utf8") }));
    });
}

describe("a tool's output read slowly through a pipe", () => {
    it("arrives whole, far beyond the pipe's 64 KB, with the tool's exit code", async () => {
        const lines = 20000; // about 1.4 MB
        const { code, stdout } = await runSlowlyRead(lines, 1500);
        assert.strictEqual(code, 1);
        const received = stdout.split("\n").filter((l) => l !== "");
        assert.strictEqual(received.length, lines + 1, `${received.length} lines arrived`);
        assert.strictEqual(received[received.length - 1], "closing summary line");
    });
});

describe("exitWhenWritten", () => {
    it("exits with the code only once both stdout and stderr have handed over what was written before", () => {
        const realExit = process.exit;
        const realOut = process.stdout.write;
        const realErr = process.stderr.write;
        const pending: Array<{ stream: string; chunk: unknown; done: () => void }> = [];
        const exits: number[] = [];
        const hold = (stream: string) => ((chunk: unknown, done: () => void) => pending.push({ stream, chunk, done }) > 0) as typeof process.stdout.write;
        process.exit = ((code: number) => void exits.push(code)) as typeof process.exit;
        process.stdout.write = hold("stdout");
        process.stderr.write = hold("stderr");
        try {
            exitWhenWritten(3);
            // Empty writes: the callbacks mark the flush, and nothing is added to what the tool printed.
            assert.deepStrictEqual(pending.map((p) => [p.stream, p.chunk]), [["stdout", ""], ["stderr", ""]]);
            pending[1].done();
            assert.deepStrictEqual(exits, [], "exited before stdout was flushed");
            pending[0].done();
            assert.deepStrictEqual(exits, [3]);
        } finally {
            process.exit = realExit;
            process.stdout.write = realOut;
            process.stderr.write = realErr;
        }
    });
});
