// KafkaAccess: a KafkaUser per consumer group, producer and platform client, and each group's client ConfigMap.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ConsumerGroupSpec } from "../catalog";
import { consumerClientProperties, kafkaUserResource, KafkaUserSpec } from "../specs/kafka-users";

export interface KafkaAccessArgs {
    /** The Kafka cluster the users belong to: its Strimzi name and namespace. */
    cluster: { name: string; namespace: string };
    /** Users authenticated with TLS certificates that the User Operator issues into Secrets named after them. */
    users: KafkaUserSpec[];
    /** SCRAM users whose password the stack owns (secret Outputs), keyed by user name. */
    scramPasswords?: Record<string, pulumi.Output<string>>;
    /** Consumer groups whose client settings are published. */
    groups: ConsumerGroupSpec[];
    /** Namespace of a group's service when the catalog names none. */
    defaultClientNamespace: string;
    /** Bootstrap address clients use (the TLS listener). */
    bootstrap: string;
    /** Partitions of each topic, to publish beside each group's instance count. */
    topicPartitions: Record<string, number>;
    /** What the users wait for (the Kafka resource); default nothing. */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class KafkaAccess extends pulumi.ComponentResource {
    readonly users: Map<string, k8s.apiextensions.CustomResource>;

    constructor(name: string, args: KafkaAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:access:KafkaAccess", name, {}, opts);
        const duplicate = args.users.map((u) => u.name).find((n, i, all) => all.indexOf(n) !== i);
        if (duplicate) throw new Error(`KafkaAccess: two clients are both named "${duplicate}"; consumer group ids, producer services and platform clients must differ`);

        this.users = new Map();
        for (const user of args.users) {
            let passwordSecret: k8s.core.v1.Secret | undefined;
            if (user.authentication === "scram-sha-512") {
                const password = args.scramPasswords?.[user.name];
                if (!password) throw new Error(`KafkaAccess: SCRAM user "${user.name}" needs its password in scramPasswords`);
                passwordSecret = new k8s.core.v1.Secret(`${name}-${user.name}-password`, {
                    metadata: { name: `${user.name}-password`, namespace: args.cluster.namespace },
                    type: "Opaque",
                    stringData: { password: pulumi.secret(password) },
                }, { parent: this });
            }
            const resource = kafkaUserResource(user, args.cluster.name, args.cluster.namespace, passwordSecret ? `${user.name}-password` : undefined);
            this.users.set(user.name, new k8s.apiextensions.CustomResource(`${name}-${user.name}`, resource, {
                parent: this,
                dependsOn: [...(args.dependsOn ?? []), ...(passwordSecret ? [passwordSecret] : [])] as pulumi.Input<pulumi.Resource>[],
            }));
        }

        const namespaces = new Map<string, k8s.core.v1.Namespace>();
        for (const group of args.groups) {
            const namespace = group.namespace ?? args.defaultClientNamespace;
            if (!namespaces.has(namespace)) {
                // Application namespaces outlive the platform's interest in them.
                namespaces.set(namespace, new k8s.core.v1.Namespace(`${name}-namespace-${namespace}`, { metadata: { name: namespace } }, { parent: this, retainOnDelete: true }));
            }
            new k8s.core.v1.ConfigMap(`${name}-${group.groupId}-client`, {
                metadata: { name: `${group.groupId}-kafka-client`, namespace, labels: { "kafka-platform/consumer-group": group.groupId } },
                data: consumerClientProperties(group, args.bootstrap, group.groupId, args.cluster.namespace, group.topics.reduce((sum, t) => sum + (args.topicPartitions[t] ?? 0), 0)),
            }, { parent: this, dependsOn: [namespaces.get(namespace) as k8s.core.v1.Namespace] });
        }
        this.registerOutputs({});
    }
}
