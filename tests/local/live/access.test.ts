// Least privilege on the local platform: every service, through Kafka's Java client, can do what the catalog says and no more.
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { loadCatalog } from "../../../catalog";
import { REPO_ROOT } from "../../../local/platform";
import { CONNECT_CLUSTER } from "../../../platform/component-args";
import { CONNECT_STORAGE_TOPICS } from "../../../specs/kafka-connect";
import { MIRROR } from "../../../specs/mirror-maker";
import { SCHEMA_REGISTRY } from "../../../specs/schema-registry";
import { listener, platform, rendered, stackConfig, userProperties } from "./platform-fixture";
import { scratchDir } from "../../scratch";

const run = promisify(execFile);

interface AccessCase {
    name: string;
    kind: "consume" | "read" | "committed-only" | "produce" | "create-topic" | "describe-configs" | "describe-group";
    /** Resolved once the platform is up: the settings and credentials the service connects with. */
    properties: () => Record<string, string>;
    topics?: string[];
    transactionalId?: string;
    /** For `committed-only`: the transactional producer whose aborted records the consumer must not see. */
    producerProperties?: () => Record<string, string>;
    /** `ok`, or the authorization failure Kafka must answer with. */
    expect: string;
}

const catalog = loadCatalog({ topics: path.join(REPO_ROOT, "topics") });
const TOPIC_DENIED = "denied:TopicAuthorizationException";
const GROUP_DENIED = "denied:GroupAuthorizationException";

/** A user's client properties without their bootstrap, to add to settings that carry their own. */
function credentialsOf(user: string): Record<string, string> {
    const { ["bootstrap.servers"]: _bootstrap, ...rest } = userProperties(user);
    return rest;
}

/** A group's published ConfigMap as a Java client's settings: Kafka keys only, the local bootstrap, the group's own credentials. */
function groupSettings(group: string): Record<string, string> {
    const configMap = rendered().clientSettings.find((c) => c.group === group);
    if (!configMap) throw new Error(`no client-settings ConfigMap rendered for group ${group}`);
    const kafkaKeys = Object.fromEntries(Object.entries(configMap.data).filter(([k]) => !k.startsWith("kafka-platform.")));
    return { ...kafkaKeys, ...credentialsOf(group), "bootstrap.servers": listener("tls").bootstrap, "security.protocol": configMap.data["security.protocol"] };
}

function topicNotIn(owned: string[]): string {
    const other = catalog.topics.map((t) => t.name).find((t) => !owned.includes(t) && !t.startsWith("dlq."));
    if (!other) throw new Error("every catalog topic is owned");
    return other;
}

function accessCases(): AccessCase[] {
    const cases: AccessCase[] = [];
    const groupIds = catalog.groups.map((g) => g.groupId);
    for (const group of catalog.groups) {
        const settings = () => groupSettings(group.groupId);
        const other = groupIds.find((g) => g !== group.groupId)!;
        cases.push({ name: `${group.groupId} joins its group, reads ${group.topics.join(", ")} and commits`, kind: "consume", properties: settings, topics: group.topics, expect: "ok" });
        const foreign = topicNotIn(group.topics);
        cases.push({ name: `${group.groupId} is denied reading ${foreign}`, kind: "read", properties: settings, topics: [foreign], expect: TOPIC_DENIED });
        cases.push({ name: `${group.groupId} is denied writing its own topic ${group.topics[0]}`, kind: "produce", properties: settings, topics: [group.topics[0]], expect: TOPIC_DENIED });
        cases.push({ name: `${group.groupId} is denied using group id ${other}`, kind: "consume", properties: () => ({ ...settings(), "group.id": other }), topics: group.topics, expect: GROUP_DENIED });
        if (group.deadLetterTopic) cases.push({ name: `${group.groupId} writes its dead letters to ${group.deadLetterTopic}`, kind: "produce", properties: settings, topics: [group.deadLetterTopic], expect: "ok" });
    }

    const transactionalIds: Record<string, string> = stackConfig()["kafka-platform:clients"]?.transactionalIds ?? {};
    for (const producer of catalog.producers) {
        const settings = () => userProperties(producer.service);
        const transactionalId = producer.transactional ? transactionalIds[producer.service] : undefined;
        if (transactionalId) {
            // Two instances at once, each with its own id under the service's prefix: neither fences the other.
            for (const instance of [`${producer.service}-0`, `${producer.service}-1`]) {
                const id = `${transactionalId}-${instance}`;
                cases.push({ name: `${producer.service} instance ${instance} writes ${producer.topics.length} topics (idempotent, acks=all, transactional id ${id})`, kind: "produce", properties: settings, topics: producer.topics, transactionalId: id, expect: "ok" });
            }
            cases.push({ name: `${producer.service} is denied a transactional id outside its prefix ${transactionalId}`, kind: "produce", properties: settings, topics: [producer.topics[0]], transactionalId: "someone-else-tx", expect: "denied:TransactionalIdAuthorizationException" });
            const reader = catalog.groups.find((g) => g.topics.some((t) => producer.topics.includes(t)));
            if (reader) {
                const topic = reader.topics.find((t) => producer.topics.includes(t))!;
                cases.push({ name: `${reader.groupId}, configured from its ConfigMap, does not read ${producer.service}'s aborted transactions on ${topic}`, kind: "committed-only", properties: () => groupSettings(reader.groupId), producerProperties: settings, transactionalId: `${transactionalId}-abort-check`, topics: [topic], expect: "ok" });
            }
        } else {
            cases.push({ name: `${producer.service} writes ${producer.topics.length} topics (idempotent, acks=all)`, kind: "produce", properties: settings, topics: producer.topics, expect: "ok" });
        }
        const foreign = topicNotIn(producer.topics);
        cases.push({ name: `${producer.service} is denied writing ${foreign}`, kind: "produce", properties: settings, topics: [foreign], expect: TOPIC_DENIED });
        cases.push({ name: `${producer.service} is denied reading its own topic ${producer.topics[0]}`, kind: "read", properties: settings, topics: [producer.topics[0]], expect: TOPIC_DENIED });
    }

    const anonymous = () => ({ "bootstrap.servers": listener("plain").bootstrap, "security.protocol": "PLAINTEXT" });
    const someTopic = catalog.topics[0].name;
    cases.push({ name: `anonymous is denied reading ${someTopic} on the plain listener`, kind: "read", properties: anonymous, topics: [someTopic], expect: TOPIC_DENIED });
    cases.push({ name: `anonymous is denied writing ${someTopic} on the plain listener`, kind: "produce", properties: anonymous, topics: [someTopic], expect: TOPIC_DENIED });
    cases.push({ name: "anonymous is denied creating a topic", kind: "create-topic", properties: anonymous, topics: ["anonymous.created"], expect: TOPIC_DENIED });
    return [...cases, ...serviceCases()];
}

/** Connect, Schema Registry and MirrorMaker 2, each doing what its service does with Kafka. */
function serviceCases(): AccessCase[] {
    const cases: AccessCase[] = [];
    const storage = Object.values(CONNECT_STORAGE_TOPICS);
    const connect = () => userProperties(CONNECT_CLUSTER);
    // Writing its storage and change topics and joining its worker group are the platform's own worker's to prove (cdc.test.ts):
    // a probe's records there would be read by that worker and by the change-data tests as if they were its own.
    cases.push({ name: `Connect is denied creating its storage topic ${storage[0]}, so it runs only because the platform declares it`, kind: "create-topic", properties: connect, topics: [storage[0]], expect: TOPIC_DENIED });
    const cdcTopics = catalog.topics.map((t) => t.name).filter((t) => t.startsWith("cdc."));
    const foreign = topicNotIn([...storage, ...cdcTopics]);
    cases.push({ name: `Connect is denied writing ${foreign}`, kind: "produce", properties: connect, topics: [foreign], expect: TOPIC_DENIED });
    cases.push({ name: `Connect is denied reading ${foreign}`, kind: "read", properties: connect, topics: [foreign], expect: TOPIC_DENIED });

    const registry = () => userProperties(SCHEMA_REGISTRY.name);
    const someTopic = catalog.topics[0].name;
    cases.push({ name: `Schema Registry writes ${SCHEMA_REGISTRY.topic}`, kind: "produce", properties: registry, topics: [SCHEMA_REGISTRY.topic], expect: "ok" });
    cases.push({ name: `Schema Registry reads ${SCHEMA_REGISTRY.topic}`, kind: "read", properties: registry, topics: [SCHEMA_REGISTRY.topic], expect: "ok" });
    cases.push({ name: `Schema Registry reads ${SCHEMA_REGISTRY.topic}'s settings (it checks the compaction)`, kind: "describe-configs", properties: registry, topics: [SCHEMA_REGISTRY.topic], expect: "ok" });
    cases.push({ name: `Schema Registry joins its group ${SCHEMA_REGISTRY.groupId}`, kind: "consume", properties: () => ({ ...registry(), "group.id": SCHEMA_REGISTRY.groupId, "auto.offset.reset": "earliest" }), topics: [SCHEMA_REGISTRY.topic], expect: "ok" });
    cases.push({ name: `Schema Registry is denied reading ${someTopic}`, kind: "read", properties: registry, topics: [someTopic], expect: TOPIC_DENIED });
    cases.push({ name: `Schema Registry is denied writing ${someTopic}`, kind: "produce", properties: registry, topics: [someTopic], expect: TOPIC_DENIED });

    const mirror = () => userProperties(MIRROR.user);
    const mirrored = catalog.topics.map((t) => t.name).find((t) => t.startsWith("task."))!;
    cases.push({ name: `MirrorMaker 2 (${MIRROR.user}, SCRAM) reads ${mirrored}`, kind: "read", properties: mirror, topics: [mirrored], expect: "ok" });
    cases.push({ name: `MirrorMaker 2 reads ${mirrored}'s settings`, kind: "describe-configs", properties: mirror, topics: [mirrored], expect: "ok" });
    cases.push({ name: `MirrorMaker 2 describes the group ${catalog.groups[0].groupId} to translate its offsets`, kind: "describe-group", properties: () => ({ ...mirror(), "group.id": catalog.groups[0].groupId }), expect: "ok" });
    cases.push({ name: `MirrorMaker 2 is denied writing ${mirrored} on the source`, kind: "produce", properties: mirror, topics: [mirrored], expect: TOPIC_DENIED });
    cases.push({ name: "MirrorMaker 2 is denied creating a topic other than its offset syncs", kind: "create-topic", properties: mirror, topics: ["mirror.created"], expect: TOPIC_DENIED });
    return cases;
}

describe("least privilege on the local platform (Kafka's Java client, each service as itself)", function () {
    const cases = accessCases();
    const outcomes = new Map<string, { outcome: string; detail?: string; ms: number }>();

    before(async function () {
        this.timeout(600_000);
        const dir = scratchDir("access-probe-");
        const input = path.join(dir, "cases.json");
        fs.writeFileSync(input, JSON.stringify({ seed: seedProperties(), cases: cases.map((c) => ({ ...c, properties: c.properties(), producerProperties: c.producerProperties?.() })) }));
        try {
            const { stdout } = await run("java", ["-Xmx384m", "-XX:+UseSerialGC", "-Dlog4j.configuration=file:/dev/null", "-cp", platform().classpath, path.join(__dirname, "AccessProbe.java"), input, "8"], { maxBuffer: 16 * 1024 * 1024, timeout: 540_000 });
            for (const line of stdout.split("\n").filter((l) => l.startsWith("{"))) {
                const result = JSON.parse(line) as { name: string; outcome: string; detail?: string; ms: number };
                outcomes.set(result.name, result);
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("covers each of the catalog's consumer groups and producers", () => {
        assert.ok(catalog.groups.length >= 8, `the design has 8 consumer groups, the catalog ${catalog.groups.length}`);
        for (const group of catalog.groups) assert.ok(cases.some((c) => c.name.startsWith(`${group.groupId} joins`)), group.groupId);
        for (const producer of catalog.producers) assert.ok(cases.some((c) => c.name.startsWith(producer.service) && c.kind === "produce" && c.expect === "ok"), producer.service);
    });

    for (const accessCase of cases) {
        it(accessCase.name, () => {
            const result = outcomes.get(accessCase.name);
            assert.ok(result, "the probe reported nothing for this case");
            assert.equal(result.outcome, accessCase.expect, result.detail);
        });
    }
});

/** The markers the consume cases read are written as Strimzi's topic operator, which may write every topic. */
function seedProperties(): Record<string, string> {
    const admin = platform().admin;
    return {
        "bootstrap.servers": admin.bootstrap,
        "security.protocol": "SSL",
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": admin.ca,
        "ssl.keystore.type": "PEM",
        "ssl.keystore.location": admin.keystore,
    };
}
