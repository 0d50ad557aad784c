// Shared helpers of the Google Cloud component tests: run a component under mocks and find what it registered.
import { RecordedResource, runUnderMocks } from "../../../render/mock-runtime";

/** Runs `build` as the program of a `prod` stack under mocks. */
export async function record(build: () => void, stack = "prod"): Promise<RecordedResource[]> {
    const { resources } = await runUnderMocks(async () => build(), { project: "kafka-platform", stack, config: {} });
    return resources;
}

/** The one resource of the type and name; fails the test when it is missing or repeated. */
export function one(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.filter((r) => r.type === type && r.name === name);
    if (found.length !== 1) {
        throw new Error(`expected one ${type} named ${name}, found ${found.length}; registered: ${resources.map((r) => `${r.type}/${r.name}`).join(", ")}`);
    }
    return found[0];
}

/** All resources of the type. */
export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
    return resources.filter((r) => r.type === type);
}

/** Reads a nested input by a dotted path, e.g. "privateClusterConfig.enablePrivateNodes". */
export function input(resource: RecordedResource, path: string): unknown {
    return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], resource.inputs);
}
