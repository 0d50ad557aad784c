import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { runUnderMocks } from "../render/mock-runtime";
const variant = process.argv[2]; const n = Number(process.argv[3]);
class Comp extends pulumi.ComponentResource { constructor(n: string, o?: pulumi.ComponentResourceOptions) { super("x:y:Comp", n, {}, o); } }
const t0 = Date.now();
runUnderMocks(async () => {
  const provider = new k8s.Provider("p", { kubeconfig: "x" });
  const dep = new k8s.core.v1.ConfigMap("dep", { data: { a: "b" } }, { provider });
  const comp = new Comp("c", variant.includes("P") ? { providers: { kubernetes: provider } } : {});
  for (let i = 0; i < n; i++) {
    const opts: pulumi.CustomResourceOptions = {};
    if (variant.includes("c")) opts.parent = comp;
    if (variant.includes("p")) opts.provider = provider;
    if (variant.includes("d")) opts.dependsOn = [dep];
    if (variant.includes("r")) { opts.protect = true; opts.retainOnDelete = true; }
    const big = variant.includes("b");
    new k8s.apiextensions.CustomResource(`t-${i}`, { apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaTopic", metadata: { name: `t${i}`, namespace: "kafka", labels: { "strimzi.io/cluster": "c", ...(big ? { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "kafka-platform" } : {}) }, ...(big ? { annotations: { "kafka-platform/description": "Synthetic topic " + i, "pulumi.com/waitFor": "condition=Ready", "pulumi.com/timeoutSeconds": "300" } } : {}) }, spec: { topicName: `t.${i}`, partitions: 12, replicas: 3, config: { "retention.ms": 1, ...(big ? { "segment.ms": 1, "compression.type": "lz4", "cleanup.policy": "delete", "min.insync.replicas": 2, "max.message.bytes": 1048576 } : {}) } } }, opts);
  }
}, { project: "p", stack: "s", config: {} }).then(() => console.log(variant, Date.now() - t0, "ms", Math.round(process.resourceUsage().maxRSS / 1024), "MB"));
