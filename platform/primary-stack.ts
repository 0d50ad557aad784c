// The DR stack's view of the primary: its outputs, read through a StackReference; secrets stay secret.
import * as pulumi from "@pulumi/pulumi";
import { PlatformConfig } from "../config";
import { TopicSettings } from "../specs/mirror-maker";

export interface PrimaryStack {
    catalogTopics: TopicSettings[];
    crossRegionBootstrap: pulumi.Output<string>;
    clusterCaCertificate: pulumi.Output<string>;
    mirrorMakerPassword: pulumi.Output<string>;
    /** The primary's GKE network, its Kafka nodes' network tag and its ranges; read only by a DR stack on GKE, which peers with it. */
    networkSelfLink: pulumi.Output<string>;
    kafkaNodeTag: pulumi.Output<string>;
    networkRanges: pulumi.Output<{ subnetCidr: string; podsCidr: string; servicesCidr: string; masterCidr: string }>;
    /** The DR-side MirrorMaker user, a super user of the DR cluster: it creates and writes every mirrored topic and group offset. */
    mirrorMakerTargetUser: string;
}

export async function readPrimaryStack(config: PlatformConfig): Promise<PrimaryStack> {
    const reference = new pulumi.StackReference("primary", { name: config.primaryStack as string });
    const topics = await reference.getOutputDetails("catalogTopics");
    const catalogTopics = (topics.value ?? topics.secretValue) as TopicSettings[] | undefined;
    if (!Array.isArray(catalogTopics)) {
        throw new pulumi.RunError(`the primary stack ${config.primaryStack} exports no catalogTopics: deploy the primary first (pulumi up -s prod)`);
    }
    const bootstrap = reference.requireOutput("kafkaBootstrap") as pulumi.Output<{ crossRegion: string }>;
    return {
        catalogTopics,
        crossRegionBootstrap: bootstrap.apply((b) => {
            if (!b?.crossRegion || /^(pending)?:/.test(b.crossRegion)) {
                throw new pulumi.RunError(`the primary stack ${config.primaryStack} has no cross-region listener address yet (kafkaBootstrap.crossRegion is "${b?.crossRegion ?? ""}"): run pulumi up on the primary until its Kafka cluster is Ready`);
            }
            return b.crossRegion;
        }),
        clusterCaCertificate: reference.requireOutput("clusterCaCertificate") as pulumi.Output<string>,
        mirrorMakerPassword: pulumi.secret(reference.requireOutput("mirrorMakerPassword") as pulumi.Output<string>),
        // An existing cluster's primary exports no GKE network; only a DR stack on GKE reads these.
        networkSelfLink: reference.getOutput("networkSelfLink") as pulumi.Output<string>,
        kafkaNodeTag: reference.getOutput("kafkaNodeTag") as pulumi.Output<string>,
        networkRanges: reference.getOutput("networkRanges") as PrimaryStack["networkRanges"],
        mirrorMakerTargetUser: "mirror-maker-2",
    };
}
