// Tests `npm run smoke` against a stand-in cluster that hands each canary the tool produces back to its consumer: loss, round trips, cleanup.
import * as assert from "assert";
import { ConsumerConfig, EachMessagePayload, Kafka, Message, ProducerRecord } from "kafkajs";
import { EXIT_FINDING, EXIT_OK } from "../../../tools/cli";
import { formatSmokeSummary, main, runSmoke } from "../../../tools/smoke";
import { captureOutput, FakeCluster, fakeCluster } from "./fake-cluster";

interface Loopback {
    /** Sequence numbers the cluster never hands back. */
    drop?: Set<number>;
    /** Sequence numbers handed back twice. */
    duplicate?: Set<number>;
    /** Sequence numbers handed back only after this many milliseconds. */
    late?: Map<number, number>;
    /** Records of another run handed to the consumer before this run's first canary. */
    foreign?: Message[];
    failSend?: Error;
    failDeleteGroups?: Error;
}

interface SmokeCluster extends FakeCluster {
    kafka: Kafka;
    consumerConfigs: ConsumerConfig[];
    sent: ProducerRecord[];
}

/** A cluster with the health-check topic on three partitions, whose consumer gets back what its producer sends. */
function smokeCluster(loopback: Loopback = {}): SmokeCluster {
    const c = fakeCluster({ "system.health_checks": { replicas: [3, 3, 3], ends: ["17", "0", "4"] } }) as SmokeCluster;
    c.consumerConfigs = [];
    c.sent = [];
    let eachMessage: ((payload: EachMessagePayload) => Promise<void>) | undefined;
    let onJoin: (() => void) | undefined;
    const hand = (topic: string, message: Message) =>
        eachMessage!({ topic, partition: message.partition ?? 0, message: { key: null, timestamp: "0", attributes: 0, offset: "0", ...message } as EachMessagePayload["message"], heartbeat: async () => undefined, pause: () => () => undefined });
    c.kafka = {
        admin: () => c.admin,
        consumer: (config: ConsumerConfig) => {
            c.consumerConfigs.push(config);
            return {
                events: { GROUP_JOIN: "consumer.group_join" },
                on: (event: string, listener: () => void) => {
                    if (event === "consumer.group_join") onJoin = listener;
                },
                connect: async () => void c.calls.push("consumer.connect"),
                subscribe: async (s: { topics: string[]; fromBeginning: boolean }) => void c.calls.push(`consumer.subscribe:${s.topics.join(",")}:fromBeginning=${s.fromBeginning}`),
                run: async (run: { eachMessage: (payload: EachMessagePayload) => Promise<void> }) => {
                    c.calls.push("consumer.run");
                    eachMessage = run.eachMessage;
                    // The group's join completes a moment after the consumer starts, as with a broker.
                    setTimeout(() => {
                        c.calls.push("consumer.joined");
                        onJoin?.();
                    }, 20);
                },
                disconnect: async () => void c.calls.push("consumer.disconnect"),
            };
        },
        producer: () => ({
            connect: async () => void c.calls.push("producer.connect"),
            disconnect: async () => {
                c.calls.push("producer.disconnect");
                throw new Error("already disconnected");
            },
            send: async (record: ProducerRecord) => {
                if (loopback.failSend) throw loopback.failSend;
                if (c.sent.length === 0) for (const message of loopback.foreign ?? []) await hand(record.topic, message);
                c.sent.push(record);
                for (const message of record.messages) {
                    const seq = Number(String(message.headers!["smoke.seq"]));
                    if (loopback.drop?.has(seq)) continue;
                    const delay = loopback.late?.get(seq);
                    if (delay !== undefined) setTimeout(() => void hand(record.topic, message), delay);
                    else await hand(record.topic, message);
                    if (loopback.duplicate?.has(seq)) await hand(record.topic, message);
                }
                return [];
            },
        }),
    } as unknown as Kafka;
    const deleteGroups = c.admin.deleteGroups;
    c.admin.deleteGroups = async (ids: string[]) => {
        await deleteGroups(ids);
        if (loopback.failDeleteGroups) throw loopback.failDeleteGroups;
        return [];
    };
    return c;
}

const options = (count: number, waitMs = 200) => ({ topic: "system.health_checks", count, waitMs });
const smoke = (c: SmokeCluster, ...argv: string[]) =>
    captureOutput(() =>
        main(["--brokers", "k:9092", ...argv], (connection, clientId) => {
            c.clients.push({ clientId, connection });
            return c.kafka;
        }),
    );

describe("npm run smoke", () => {
    it("prints its usage for --help and exits 0 without connecting", async () => {
        const c = smokeCluster();
        const { result, stdout } = await smoke(c, "--help");
        assert.strictEqual(result, EXIT_OK);
        assert.match(stdout, /^Usage: npm run smoke -- --brokers HOST:PORT \[--count N\]/);
        assert.match(stdout, /--topic NAME {6}topic to use \(default system\.health_checks\)/);
        assert.deepStrictEqual(c.clients, []);
    });

    it("sends 100 canaries to system.health_checks by default, and exits 0 when every one comes back", async () => {
        const c = smokeCluster();
        const { result, stdout } = await smoke(c);
        assert.strictEqual(result, EXIT_OK);
        assert.strictEqual(c.sent.length, 100);
        assert.ok(c.sent.every((record) => record.topic === "system.health_checks"));
        const [first, second] = stdout.split("\n");
        assert.strictEqual(first, "system.health_checks: sent 100, received 100, lost 0, duplicates 0");
        assert.match(second, /^round trip p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms$/);
        assert.strictEqual(stdout.split("\n").length, 3, "no LOST line when nothing is lost");
        assert.deepStrictEqual(c.clients.map((client) => client.clientId), ["kafka-platform-smoke"]);
        assert.strictEqual(c.calls[c.calls.length - 1], "disconnect");
    });

    it("sends --count canaries to --topic and prints the summary as JSON with --json", async () => {
        const c = smokeCluster();
        c.topics["scratch.smoke"] = { replicas: [1], ends: ["0"] };
        const { result, stdout } = await smoke(c, "--count", "3", "--topic", "scratch.smoke", "--json");
        assert.strictEqual(result, EXIT_OK);
        const summary = JSON.parse(stdout);
        assert.deepStrictEqual([summary.topic, summary.sent, summary.received, summary.lost, summary.duplicates], ["scratch.smoke", 3, 3, [], 0]);
        assert.deepStrictEqual([...new Set(c.sent.map((r) => r.topic))], ["scratch.smoke"]);
    });

    it("exits 1 and names the lost sequence numbers once --wait seconds pass without them", async () => {
        const c = smokeCluster({ drop: new Set([1, 3]) });
        const started = Date.now();
        const { result, stdout } = await smoke(c, "--count", "5", "--wait", "1");
        assert.strictEqual(result, EXIT_FINDING);
        assert.ok(Date.now() - started >= 900, "it waited for the missing records");
        assert.match(stdout, /^system\.health_checks: sent 5, received 3, lost 2, duplicates 0\n/);
        assert.match(stdout, /\nLOST sequence numbers: 1, 3\n$/);
    });

    it("refuses a --count of 0 and a --wait that is not a whole number", async () => {
        await assert.rejects(smoke(smokeCluster(), "--count", "0"), /--count: "0" is not a positive whole number/);
        await assert.rejects(smoke(smokeCluster(), "--wait", "1.5"), /--wait: "1.5" is not a positive whole number/);
    });

    it("gives up after --timeout plus --wait seconds when the cluster does not answer", async () => {
        const c = smokeCluster();
        c.hold = new Promise(() => undefined);
        const started = Date.now();
        await assert.rejects(smoke(c, "--timeout", "1", "--wait", "1"), /^Error: smoke did not finish within 2s$/);
        assert.ok(Date.now() - started >= 1900);
    });
});

describe("runSmoke", () => {
    it("starts a throwaway group at the topic's current ends, joins, then produces, and deletes the group afterwards", async () => {
        const c = smokeCluster();
        const summary = await runSmoke(c.kafka, c.admin, options(2));
        assert.deepStrictEqual([summary.sent, summary.received, summary.lost], [2, 2, []]);
        const groupId = c.consumerConfigs[0].groupId;
        assert.match(groupId, /^kafka-platform-smoke-[0-9a-f-]{36}$/);
        assert.strictEqual(c.consumerConfigs[0].allowAutoTopicCreation, false);
        const steps = c.calls.filter((call) => !/^(fetchTopicMetadata|connect|disconnect)/.test(call));
        assert.deepStrictEqual(steps, [
            "fetchTopicOffsets:system.health_checks",
            `setOffsets:${groupId}:system.health_checks:2@4,1@0,0@17`,
            "consumer.connect",
            "consumer.subscribe:system.health_checks:fromBeginning=false",
            "consumer.run",
            "consumer.joined",
            "producer.connect",
            "consumer.disconnect",
            "producer.disconnect",
            `deleteGroups:${groupId}`,
        ]);
    });

    it("sends each canary keyed by the run and its sequence number, with both in its headers and value", async () => {
        const c = smokeCluster();
        await runSmoke(c.kafka, c.admin, options(2));
        const groupId = c.consumerConfigs[0].groupId;
        const runId = groupId.slice("kafka-platform-smoke-".length);
        const messages = c.sent.flatMap((r) => r.messages);
        assert.deepStrictEqual(
            messages.map((m) => [m.key, String(m.headers!["smoke.run"]), String(m.headers!["smoke.seq"]), String(m.headers!.source)]),
            [0, 1].map((seq) => [`${runId}-${seq}`, runId, String(seq), "kafka-platform-smoke"]),
        );
        const value = JSON.parse(String(messages[1].value));
        assert.deepStrictEqual([value.runId, value.seq], [runId, 1]);
        assert.ok(!Number.isNaN(Date.parse(value.sentAt)));
    });

    it("returns as soon as every canary is back, without waiting out the wait", async () => {
        const c = smokeCluster();
        const started = Date.now();
        await runSmoke(c.kafka, c.admin, options(3, 3000));
        assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    });

    it("keeps waiting for a late canary when another came back twice, and counts the duplicate", async () => {
        const c = smokeCluster({ duplicate: new Set([0]), late: new Map([[1, 150]]) });
        const summary = await runSmoke(c.kafka, c.admin, options(2, 2000));
        assert.deepStrictEqual([summary.received, summary.lost, summary.duplicates], [2, [], 1]);
    });

    it("does not count another run's canaries, or another service's health checks, as this run's", async () => {
        const other = { key: "x", value: "{}", headers: { "smoke.run": "another-run", "smoke.seq": "1" } };
        // Other services write health checks of their own to the topic, without the smoke test's headers.
        const service = { key: "svc", value: "{}" };
        const c = smokeCluster({ drop: new Set([1]), foreign: [other, service] });
        const summary = await runSmoke(c.kafka, c.admin, options(2, 100));
        assert.deepStrictEqual([summary.received, summary.lost], [1, [1]]);
    });

    it("refuses a topic the cluster does not hold, before creating any group", async () => {
        const c = smokeCluster();
        await assert.rejects(runSmoke(c.kafka, c.admin, { ...options(1), topic: "system.health_check" }), (e: Error) => e.message === "topic system.health_check does not exist on this cluster");
        assert.deepStrictEqual(c.consumerConfigs, []);
        assert.ok(!c.calls.some((call) => call.startsWith("setOffsets")));
    });

    it("still disconnects and deletes its group when producing fails, and reports the producing error", async () => {
        const c = smokeCluster({ failSend: new Error("NOT_ENOUGH_REPLICAS"), failDeleteGroups: new Error("group not empty") });
        await assert.rejects(runSmoke(c.kafka, c.admin, options(1)), /^Error: NOT_ENOUGH_REPLICAS$/);
        const groupId = c.consumerConfigs[0].groupId;
        assert.deepStrictEqual(c.calls.slice(-3), ["consumer.disconnect", "producer.disconnect", `deleteGroups:${groupId}`]);
    });
});

describe("formatSmokeSummary", () => {
    it("prints two lines, and no list of lost records, when every record came back", () => {
        const text = formatSmokeSummary("t", { sent: 2, received: 2, lost: [], duplicates: 1, p50Ms: 3, p99Ms: 4, maxMs: 4 });
        assert.strictEqual(text, "t: sent 2, received 2, lost 0, duplicates 1\nround trip p50 3 ms, p99 4 ms, max 4 ms");
    });

    it("shows dashes for round trips when nothing came back", () => {
        const text = formatSmokeSummary("t", { sent: 1, received: 0, lost: [0], duplicates: 0, p50Ms: null, p99Ms: null, maxMs: null });
        assert.strictEqual(text, "t: sent 1, received 0, lost 1, duplicates 0\nround trip p50 - ms, p99 - ms, max - ms\nLOST sequence numbers: 0");
    });

    it("lists the first 20 lost sequence numbers and marks that there are more", () => {
        const lost = Array.from({ length: 21 }, (_, i) => i);
        const text = formatSmokeSummary("t", { sent: 21, received: 0, lost, duplicates: 0, p50Ms: null, p99Ms: null, maxMs: null });
        assert.strictEqual(text.split("\n")[2], `LOST sequence numbers: ${lost.slice(0, 20).join(", ")}, ...`);
        const twenty = formatSmokeSummary("t", { sent: 20, received: 0, lost: lost.slice(0, 20), duplicates: 0, p50Ms: 1.5, p99Ms: 2, maxMs: 3 });
        assert.strictEqual(twenty.split("\n")[1], "round trip p50 1.5 ms, p99 2 ms, max 3 ms");
        assert.ok(twenty.endsWith(", 19"));
    });
});
