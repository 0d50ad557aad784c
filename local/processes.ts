// Starts, watches and stops the local platform's Java processes, each known by its pid and its own config file.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { fileLog4jProperties, propertiesText } from "./plan";

export interface ProcessRecord {
    /** `zookeeper`, `broker-0`, ...; Connect and MirrorMaker 2 join under their own names. */
    name: string;
    pid: number;
    /** The file the process was started with; it identifies the process beside its pid, so a reused pid is never stopped. */
    configFile: string;
    logFile: string;
    /** Ports it listens on; the first one answers once it is up. */
    ports: number[];
    /** How to start it again (after a stop in a durability test, say). */
    launch: JavaLaunch;
}

export interface JavaLaunch {
    mainClass: string;
    args: string[];
    classpath: string;
    heap: string;
    /** Extra JVM options (system properties). */
    jvmOptions?: string[];
    /** Working directory; default the caller's. */
    cwd?: string;
}

/** Writes `dir/log4j.properties` (`fileLog4jProperties`) and returns the JVM option that points log4j at it. */
export function log4jOption(dir: string, logFile: string, rootLevel: string, levels: Record<string, string> = {}): string {
    const file = path.join(dir, "log4j.properties");
    fs.writeFileSync(file, propertiesText(fileLog4jProperties(logFile, rootLevel, levels)));
    return `-Dlog4j.configuration=file:${file}`;
}

/** Starts a JVM detached from this process; its console output goes to stdout.log beside its config file, its log4j log to `logFile`. */
export function startJava(name: string, launch: JavaLaunch, configFile: string, logFile: string, ports: number[]): ProcessRecord {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const out = fs.openSync(path.join(path.dirname(configFile), "stdout.log"), "a");
    const child = spawn("java", [
        `-Xms${launch.heap}`, `-Xmx${launch.heap}`, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
        ...(launch.jvmOptions ?? []),
        "-cp", launch.classpath, launch.mainClass, ...launch.args,
    ], { detached: true, stdio: ["ignore", out, out], cwd: launch.cwd });
    fs.closeSync(out);
    if (child.pid === undefined) throw new Error(`${name}: java could not be started (is Java 17 on the PATH?)`);
    child.unref();
    return { name, pid: child.pid, configFile, logFile, ports, launch };
}

/** True while the pid is alive and still the process started with this record's config file. */
export function isRunning(record: ProcessRecord): boolean {
    try {
        process.kill(record.pid, 0);
    } catch {
        return false;
    }
    try {
        const commandLine = fs.readFileSync(`/proc/${record.pid}/cmdline`, "utf8");
        return commandLine.includes(record.configFile);
    } catch {
        // Without /proc, the pid alone has to do.
        return true;
    }
}

/** Stops the process gracefully (SIGTERM: Kafka shuts down cleanly), then forcibly after `graceMs`. */
export async function stopProcess(record: ProcessRecord, graceMs = 30_000): Promise<void> {
    if (!isRunning(record)) return;
    signal(record.pid, "SIGTERM");
    const deadline = Date.now() + graceMs;
    while (isRunning(record) && Date.now() < deadline) await sleep(200);
    if (isRunning(record)) signal(record.pid, "SIGKILL");
    while (isRunning(record)) await sleep(100);
}

function signal(pid: number, name: NodeJS.Signals): void {
    try {
        process.kill(pid, name);
    } catch {
        // Already gone.
    }
}

export function portAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect({ host: "127.0.0.1", port });
        const done = (answer: boolean) => {
            socket.destroy();
            resolve(answer);
        };
        socket.setTimeout(timeoutMs, () => done(false));
        socket.once("connect", () => done(true));
        socket.once("error", () => done(false));
    });
}

/** Ports someone else already listens on, with what the platform wanted them for. */
export async function takenPorts(ports: { port: number; owner: string }[]): Promise<{ port: number; owner: string }[]> {
    const answers = await Promise.all(ports.map(async (p) => ((await portAnswers(p.port, 500)) || !(await canBind(p.port)) ? p : undefined)));
    return answers.filter((p): p is { port: number; owner: string } => p !== undefined);
}

function canBind(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const server = net.createServer();
        server.once("error", () => resolve(false));
        server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
}

/**
 * Waits until `ready()` holds, failing early with the log's telling lines when the process exits,
 * and with a timeout naming the process and its log otherwise.
 */
export async function waitUntilReady(record: ProcessRecord, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (await ready()) return;
        if (!isRunning(record)) {
            const stdout = path.join(path.dirname(record.configFile), "stdout.log");
            throw new Error(`${record.name} exited while starting: ${lastErrorLine(record.logFile) ?? lastErrorLine(stdout) ?? "no error in its log"} (log: ${record.logFile})`);
        }
        if (Date.now() > deadline) throw new Error(`${record.name} did not start within ${timeoutMs / 1000}s (log: ${record.logFile})`);
        await sleep(250);
    }
}

/** The most telling line of a log: the last error, exception or fatal message. */
export function lastErrorLine(logFile: string): string | undefined {
    if (!fs.existsSync(logFile)) return undefined;
    const lines = fs.readFileSync(logFile, "utf8").split("\n");
    const telling = lines.filter((l) => /ERROR|FATAL|Exception|Error:/.test(l) && !/^\s+at /.test(l));
    const line = telling.find((l) => /ConfigException|Invalid value|isn't a known config/.test(l)) ?? telling[telling.length - 1];
    return line?.trim();
}

export function logContains(logFile: string, pattern: RegExp): boolean {
    return fs.existsSync(logFile) && pattern.test(fs.readFileSync(logFile, "utf8"));
}

export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a Kafka command-line class to completion (ConfigCommand, the perf tools). */
export function runJava(classpath: string, mainClass: string, args: string[], options: { heap?: string; timeoutMs?: number } = {}): { status: number | null; output: string } {
    const result = spawnSync("java", [`-Xmx${options.heap ?? "256m"}`, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlog4j.configuration=file:/dev/null", "-cp", classpath, mainClass, ...args], {
        encoding: "utf8",
        timeout: options.timeoutMs ?? 120_000,
    });
    return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}
