// `npm run local -- up|status|down`: a stack's render running on a local three-broker Kafka with production's access control.
import * as path from "path";
import { parseArgs } from "util";
import { DEFAULT_BASE_PORT } from "./plan";
import { AlreadyRunningError, defaultStateDir, down, status, up } from "./platform";

const HELP = `Usage: npm run local -- up|status|down [--stack prod|dr] [--base-port N] [--render DIR] [--state DIR]

  up        render the stack (or read --render DIR) and start ZooKeeper and three brokers on 127.0.0.1 with the
            rendered broker settings, listeners, authentication and ACLs; create every rendered topic and user;
            write each user's client properties to <state>/clients/<user>.properties
  status    what runs, on which ports
  down      stop everything up started, by its records, and remove the state

  --stack NAME      the stack to run (default prod)
  --base-port N     first of the 100 ports the platform takes (default ${DEFAULT_BASE_PORT}): ZooKeeper on N,
                    broker i's listeners from N+10(i+1)+1, other processes from N+50
  --render DIR      run this render instead of rendering the stack now
  --state DIR       where the state lives (default build/local/<stack>)`;

async function main(argv: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args: argv,
        options: { stack: { type: "string" }, "base-port": { type: "string" }, render: { type: "string" }, state: { type: "string" }, help: { type: "boolean", short: "h" } },
        allowPositionals: true,
        strict: true,
    });
    if (values.help || positionals.length === 0) {
        process.stdout.write(`${HELP}\n`);
        return values.help ? 0 : 2;
    }
    if (positionals.length > 1) throw new Error(`one command at a time, got: ${positionals.join(" ")}`);
    const stack = values.stack ?? "prod";
    if (!/^[a-z0-9-]+$/.test(stack)) throw new Error(`--stack "${stack}": a stack name is lower-case letters, digits and dashes`);
    const stateDir = values.state ? path.resolve(values.state) : defaultStateDir(stack);
    const command = positionals[0];

    if (command === "up") {
        const basePort = values["base-port"] === undefined ? DEFAULT_BASE_PORT : Number(values["base-port"]);
        if (values["base-port"] !== undefined && !/^\d+$/.test(values["base-port"])) throw new Error(`--base-port "${values["base-port"]}" is not a port number`);
        const started = Date.now();
        try {
            const state = await up({ stack, basePort, renderDir: values.render ? path.resolve(values.render) : undefined, stateDir, log: (line) => process.stdout.write(`local: ${line}\n`) });
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            process.stdout.write(`local: the ${stack} platform is up in ${seconds}s (state in ${path.relative(process.cwd(), stateDir)})\n`);
            for (const l of state.listeners) process.stdout.write(`  ${l.name.padEnd(9)} ${l.protocol.padEnd(9)} ${l.bootstrap}\n`);
            process.stdout.write(`  client settings per user: ${path.relative(process.cwd(), path.join(stateDir, "clients"))}/<user>.properties (${state.users.map((u) => u.user).join(", ")})\n`);
            return 0;
        } catch (error) {
            if (error instanceof AlreadyRunningError) {
                process.stderr.write(`local: ${error.message}\n`);
                return 1;
            }
            throw error;
        }
    }
    if (command === "status") {
        const found = await status(stateDir);
        if (!found) {
            process.stdout.write(`local: no ${stack} platform is running (no state in ${path.relative(process.cwd(), stateDir)})\n`);
            return 3;
        }
        const { state, processes } = found;
        process.stdout.write(`local: the ${state.stack} platform, base port ${state.basePort}, started ${state.startedAt ?? "(still starting)"}\n`);
        for (const p of processes) process.stdout.write(`  ${p.name.padEnd(12)} pid ${String(p.pid).padEnd(8)} ${p.running ? (p.answering ? "running" : "running, not answering") : "stopped"}  ports ${p.ports.join(",")}\n`);
        for (const l of state.listeners ?? []) process.stdout.write(`  listener ${l.name.padEnd(9)} ${l.protocol.padEnd(9)} ${l.bootstrap}\n`);
        return processes.every((p) => p.running && p.answering) ? 0 : 1;
    }
    if (command === "down") {
        const stopped = await down(stateDir);
        process.stdout.write(stopped.length === 0 ? `local: no ${stack} platform to stop\n` : `local: stopped ${stopped.map((p) => p.name).join(", ")} and removed ${path.relative(process.cwd(), stateDir)}\n`);
        return 0;
    }
    throw new Error(`unknown command "${command}"; use up, status or down`);
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
        process.stderr.write(`local: error: ${(error as Error).message ?? String(error)}\n`);
        process.exit(2);
    },
);
