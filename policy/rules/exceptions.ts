// Reviewed exceptions to the protection rule: the policy-config schema and the lookup.
import type { PolicyConfigSchema } from "@pulumi/policy";

/** One reviewed permission to replace or delete a stateful resource. */
export interface ProtectionException {
    /** The resource's logical name or full URN. */
    resource: string;
    /** Why losing or recreating this resource is acceptable. */
    reason: string;
    /** Who reviewed and approved the exception. */
    reviewedBy: string;
    /** Last day (YYYY-MM-DD, UTC) the exception holds; after it the resource must be protected again. */
    expires?: string;
}

export interface ProtectionConfig {
    exceptions?: ProtectionException[];
}

export const PROTECTION_CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: {
        exceptions: {
            type: "array",
            default: [],
            description: "Stateful resources that may run unprotected, each with a reason and a reviewer.",
            items: {
                type: "object",
                additionalProperties: false,
                required: ["resource", "reason", "reviewedBy"],
                properties: {
                    resource: { type: "string", minLength: 1, description: "Logical name or URN of the resource." },
                    reason: { type: "string", minLength: 10, description: "Why replacing or deleting it is acceptable." },
                    reviewedBy: { type: "string", minLength: 1, description: "Who reviewed and approved the exception." },
                    expires: { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "Last day (YYYY-MM-DD, UTC) the exception holds." },
                },
            },
        },
    },
};

/** The exception that names this resource by URN or logical name, if any (expired or not). */
export function findException(exceptions: ProtectionException[] | undefined, resource: { urn: string; name: string }): ProtectionException | undefined {
    return (exceptions ?? []).find((e) => e.resource === resource.urn || e.resource === resource.name);
}

/** Whether an exception has run out: an exception is temporary, so a forgotten one stops counting. */
export function hasExpired(exception: ProtectionException, today: Date = new Date()): boolean {
    return exception.expires !== undefined && exception.expires < today.toISOString().slice(0, 10);
}
