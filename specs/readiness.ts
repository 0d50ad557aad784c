// How long `pulumi up` waits for Strimzi to report a custom resource Ready, and the annotations that make it wait.

/**
 * Timeouts per kind. A Kafka change rolls six brokers one at a time, each waiting for its partitions
 * to catch up (about five minutes a broker under load), so the cluster gets 45 minutes.
 */
export const READY_TIMEOUT_SECONDS = {
    kafka: 2700,
    connect: 1200,
    connector: 600,
    mirrorMaker: 1200,
    topic: 300,
    user: 300,
} as const;

/**
 * The Kubernetes provider's await annotations: the update only succeeds once the operator sets the
 * resource's Ready condition, and fails with the operator's reason when it reports NotReady.
 */
export function readinessAnnotations(kind: keyof typeof READY_TIMEOUT_SECONDS): Record<string, string> {
    return {
        "pulumi.com/waitFor": "condition=Ready",
        "pulumi.com/timeoutSeconds": String(READY_TIMEOUT_SECONDS[kind]),
    };
}
