// Mandatory: unclean leader election stays off on the brokers and on every topic.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue, STRIMZI_KAFKA, topicView } from "./resource-types";

const UNCLEAN_ELECTION = "unclean.leader.election.enable";

export const uncleanLeaderElection: ResourceValidationPolicy = {
    name: "unclean-leader-election-off",
    description: "Unclean leader election stays disabled on the Kafka cluster and on every topic.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const why = "an out-of-sync replica would become leader and acknowledged records would be lost";
        if (args.type === STRIMZI_KAFKA && isTrue(args.props.spec?.kafka?.config?.[UNCLEAN_ELECTION])) {
            reportViolation(`The Kafka cluster sets ${UNCLEAN_ELECTION}: true; keep it false, or ${why}.`);
        }
        const topic = topicView(args.type, args.props);
        if (topic && isTrue(topic.config[UNCLEAN_ELECTION])) {
            reportViolation(`Topic "${topic.topicName}" sets ${UNCLEAN_ELECTION}: true; remove it, or ${why}.`);
        }
    },
};
