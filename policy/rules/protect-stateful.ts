// Mandatory: topics, Kafka clusters, volume claims and buckets are protected unless a reviewed exception names them.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { findException, hasExpired, PROTECTION_CONFIG_SCHEMA, ProtectionConfig } from "./exceptions";
import { GCS_BUCKET, KAFKA_PROVIDER_TOPIC, STRIMZI_KAFKA, STRIMZI_NODE_POOL, STRIMZI_TOPIC, topicView, VOLUME_CLAIM } from "./resource-types";

export const STATEFUL_TYPES = [STRIMZI_TOPIC, KAFKA_PROVIDER_TOPIC, STRIMZI_KAFKA, STRIMZI_NODE_POOL, VOLUME_CLAIM, GCS_BUCKET];

// The pack never sees a plan's deletes or replaces; `protect` makes the engine refuse both, so the pack requires it.
export const protectStateful: ResourceValidationPolicy = {
    name: "stateful-resources-protected",
    description: "Topics, Kafka clusters, volume claims and buckets carry protect: true, so they are never replaced or deleted without a reviewed exception in the policy config.",
    enforcementLevel: "mandatory",
    configSchema: PROTECTION_CONFIG_SCHEMA,
    validateResource: (args, reportViolation) => {
        if (!STATEFUL_TYPES.includes(args.type) || args.opts.protect) return;
        // A topic released through a removed_topics entry: that entry, with its reason, is the reviewed exception.
        if (topicView(args.type, args.props)?.released) return;
        const exception = findException(args.getConfig<ProtectionConfig>().exceptions, args);
        if (exception && !hasExpired(exception)) return;
        if (exception) {
            reportViolation(`"${args.name}" (${args.type}) is not protected, and its exception expired on ${exception.expires}: protect it again, or renew the exception with a new review.`);
            return;
        }
        reportViolation(
            `"${args.name}" (${args.type}) is not protected, so Pulumi could replace or delete it and its data. ` +
                `Keep protect: true, or add {"resource": "${args.name}", "reason": ..., "reviewedBy": ...} under ` +
                `"${protectStateful.name}".exceptions in policy/policy-config.<stack>.json and have it reviewed.`,
        );
    },
};
