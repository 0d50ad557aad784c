// Mandatory: Kafka and ZooKeeper keep their data on persistent volume claims that outlive the cluster.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue, STRIMZI_KAFKA, STRIMZI_NODE_POOL } from "./resource-types";

/** Problems with one Strimzi `storage` block, each a sentence ending without a period. */
export function storageProblems(owner: string, storage: any): string[] {
    if (storage === undefined || storage === null) return [];
    if (storage.type === "jbod") {
        const volumes: any[] = Array.isArray(storage.volumes) ? storage.volumes : [];
        return volumes.flatMap((volume, i) => storageProblems(`${owner} JBOD volume ${volume?.id ?? i}`, volume));
    }
    if (storage.type !== "persistent-claim") {
        return [`${owner} storage is "${storage.type}"; it must be "persistent-claim" (or jbod of them), since any other type loses the data when a pod restarts`];
    }
    if (isTrue(storage.deleteClaim)) {
        return [`${owner} storage sets deleteClaim: true; set it to false so deleting the cluster does not delete its volumes`];
    }
    return [];
}

export const storageClaims: ResourceValidationPolicy = {
    name: "storage-keeps-claims",
    description: "Kafka and ZooKeeper storage is persistent-claim with deleteClaim false.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const spec = args.props.spec ?? {};
        const problems =
            args.type === STRIMZI_KAFKA
                ? [...storageProblems("Kafka", spec.kafka?.storage), ...storageProblems("ZooKeeper", spec.zookeeper?.storage)]
                : args.type === STRIMZI_NODE_POOL
                  ? storageProblems(`Node pool "${args.name}"`, spec.storage)
                  : [];
        for (const problem of problems) reportViolation(`${problem}.`);
    },
};
