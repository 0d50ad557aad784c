// SchemaRegistry: Confluent Schema Registry beside the Kafka cluster, with its Service and disruption budget.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SCHEMA_REGISTRY, schemaRegistryDeployment, schemaRegistryDisruptionBudget, schemaRegistryService, SchemaRegistrySpecArgs } from "../specs/schema-registry";

export type SchemaRegistryArgs = SchemaRegistrySpecArgs & { dependsOn?: pulumi.Input<pulumi.Resource>[] };

export class SchemaRegistry extends pulumi.ComponentResource {
    /** `http://host:port` inside the cluster. */
    readonly url: string;

    constructor(name: string, args: SchemaRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:schema-registry:SchemaRegistry", name, {}, opts);
        new k8s.apps.v1.Deployment(`${name}-deployment`, schemaRegistryDeployment(args), { parent: this, dependsOn: args.dependsOn });
        new k8s.core.v1.Service(`${name}-service`, schemaRegistryService(args.namespace), { parent: this });
        new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, schemaRegistryDisruptionBudget(args.namespace), { parent: this });
        this.url = `http://${SCHEMA_REGISTRY.name}.${args.namespace}.svc:${SCHEMA_REGISTRY.port}`;
        this.registerOutputs({ url: this.url });
    }
}
