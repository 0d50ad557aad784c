// Mandatory: buckets are never force-destroyed and stay private under uniform access.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { GCS_BUCKET, isTrue } from "./resource-types";

export const bucketSafety: ResourceValidationPolicy = {
    name: "bucket-safety",
    description: "Buckets keep forceDestroy off, uniform bucket-level access on and public access prevention enforced.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== GCS_BUCKET) return;
        const bucket = args.props;
        if (isTrue(bucket.forceDestroy)) {
            reportViolation(`Bucket "${args.name}" sets forceDestroy: true; remove it so deleting the bucket fails while it still holds objects.`);
        }
        if (!isTrue(bucket.uniformBucketLevelAccess)) {
            reportViolation(`Bucket "${args.name}" must set uniformBucketLevelAccess: true so access is granted by IAM only, never by per-object ACLs.`);
        }
        if (bucket.publicAccessPrevention !== "enforced") {
            reportViolation(`Bucket "${args.name}" must set publicAccessPrevention: "enforced" so no IAM binding can make it public.`);
        }
    },
};
