// The kafka-platform CrossGuard policy pack, run by every `pulumi preview` and `pulumi up` with `--policy-pack policy`.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("kafka-platform", {
    description: "Guardrails for the Kafka platform: durable topics, safe storage and buckets, protected state, no plain-text secrets.",
    policies,
});
