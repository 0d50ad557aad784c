// Tests the stack config parser: the design's defaults when keys are absent, and a message naming the key and the fix for each mistake.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CatalogError } from "../../catalog";
import { REGION_ZONES } from "../../config/defaults";
import { brokerLimitsOf, parsePlatformConfig, PlatformConfig, RawConfig, SECRET_CONFIG_KEYS } from "../../config/platform-config";
import { readStackConfig } from "../../render/stack-config";
import { STRIMZI_FORBIDDEN_EXCEPTIONS, STRIMZI_FORBIDDEN_PREFIXES } from "../specs/strimzi-forbidden";

const ROOT = path.resolve(__dirname, "..", "..");

/** A primary stack's smallest valid config: project, region, the Connect database and the two secrets. */
const MINIMAL_PRIMARY: Record<string, unknown> = {
    "gcp:project": "acme-prod",
    "gcp:region": "europe-west1",
    "kafka-platform:connect": { databaseHost: "db.internal", databaseUser: "debezium", databaseName: "fsm" },
    "kafka-platform:cdcDatabasePassword": "s3cret",
    "kafka-platform:mirrorMakerPassword": "mm2-s3cret",
};

/** A DR stack's smallest valid config. */
const MINIMAL_DR: Record<string, unknown> = {
    "gcp:project": "acme-prod",
    "gcp:region": "europe-west4",
    "kafka-platform:primaryStack": "acme/kafka-platform/prod",
};

/** Raw config the way `pulumi.runtime.allConfig()` gives it: structured values as JSON text. */
function raw(stack: string, entries: Record<string, unknown>): RawConfig {
    const all: Record<string, string> = {};
    for (const [key, value] of Object.entries(entries)) {
        if (value === undefined) continue;
        all[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { stack, organization: "acme", project: "kafka-platform", get: (key) => all[key], keys: () => Object.keys(all) };
}

function parse(stack: string, entries: Record<string, unknown>): PlatformConfig {
    return parsePlatformConfig(raw(stack, entries));
}

/** Every problem the parser reports for the config; fails when it is accepted. */
function problemsOf(stack: string, entries: Record<string, unknown>): string[] {
    try {
        parse(stack, entries);
    } catch (err) {
        if (!(err instanceof CatalogError)) throw err;
        return err.problems;
    }
    return assert.fail("the config was accepted, but it should have been refused");
}

/** The one problem about `key` (the full config key); its message must match each of `says`. */
function assertProblem(problems: string[], stack: string, key: string, ...says: RegExp[]): string {
    const prefix = `Pulumi.${stack}.yaml: ${key}: `;
    const found = problems.filter((p) => p.startsWith(prefix));
    assert.strictEqual(found.length, 1, `expected one problem for ${key}, got:\n  ${problems.join("\n  ")}`);
    for (const pattern of says) assert.match(found[0], pattern);
    return found[0];
}

/** `base` with some keys replaced (undefined removes a key). */
const withKeys = (base: Record<string, unknown>, changes: Record<string, unknown>) => ({ ...base, ...changes });

describe("parsePlatformConfig", () => {
    describe("defaults from the design", () => {
        // Parsed in a hook, not while the file loads: a config refused by a broken parser fails these tests.
        let config: PlatformConfig;
        before(() => (config = parse("prod", MINIMAL_PRIMARY)));

        it("runs six brokers of Kafka 3.6.0 on 1000Gi of pd-ssd each", () => {
            assert.strictEqual(config.kafka.brokers, 6);
            assert.strictEqual(config.kafka.version, "3.6.0");
            assert.strictEqual(config.kafka.storageSize, "1000Gi");
            assert.strictEqual(config.kafka.storageClass, "pd-ssd");
        });

        it("runs three ZooKeeper nodes with 100Gi each", () => {
            assert.strictEqual(config.kafka.zookeeperReplicas, 3);
            assert.strictEqual(config.kafka.zookeeperStorageSize, "100Gi");
        });

        it("alerts on a consumer lag above 1000 records", () => {
            assert.strictEqual(config.monitoring.lagThreshold, 1000);
        });

        it("spreads over zones b, c and d of europe-west1", () => {
            assert.deepStrictEqual(config.zones, ["europe-west1-b", "europe-west1-c", "europe-west1-d"]);
        });

        it("names the cluster production-kafka in the kafka namespace", () => {
            assert.strictEqual(config.kafka.clusterName, "production-kafka");
            assert.strictEqual(config.kafka.namespace, "kafka");
        });

        it("keeps unclean leader election off and automatic topic creation off", () => {
            assert.strictEqual(config.kafka.brokerConfig["unclean.leader.election.enable"], false);
            assert.strictEqual(config.kafka.brokerConfig["auto.create.topics.enable"], false);
        });

        it("makes a stack named prod a protected primary with Connect enabled", () => {
            assert.strictEqual(config.role, "primary");
            assert.strictEqual(config.protect, true);
            assert.strictEqual(config.connect.enabled, true);
            assert.strictEqual(config.primaryStack, undefined);
        });

        it("leaves a primary stack of another environment unprotected unless it says otherwise, so a staging stack can be torn down", () => {
            assert.strictEqual(parse("staging", MINIMAL_PRIMARY).protect, false);
            assert.strictEqual(parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:environment": "staging" })).protect, false);
            assert.strictEqual(parse("staging", withKeys(MINIMAL_PRIMARY, { "kafka-platform:environment": "prod" })).protect, true);
            assert.strictEqual(parse("staging", withKeys(MINIMAL_PRIMARY, { "kafka-platform:protect": true })).protect, true);
        });

        it("makes a stack named dr a protected DR stack without Connect, on its own network ranges", () => {
            const dr = parse("dr", MINIMAL_DR);
            assert.strictEqual(dr.role, "dr");
            assert.strictEqual(dr.protect, true);
            assert.strictEqual(dr.connect.enabled, false);
            assert.deepStrictEqual(dr.zones, ["europe-west4-a", "europe-west4-b", "europe-west4-c"]);
            assert.notStrictEqual(dr.network.subnetCidr, config.network.subnetCidr);
        });

        it("spreads a stack in any region it knows over three distinct zones of that region, and accepts each of the region's zones when listed", () => {
            for (const region of Object.keys(REGION_ZONES)) {
                const parsed = parse("prod", withKeys(MINIMAL_PRIMARY, { "gcp:region": region }));
                assert.strictEqual(new Set(parsed.zones).size, 3, `${region}: ${parsed.zones.join(", ")}`);
                for (const zone of parsed.zones) assert.match(zone, new RegExp(`^${region}-[a-z]$`), region);
                for (const zone of REGION_ZONES[region]) {
                    const others = parsed.zones.filter((z) => z !== `${region}-${zone}`).slice(0, 2);
                    const listed = parse("prod", withKeys(MINIMAL_PRIMARY, { "gcp:region": region, "kafka-platform:zones": [`${region}-${zone}`, ...others] }));
                    assert.ok(listed.zones.includes(`${region}-${zone}`), `${region}-${zone}`);
                }
            }
        });

        it("accepts the repository's own Pulumi.prod.yaml and Pulumi.dr.yaml", () => {
            for (const stack of ["prod", "dr"]) {
                const { config: entries } = readStackConfig(ROOT, stack, []);
                const parsed = parsePlatformConfig({ stack, organization: "fsm", project: "kafka-platform", get: (k) => entries[k], keys: () => Object.keys(entries) });
                assert.strictEqual(parsed.kafka.brokers, 6);
            }
        });
    });

    describe("refusals name the key and the fix", () => {
        it("refuses a region it does not know and says to fix the name or set zones", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "gcp:region": "europe-wset1" }));
            assertProblem(problems, "prod", "gcp:region", /"europe-wset1" is not a Google Cloud region/, /fix the name or set kafka-platform:zones/);
        });

        it("refuses zones outside the region and shows zones of the region", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:zones": ["europe-west1-b", "europe-west1-c", "us-east1-b"] }));
            assertProblem(problems, "prod", "kafka-platform:zones", /"us-east1-b" is not a zone of region europe-west1/, /use europe-west1-b, europe-west1-c, europe-west1-d/);
        });

        it("refuses 7 brokers over 3 zones, naming the zones, and asks for a multiple of 3", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:kafka": { brokers: 7 } }));
            assertProblem(problems, "prod", "kafka-platform:kafka.brokers", /^.*: 7 brokers cannot spread evenly over the 3 zones europe-west1-b, europe-west1-c, europe-west1-d;/, /use a multiple of 3/);
        });

        it("refuses an n2-standard-4 Kafka pool, too small for a broker's requests, and asks for a larger machine type", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:gke": { kafkaMachineType: "n2-standard-4" } }));
            const found = problems.filter((p) => p.startsWith("Pulumi.prod.yaml: kafka-platform:gke.kafkaMachineType: "));
            assert.ok(found.length >= 1, problems.join("\n"));
            assert.ok(found.some((p) => /n2-standard-4/.test(p) && /larger machine type/.test(p)), found.join("\n"));
        });

        it("refuses an even ZooKeeper count because it cannot keep a quorum", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:kafka": { zookeeperReplicas: 4 } }));
            assertProblem(problems, "prod", "kafka-platform:kafka.zookeeperReplicas", /must be odd/, /quorum/, /got 4/);
        });

        it("refuses an unknown config key and lists the known keys", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerCount": "6" }));
            assertProblem(problems, "prod", "kafka-platform:brokerCount", /unknown config key/, /known keys: .*brokerConfig/);
        });

        it("refuses the unknown setting kafka.brokerz and lists the known ones", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:kafka": { brokerz: 6 } }));
            assertProblem(problems, "prod", "kafka-platform:kafka.brokerz", /unknown setting/, /known: .*brokers/);
        });

        for (const key of ["listeners", "advertised.listeners"]) {
            it(`refuses the broker setting ${key}, which Strimzi manages, and says to remove it`, () => {
                const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerConfig": { [key]: "PLAINTEXT://:9092" } }));
                assertProblem(problems, "prod", `kafka-platform:brokerConfig.${key}`, /Strimzi manages this setting/, /remove it/);
            });
        }

        it("refuses a broker setting under each of Strimzi's forbidden prefixes", () => {
            const keys = STRIMZI_FORBIDDEN_PREFIXES.map((prefix) => (prefix.endsWith(".") ? `${prefix}some.setting` : prefix));
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerConfig": Object.fromEntries(keys.map((k) => [k, "x"])) }));
            for (const key of keys) assertProblem(problems, "prod", `kafka-platform:brokerConfig.${key}`, /Strimzi manages this setting/);
        });

        it("accepts each of Strimzi's exceptions to its forbidden prefixes", () => {
            const config = parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerConfig": Object.fromEntries(STRIMZI_FORBIDDEN_EXCEPTIONS.map((k) => [k, 1])) }));
            for (const key of STRIMZI_FORBIDDEN_EXCEPTIONS) assert.strictEqual(config.kafka.brokerConfig[key], 1, key);
        });

        it("accepts a broker setting outside Strimzi's forbidden list and applies it", () => {
            const config = parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerConfig": { "num.io.threads": 32, "ssl.cipher.suites": "TLS_AES_256_GCM_SHA384" } }));
            assert.strictEqual(config.kafka.brokerConfig["num.io.threads"], 32);
            assert.strictEqual(config.kafka.brokerConfig["ssl.cipher.suites"], "TLS_AES_256_GCM_SHA384");
        });

        it("validates the catalog against the brokers' own record size and session limits, written as numbers or as text: the design's, a stack's own, and Kafka's defaults where neither sets one", () => {
            assert.deepStrictEqual(brokerLimitsOf(parse("prod", MINIMAL_PRIMARY)), { brokerCount: 6, messageMaxBytes: 10485760, groupMinSessionTimeoutMs: 6000, groupMaxSessionTimeoutMs: 1800000 });
            const asNumbers = { "message.max.bytes": 2097152, "group.min.session.timeout.ms": 10000, "group.max.session.timeout.ms": 600000 };
            const asText = { "message.max.bytes": "2097152", "group.min.session.timeout.ms": "10000", "group.max.session.timeout.ms": " 600000 " };
            for (const brokerConfig of [asNumbers, asText]) {
                const limits = brokerLimitsOf(parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerConfig": brokerConfig })));
                assert.deepStrictEqual(limits, { brokerCount: 6, messageMaxBytes: 2097152, groupMinSessionTimeoutMs: 10000, groupMaxSessionTimeoutMs: 600000 }, JSON.stringify(brokerConfig));
            }
        });

        it("refuses unclean leader election because it loses acknowledged records", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerConfig": { "unclean.leader.election.enable": true } }));
            assertProblem(problems, "prod", "kafka-platform:brokerConfig.unclean.leader.election.enable", /must stay false/);
        });

        it("requires cdcDatabasePassword while Connect is enabled and shows the command that sets it", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:cdcDatabasePassword": undefined }));
            assertProblem(problems, "prod", "kafka-platform:cdcDatabasePassword", /while Kafka Connect is enabled/, /pulumi config set --secret kafka-platform:cdcDatabasePassword/);
        });

        it("does not require cdcDatabasePassword when Connect is disabled", () => {
            const config = parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:cdcDatabasePassword": undefined, "kafka-platform:connect": { enabled: false } }));
            assert.strictEqual(config.connect.enabled, false);
        });

        it("requires the host, user and name of the database Debezium captures while Connect is enabled", () => {
            for (const field of ["databaseHost", "databaseUser", "databaseName"]) {
                const connect = { ...(MINIMAL_PRIMARY["kafka-platform:connect"] as object), [field]: undefined };
                const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:connect": connect }));
                assertProblem(problems, "prod", `kafka-platform:connect.${field}`, /required while Kafka Connect is enabled/, /PostgreSQL database Debezium captures/);
            }
        });

        it("requires mirrorMakerPassword on the primary and shows the command that sets it", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:mirrorMakerPassword": undefined }));
            assertProblem(problems, "prod", "kafka-platform:mirrorMakerPassword", /required on the primary/, /pulumi config set --secret kafka-platform:mirrorMakerPassword/);
        });

        it("requires primaryStack on the DR stack, as ORG/kafka-platform/prod", () => {
            const problems = problemsOf("dr", withKeys(MINIMAL_DR, { "kafka-platform:primaryStack": undefined }));
            assertProblem(problems, "dr", "kafka-platform:primaryStack", /required on the DR stack/, /ORG\/kafka-platform\/prod/);
        });

        it("refuses network ranges that overlap and names both", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:network": { subnetCidr: "10.16.0.0/20" } }));
            assertProblem(problems, "prod", "kafka-platform:network.podsCidr", /10\.16\.0\.0\/14 overlaps network\.subnetCidr 10\.16\.0\.0\/20/, /do not overlap/);
        });

        it("requires topicBackendBootstrap with topicBackend kafka", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:topicBackend": "kafka" }));
            assertProblem(problems, "prod", "kafka-platform:topicBackendBootstrap", /required with topicBackend kafka/, /HOST:PORT/);
        });

        it("refuses a general pool whose autoscaling maximum is below its minimum, and accepts the two equal", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:gke": { generalMinNodesPerZone: 3, generalMaxNodesPerZone: 2 } }));
            assertProblem(problems, "prod", "kafka-platform:gke.generalMaxNodesPerZone", /2 is below generalMinNodesPerZone 3/);
            const config = parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:gke": { generalMinNodesPerZone: 3, generalMaxNodesPerZone: 3 } }));
            assert.strictEqual(config.gke.generalMaxNodesPerZone, 3);
        });

        it("refuses each replication factor a broker setting raises above the broker count, and accepts one equal to it", () => {
            for (const key of ["default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor"]) {
                const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerConfig": { [key]: 7 } }));
                assertProblem(problems, "prod", `kafka-platform:brokerConfig.${key}`, /7 is above the broker count 6/);
                assert.strictEqual(parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerConfig": { [key]: 6 } })).kafka.brokerConfig[key], 6);
            }
        });

        it("refuses a deployer's client certificate without its key, or a key without its certificate", () => {
            for (const tls of [{ clientCertFile: "user.crt" }, { clientKeyFile: "user.key" }]) {
                const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:topicBackendTls": tls }));
                assertProblem(problems, "prod", "kafka-platform:topicBackendTls", /clientCertFile and clientKeyFile go together/);
            }
        });

        it("refuses primaryStack on the primary, which mirrors no other stack", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:primaryStack": "acme/kafka-platform/prod" }));
            assertProblem(problems, "prod", "kafka-platform:primaryStack", /only for the DR stack/, /remove it/);
        });

        it("lists every problem at once, each as Pulumi.<stack>.yaml: KEY: message", () => {
            const problems = problemsOf("prod", {
                ...MINIMAL_PRIMARY,
                "kafka-platform:kafka": { brokers: 7, zookeeperReplicas: 4, brokerz: 1 },
                "kafka-platform:brokerConfig": { listeners: "x", "unclean.leader.election.enable": true },
                "kafka-platform:topicBackend": "kafka",
                "kafka-platform:cdcDatabasePassword": undefined,
                "kafka-platform:mirrorMakerPassword": undefined,
                "kafka-platform:network": { subnetCidr: "10.16.0.0/20" },
                "kafka-platform:brokerCount": "6",
            });
            const keys = problems.map((p) => /^Pulumi\.prod\.yaml: ([^:]+:[^:]+): /.exec(p)?.[1]);
            assert.ok(keys.every((k) => k !== undefined), `a problem is not in the form "Pulumi.prod.yaml: KEY: message":\n  ${problems.join("\n  ")}`);
            for (const key of [
                "kafka-platform:kafka.brokers",
                "kafka-platform:kafka.zookeeperReplicas",
                "kafka-platform:kafka.brokerz",
                "kafka-platform:brokerConfig.listeners",
                "kafka-platform:brokerConfig.unclean.leader.election.enable",
                "kafka-platform:topicBackendBootstrap",
                "kafka-platform:cdcDatabasePassword",
                "kafka-platform:mirrorMakerPassword",
                "kafka-platform:network.podsCidr",
                "kafka-platform:brokerCount",
            ]) {
                assert.ok(keys.includes(key), `no problem for ${key} in:\n  ${problems.join("\n  ")}`);
            }
        });

        it("refuses a subnet with host bits set and names the network address meant", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:network": { subnetCidr: "10.10.0.1/20" } }));
            assertProblem(problems, "prod", "kafka-platform:network.subnetCidr", /host bits set/, /use the network address 10\.10\.0\.0\/20/);
        });

        it("suggests the closest key for a misspelt one", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:kafak": { brokers: 6 } }));
            assertProblem(problems, "prod", "kafka-platform:kafak", /unknown config key \(did you mean "kafka"\?\)/);
        });

        it("suggests the closest value for a misspelt choice", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:topicBackend": "strimsi" }));
            assertProblem(problems, "prod", "kafka-platform:topicBackend", /must be "strimzi" or "kafka"/, /did you mean "strimzi"/);
        });

        it("explains that strimziChartVersion is no longer a setting", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:strimziChartVersion": "0.40.0" }));
            assertProblem(problems, "prod", "kafka-platform:strimziChartVersion", /fixed by the program \(0\.39\.0\)/, /remove the key/);
        });

        it("refuses an environment name too long for the service accounts it names", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:environment": "production-europe-1" }));
            assertProblem(problems, "prod", "kafka-platform:environment", /up to 16/);
        });

        it("names the command-line flag a bad value came from instead of the stack file", () => {
            const entries = withKeys(MINIMAL_PRIMARY, { "kafka-platform:kafka": { brokers: 7 } });
            let problems: string[] = [];
            try {
                parsePlatformConfig({ ...raw("prod", entries), origin: (key) => (key === "kafka-platform:kafka" ? "--config" : undefined) });
            } catch (err) {
                problems = (err as CatalogError).problems;
            }
            assert.ok(problems.some((p) => p.startsWith("--config kafka-platform:kafka.brokers: 7 brokers cannot spread evenly")), problems.join("\n"));
        });

        it("reads every section from its table: a value for each section's first setting reaches the typed config", () => {
            const config = parse("prod", withKeys(MINIMAL_PRIMARY, {
                "kafka-platform:gke": { releaseChannel: "STABLE" },
                "kafka-platform:kafka": { storageClass: "kafka-ssd" },
                "kafka-platform:monitoring": { provider: "prometheus-operator" },
                "kafka-platform:clients": { namespace: "services" },
            }));
            assert.deepStrictEqual([config.gke.releaseChannel, config.kafka.storageClass, config.monitoring.provider, config.clients.namespace], ["STABLE", "kafka-ssd", "prometheus-operator", "services"]);
        });

        it("puts the count of problems and the stack in the error message", () => {
            try {
                parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:kafka": { brokers: 7, zookeeperReplicas: 4 } }));
                assert.fail("accepted");
            } catch (err) {
                assert.ok(err instanceof CatalogError);
                assert.match(err.message, new RegExp(`the stack config of "prod" is invalid \\(${err.problems.length} problems\\)`));
            }
        });
    });

    describe("warnings for a stack that validates but cannot be deployed as configured", () => {
        it("warns that an empty gke.masterAuthorizedNetworks keeps the deploy workflow from reaching the control plane", () => {
            const config = parse("prod", MINIMAL_PRIMARY);
            assert.strictEqual(config.warnings.length, 1, config.warnings.join("\n"));
            assert.match(config.warnings[0], /^Pulumi\.prod\.yaml: kafka-platform:gke\.masterAuthorizedNetworks: is empty/);
            assert.match(config.warnings[0], /cannot reach it; list the CIDRs the deploy runs from/);
        });

        it("does not warn once the deploy's ranges are listed", () => {
            const config = parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:gke": { masterAuthorizedNetworks: ["198.51.100.0/24"] } }));
            assert.deepStrictEqual(config.warnings, []);
        });
    });

    describe("an existing Kubernetes cluster (kubernetes.cluster: existing)", () => {
        /** A primary on an existing cluster: no Google Cloud project or region, the cluster's zones and image repository. */
        const EXISTING_PRIMARY = withKeys(MINIMAL_PRIMARY, {
            "gcp:project": undefined,
            "gcp:region": undefined,
            "kafka-platform:kubernetes": { cluster: "existing", context: "prod-cluster" },
            "kafka-platform:zones": ["zone-a", "zone-b", "zone-c"],
            "kafka-platform:connect": { ...(MINIMAL_PRIMARY["kafka-platform:connect"] as object), imageRepository: "registry.example.com/kafka", pluginRepositoryUrl: "https://maven.example.com/releases", pushSecret: "connect-push" },
        });

        it("needs no Google Cloud project or region, and takes any three zone names of the cluster", () => {
            const config = parse("prod", EXISTING_PRIMARY);
            assert.deepStrictEqual(config.kubernetes, { cluster: "existing", context: "prod-cluster" });
            assert.deepStrictEqual(config.zones, ["zone-a", "zone-b", "zone-c"]);
            assert.strictEqual(config.connect.imageRepository, "registry.example.com/kafka");
            assert.strictEqual(config.connect.pluginRepositoryUrl, "https://maven.example.com/releases");
            assert.strictEqual(config.connect.pushSecret, "connect-push");
            assert.deepStrictEqual(config.warnings, [], "no warning about GKE's control plane, which it does not have");
        });

        it("tells an existing cluster listing four zones to list three, without also refusing its brokers over four", () => {
            const problems = problemsOf("prod", withKeys(EXISTING_PRIMARY, { "kafka-platform:zones": ["zone-a", "zone-b", "zone-c", "zone-d"] }));
            assert.deepStrictEqual(problems, ["Pulumi.prod.yaml: kafka-platform:zones: must list three distinct zones of the cluster's Kafka nodes, got [zone-a, zone-b, zone-c, zone-d]"]);
        });

        it("defaults to GKE, which still needs the project and region", () => {
            assert.strictEqual(parse("prod", MINIMAL_PRIMARY).kubernetes.cluster, "gke");
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "gcp:project": undefined }));
            assertProblem(problems, "prod", "gcp:project", /is required/);
        });

        it("refuses a cluster kind it does not know and names both it knows", () => {
            const problems = problemsOf("prod", withKeys(EXISTING_PRIMARY, { "kafka-platform:kubernetes": { cluster: "eks" } }));
            assertProblem(problems, "prod", "kafka-platform:kubernetes.cluster", /"gke"/, /"existing"/, /"eks"/);
        });

        it("requires the cluster's three zones, since it cannot derive them from a region", () => {
            const problems = problemsOf("prod", withKeys(EXISTING_PRIMARY, { "kafka-platform:zones": undefined }));
            assertProblem(problems, "prod", "kafka-platform:zones", /required on an existing cluster/, /topology\.kubernetes\.io\/zone/);
        });

        it("warns that GKE settings have no effect there", () => {
            const config = parse("prod", withKeys(EXISTING_PRIMARY, { "kafka-platform:gke": { kafkaMachineType: "n2-standard-8" } }));
            assert.strictEqual(config.warnings.length, 1);
            assert.match(config.warnings[0], /^Pulumi\.prod\.yaml: kafka-platform:gke: configures GKE, which an existing cluster .* has no effect$/);
        });

        it("requires the image repository the Connect build pushes to and the Maven repository it downloads from while Connect is enabled", () => {
            const problems = problemsOf("prod", withKeys(EXISTING_PRIMARY, { "kafka-platform:connect": MINIMAL_PRIMARY["kafka-platform:connect"] }));
            assertProblem(problems, "prod", "kafka-platform:connect.imageRepository", /required on an existing cluster/);
            assertProblem(problems, "prod", "kafka-platform:connect.pluginRepositoryUrl", /required on an existing cluster/, /Maven repository/);
        });

        it("refuses a kubeconfig context, a push Secret or a plugin repository on GKE, where the program makes them unnecessary", () => {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, {
                "kafka-platform:kubernetes": { context: "somewhere" },
                "kafka-platform:connect": { ...(MINIMAL_PRIMARY["kafka-platform:connect"] as object), pushSecret: "connect-push", pluginRepositoryUrl: "https://maven.example.com/releases" },
            }));
            assertProblem(problems, "prod", "kafka-platform:kubernetes.context", /existing cluster/);
            assertProblem(problems, "prod", "kafka-platform:connect.pushSecret", /Workload Identity/);
            assertProblem(problems, "prod", "kafka-platform:connect.pluginRepositoryUrl", /Artifact Registry repositories/);
        });
    });
});

describe("parsePlatformConfig: the project, the region and the keys", () => {
    it("takes the Google Cloud project on GKE, and none on an existing cluster, which has no project", () => {
        assert.strictEqual(parse("prod", MINIMAL_PRIMARY).project, "acme-prod");
        const existing = withKeys(MINIMAL_PRIMARY, { "kafka-platform:kubernetes": { cluster: "existing" }, "kafka-platform:zones": ["zone-a", "zone-b", "zone-c"], "kafka-platform:connect": { enabled: false } });
        assert.strictEqual(parse("prod", existing).project, "");
        assert.strictEqual(parse("prod", existing).region, "");
    });

    it("refuses a project ID Google Cloud would not accept, saying what one looks like", () => {
        for (const project of ["Acme-prod", "acme", "1acme-prod", "acme-prod-", "acme_prod", `a${"b".repeat(30)}`]) {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "gcp:project": project }));
            assert.deepStrictEqual(problems, [`Pulumi.prod.yaml: gcp:project: "${project}" is not a Google Cloud project ID: 6–30 lowercase letters, digits and hyphens, starting with a letter`], project);
        }
        assert.strictEqual(parse("prod", withKeys(MINIMAL_PRIMARY, { "gcp:project": `a${"b".repeat(29)}` })).project.length, 30);
    });

    it("requires the region on GKE, with the command that sets it", () => {
        const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "gcp:region": undefined }));
        assert.deepStrictEqual(problems, ["Pulumi.prod.yaml: gcp:region: is required: the region to run in, such as europe-west1 (pulumi config set gcp:region REGION)"]);
    });

    it("refuses a region that is not written as a region name, before looking it up", () => {
        for (const region of ["europe-west1-b", "Europe-west1", "europe-west", "europewest1", "europe-west1 "]) {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "gcp:region": region }));
            assert.deepStrictEqual(problems, [`Pulumi.prod.yaml: gcp:region: "${region}" is not a Google Cloud region name such as europe-west1`], region);
        }
    });

    it("lists every region it knows when it does not know the one given", () => {
        const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "gcp:region": "mars-north1" }));
        assert.deepStrictEqual(problems, [`Pulumi.prod.yaml: gcp:region: "mars-north1" is not a Google Cloud region the platform knows (${Object.keys(REGION_ZONES).join(", ")}); fix the name or set kafka-platform:zones to three of its zones`]);
        assert.ok(parse("prod", withKeys(MINIMAL_PRIMARY, { "gcp:region": "mars-north1", "kafka-platform:zones": ["mars-north1-a", "mars-north1-b", "mars-north1-c"] })));
    });

    it("lists as known keys exactly the keys docs/configuration.md documents, comma-separated", () => {
        const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:brokerCount": "6" }));
        const listed = /known keys: (.*)$/.exec(problems[0])?.[1].split(", ") ?? [];
        const page = fs.readFileSync(path.join(ROOT, "docs", "configuration.md"), "utf8");
        const stackTable = page.slice(page.indexOf("## Stack"), page.indexOf("\n## ", page.indexOf("## Stack") + 1));
        const documented = [...[...stackTable.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]), ...[...page.matchAll(/^## `kafka-platform:(\w+)`/gm)].map((m) => m[1])];
        assert.ok(documented.length > 10, "the page lists the keys");
        assert.deepStrictEqual([...listed].sort(), [...documented].sort());
    });

    it("names the known settings of a section, comma-separated, for a setting it does not know", () => {
        const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:monitoring": { provder: "gmp" } }));
        assertProblem(problems, "prod", "kafka-platform:monitoring.provder", /^Pulumi\.prod\.yaml: kafka-platform:monitoring\.provder: unknown setting \(did you mean "provider"\?\); known: provider, lagThreshold(, \w+)*$/);
    });

    it("refuses a section given as something other than a mapping, without failing on it", () => {
        for (const value of ["existing", "[1]", "not json", "5", "null"]) {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:kubernetes": value }));
            assert.deepStrictEqual(problems, ["Pulumi.prod.yaml: kafka-platform:kubernetes: must be a mapping of settings"], value);
        }
    });

    it("reads the catalog from topics/ by default, and from the files a stack names", () => {
        assert.deepStrictEqual(parse("prod", MINIMAL_PRIMARY).catalog, { topics: "topics", groups: undefined, producers: undefined });
        const named = parse("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:catalogPath": "teams/topics", "kafka-platform:groupsPath": "teams/groups.yaml", "kafka-platform:producersPath": "teams/producers.yaml" }));
        assert.deepStrictEqual(named.catalog, { topics: "teams/topics", groups: "teams/groups.yaml", producers: "teams/producers.yaml" });
    });

    it("reads each secret from a setting the stack file keeps encrypted", () => {
        const { secretKeys } = parse("prod", MINIMAL_PRIMARY);
        assert.deepStrictEqual(Object.values(secretKeys).sort(), [...SECRET_CONFIG_KEYS].sort());
    });

    it("refuses a replication factor above the broker count however it is written, as a number or as text", () => {
        for (const factor of [4, "4"]) {
            const problems = problemsOf("prod", withKeys(MINIMAL_PRIMARY, { "kafka-platform:kafka": { brokers: 3 }, "kafka-platform:gke": { kafkaNodesPerZone: 1 }, "kafka-platform:brokerConfig": { "default.replication.factor": factor } }));
            assert.deepStrictEqual(problems, ["Pulumi.prod.yaml: kafka-platform:brokerConfig.default.replication.factor: 4 is above the broker count 3"], String(factor));
        }
    });

    describe("on an existing cluster", () => {
        const EXISTING = withKeys(MINIMAL_PRIMARY, { "gcp:project": undefined, "gcp:region": undefined, "kafka-platform:kubernetes": { cluster: "existing" }, "kafka-platform:zones": ["zone-a", "zone-b", "zone-c"], "kafka-platform:connect": { enabled: false } });

        it("refuses zones listed twice, and three distinct zones listed with a fourth repeated", () => {
            for (const zones of [["zone-a", "zone-a", "zone-b"], ["zone-a", "zone-b", "zone-c", "zone-a"]]) {
                const problems = problemsOf("prod", withKeys(EXISTING, { "kafka-platform:zones": zones }));
                assert.deepStrictEqual(problems, [`Pulumi.prod.yaml: kafka-platform:zones: must list three distinct zones of the cluster's Kafka nodes, got [${zones.join(", ")}]`]);
            }
        });

        it("warns that the network section has no effect there, as the GKE section", () => {
            const config = parse("prod", withKeys(EXISTING, { "kafka-platform:network": { subnetCidr: "10.50.0.0/20" } }));
            assert.deepStrictEqual(config.warnings, ["Pulumi.prod.yaml: kafka-platform:network: configures GKE, which an existing cluster (kubernetes.cluster: existing) does not use; it has no effect"]);
        });
    });
});
