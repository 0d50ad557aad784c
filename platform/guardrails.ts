// The pack's topic guardrails asked of every topic before anything is registered, so render, preview and up refuse what the pack refuses.
import * as pulumi from "@pulumi/pulumi";
import { TopicSpec } from "../catalog";
import { formatProblem, problemReport } from "../catalog/problems";
import { CATALOG_KEY_BY_KAFKA_NAME, TOP_LEVEL_CONFIG_FIELDS } from "../catalog/topic-configs";
import { PackConfig, policySettings } from "../policy/local-run";
import { topicGuardrails } from "../policy/rules";

/** The catalog's spelling of a Kafka setting: `replication_factor`, `min_insync_replicas`, `configs.max_message_bytes`. */
function catalogField(setting: string): string {
    if (setting === "replication.factor") return "replication_factor";
    const key = CATALOG_KEY_BY_KAFKA_NAME[setting] ?? setting;
    return (TOP_LEVEL_CONFIG_FIELDS as readonly string[]).includes(key) ? key : `configs.${key}`;
}

/**
 * Every guardrail finding on the stack's topics, located in the catalog: mandatory ones refuse the
 * whole run (all of them listed), advisory ones come back as warnings.
 */
export function checkTopicGuardrails(stack: string, topics: TopicSpec[], packConfig: PackConfig): { warnings: string[] } {
    const problems: string[] = [];
    const warnings: string[] = [];
    for (const guardrail of topicGuardrails) {
        const { enforcementLevel, properties } = policySettings(guardrail.policy, packConfig);
        if (enforcementLevel === "disabled") continue;
        for (const topic of topics) {
            for (const finding of guardrail.findings(topic, stack, properties)) {
                const line = formatProblem({ ...topic.source, subject: `topic "${topic.name}"`, field: catalogField(finding.setting), message: `${finding.message} (guardrail ${guardrail.policy.name})` });
                (enforcementLevel === "mandatory" ? problems : warnings).push(line);
            }
        }
    }
    if (problems.length > 0) throw new pulumi.RunError(problemReport(`the guardrails of stack ${stack} refuse the catalog`, problems));
    return { warnings };
}
