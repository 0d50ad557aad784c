// KafkaCluster: the Strimzi Kafka resource with its metrics and logging ConfigMaps, and what clients need to reach it.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KAFKA_LOG4J, metricsConfigMapData } from "../specs/kafka-config-maps";
import { kafkaClusterResource, KafkaClusterSpecArgs, LISTENERS, LOGGING_CONFIG_MAP, METRICS_CONFIG_MAP } from "../specs/kafka-cluster";
import { strimziNames } from "../specs/strimzi";

export interface KafkaClusterArgs extends KafkaClusterSpecArgs {
    /** Protect the cluster resource from deletion (production). */
    protect: boolean;
}

export class KafkaCluster extends pulumi.ComponentResource {
    readonly kafka: k8s.apiextensions.CustomResource;
    /** `host:port` of each listener's bootstrap service. */
    readonly bootstrap: { plain: string; tls: string; crossRegion: pulumi.Output<string> };
    /** The cluster CA certificate (PEM), which clients trust. */
    readonly clusterCaCertificate: pulumi.Output<string>;
    readonly clusterName: string;
    readonly namespace: string;

    constructor(name: string, args: KafkaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:kafka:KafkaCluster", name, {}, opts);
        const names = strimziNames(args.name);
        const spec = kafkaClusterResource(args);
        this.clusterName = args.name;
        this.namespace = args.namespace;

        const metrics = new k8s.core.v1.ConfigMap(`${name}-metrics`, {
            metadata: { name: METRICS_CONFIG_MAP, namespace: args.namespace },
            data: metricsConfigMapData(),
        }, { parent: this });
        const logging = new k8s.core.v1.ConfigMap(`${name}-logging`, {
            metadata: { name: LOGGING_CONFIG_MAP, namespace: args.namespace },
            data: { "log4j.properties": KAFKA_LOG4J },
        }, { parent: this });

        // Deleting the Kafka resource would delete the brokers; storage claims survive (deleteClaim false) but production protects both.
        this.kafka = new k8s.apiextensions.CustomResource(`${name}-kafka`, spec, {
            parent: this,
            dependsOn: [metrics, logging],
            protect: args.protect,
            retainOnDelete: args.protect,
        });

        // Strimzi creates these once the cluster is Ready. Their ids wait on the Kafka resource's id, which is unknown
        // until it exists, so a first preview skips the reads instead of failing on objects not there yet.
        const afterKafka = (object: string) => this.kafka.id.apply(() => `${args.namespace}/${object}`);
        const crossRegionService = k8s.core.v1.Service.get(`${name}-xregion-bootstrap`, afterKafka(names.crossRegionBootstrapService), { parent: this });
        const caSecret = k8s.core.v1.Secret.get(`${name}-cluster-ca`, afterKafka(names.clusterCaSecret), { parent: this });

        const inCluster = `${names.bootstrapService}.${args.namespace}.svc`;
        this.bootstrap = {
            plain: `${inCluster}:${LISTENERS.plain}`,
            tls: `${inCluster}:${LISTENERS.tls}`,
            // Empty until Google's load balancer has an address; the DR stack refuses to mirror from an empty one.
            crossRegion: crossRegionService.status.apply((s) => (s?.loadBalancer?.ingress?.[0]?.ip ? `${s.loadBalancer.ingress[0].ip}:${args.crossRegionListenerPort}` : "")),
        };
        this.clusterCaCertificate = caSecret.data.apply((d) => Buffer.from(d?.["ca.crt"] ?? "", "base64").toString("utf8"));

        this.registerOutputs({ bootstrap: this.bootstrap, clusterCaCertificate: this.clusterCaCertificate });
    }
}
