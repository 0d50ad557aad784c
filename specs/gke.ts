// Pure pieces of the GKE cluster: zone checks, the taint in GKE's spelling, the maintenance window and the kubeconfig.

/** Problems with the zones of a regional cluster: exactly three distinct zones of the region. */
export function zoneProblems(region: string, zones: readonly string[]): string[] {
    const problems: string[] = [];
    if (new Set(zones).size !== zones.length) problems.push(`zones [${zones.join(", ")}] repeat a zone; list three distinct zones`);
    if (zones.length !== 3) {
        problems.push(`the cluster needs exactly 3 zones of ${region} (one rack per zone for the brokers and ZooKeeper), got ${zones.length}`);
    }
    for (const zone of zones) {
        if (!new RegExp(`^${escapeRegExp(region)}-[a-z]$`).test(zone)) {
            problems.push(`zone "${zone}" is not a zone of region ${region}; use ${region}-b, ${region}-c, ${region}-d or similar`);
        }
    }
    return problems;
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const GKE_TAINT_EFFECTS = { NoSchedule: "NO_SCHEDULE", PreferNoSchedule: "PREFER_NO_SCHEDULE", NoExecute: "NO_EXECUTE" } as const;

/** The node pool API spells taint effects in upper snake case; Kubernetes in camel case. */
export function gkeTaintEffect(effect: keyof typeof GKE_TAINT_EFFECTS): string {
    return GKE_TAINT_EFFECTS[effect];
}

/** A daily window starting at `HH:MM` UTC (GKE makes it 4 hours), or a recurring window in RFC 3339 and RFC 5545 RRULE. */
export type MaintenanceWindow =
    | { dailyStartTime: string }
    | { startTime: string; endTime: string; recurrence: string };

/** Problems with a maintenance window, empty when it is well formed. */
export function maintenanceWindowProblems(window: MaintenanceWindow): string[] {
    if ("dailyStartTime" in window) {
        return /^([01]\d|2[0-3]):[0-5]\d$/.test(window.dailyStartTime)
            ? []
            : [`daily maintenance start time "${window.dailyStartTime}" must be HH:MM in UTC, e.g. "03:00"`];
    }
    const problems: string[] = [];
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    if (!rfc3339.test(window.startTime)) problems.push(`maintenance window start "${window.startTime}" must be RFC 3339, e.g. "2026-01-03T02:00:00Z"`);
    if (!rfc3339.test(window.endTime)) problems.push(`maintenance window end "${window.endTime}" must be RFC 3339, e.g. "2026-01-03T08:00:00Z"`);
    if (problems.length === 0 && Date.parse(window.endTime) <= Date.parse(window.startTime)) {
        problems.push(`maintenance window end "${window.endTime}" must come after its start "${window.startTime}"`);
    }
    if (!/^FREQ=(DAILY|WEEKLY|MONTHLY)/.test(window.recurrence)) {
        problems.push(`maintenance recurrence "${window.recurrence}" must be an RRULE, e.g. "FREQ=WEEKLY;BYDAY=SA,SU"`);
    }
    return problems;
}

/** The cluster's maintenancePolicy input for a window. */
export function maintenancePolicy(window: MaintenanceWindow) {
    return "dailyStartTime" in window
        ? { dailyMaintenanceWindow: { startTime: window.dailyStartTime } }
        : { recurringWindow: { startTime: window.startTime, endTime: window.endTime, recurrence: window.recurrence } };
}

/**
 * A kubeconfig for a GKE cluster that authenticates through `gke-gcloud-auth-plugin`, so it holds no
 * token and keeps working after the hour an access token would last (the plugin must be on PATH).
 */
export function gkeKubeconfig(cluster: { contextName: string; endpoint: string; clusterCaCertificate: string }): string {
    const { contextName, endpoint, clusterCaCertificate } = cluster;
    return JSON.stringify(
        {
            apiVersion: "v1",
            kind: "Config",
            clusters: [{ name: contextName, cluster: { server: `https://${endpoint}`, "certificate-authority-data": clusterCaCertificate } }],
            contexts: [{ name: contextName, context: { cluster: contextName, user: contextName } }],
            "current-context": contextName,
            users: [
                {
                    name: contextName,
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
        },
        null,
        2,
    );
}
