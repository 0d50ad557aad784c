// Runs the pack's policies on resources in-process, the way the CrossGuard server calls them, for tests and rendered stacks.
import * as fs from "fs";
import * as path from "path";
import type { EnforcementLevel, Policies, Policy, PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";

/** A resource as the policies see it: its inputs and whether it is protected. */
export interface LocalResource {
    type: string;
    name: string;
    props: Record<string, any>;
    protect?: boolean;
}

export interface Diagnostic {
    policyName: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    urn?: string;
}

/** Per-policy config as in a policy-config file: an enforcement level, or properties with an optional one. */
export type PackConfig = Record<string, EnforcementLevel | Record<string, unknown>>;

export function urnOf(stack: string, resource: { type: string; name: string }): string {
    return `urn:pulumi:${stack}::kafka-platform::${resource.type}::${resource.name}`;
}

/** The policy config file of a stack, as `pulumi preview --policy-pack-config` is given it; empty (the schemas' defaults) when the stack has none. */
export function readPackConfig(stack: string): PackConfig {
    const file = path.join(__dirname, `policy-config.${stack}.json`);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as PackConfig) : {};
}

/** A policy's enforcement level and properties as the CLI hands them over: the config file's values over the schema's defaults. */
export function policySettings(policy: Policy, config: PackConfig): { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> } {
    const policyConfig = config[policy.name];
    const { enforcementLevel = policy.enforcementLevel ?? "advisory", ...properties } = typeof policyConfig === "string" ? { enforcementLevel: policyConfig } : (policyConfig ?? {});
    const defaults = Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {}).map(([key, schema]) => [key, schema.default]));
    return { enforcementLevel: enforcementLevel as EnforcementLevel, properties: { ...defaults, ...properties } };
}

export async function runPolicies(policies: Policies, resources: LocalResource[], stack: string, config: PackConfig = {}): Promise<Diagnostic[]> {
    const diagnostics: Diagnostic[] = [];
    for (const policy of policies) {
        const { enforcementLevel, properties } = policySettings(policy, config);
        if (enforcementLevel === "disabled") continue;
        const shared = { stackTags: new Map<string, string>(), getConfig: () => properties, notApplicable: throwNotApplicable };
        const report = (urn?: string) => (message: string, reportedUrn?: string) =>
            diagnostics.push({ policyName: policy.name, enforcementLevel: enforcementLevel as EnforcementLevel, message, urn: reportedUrn ?? urn });
        if ("validateStack" in policy) {
            const stackResources = resources.map((r) => ({ ...r, urn: urnOf(stack, r), opts: optionsOf(r), dependencies: [], propertyDependencies: {} }) as unknown as PolicyResource);
            await unlessNotApplicable(() => policy.validateStack({ ...shared, resources: stackResources } as unknown as StackValidationArgs, report()));
            continue;
        }
        for (const resource of resources) {
            const args = { ...shared, type: resource.type, name: resource.name, props: resource.props, urn: urnOf(stack, resource), opts: optionsOf(resource) } as unknown as ResourceValidationArgs;
            for (const validate of [policy.validateResource ?? []].flat()) await unlessNotApplicable(() => validate(args, report(args.urn)));
        }
    }
    return diagnostics;
}

class NotApplicable extends Error {}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicable(reason);
}

async function unlessNotApplicable(validate: () => Promise<void> | void): Promise<void> {
    try {
        await validate();
    } catch (e) {
        if (!(e instanceof NotApplicable)) throw e;
    }
}

function optionsOf(resource: LocalResource) {
    return { protect: resource.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } };
}
