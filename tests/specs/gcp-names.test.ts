// Tests Google Cloud's naming rules (specs/gcp-names), checked before anything is created so a bad name fails the preview, not the apply.
import * as assert from "assert";
import { bucketNameProblems, clusterNameProblem, serviceAccountIdProblem } from "../../specs/gcp-names";
import { DESIGN } from "../../config/defaults";

describe("Google Cloud names (specs/gcp-names)", () => {
    describe("serviceAccountIdProblem", () => {
        it("accepts 6 to 30 lowercase letters, digits and hyphens that start with a letter and end with a letter or digit", () => {
            for (const id of ["kafka-nodes", "gke-node-01", "abcdef", "a1-2b3", "a".repeat(30), "connect-registry-push"]) assert.strictEqual(serviceAccountIdProblem(id), undefined, id);
        });

        it("refuses IDs too short, too long, with other characters, or badly started or ended", () => {
            for (const id of ["abcde", "a".repeat(31), "1kafka-nodes", "-kafka-nodes", "kafka-nodes-", "Kafka-nodes", "kafka_nodes", "kafka.nodes", "kafka-nodeS", ""]) {
                assert.strictEqual(
                    serviceAccountIdProblem(id),
                    `service account ID "${id}" must be 6–30 characters of lowercase letters, digits and hyphens, start with a letter and not end with a hyphen`,
                    id,
                );
            }
        });
    });

    describe("clusterNameProblem", () => {
        it("accepts 1 to 40 lowercase letters, digits and hyphens that start with a letter and end with a letter or digit, the design's name among them", () => {
            for (const name of [DESIGN.clusterName, "a", "ab", "kafka-2", "k8s-prod-1", "a".repeat(40)]) assert.strictEqual(clusterNameProblem(name), undefined, name);
        });

        it("refuses names too long, with other characters, or badly started or ended", () => {
            for (const name of ["a".repeat(41), "Kafka_Prod", "1kafka", "-kafka", "kafka-", "kafka.prod", "kafkA", ""]) {
                assert.strictEqual(
                    clusterNameProblem(name),
                    `GKE cluster name "${name}" must be 1–40 characters of lowercase letters, digits and hyphens, start with a letter and not end with a hyphen`,
                    name,
                );
            }
        });
    });

    describe("bucketNameProblems", () => {
        it("accepts 3 to 63 lowercase letters, digits, '-', '_' and '.' that start and end with a letter or digit", () => {
            for (const name of ["fsm-kafka-logs", "abc", "a_b.c-d1", "9logs9", "logs-goog", "my-goog-logs", "1.2.3", "1.2.3.4.5", "1234.1.1.1", "a".repeat(63)]) {
                assert.deepStrictEqual(bucketNameProblems(name), [], name);
            }
        });

        it("names each rule a name breaks", () => {
            const cases: [string, string[]][] = [
                ["ab", ["is 2 characters long, outside 3–63"]],
                ["a".repeat(64), ["is 64 characters long, outside 3–63"]],
                ["", ["is 0 characters long, outside 3–63", "must start and end with a letter or digit"]],
                ["Logs", ["may hold only lowercase letters, digits, '-', '_' and '.'", "must start and end with a letter or digit"]],
                ["kafka logs", ["may hold only lowercase letters, digits, '-', '_' and '.'"]],
                ["-logs", ["must start and end with a letter or digit"]],
                ["logs-", ["must start and end with a letter or digit"]],
                ["_logs", ["must start and end with a letter or digit"]],
                ["logs.", ["must start and end with a letter or digit"]],
                ["googlogs", ['must not start with "goog"']],
                ["my-google-logs", ['must not contain "google"']],
                ["google-logs", ['must not start with "goog"', 'must not contain "google"']],
                ["192.168.1.1", ["must not be an IP address"]],
                ["1.22.333.4", ["must not be an IP address"]],
            ];
            for (const [name, problems] of cases) assert.deepStrictEqual(bucketNameProblems(name), problems, name);
        });
    });
});
