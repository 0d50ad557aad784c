// Loads the stack's catalog and plans its topics against the last deployment; stops the run on any problem.
import * as pulumi from "@pulumi/pulumi";
import { Catalog, CatalogError, loadCatalog } from "../catalog";
import { problemReport } from "../catalog/problems";
import { brokerLimitsOf, PlatformConfig } from "../config";
import { DeployedTopic, parseDeployedTopics, planTopics, TopicPlan } from "../specs/topic-state";

/** The project's own consumer groups file, relative to the project folder Pulumi runs in. */
const PROJECT_GROUPS_FILE = "topics/consumer-groups.yaml";

/** Output name under which the stack records the topics it deployed. */
export const DEPLOYED_TOPICS_OUTPUT = "deployedTopics";

/** Loads the catalog named by the stack config; a bad catalog ends the run listing every problem. */
export function loadStackCatalog(config: PlatformConfig): Catalog {
    try {
        // A catalog given on its own (render --catalog FILE) is checked against the project's groups and producers.
        return loadCatalog({ ...config.catalog, fallbackGroups: PROJECT_GROUPS_FILE }, brokerLimitsOf(config));
    } catch (err) {
        if (err instanceof CatalogError) throw new pulumi.RunError(err.message);
        throw err;
    }
}

/**
 * The topics this stack last deployed, read back from its own outputs through a StackReference,
 * so a destructive catalog edit is refused before anything is applied. Empty on the first deployment.
 */
export async function readDeployedTopics(config: PlatformConfig): Promise<DeployedTopic[]> {
    const self = new pulumi.StackReference(`${config.stack}-deployed-state`, { name: config.stateStack });
    const details = await self.getOutputDetails(DEPLOYED_TOPICS_OUTPUT);
    return parseDeployedTopics(details.value ?? details.secretValue, `stack ${config.stateStack}`);
}

/** Plans the topics; refused edits end the run listing every one. */
export function planStackTopics(catalog: Catalog, deployed: DeployedTopic[]): TopicPlan {
    const plan = planTopics(catalog, deployed);
    if (plan.problems.length > 0) {
        throw new pulumi.RunError(problemReport("the catalog would lose data", plan.problems));
    }
    return plan;
}

/** Prints warnings where `pulumi preview` and render show them. */
export function reportWarnings(warnings: string[]): void {
    for (const warning of warnings) void pulumi.log.warn(warning);
}
