// Every guardrail of the pack, mandatory ones first.
import type { Policies, Policy } from "@pulumi/policy";
import { bucketSafety } from "./bucket-safety";
import { noPlainSecrets } from "./no-plain-secrets";
import { partitionIncrease } from "./partition-increase";
import { protectStateful } from "./protect-stateful";
import { storageClaims } from "./storage-claims";
import { topicConsumers } from "./topic-consumers";
import { TopicFinding } from "./resource-types";
import { durabilityFindings, TopicDurabilityConfig, topicDurability } from "./topic-durability";
import { uncleanElectionFindings, uncleanLeaderElection } from "./unclean-leader-election";

export const policies: Policies = [topicDurability, uncleanLeaderElection, storageClaims, bucketSafety, protectStateful, noPlainSecrets, partitionIncrease, topicConsumers];

/** A guardrail on a topic's own settings, asked of a catalog topic before any resource exists. */
export interface TopicGuardrail {
    policy: Policy;
    /** `properties` are the policy config's, over the schema's defaults (`policySettings`), as Pulumi hands them to the pack. */
    findings(topic: { replicationFactor: unknown; config: Record<string, unknown> }, stack: string, properties: Record<string, unknown>): TopicFinding[];
}

/** The guardrails a catalog edit can break: the program refuses the catalog on them as the pack refuses the resources. */
export const topicGuardrails: TopicGuardrail[] = [
    { policy: topicDurability, findings: (topic, stack, properties) => durabilityFindings(topic, stack, properties as unknown as TopicDurabilityConfig) },
    { policy: uncleanLeaderElection, findings: (topic) => uncleanElectionFindings(topic) },
];
