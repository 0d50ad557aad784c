// StrimziOperator: the `kafka` namespace and the Strimzi cluster operator from its Helm chart.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export const STRIMZI_CHART_REPOSITORY = "https://strimzi.io/charts/";

export interface StrimziOperatorArgs {
    /** Namespace of the operator and of every Kafka resource it watches (default `kafka`). */
    namespace: string;
    /** Chart version; the resources of this program are written for 0.39.0. */
    chartVersion: string;
}

export class StrimziOperator extends pulumi.ComponentResource {
    readonly namespace: k8s.core.v1.Namespace;
    readonly release: k8s.helm.v3.Release;

    constructor(name: string, args: StrimziOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:strimzi:StrimziOperator", name, {}, opts);
        if (!/^\d+\.\d+\.\d+$/.test(args.chartVersion)) throw new Error(`StrimziOperator: chartVersion must be an exact version such as 0.39.0, got "${args.chartVersion}"`);

        this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, {
            metadata: { name: args.namespace, labels: { "app.kubernetes.io/part-of": "kafka-platform" } },
        }, { parent: this, retainOnDelete: true });

        this.release = new k8s.helm.v3.Release(`${name}-release`, {
            name: "strimzi-kafka-operator",
            chart: "strimzi-kafka-operator",
            version: args.chartVersion,
            namespace: this.namespace.metadata.name,
            repositoryOpts: { repo: STRIMZI_CHART_REPOSITORY },
            // The operator watches the namespace it is installed in; listing it again in watchNamespaces
            // would make the chart create its role bindings twice.
            values: { watchAnyNamespace: false, watchNamespaces: [], resources: { requests: { cpu: "200m", memory: "384Mi" }, limits: { cpu: "1", memory: "384Mi" } } },
            atomic: true,
            timeout: 600,
        }, { parent: this });

        this.registerOutputs({ namespace: this.namespace.metadata.name });
    }
}
