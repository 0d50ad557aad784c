// Where Kafka pods run: the label and taint of the dedicated Kafka node pool, shared by GKE and the Kafka spec.

/** Node label of the Kafka pool; the brokers' affinity requires it. */
export const KAFKA_POOL_LABEL = { key: "kafka-platform/pool", value: "kafka" } as const;

/** Taint of the Kafka pool, so only pods that tolerate it (the brokers and ZooKeeper) land there. */
export const KAFKA_POOL_TAINT = { key: "dedicated", value: "kafka", effect: "NoSchedule" } as const;

/** The zone label Kubernetes sets on every node; rack awareness and spreading use it. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";
