// Schema Registry: the design's Deployment (cp-schema-registry 7.5.0, 3 replicas) reaching Kafka over mutual TLS.
import { DESIGN } from "../config/defaults";

export const SCHEMA_REGISTRY = { name: "schema-registry", port: 8081, topic: "_schemas", groupId: "schema-registry" } as const;
const LABELS = { app: SCHEMA_REGISTRY.name };

export interface SchemaRegistrySpecArgs {
    /** Namespace of the registry, beside the Kafka cluster. */
    namespace: string;
    /** `host:port` of the Kafka cluster's TLS bootstrap. */
    bootstrapTls: string;
    /** Strimzi's cluster CA Secret, whose certificate the registry trusts. */
    clusterCaSecret: string;
    /** KafkaUser whose Secret holds the registry's PKCS#12 keystore. */
    userName: string;
    /** A standby registry (DR) serves the mirrored schemas and accepts no writes. */
    readOnly: boolean;
}

export function schemaRegistryDeployment(args: SchemaRegistrySpecArgs) {
    const env = [
        // Replicas forward writes to the leader by this address, so it must be the pod's own, not a shared name.
        { name: "SCHEMA_REGISTRY_HOST_NAME", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
        { name: "SCHEMA_REGISTRY_LISTENERS", value: `http://0.0.0.0:${SCHEMA_REGISTRY.port}` },
        { name: "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", value: `SSL://${args.bootstrapTls}` },
        { name: "SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL", value: "SSL" },
        { name: "SCHEMA_REGISTRY_KAFKASTORE_TOPIC", value: SCHEMA_REGISTRY.topic },
        { name: "SCHEMA_REGISTRY_SCHEMA_REGISTRY_GROUP_ID", value: SCHEMA_REGISTRY.groupId },
        { name: "SCHEMA_REGISTRY_KAFKASTORE_SSL_KEYSTORE_TYPE", value: "PKCS12" },
        { name: "SCHEMA_REGISTRY_KAFKASTORE_SSL_KEYSTORE_LOCATION", value: "/etc/kafka-user/user.p12" },
        { name: "SCHEMA_REGISTRY_KAFKASTORE_SSL_KEYSTORE_PASSWORD", valueFrom: { secretKeyRef: { name: args.userName, key: "user.password" } } },
        { name: "SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_TYPE", value: "PKCS12" },
        { name: "SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_LOCATION", value: "/etc/kafka-ca/ca.p12" },
        { name: "SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_PASSWORD", valueFrom: { secretKeyRef: { name: args.clusterCaSecret, key: "ca.password" } } },
        ...(args.readOnly ? [{ name: "SCHEMA_REGISTRY_LEADER_ELIGIBILITY", value: "false" }] : []),
    ];
    const probe = (path: string, initialDelaySeconds: number) => ({ httpGet: { path, port: SCHEMA_REGISTRY.port }, initialDelaySeconds, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 });
    return {
        metadata: { name: SCHEMA_REGISTRY.name, namespace: args.namespace, labels: LABELS },
        spec: {
            replicas: DESIGN.schemaRegistry.replicas,
            selector: { matchLabels: LABELS },
            template: {
                metadata: { labels: LABELS },
                spec: {
                    containers: [{
                        name: SCHEMA_REGISTRY.name,
                        image: DESIGN.schemaRegistry.image,
                        ports: [{ name: "http", containerPort: SCHEMA_REGISTRY.port }],
                        env,
                        resources: DESIGN.schemaRegistry.resources,
                        readinessProbe: probe("/subjects", 20),
                        livenessProbe: probe("/", 60),
                        volumeMounts: [{ name: "kafka-user", mountPath: "/etc/kafka-user", readOnly: true }, { name: "kafka-ca", mountPath: "/etc/kafka-ca", readOnly: true }],
                    }],
                    volumes: [{ name: "kafka-user", secret: { secretName: args.userName } }, { name: "kafka-ca", secret: { secretName: args.clusterCaSecret } }],
                    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: LABELS } }],
                },
            },
        },
    };
}

export function schemaRegistryService(namespace: string) {
    return {
        metadata: { name: SCHEMA_REGISTRY.name, namespace, labels: LABELS },
        spec: { selector: LABELS, ports: [{ name: "http", port: SCHEMA_REGISTRY.port, targetPort: SCHEMA_REGISTRY.port }], type: "ClusterIP" },
    };
}

export function schemaRegistryDisruptionBudget(namespace: string) {
    return { metadata: { name: SCHEMA_REGISTRY.name, namespace }, spec: { minAvailable: 2, selector: { matchLabels: LABELS } } };
}
