// KafkaConnectCluster: Kafka Connect with Debezium, its CDC connector and the Secret that holds the database password.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { STRIMZI_API_VERSION } from "../specs/strimzi";
import { CDC_CREDENTIALS_SECRET, cdcConnectorConfig, CdcDatabase, ConnectSpecArgs, kafkaConnectorResource, kafkaConnectResource } from "../specs/kafka-connect";

export interface KafkaConnectClusterArgs extends Omit<ConnectSpecArgs, "buildServiceAccountEmail" | "imageRepository"> {
    /** Docker repository the build pushes under: the program's Artifact Registry on GKE, `connect.imageRepository` elsewhere. */
    imageRepository: pulumi.Input<string>;
    /** On GKE: the Google service account the build pod acts as through Workload Identity. */
    buildServiceAccountEmail?: pulumi.Input<string>;
    /** The PostgreSQL database the connector captures (host, port, user, database name). */
    database: CdcDatabase;
    /** The database password, a secret Output; it reaches the worker through a Secret only. */
    databasePassword: pulumi.Output<string>;
    /** What Connect waits for (the Kafka cluster and the topics it writes); default nothing. */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class KafkaConnectCluster extends pulumi.ComponentResource {
    readonly connect: k8s.apiextensions.CustomResource;
    readonly connector: k8s.apiextensions.CustomResource;

    constructor(name: string, args: KafkaConnectClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:connect:KafkaConnectCluster", name, {}, opts);
        if (!/^https:\/\//.test(args.pluginRepositoryUrl)) throw new Error(`KafkaConnectCluster: pluginRepositoryUrl must be an https:// Maven repository URL, got "${args.pluginRepositoryUrl}"`);

        const credentials = new k8s.core.v1.Secret(`${name}-cdc-credentials`, {
            metadata: { name: CDC_CREDENTIALS_SECRET, namespace: args.namespace },
            type: "Opaque",
            stringData: { password: pulumi.secret(args.databasePassword) },
        }, { parent: this });

        // The config provider reads the Secret with the worker's own service account, so that account may read this one Secret.
        const reader = new k8s.rbac.v1.Role(`${name}-secret-reader`, {
            metadata: { name: `${args.name}-cdc-credentials-reader`, namespace: args.namespace },
            rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: [CDC_CREDENTIALS_SECRET], verbs: ["get"] }],
        }, { parent: this });
        new k8s.rbac.v1.RoleBinding(`${name}-secret-reader`, {
            metadata: { name: `${args.name}-cdc-credentials-reader`, namespace: args.namespace },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: reader.metadata.name },
            subjects: [{ kind: "ServiceAccount", name: `${args.name}-connect`, namespace: args.namespace }],
        }, { parent: this });

        const spec = pulumi.all([args.imageRepository, args.buildServiceAccountEmail]).apply(([imageRepository, email]) =>
            kafkaConnectResource({ ...args, imageRepository, buildServiceAccountEmail: email }),
        );
        this.connect = new k8s.apiextensions.CustomResource(`${name}-connect`, {
            apiVersion: STRIMZI_API_VERSION,
            kind: "KafkaConnect",
            metadata: spec.metadata,
            spec: spec.spec,
        }, { parent: this, dependsOn: args.dependsOn });

        this.connector = new k8s.apiextensions.CustomResource(`${name}-connector`, kafkaConnectorResource(args.name, args.namespace, cdcConnectorConfig(args.database, args.namespace)), {
            parent: this,
            dependsOn: [this.connect, credentials],
        });

        this.registerOutputs({});
    }
}
