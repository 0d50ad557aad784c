// Brings up the local platform for the live tests and takes it down after them; a platform already running is used and left running.
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { Kafka, KafkaConfig, logLevel } from "kafkajs";
import { registerLz4Codec } from "../../../clients/lz4-codec";
import { DEFAULT_BASE_PORT } from "../../../local/plan";
import { defaultStateDir, down, LocalPlatformState, readState, REPO_ROOT, status, up } from "../../../local/platform";
import { readRender, RenderedPlatform } from "../../../local/render-input";

export const STACK = process.env.LOCAL_STACK ?? "prod";
export const STATE_DIR = path.resolve(process.env.LOCAL_STATE_DIR ?? defaultStateDir(STACK));
export const BASE_PORT = Number(process.env.LOCAL_BASE_PORT ?? DEFAULT_BASE_PORT);

let state: LocalPlatformState | undefined;
let render: RenderedPlatform | undefined;
let startedHere = false;

export const mochaHooks = {
    async beforeAll(this: Mocha.Context) {
        this.timeout(600_000);
        const running = await status(STATE_DIR);
        if (running && running.processes.every((p) => p.running)) {
            state = running.state;
        } else {
            const started = Date.now();
            state = await up({ stack: STACK, basePort: BASE_PORT, stateDir: STATE_DIR, log: (line) => process.stdout.write(`      local: ${line}\n`) });
            process.stdout.write(`      local: up in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
            startedHere = true;
        }
        render = readRender(state.renderDir);
    },
    async afterAll(this: Mocha.Context) {
        this.timeout(120_000);
        if (startedHere) await down(STATE_DIR);
    },
};

export function platform(): LocalPlatformState {
    if (!state) state = readState(STATE_DIR);
    if (!state) throw new Error("the local platform is not up");
    return state;
}

export function rendered(): RenderedPlatform {
    if (!render) render = readRender(platform().renderDir);
    return render;
}

export function user(name: string) {
    const found = platform().users.find((u) => u.user === name);
    if (!found) throw new Error(`the render has no KafkaUser ${name}`);
    return found;
}

/** A user's client properties file, read back as Kafka would. */
export function userProperties(name: string): Record<string, string> {
    const text = fs.readFileSync(user(name).propertiesFile, "utf8");
    return Object.fromEntries(text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

export function listener(name: string) {
    const found = platform().listeners.find((l) => l.name === name);
    if (!found) throw new Error(`the render has no listener ${name}`);
    return found;
}

/** A kafkajs client authenticated as a KafkaUser, on the listener its authentication uses. */
export function kafkaAs(name: string, overrides: Partial<KafkaConfig> = {}): Kafka {
    registerLz4Codec();
    const credentials = user(name);
    const ca = [fs.readFileSync(platform().clusterCaCert, "utf8")];
    const base: KafkaConfig = credentials.authentication === "tls"
        ? { brokers: listenerFor("tls").ports.map((p) => `127.0.0.1:${p}`), ssl: { ca, cert: fs.readFileSync(credentials.cert!, "utf8"), key: fs.readFileSync(credentials.key!, "utf8") } }
        : { brokers: listenerFor("scram-sha-512").ports.map((p) => `127.0.0.1:${p}`), ssl: { ca }, sasl: { mechanism: "scram-sha-512", username: name, password: credentials.password! } };
    return new Kafka({ clientId: `local-test-${name}`, logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 200 }, ...base, ...overrides });
}

/** Strimzi's topic operator: allowed everything, on the replication listener. */
export function kafkaAsOperator(overrides: Partial<KafkaConfig> = {}): Kafka {
    registerLz4Codec();
    const admin = platform().admin;
    return new Kafka({
        clientId: "local-test-operator",
        brokers: admin.bootstrap.split(","),
        ssl: { ca: [fs.readFileSync(admin.ca, "utf8")], cert: fs.readFileSync(admin.cert, "utf8"), key: fs.readFileSync(admin.key, "utf8") },
        logLevel: logLevel.NOTHING,
        retry: { retries: 5, initialRetryTime: 200 },
        ...overrides,
    });
}

function listenerFor(authentication: string) {
    const found = platform().listeners.find((l) => l.authentication === authentication);
    if (!found) throw new Error(`no listener with ${authentication} authentication`);
    return found;
}

/** The stack's Pulumi config, for facts the catalog does not hold (transactional ids). */
export function stackConfig(): Record<string, any> {
    return (parseYaml(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${STACK}.yaml`), "utf8")) as { config: Record<string, any> }).config;
}
