// Monitoring: scrape configs and alert rules for the Kafka cluster.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { alertRuleResource, MonitoringSpecArgs, scrapeResources } from "../specs/monitoring";

export type MonitoringArgs = MonitoringSpecArgs & { dependsOn?: pulumi.Input<pulumi.Resource>[] };

export class Monitoring extends pulumi.ComponentResource {
    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:monitoring:Monitoring", name, {}, opts);
        if (args.lagThreshold < 1) throw new Error(`Monitoring: lagThreshold must be a positive number of records, got ${args.lagThreshold}`);
        for (const scrape of scrapeResources(args)) {
            new k8s.apiextensions.CustomResource(`${name}-${scrape.metadata.name}`, scrape, { parent: this, dependsOn: args.dependsOn });
        }
        new k8s.apiextensions.CustomResource(`${name}-alerts`, alertRuleResource(args), { parent: this });
        this.registerOutputs({});
    }
}
