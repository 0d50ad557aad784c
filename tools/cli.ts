// Flags, connection settings and error handling shared by the live cluster tools (verify, lag, smoke).
import * as fs from "fs";
import { parseArgs, ParseArgsConfig } from "util";
import { Kafka, KafkaConfig, logLevel, SASLOptions } from "kafkajs";
import { exitWhenWritten } from "./exit-when-written";

/** Exit codes: 0 all well, 1 the tool found a problem (drift, lag, loss), 2 the tool could not do its job. */
export const EXIT_OK = 0;
export const EXIT_FINDING = 1;
export const EXIT_ERROR = 2;

/** A mistake in how the tool was called; reported as one line, like every other error. */
export class UsageError extends Error {}

export interface ConnectionFlags {
    brokers: string[];
    ssl: KafkaConfig["ssl"];
    sasl?: SASLOptions;
}

export const CONNECTION_OPTIONS = {
    brokers: { type: "string" },
    ssl: { type: "boolean" },
    "ssl-ca": { type: "string" },
    "ssl-cert": { type: "string" },
    "ssl-key": { type: "string" },
    "sasl-mechanism": { type: "string" },
    "sasl-username": { type: "string" },
    "sasl-password-file": { type: "string" },
    timeout: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export const CONNECTION_HELP = `
Connection:
  --brokers HOST:PORT[,HOST:PORT]  bootstrap brokers (default: $KAFKA_BOOTSTRAP)
  --ssl                            connect with TLS (implied by any --ssl-* flag)
  --ssl-ca FILE                    CA certificate (PEM) that signed the brokers' certificates
  --ssl-cert FILE, --ssl-key FILE  client certificate and key (PEM) for mutual TLS
  --sasl-mechanism NAME            plain, scram-sha-256 or scram-sha-512
  --sasl-username NAME             SASL user; the password comes from --sasl-password-file or $KAFKA_SASL_PASSWORD
  --timeout SECONDS                give up after this long (default 30)
  --json                           print JSON instead of a table`;

const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;

type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** Parses argv strictly; unknown flags and stray arguments are usage errors. */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T): ParsedValues {
    try {
        const { values } = parseArgs({ args: argv, options: { ...CONNECTION_OPTIONS, ...options }, strict: true, allowPositionals: false });
        return values as ParsedValues;
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
}

/**
 * The start every tool shares: strict flags, `--help`, then the connection. Undefined once help is printed.
 */
export function readToolFlags<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, help: string): { values: ParsedValues; connection: ConnectionFlags } | undefined {
    const values = parseFlags(argv, options);
    if (values.help) {
        process.stdout.write(`${help}\n`);
        return undefined;
    }
    return { values, connection: connectionFromFlags(values) };
}

/** Reads the connection flags; `env` stands in for process.env so the rules are testable. */
export function connectionFromFlags(values: ParsedValues, env: NodeJS.ProcessEnv = process.env): ConnectionFlags {
    const brokerList = stringFlag(values, "brokers") ?? env.KAFKA_BOOTSTRAP;
    if (!brokerList) throw new UsageError("--brokers HOST:PORT is required (or set KAFKA_BOOTSTRAP)");
    const brokers = brokerList.split(",").map((b) => b.trim()).filter((b) => b !== "");
    for (const broker of brokers) {
        if (!/^[^\s:]+:\d{1,5}$/.test(broker)) throw new UsageError(`--brokers: "${broker}" is not HOST:PORT`);
    }
    if (brokers.length === 0) throw new UsageError("--brokers: no broker given");

    const ca = stringFlag(values, "ssl-ca");
    const cert = stringFlag(values, "ssl-cert");
    const key = stringFlag(values, "ssl-key");
    if ((cert === undefined) !== (key === undefined)) throw new UsageError("--ssl-cert and --ssl-key go together");
    const useSsl = values.ssl === true || ca !== undefined || cert !== undefined;
    const ssl = useSsl && (ca || cert) ? { ca: ca && [readFlagFile("--ssl-ca", ca)], cert: cert && readFlagFile("--ssl-cert", cert), key: key && readFlagFile("--ssl-key", key) } : useSsl;

    const mechanism = stringFlag(values, "sasl-mechanism");
    const username = stringFlag(values, "sasl-username");
    if (mechanism === undefined && username === undefined) return { brokers, ssl };
    if (mechanism === undefined) throw new UsageError("--sasl-username needs --sasl-mechanism (plain, scram-sha-256 or scram-sha-512)");
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) throw new UsageError(`--sasl-mechanism: "${mechanism}" is not one of ${SASL_MECHANISMS.join(", ")}`);
    if (username === undefined) throw new UsageError("--sasl-mechanism needs --sasl-username");
    const passwordFile = stringFlag(values, "sasl-password-file");
    const password = passwordFile !== undefined ? readFlagFile("--sasl-password-file", passwordFile).trimEnd() : env.KAFKA_SASL_PASSWORD;
    if (password === undefined) throw new UsageError("SASL needs a password: --sasl-password-file FILE or $KAFKA_SASL_PASSWORD");
    return { brokers, ssl, sasl: { mechanism: mechanism as (typeof SASL_MECHANISMS)[number], username, password } as SASLOptions };
}

export function stringFlag(values: ParsedValues, name: string): string | undefined {
    const value = values[name];
    return typeof value === "string" ? value : undefined;
}

/** A whole number flag such as --count (at least 1) or --threshold (at least 0). */
export function wholeNumberFlag(values: ParsedValues, name: string, fallback: number, minimum = 1): number {
    const raw = stringFlag(values, name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < minimum) throw new UsageError(`--${name}: "${raw}" is not a ${minimum > 0 ? "positive " : ""}whole number`);
    return Number(raw);
}

export function timeoutMs(values: ParsedValues): number {
    return wholeNumberFlag(values, "timeout", 30) * 1000;
}

function readFlagFile(flag: string, file: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new UsageError(`${flag}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
    }
}

/** A kafkajs client for a one-shot command: few retries and short timeouts, so failures end quickly, and no log noise. */
export function toolKafka(connection: ConnectionFlags, clientId: string): Kafka {
    return new Kafka({
        clientId,
        brokers: connection.brokers,
        ssl: connection.ssl,
        sasl: connection.sasl,
        connectionTimeout: 3000,
        authenticationTimeout: 3000,
        requestTimeout: 15000,
        retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1000 },
        logLevel: logLevel.NOTHING,
    });
}

/** Collapses an error, kafkajs's nested ones included, into one readable line. */
export function oneLineError(error: unknown): string {
    if (!(error instanceof Error)) return String(error).replace(/\s+/g, " ").trim();
    const parts: string[] = [];
    let current: unknown = error;
    // kafkajs wraps the real failure (ECONNREFUSED, a SASL refusal) in a retries-exceeded error.
    while (current instanceof Error && parts.length < 4) {
        const message = current.message.replace(/\s+/g, " ").trim();
        if (message !== "" && !parts.some((p) => p.includes(message))) parts.push(message);
        current = (current as Error & { cause?: unknown }).cause;
    }
    return parts.join(": ") || error.name;
}

/**
 * Runs a tool's main function as a process: prints failures as one line on stderr, never a stack
 * trace, and exits as soon as everything printed has been handed over, so a half-open connection
 * cannot keep the process alive.
 */
export function runTool(name: string, main: (argv: string[]) => Promise<number>): void {
    main(process.argv.slice(2)).then(
        (code) => exitWhenWritten(code),
        (error: unknown) => {
            process.stderr.write(`${name}: error: ${oneLineError(error)}\n`);
            exitWhenWritten(EXIT_ERROR);
        },
    );
}

/** Awaits `work`, failing with a clear message when it takes longer than `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000}s`)), ms);
    });
    try {
        return await Promise.race([work, timeout]);
    } finally {
        clearTimeout(timer);
    }
}
