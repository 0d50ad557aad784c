// Tests the GKE cluster's pure pieces (specs/gke): the zone rule, the taint spelling, maintenance windows and the kubeconfig.
import * as assert from "assert";
import { gkeKubeconfig, gkeTaintEffect, maintenancePolicy, maintenanceWindowProblems, MaintenanceWindow, zoneProblems } from "../../specs/gke";
import { KAFKA_POOL_TAINT } from "../../specs/scheduling";

const REGION = "europe-west1";
const DESIGN_ZONES = ["europe-west1-b", "europe-west1-c", "europe-west1-d"];
type RecurringWindow = Extract<MaintenanceWindow, { recurrence: string }>;
const recurring = (change: Partial<RecurringWindow> = {}): RecurringWindow => ({
    startTime: "2026-01-03T02:00:00Z",
    endTime: "2026-01-03T08:00:00Z",
    recurrence: "FREQ=WEEKLY;BYDAY=SA,SU",
    ...change,
});
const notOfRegion = (zone: string) => `zone "${zone}" is not a zone of region ${REGION}; use ${REGION}-b, ${REGION}-c, ${REGION}-d or similar`;

describe("GKE cluster pieces (specs/gke)", () => {
    describe("zoneProblems", () => {
        it("accepts the design's three zones of europe-west1", () => {
            assert.deepStrictEqual(zoneProblems(REGION, DESIGN_ZONES), []);
        });

        it("needs exactly three zones, one rack each for the brokers and ZooKeeper", () => {
            const needsThree = (got: number) =>
                `the cluster needs exactly 3 zones of ${REGION} (one rack per zone for the brokers and ZooKeeper), got ${got}`;
            assert.deepStrictEqual(zoneProblems(REGION, DESIGN_ZONES.slice(0, 2)), [needsThree(2)]);
            assert.deepStrictEqual(zoneProblems(REGION, [...DESIGN_ZONES, "europe-west1-e"]), [needsThree(4)]);
        });

        it("refuses a repeated zone, which would put two racks in one zone", () => {
            const zones = ["europe-west1-b", "europe-west1-b", "europe-west1-c"];
            assert.deepStrictEqual(zoneProblems(REGION, zones), ["zones [europe-west1-b, europe-west1-b, europe-west1-c] repeat a zone; list three distinct zones"]);
        });

        it("refuses zones that are not the region's name and one letter", () => {
            for (const zone of ["europe-west2-b", "europe-west10-b", "europe-west1-bb", "xeurope-west1-b", "europe-west1-1", "europe-west1-B", "europe-west1b"]) {
                assert.deepStrictEqual(zoneProblems(REGION, ["europe-west1-b", "europe-west1-c", zone]), [notOfRegion(zone)], zone);
            }
        });

        it("reads the region literally, so a dot in a mistyped region matches no other region's zones", () => {
            assert.deepStrictEqual(zoneProblems("europe.west1", ["europe.west1-b", "europe.west1-c", "europe-west1-d"]), [
                'zone "europe-west1-d" is not a zone of region europe.west1; use europe.west1-b, europe.west1-c, europe.west1-d or similar',
            ]);
        });
    });

    describe("gkeTaintEffect", () => {
        it("spells Kubernetes' taint effects the way the node pool API wants them", () => {
            assert.strictEqual(gkeTaintEffect(KAFKA_POOL_TAINT.effect), "NO_SCHEDULE");
            assert.strictEqual(gkeTaintEffect("PreferNoSchedule"), "PREFER_NO_SCHEDULE");
            assert.strictEqual(gkeTaintEffect("NoExecute"), "NO_EXECUTE");
        });
    });

    describe("maintenance windows", () => {
        it("accepts a daily start as HH:MM in UTC, the design's 03:00 among them", () => {
            for (const time of ["03:00", "00:00", "13:45", "19:59", "20:00", "23:59"]) assert.deepStrictEqual(maintenanceWindowProblems({ dailyStartTime: time }), [], time);
        });

        it("refuses a daily start that is not a time of day as HH:MM", () => {
            for (const time of ["3am", "3:00", "24:00", "30:00", "03:60", "03:0", "003:00", "03:000", "0a:00", "03:a0", "03-00", " 03:00"]) {
                assert.deepStrictEqual(maintenanceWindowProblems({ dailyStartTime: time }), [`daily maintenance start time "${time}" must be HH:MM in UTC, e.g. "03:00"`], time);
            }
        });

        it("accepts a recurring window of RFC 3339 times, with fractions and offsets, and a daily, weekly or monthly RRULE", () => {
            assert.deepStrictEqual(maintenanceWindowProblems(recurring()), []);
            assert.deepStrictEqual(maintenanceWindowProblems(recurring({ startTime: "2026-01-03T02:00:00.25+01:00", endTime: "2026-01-03T08:00:00.5-05:30" })), []);
            for (const recurrence of ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=SA,SU", "FREQ=MONTHLY;BYMONTHDAY=1"]) {
                assert.deepStrictEqual(maintenanceWindowProblems(recurring({ recurrence })), [], recurrence);
            }
        });

        it("refuses a start or end that is not RFC 3339, naming which", () => {
            const malformed = [
                "2026-01-03 02:00:00Z", "2026-01-03T02:00:00", "2026-1-03T02:00:00Z", "26-01-03T02:00:00Z", "2026-01-03T02:00Z",
                "x2026-01-03T02:00:00Z", "2026-01-03T02:00:00Zx", "2026-01-03T02:00:00.Z", "2026-01-03T02:00:00+0100", "2026-01-03T02:00:00*01:00", "2026-01-03T02:0a:00Z",
            ];
            for (const time of malformed) {
                assert.deepStrictEqual(maintenanceWindowProblems(recurring({ startTime: time, endTime: "2027-01-01T00:00:00Z" })), [
                    `maintenance window start "${time}" must be RFC 3339, e.g. "2026-01-03T02:00:00Z"`,
                ], time);
                assert.deepStrictEqual(maintenanceWindowProblems(recurring({ startTime: "2025-01-01T00:00:00Z", endTime: time })), [
                    `maintenance window end "${time}" must be RFC 3339, e.g. "2026-01-03T08:00:00Z"`,
                ], time);
            }
        });

        it("refuses a window that ends at or before its start", () => {
            for (const endTime of ["2026-01-03T02:00:00Z", "2026-01-03T01:00:00Z", "2026-01-03T03:00:00+02:00"]) {
                assert.deepStrictEqual(maintenanceWindowProblems(recurring({ endTime })), [
                    `maintenance window end "${endTime}" must come after its start "2026-01-03T02:00:00Z"`,
                ], endTime);
            }
        });

        it("judges the order only of times that are well formed, so a malformed start is reported alone", () => {
            // Date.parse reads the space-separated start as 09:00, after the end, yet only its form is wrong.
            const startTime = "2026-01-03 09:00:00Z";
            assert.ok(Date.parse(startTime) > Date.parse(recurring().endTime));
            assert.deepStrictEqual(maintenanceWindowProblems(recurring({ startTime })), [`maintenance window start "${startTime}" must be RFC 3339, e.g. "2026-01-03T02:00:00Z"`]);
        });

        it("refuses a recurrence that is not a daily, weekly or monthly RRULE", () => {
            for (const recurrence of ["FREQ=YEARLY", "RRULE:FREQ=WEEKLY", "freq=weekly", "weekly", ""]) {
                assert.deepStrictEqual(maintenanceWindowProblems(recurring({ recurrence })), [
                    `maintenance recurrence "${recurrence}" must be an RRULE, e.g. "FREQ=WEEKLY;BYDAY=SA,SU"`,
                ], recurrence);
            }
        });

        it("reports every problem of a recurring window at once", () => {
            assert.strictEqual(maintenanceWindowProblems({ startTime: "soon", endTime: "later", recurrence: "often" }).length, 3);
        });

        it("gives the cluster a daily window or a recurring one, as it was set", () => {
            assert.deepStrictEqual(maintenancePolicy({ dailyStartTime: "03:00" }), { dailyMaintenanceWindow: { startTime: "03:00" } });
            assert.deepStrictEqual(maintenancePolicy(recurring()), {
                recurringWindow: { startTime: "2026-01-03T02:00:00Z", endTime: "2026-01-03T08:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" },
            });
        });
    });

    describe("gkeKubeconfig", () => {
        it("points one context at the cluster's endpoint over HTTPS with its CA, authenticating through gke-gcloud-auth-plugin instead of a token", () => {
            const kubeconfig = JSON.parse(gkeKubeconfig({ contextName: "gke_fsm_europe-west1_kafka", endpoint: "203.0.113.10", clusterCaCertificate: "Q0E=" }));
            const name = "gke_fsm_europe-west1_kafka";
            assert.deepStrictEqual(kubeconfig, {
                apiVersion: "v1",
                kind: "Config",
                clusters: [{ name, cluster: { server: "https://203.0.113.10", "certificate-authority-data": "Q0E=" } }],
                contexts: [{ name, context: { cluster: name, user: name } }],
                "current-context": name,
                users: [
                    {
                        name,
                        user: {
                            exec: {
                                apiVersion: "client.authentication.k8s.io/v1beta1",
                                command: "gke-gcloud-auth-plugin",
                                installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
                                provideClusterInfo: true,
                            },
                        },
                    },
                ],
            });
        });
    });
});
