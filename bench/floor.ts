// The floor of a render: N bare KafkaTopic custom resources registered with the Pulumi SDK under the same mock runtime.
import * as k8s from "@pulumi/kubernetes";
import { runUnderMocks } from "../render/mock-runtime";

export async function registerBareTopics(count: number): Promise<number> {
    const { resources } = await runUnderMocks(async () => {
        for (let i = 0; i < count; i++) {
            new k8s.apiextensions.CustomResource(`topic-${i}`, {
                apiVersion: "kafka.strimzi.io/v1beta2",
                kind: "KafkaTopic",
                metadata: { name: `synthetic-${i}`, namespace: "kafka", labels: { "strimzi.io/cluster": "production-kafka" } },
                spec: { topicName: `synthetic.${i}`, partitions: 12, replicas: 3, config: { "retention.ms": 604800000, "cleanup.policy": "delete" } },
            });
        }
    }, { project: "kafka-platform", stack: "bench", config: {} });
    return resources.length;
}

if (require.main === module) {
    const started = process.hrtime.bigint();
    registerBareTopics(Number(process.argv[2])).then((n) => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        console.log(JSON.stringify({ resources: n, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    });
}
