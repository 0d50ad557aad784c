// Every guardrail of the pack, mandatory ones first.
import type { Policies } from "@pulumi/policy";
import { bucketSafety } from "./bucket-safety";
import { noPlainSecrets } from "./no-plain-secrets";
import { partitionIncrease } from "./partition-increase";
import { protectStateful } from "./protect-stateful";
import { storageClaims } from "./storage-claims";
import { topicConsumers } from "./topic-consumers";
import { topicDurability } from "./topic-durability";
import { uncleanLeaderElection } from "./unclean-leader-election";

export const policies: Policies = [topicDurability, uncleanLeaderElection, storageClaims, bucketSafety, protectStateful, noPlainSecrets, partitionIncrease, topicConsumers];
