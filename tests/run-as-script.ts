// Runs a command-line file in this process as node runs a script, so the code behind `require.main === module` is tested where Stryker sees it.
import Module from "module";

/** What a function printed on stdout and stderr while it ran, written nowhere else. */
export async function captureOutput<T>(work: () => Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const realOut = process.stdout.write;
    const realErr = process.stderr.write;
    // As a stream does, a write's callback runs once the chunk is handed over.
    const into = (chunks: string[]) =>
        ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown) => {
            chunks.push(String(chunk));
            const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
            if (typeof done === "function") process.nextTick(done as () => void);
            return true;
        }) as typeof process.stdout.write;
    process.stdout.write = into(out);
    process.stderr.write = into(err);
    try {
        const result = await work();
        return { result, stdout: out.join(""), stderr: err.join("") };
    } finally {
        process.stdout.write = realOut;
        process.stderr.write = realErr;
    }
}

/**
 * Loads `file` as the process's main module with `argv` after the script, and answers the code it exits with:
 * process.exit is recorded, not obeyed, so the file must exit as its last step.
 */
export async function runAsScript(file: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const resolved = require.resolve(file);
    const realArgv = process.argv;
    const realExit = process.exit;
    const realMain = process.mainModule;
    let exited: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (exited = resolve));
    delete require.cache[resolved];
    process.argv = [process.execPath, resolved, ...argv];
    process.exit = ((code: number) => exited(code)) as typeof process.exit;
    try {
        const { result, stdout, stderr } = await captureOutput(async () => {
            (Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown })._load(resolved, null, true);
            return exit;
        });
        return { code: result, stdout, stderr };
    } finally {
        process.argv = realArgv;
        process.exit = realExit;
        (process as { mainModule?: NodeModule }).mainModule = realMain;
        delete require.cache[resolved];
    }
}
