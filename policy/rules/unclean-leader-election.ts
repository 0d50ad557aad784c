// Mandatory: unclean leader election stays off on the brokers and on every topic.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue, STRIMZI_KAFKA, TopicFinding, topicView } from "./resource-types";

const UNCLEAN_ELECTION = "unclean.leader.election.enable";
const WHY = "an out-of-sync replica would become leader and acknowledged records would be lost";

/** A topic that allows unclean leader election; the pack, the program and the offline check all ask this. */
export function uncleanElectionFindings(topic: { config: Record<string, unknown> }): TopicFinding[] {
    return isTrue(topic.config[UNCLEAN_ELECTION]) ? [{ setting: UNCLEAN_ELECTION, message: `is true; remove it, or ${WHY}` }] : [];
}

export const uncleanLeaderElection: ResourceValidationPolicy = {
    name: "unclean-leader-election-off",
    description: "Unclean leader election stays disabled on the Kafka cluster and on every topic.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type === STRIMZI_KAFKA && isTrue(args.props.spec?.kafka?.config?.[UNCLEAN_ELECTION])) {
            reportViolation(`The Kafka cluster sets ${UNCLEAN_ELECTION}: true; keep it false, or ${WHY}.`);
        }
        const topic = topicView(args.type, args.props);
        if (!topic || topic.released) return;
        for (const finding of uncleanElectionFindings(topic)) reportViolation(`Topic "${topic.topicName}": ${finding.setting}: ${finding.message}.`);
    },
};
