// Reads and validates every stack config key once, from the tables in config/tables.ts, into one typed PlatformConfig.
import { ConfigValue } from "../catalog";
import { CatalogError, didYouMean } from "../catalog/problems";
import { checkAcrossSettings } from "./cross-checks";
import { DESIGN, DESIGN_BROKER_CONFIG, KAFKA_BROKER_DEFAULTS } from "./defaults";
import { Section, SectionValues, Setting, SettingContext } from "./settings";
import { CLIENTS, CONNECT, GKE, KAFKA, KUBERNETES, MONITORING, NETWORK, SECTIONS, TOP_LEVEL, TOPIC_BACKEND_TLS } from "./tables";

export type StackRole = SettingContext["role"];
export type { TopicBackend } from "../specs/kafka-topic";
export type { MonitoringProvider } from "../specs/monitoring";

export const KEY_PREFIX = "kafka-platform:";

/**
 * Secret config keys. They are never committed: only the stack's own key can encrypt them, so a new stack sets
 * them with `pulumi config set --secret kafka-platform:KEY` (preview names each one missing).
 */
export const SECRET_CONFIG_KEYS: string[] = Object.entries(TOP_LEVEL.settings).flatMap(([key, setting]) => ((setting as Setting<unknown>).secret ? [key] : []));

type TopLevel = SectionValues<typeof TOP_LEVEL.settings>;
export type NetworkRanges = SectionValues<typeof NETWORK.settings>;

export interface PlatformConfig {
    stack: string;
    environment: string;
    role: StackRole;
    /** `gke`, or an existing cluster that runs Strimzi (see config/tables.ts, KUBERNETES). */
    kubernetes: SectionValues<typeof KUBERNETES.settings>;
    /** The Google Cloud project (`gcp:project`); empty on an existing cluster. */
    project: string;
    region: string;
    zones: string[];
    /** Stateful resources (cluster, storage, topics, bucket) carry `protect`. */
    protect: boolean;
    catalog: { topics: string; groups?: string; producers?: string };
    topicBackend: TopLevel["topicBackend"];
    /** Bootstrap servers the `kafka` topic backend connects to. */
    topicBackendBootstrap?: string;
    /** Files on the deployer's machine holding the TLS trust and client identity for the `kafka` backend. */
    topicBackendTls: SectionValues<typeof TOPIC_BACKEND_TLS.settings>;
    network: NetworkRanges;
    gke: SectionValues<typeof GKE.settings>;
    kafka: SectionValues<typeof KAFKA.settings> & { clusterName: string; namespace: string; brokerConfig: Record<string, ConfigValue> };
    connect: SectionValues<typeof CONNECT.settings>;
    monitoring: SectionValues<typeof MONITORING.settings>;
    clients: SectionValues<typeof CLIENTS.settings>;
    /** The primary stack a DR stack mirrors, as `org/project/stack`. */
    primaryStack?: string;
    /** The stack whose outputs hold the last deployed topic state (this stack itself). */
    stateStack: string;
    /** Names of config keys holding secrets, read by `readSecrets`. */
    secretKeys: { cdcDatabasePassword: string; mirrorMakerPassword: string };
    /** Settings that are valid but keep a deployment from completing, each naming the key and what to set. */
    warnings: string[];
}

/** Raw config as `pulumi.Config` gives it: full key to string (objects as JSON), plus the stack and org. */
export interface RawConfig {
    stack: string;
    organization: string;
    project: string;
    get(fullKey: string): string | undefined;
    /** Every full key the stack sets. */
    keys(): string[];
    /** Where a key was set, when not in `Pulumi.<stack>.yaml`: the command-line flag that set it (`--config`). */
    origin?(fullKey: string): string | undefined;
}

/** Where a problem with `fullKey.field` is reported: `Pulumi.prod.yaml: kafka-platform:kafka.brokers`. */
export type Locate = (fullKey: string, field?: string) => string;

/** How Google Cloud names a region: europe-west1, us-central1. */
const REGION_NAME = /^[a-z]+-[a-z]+[0-9]+$/;

/** Validates the stack's config; throws listing every bad key with how to fix it. */
export function parsePlatformConfig(raw: RawConfig): PlatformConfig {
    const problems: string[] = [];
    const locate: Locate = (fullKey, field) => {
        const flag = raw.origin?.(fullKey);
        return `${flag ? `${flag} ` : `Pulumi.${raw.stack}.yaml: `}${fullKey}${field ? `.${field}` : ""}`;
    };
    const problem = (fullKey: string, field: string | undefined, message: string) => problems.push(`${locate(fullKey, field)}: ${message}`);
    const own = (key: string) => raw.get(`${KEY_PREFIX}${key}`);

    // An existing cluster needs no Google Cloud project or region; its GKE sections are reported below as ignored.
    const onGke = parseJsonObject(own("kubernetes") ?? "{}")?.cluster !== "existing";
    const project = raw.get("gcp:project");
    if (!onGke) {
        /* neither is read */
    } else if (!project) problem("gcp:project", undefined, "is required: the Google Cloud project (pulumi config set gcp:project PROJECT_ID)");
    else if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) problem("gcp:project", undefined, `"${project}" is not a Google Cloud project ID: 6–30 lowercase letters, digits and hyphens, starting with a letter`);
    const givenRegion = onGke ? raw.get("gcp:region") ?? "" : "";
    if (!onGke) {
        /* no region */
    } else if (!givenRegion) problem("gcp:region", undefined, "is required: the region to run in, such as europe-west1 (pulumi config set gcp:region REGION)");
    else if (!REGION_NAME.test(givenRegion)) problem("gcp:region", undefined, `"${givenRegion}" is not a Google Cloud region name such as europe-west1`);
    // A malformed name is one mistake, reported once above, not again as a region the platform does not know.
    const region = REGION_NAME.test(givenRegion) ? givenRegion : "";

    const sectionKeys = SECTIONS.flatMap((s) => (s.key ? [s.key] : []));
    const topLevelKeys = [...Object.keys(TOP_LEVEL.settings), ...sectionKeys];
    for (const fullKey of raw.keys().filter((k) => k.startsWith(KEY_PREFIX))) {
        const key = fullKey.slice(KEY_PREFIX.length);
        if (topLevelKeys.includes(key)) continue;
        problem(fullKey, undefined, TOP_LEVEL.retired?.[key] ?? `unknown config key${didYouMean(key, topLevelKeys)}; known keys: ${topLevelKeys.join(", ")}`);
    }

    // Role and environment come first: the other defaults depend on them.
    const context: SettingContext = { stack: raw.stack, organization: raw.organization, pulumiProject: raw.project, region, role: raw.stack === "dr" ? "dr" : "primary", environment: raw.stack };
    const early = readSection(TOP_LEVEL, raw, context, problem);
    context.role = early.role;
    context.environment = early.environment;
    const top = readSection(TOP_LEVEL, raw, context, () => undefined);
    const read = <S extends Record<string, Setting<any>>>(s: Section<S>) => readSection(s, raw, context, problem);
    const kafkaSettings = read(KAFKA);

    const config: PlatformConfig = {
        stack: raw.stack,
        environment: top.environment,
        role: top.role,
        kubernetes: read(KUBERNETES),
        project: onGke ? project ?? "" : "",
        region,
        zones: top.zones,
        protect: top.protect,
        catalog: { topics: top.catalogPath, groups: top.groupsPath, producers: top.producersPath },
        topicBackend: top.topicBackend,
        topicBackendBootstrap: top.topicBackendBootstrap,
        topicBackendTls: read(TOPIC_BACKEND_TLS),
        network: read(NETWORK),
        gke: read(GKE),
        kafka: { ...kafkaSettings, clusterName: DESIGN.clusterName, namespace: DESIGN.namespace, brokerConfig: { ...DESIGN_BROKER_CONFIG, ...top.brokerConfig } },
        connect: read(CONNECT),
        monitoring: read(MONITORING),
        clients: read(CLIENTS),
        primaryStack: top.primaryStack,
        stateStack: top.stateStack,
        secretKeys: { cdcDatabasePassword: "cdcDatabasePassword", mirrorMakerPassword: "mirrorMakerPassword" },
        warnings: [],
    };
    const checked = checkAcrossSettings(config, {
        brokerOverrides: top.brokerConfig,
        zonesSet: own("zones") !== undefined,
        sectionsSet: (key) => own(key) !== undefined,
        secretSet: (key) => own(key) !== undefined,
        locate: (key, field) => locate(key.includes(":") ? key : `${KEY_PREFIX}${key}`, field),
    });
    problems.push(...checked.problems);
    if (problems.length > 0) throw new CatalogError(problems, `the stack config of "${raw.stack}" is invalid`);
    config.warnings.push(...checked.warnings);
    return config;
}

/**
 * Reads one section's settings: each value present is parsed by its kind and checked, each absent one takes its
 * default; unknown fields are reported with the closest known name.
 */
function readSection<S extends Record<string, Setting<any>>>(
    s: Section<S>,
    raw: RawConfig,
    context: SettingContext,
    problem: (fullKey: string, field: string | undefined, message: string) => void,
): SectionValues<S> {
    let present: Record<string, unknown>;
    let at: (field: string) => [string, string | undefined];
    if (s.key) {
        const fullKey = `${KEY_PREFIX}${s.key}`;
        at = (field) => [fullKey, field];
        present = {};
        const text = raw.get(fullKey);
        if (text !== undefined) {
            const value = parseJsonObject(text);
            if (value) present = value;
            else problem(fullKey, undefined, "must be a mapping of settings");
        }
        const known = Object.keys(s.settings);
        for (const field of Object.keys(present)) {
            if (!known.includes(field)) problem(fullKey, field, s.retired?.[field] ?? `unknown setting${didYouMean(field, known)}; known: ${known.join(", ")}`);
        }
    } else {
        at = (field) => [`${KEY_PREFIX}${field}`, undefined];
        present = Object.fromEntries(Object.keys(s.settings).flatMap((field) => {
            const text = raw.get(`${KEY_PREFIX}${field}`);
            return text === undefined ? [] : [[field, text]];
        }));
    }
    const values: Record<string, unknown> = {};
    for (const [field, definition] of Object.entries(s.settings)) {
        const fallback = typeof definition.default === "function" ? definition.default(context) : definition.default;
        if (!(field in present)) {
            values[field] = fallback;
            continue;
        }
        // Secrets are read with requireSecret; here only their presence counts.
        if (definition.secret) continue;
        const parsed = definition.kind.parse(present[field]);
        const why = "problem" in parsed ? parsed.problem : definition.check?.(parsed.value, context);
        if (why !== undefined) {
            problem(...at(field), why);
            values[field] = fallback;
        } else {
            values[field] = (parsed as { value: unknown }).value;
        }
    }
    return values as SectionValues<S>;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
    try {
        const value = JSON.parse(text);
        return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

/** The broker facts the catalog is validated against. */
export function brokerLimitsOf(config: PlatformConfig) {
    const setting = (key: keyof typeof KAFKA_BROKER_DEFAULTS) => {
        const v = config.kafka.brokerConfig[key];
        // Kafka reads a number written as text ("2097152") as that number, and so must the checks that follow it.
        if (typeof v === "string" && /^\d+$/.test(v.trim())) return Number(v);
        return typeof v === "number" ? v : KAFKA_BROKER_DEFAULTS[key];
    };
    return {
        brokerCount: config.kafka.brokers,
        messageMaxBytes: setting("message.max.bytes"),
        groupMinSessionTimeoutMs: setting("group.min.session.timeout.ms"),
        groupMaxSessionTimeoutMs: setting("group.max.session.timeout.ms"),
    };
}
