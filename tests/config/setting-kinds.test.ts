// Tests what each stack setting accepts and refuses at the edges of its format: a value one character too long,
// a leading or trailing character the format forbids, a missing part. A refused value fails the preview with a
// message naming the format; an accepted one reaches a resource, where a bad one would fail only in the cluster.
import * as assert from "assert";
import { integer, Kind, Setting } from "../../config/settings";
import { SECTIONS } from "../../config/tables";

/** The kind of a setting named as in docs/configuration.md: `environment`, or `kafka.storageClass`. */
function kindOf(name: string): Kind<unknown> {
    const [sectionKey, field] = name.includes(".") ? name.split(".") : [undefined, name];
    const section = SECTIONS.find((s) => s.key === sectionKey);
    const setting = section && (section.settings as Record<string, Setting<unknown>>)[field];
    if (!setting) return assert.fail(`no setting ${name}`);
    return setting.kind;
}

const letters = (n: number) => "a".repeat(n);

/** Each setting, values it must take and values it must refuse with a message naming the format. */
const FORMATS: { setting: string; format: RegExp; accepts: unknown[]; refuses: unknown[] }[] = [
    {
        setting: "environment",
        format: /a lower-case name of up to 16 letters/,
        accepts: ["p", "prod", "dr-2", letters(16), "a0"],
        refuses: [letters(17), "1prod", "Prod", "-prod", "pro_d", "prod ", " prod", ""],
    },
    {
        setting: "zones",
        format: /item 1: must be a zone label value/,
        accepts: [["a"], ["europe-west1-b"], ["rack_1.a"], [letters(63)], ["0"]],
        refuses: [[letters(64)], ["-a"], ["a-"], ["_a"], ["a."], ["Zone-a"], ["zone a"], [""]],
    },
    {
        setting: "topicBackendBootstrap",
        format: /a HOST:PORT list/,
        accepts: ["10.0.0.5:9093", "a:1,b:2", "kafka-0.example.com:9093,kafka-1.example.com:9093,kafka-2.example.com:9093"],
        refuses: ["10.0.0.5", ":9093", "a:1,", ",a:1", "a:1,b", "a:1,,b:2", "a b:1", "a:port", "a:1 ,b:2", "a:1, b:2", "a:9093 "],
    },
    {
        setting: "primaryStack",
        format: /a stack name as ORG\/PROJECT\/STACK/,
        accepts: ["acme/kafka-platform/prod", "a/b/c"],
        refuses: ["kafka-platform/prod", "a/b/c/d", "a//c", "/b/c", "a/b/", "a /b/c", "a/b c/d", "a/b/c "],
    },
    {
        setting: "kafka.storageSize",
        format: /a Kubernetes size such as "1000Gi"/,
        accepts: ["1Gi", "1000Gi", "512Mi", "2Ti", "10Gi", "9Gi"],
        refuses: ["0Gi", "01Gi", "1000", "1000G", "1000gi", "1.5Ti", " 1Gi", "1Gi ", "Gi", "1000GiB", "1Ki", "x1Gi", 1000],
    },
    {
        setting: "gke.maintenanceStartTime",
        format: /a time of day HH:MM/,
        accepts: ["00:00", "03:00", "09:30", "19:59", "20:00", "23:59", "10:05"],
        refuses: ["24:00", "3:00", "03:60", "03:5", "003:00", "03:000", "30:00", "29:00", "03-00", " 03:00", "03:00 ", "0a:00", "03:a0"],
    },
    {
        setting: "kafka.storageClass",
        format: /a Kubernetes object name/,
        accepts: ["a", "0", "pd-ssd", "premium-rwo.v2", "a9", letters(253)],
        refuses: [letters(254), "-pd", "pd-", ".pd", "pd.", "PD-SSD", "pd_ssd", "pd ssd", "", 0],
    },
    {
        setting: "clients.namespace",
        format: /a Kubernetes namespace name/,
        accepts: ["a", "0", "apps", "team-a", "a9", letters(63)],
        refuses: [letters(64), "-apps", "apps-", "apps.v1", "Apps", "apps_a", ""],
    },
    {
        setting: "connect.imageRepository",
        format: /an image repository path without image name or tag/,
        accepts: ["registry.example.com/kafka", "localhost:5000/kafka", "registry.example.com/team/kafka-connect_1.x", "r/a", "10.0.0.5:5000/a/b"],
        refuses: [
            "registry.example.com",
            "registry.example.com/kafka:3.6",
            "Registry.example.com/kafka",
            "registry.example.com/Kafka",
            "registry.example.com:/kafka",
            "registry.example.com:port/kafka",
            "https://registry.example.com/kafka",
            "registry.example.com/kafka/",
            "registry.example.com//kafka",
            "registry_example.com/kafka",
            " registry.example.com/kafka",
            "registry.example.com/kafka ",
        ],
    },
    {
        setting: "connect.pluginRepositoryUrl",
        format: /the https:\/\/ URL of the Maven repository/,
        accepts: ["https://maven.example.com/releases", "https://m"],
        refuses: ["http://maven.example.com", "https://", "https://maven example.com", " https://maven.example.com", "xhttps://maven.example.com", "https://maven.example.com "],
    },
    {
        setting: "connect.databaseHost",
        format: /a non-empty string/,
        accepts: ["a", " db.internal ", "db.internal"],
        refuses: ["", "   ", "\t", "\n"],
    },
];

describe("stack settings' formats (config/tables)", () => {
    for (const { setting, format, accepts, refuses } of FORMATS) {
        describe(setting, () => {
            for (const value of accepts) {
                it(`accepts ${JSON.stringify(value)}`, () => {
                    assert.deepStrictEqual(kindOf(setting).parse(value), { value });
                });
            }
            for (const value of refuses) {
                it(`refuses ${JSON.stringify(value).slice(0, 40)}, naming the format and the value`, () => {
                    const result = kindOf(setting).parse(value);
                    assert.ok("problem" in result, `${JSON.stringify(value)} was accepted`);
                    assert.match(result.problem, format);
                    // A list's message names the item refused.
                    const refused = Array.isArray(value) ? value[0] : value;
                    assert.ok(result.problem.includes(JSON.stringify(refused)), result.problem);
                });
            }
        });
    }
});

/** What a setting reads a value as, or the whole message it refuses it with. */
const read = (setting: string, value: unknown) => {
    const result = kindOf(setting).parse(value);
    return "problem" in result ? { problem: result.problem } : { value: result.value };
};

describe("stack settings' types (config/tables)", () => {
    it("reads a whole number written as text (as --config passes it) as that number, and refuses any other text", () => {
        assert.deepStrictEqual(read("kafka.brokers", "9"), { value: 9 });
        assert.deepStrictEqual(read("kafka.brokers", 6), { value: 6 });
        for (const bad of ["six", "6.5", " 6", "6 ", "", "0x6"]) {
            assert.deepStrictEqual(read("kafka.brokers", bad), { problem: `must be a positive integer, got ${JSON.stringify(bad)}` }, bad);
        }
        assert.deepStrictEqual(read("kafka.brokers", "-3"), { problem: 'must be a positive integer, got "-3"' });
        assert.deepStrictEqual(read("kafka.brokers", 0), { problem: "must be a positive integer, got 0" });
        assert.deepStrictEqual(read("kafka.brokers", 2.5), { problem: "must be a positive integer, got 2.5" });
    });

    it("names an integer setting's range and why it has one", () => {
        assert.deepStrictEqual(read("kafka.crossRegionListenerPort", 9093), { problem: "must be an integer from 9094 to 9999 (Strimzi reserves 9090 to 9093), got 9093" });
        assert.deepStrictEqual(read("kafka.crossRegionListenerPort", 10000), { problem: "must be an integer from 9094 to 9999 (Strimzi reserves 9090 to 9093), got 10000" });
        assert.deepStrictEqual(read("kafka.crossRegionListenerPort", "9999"), { value: 9999 });
        assert.deepStrictEqual(read("connect.databasePort", 65536), { problem: "must be an integer from 1 to 65535, got 65536" });
        assert.deepStrictEqual(integer(0).parse(-1), { problem: "must be an integer of at least 0, got -1" });
        assert.deepStrictEqual(integer(0).parse(0), { value: 0 });
        assert.strictEqual(integer(0).type, "integer ≥ 0");
        assert.strictEqual(integer(1, 65535).type, "integer 1–65535");
    });

    it("reads true and false, as YAML or as --config text, and refuses anything else", () => {
        assert.deepStrictEqual([read("protect", true), read("protect", false), read("protect", "true"), read("protect", "false")], [{ value: true }, { value: false }, { value: true }, { value: false }]);
        for (const bad of ["yes", "True", "FALSE", "", 1, 0, null]) {
            assert.deepStrictEqual(read("protect", bad), { problem: `must be true or false, got ${JSON.stringify(bad)}` }, String(bad));
        }
    });

    it("refuses a CIDR that is not text, or not of the prefix length a range must have", () => {
        assert.deepStrictEqual(read("network.masterCidr", "172.16.0.32/28"), { value: "172.16.0.32/28" });
        assert.deepStrictEqual(read("network.masterCidr", "172.16.0.0/24"), { problem: '"172.16.0.0/24" must be a /28 range' });
        assert.deepStrictEqual(read("network.masterCidr", 28), { problem: 'must be an IPv4 CIDR such as "10.10.0.0/20", got 28' });
        assert.deepStrictEqual(read("network.subnetCidr", "10.10.0.1/20"), { problem: '"10.10.0.1/20" has host bits set; use the network address 10.10.0.0/20' });
        assert.deepStrictEqual(read("network.subnetCidr", "10.20.0.0/16"), { value: "10.20.0.0/16" });
    });

    it("reads a list given as JSON text, and refuses what is not a list, naming the item type", () => {
        assert.deepStrictEqual(read("zones", '["europe-west1-b","europe-west1-c"]'), { value: ["europe-west1-b", "europe-west1-c"] });
        for (const bad of ["europe-west1-b", '{"a":1}', 5]) {
            const { problem } = read("zones", bad);
            assert.ok(problem?.startsWith("must be a list of zone, got ") && problem.endsWith(`, got ${JSON.stringify(bad)}`), problem);
        }
    });

    it("reads a mapping given as JSON text, and refuses what is not a mapping or an entry of the wrong type, naming the key", () => {
        assert.deepStrictEqual(read("clients.transactionalIds", '{"fsm-api":"fsm-api-tx"}'), { value: { "fsm-api": "fsm-api-tx" } });
        for (const bad of ["fsm-api", '["fsm-api"]', null, 3]) {
            assert.deepStrictEqual(read("clients.transactionalIds", bad), { problem: `must be a mapping of service to string, got ${JSON.stringify(bad)}` }, String(bad));
        }
        assert.deepStrictEqual(read("clients.transactionalIds", { "fsm-api": "" }), { problem: 'fsm-api: must be a non-empty string, got ""' });
    });

    it("names the allowed values of a choice and what they mean, and suggests the one meant", () => {
        assert.deepStrictEqual(read("topicBackend", "kafa"), { problem: 'must be "strimzi" or "kafka" (KafkaTopic resources, or topics made directly through the Kafka API), got "kafa" (did you mean "kafka"?)' });
        assert.deepStrictEqual(read("topicBackend", 1), { problem: 'must be "strimzi" or "kafka" (KafkaTopic resources, or topics made directly through the Kafka API), got 1' });
        assert.deepStrictEqual(read("role", "drr"), { problem: 'must be "primary" or "dr", got "drr" (did you mean "dr"?)' });
        assert.deepStrictEqual(read("monitoring.provider", "datadog"), { problem: 'must be "gmp" or "prometheus-operator" (Google Managed Prometheus, or the Prometheus Operator), got "datadog"' });
        assert.deepStrictEqual(read("kubernetes.cluster", "openshift"), { problem: 'must be "gke" or "existing" (a GKE cluster the program creates, or an existing cluster that runs Strimzi), got "openshift"' });
    });
});
