// Tests what each stack setting accepts and refuses at the edges of its format: a value one character too long,
// a leading or trailing character the format forbids, a missing part. A refused value fails the preview with a
// message naming the format; an accepted one reaches a resource, where a bad one would fail only in the cluster.
import * as assert from "assert";
import { Kind, Setting } from "../../config/settings";
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
        refuses: [letters(254), "-pd", "pd-", ".pd", "pd.", "PD-SSD", "pd_ssd", "pd ssd", ""],
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
