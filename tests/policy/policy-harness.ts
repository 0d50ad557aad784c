// Runs one policy in-process on fake resources, through the same runner as policy/check-rendered.ts.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { runPolicies, urnOf as urnInStack } from "../../policy/local-run";

export interface FakeResource {
    type: string;
    props: Record<string, any>;
    name?: string;
    /** Default `prod`. */
    stack?: string;
    protect?: boolean;
}

export function urnOf(resource: FakeResource): string {
    return urnInStack(resource.stack ?? "prod", { type: resource.type, name: resource.name ?? "example" });
}

/** The violation messages of a resource policy for one resource. */
export async function violationsOf(policy: ResourceValidationPolicy, resource: FakeResource, config: Record<string, unknown> = {}): Promise<string[]> {
    const diagnostics = await runPolicies([policy], [{ name: "example", ...resource }], resource.stack ?? "prod", { [policy.name]: config });
    return diagnostics.map((d) => d.message);
}

/** The violations of a stack policy over the resources of the `prod` stack, each with the URN it names. */
export async function stackViolationsOf(policy: StackValidationPolicy, resources: FakeResource[], config: Record<string, unknown> = {}): Promise<{ message: string; urn?: string }[]> {
    const diagnostics = await runPolicies([policy], resources.map((r) => ({ name: "example", ...r })), "prod", { [policy.name]: config });
    return diagnostics.map(({ message, urn }) => ({ message, urn }));
}
