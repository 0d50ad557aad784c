// KafkaTopics: the catalog's topics as Strimzi KafkaTopic resources or direct Kafka topics.
import * as kafka from "@pulumi/kafka";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DeployedTopic, deployedStateOf, TopicPlan } from "../specs/topic-state";
import { directTopicArgs, kafkaTopicResource, releasedKafkaTopicResource, TopicBackend } from "../specs/kafka-topic";


export { RELEASED_ANNOTATION } from "../specs/kafka-topic";

export interface KafkaTopicsArgs {
    /** The topics to register, already checked against the last deployed state (see planTopics). */
    plan: TopicPlan;
    /** `strimzi` registers KafkaTopic resources; `kafka` talks to the brokers through @pulumi/kafka. */
    backend: TopicBackend;
    /** The Strimzi Kafka cluster the topics belong to. */
    cluster: { name: string; namespace: string };
    /** Protect every catalog topic from deletion (production). */
    protect: boolean;
    /** Kubernetes provider for the strimzi backend. */
    kubernetesProvider?: k8s.Provider;
    /** Kafka provider for the kafka backend. */
    kafkaProvider?: kafka.Provider;
    /** What must exist before topics (the Kafka cluster). */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class KafkaTopics extends pulumi.ComponentResource {
    /** The state this run deploys, exported for the next run's checks. */
    readonly deployedTopics: DeployedTopic[];

    constructor(name: string, args: KafkaTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:topics:KafkaTopics", name, {}, opts);
        if (args.backend === "kafka" && !args.kafkaProvider) throw new Error("KafkaTopics: the kafka backend needs kafkaProvider (set kafka-platform:topicBackendBootstrap)");
        if (args.plan.problems.length > 0) throw new Error(`KafkaTopics: the topic plan has problems:\n  ${args.plan.problems.join("\n  ")}`);

        const base: pulumi.CustomResourceOptions = {
            parent: this,
            dependsOn: args.dependsOn,
            provider: args.backend === "strimzi" ? args.kubernetesProvider : args.kafkaProvider,
        };

        for (const topic of args.plan.active) {
            // Topics keep their records when they leave the program: only a removed_topics entry deletes them.
            const options = { ...base, protect: args.protect, retainOnDelete: true };
            if (args.backend === "strimzi") new k8s.apiextensions.CustomResource(`${name}-${topic.name}`, kafkaTopicResource(topic, args.cluster), options);
            else new kafka.Topic(`${name}-${topic.name}`, directTopicArgs(topic), options);
        }

        for (const { topic, deleteData } of args.plan.releasing) {
            // Registered once more, unprotected, with its last spec left untouched, so the next deployment can let it go.
            const options = { ...base, protect: false };
            if (args.backend === "strimzi") {
                new k8s.apiextensions.CustomResource(`${name}-${topic.name}`, releasedKafkaTopicResource(topic, args.cluster, deleteData), { ...options, retainOnDelete: false, ignoreChanges: ["spec"] });
            } else {
                new kafka.Topic(
                    `${name}-${topic.name}`,
                    { name: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor },
                    { ...options, retainOnDelete: !deleteData, ignoreChanges: ["config", "partitions", "replicationFactor"] },
                );
            }
        }

        this.deployedTopics = deployedStateOf(args.plan);
        this.registerOutputs({ deployedTopics: this.deployedTopics });
    }
}
