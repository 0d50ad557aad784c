// Calls a policy's validation the way the CrossGuard server does, with fake args and a violation spy.
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";

export interface FakeResource {
    type: string;
    props: Record<string, any>;
    name?: string;
    stack?: string;
    protect?: boolean;
}

export function urnOf(resource: FakeResource): string {
    return `urn:pulumi:${resource.stack ?? "prod"}::kafka-platform::${resource.type}::${resource.name ?? "example"}`;
}

/** Runs the policy on one resource and returns the violation messages. */
export async function violationsOf(policy: ResourceValidationPolicy, resource: FakeResource, config: Record<string, unknown> = {}): Promise<string[]> {
    const messages: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    const args = {
        type: resource.type,
        props: resource.props,
        urn: urnOf(resource),
        name: resource.name ?? "example",
        opts: { protect: resource.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
        stackTags: new Map<string, string>(),
        getConfig: () => withDefaults(policy, config),
        notApplicable: (reason?: string) => {
            throw new Error(`not applicable: ${reason}`);
        },
    } as unknown as ResourceValidationArgs;
    for (const validate of validations) await validate(args, (message) => messages.push(message));
    return messages;
}

/** Runs a stack policy over the resources and returns the violations with the URN each names. */
export async function stackViolationsOf(policy: StackValidationPolicy, resources: FakeResource[], config: Record<string, unknown> = {}): Promise<{ message: string; urn?: string }[]> {
    const violations: { message: string; urn?: string }[] = [];
    const args = {
        resources: resources.map((r) => ({ type: r.type, props: r.props, urn: urnOf(r), name: r.name ?? "example", opts: { protect: r.protect ?? false }, dependencies: [], propertyDependencies: {} }) as unknown as PolicyResource),
        stackTags: new Map<string, string>(),
        getConfig: () => withDefaults(policy, config),
        notApplicable: (reason?: string) => {
            throw new Error(`not applicable: ${reason}`);
        },
    } as unknown as StackValidationArgs;
    await policy.validateStack(args, (message, urn) => violations.push({ message, urn }));
    return violations;
}

// The Pulumi CLI fills in a schema's defaults before the pack sees its config.
function withDefaults(policy: ResourceValidationPolicy | StackValidationPolicy, config: Record<string, unknown>): Record<string, unknown> {
    const defaults = Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {}).map(([key, schema]) => [key, schema.default]));
    return { ...defaults, ...config };
}
