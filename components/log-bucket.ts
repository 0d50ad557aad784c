// The GCS bucket that keeps the Kafka namespace's container logs for a year, and the log sink that fills it.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { bucketNameProblems } from "../specs/gcp-names";

/** The design's bucket name, `<project>-<environment>-kafka-logs`. */
export function logBucketName(project: string, environment: string): string {
    return `${project}-${environment}-kafka-logs`;
}

/** The design's lifecycle: Nearline after 30 days, Coldline after 90, deleted after 365. */
export const LOG_BUCKET_LIFECYCLE_RULES = [
    { action: { type: "SetStorageClass", storageClass: "NEARLINE" }, condition: { age: 30 } },
    { action: { type: "SetStorageClass", storageClass: "COLDLINE" }, condition: { age: 90 } },
    { action: { type: "Delete" }, condition: { age: 365 } },
];

/** The Logging filter selecting one cluster's container logs in one namespace. */
export function kafkaLogFilter(clusterName: string, clusterLocation: string, namespace: string): string {
    return [
        'resource.type="k8s_container"',
        `resource.labels.cluster_name="${clusterName}"`,
        `resource.labels.location="${clusterLocation}"`,
        `resource.labels.namespace_name="${namespace}"`,
    ].join(" AND ");
}

/** Arguments of LogBucket. */
export interface LogBucketArgs {
    /** Google Cloud project ID; the first part of the bucket name. */
    project: string;
    /** Environment, e.g. "prod" or "dr"; in the bucket name and the `environment` label. */
    environment: string;
    /** Region the bucket lives in, e.g. "europe-west1". */
    region: string;
    /** Name of the GKE cluster whose logs are routed (e.g. `gke.cluster.name`). */
    clusterName: pulumi.Input<string>;
    /** Location of that cluster (its region); default `region`. */
    clusterLocation?: pulumi.Input<string>;
    /** Kubernetes namespace of the Kafka pods; default "kafka". */
    namespace?: string;
    /** Extra bucket labels; `environment` and `component` always come from the design; default none. */
    labels?: Record<string, pulumi.Input<string>>;
    /** Protect the bucket from deletion by Pulumi; default false (it is always retained when removed from the program). */
    protect?: boolean;
}

export class LogBucket extends pulumi.ComponentResource {
    public readonly bucket: gcp.storage.Bucket;
    public readonly sink: gcp.logging.ProjectSink;
    /** `<project>-<environment>-kafka-logs`. */
    public readonly bucketName: string;

    constructor(name: string, args: LogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:gcp:LogBucket", name, {}, opts);

        const bucketName = logBucketName(args.project, args.environment);
        const problems = bucketNameProblems(bucketName);
        if (problems.length > 0) {
            throw new Error(
                `LogBucket "${name}": bucket name "${bucketName}" from project "${args.project}" and environment "${args.environment}" ${problems.join(", ")}; ` +
                    "shorten or correct the environment name",
            );
        }
        if (!/^[a-z0-9_-]{1,63}$/.test(args.environment)) {
            throw new Error(`LogBucket "${name}": environment "${args.environment}" is not a valid label value; use 1–63 lowercase letters, digits, '-' or '_'`);
        }
        this.bucketName = bucketName;

        this.bucket = new gcp.storage.Bucket(`${name}-bucket`, {
            project: args.project,
            name: bucketName,
            location: args.region.toUpperCase(),
            storageClass: "STANDARD",
            lifecycleRules: LOG_BUCKET_LIFECYCLE_RULES,
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            // Never empty a bucket of logs in order to delete it.
            forceDestroy: false,
            versioning: { enabled: false },
            labels: { ...args.labels, environment: args.environment, component: "kafka" },
        }, { parent: this, retainOnDelete: true, ...(args.protect ? { protect: true } : {}) });

        const clusterLocation = args.clusterLocation ?? args.region;
        this.sink = new gcp.logging.ProjectSink(`${name}-sink`, {
            project: args.project,
            destination: pulumi.interpolate`storage.googleapis.com/${this.bucket.name}`,
            filter: pulumi.all([args.clusterName, clusterLocation]).apply(([cluster, location]) => kafkaLogFilter(cluster, location, args.namespace ?? "kafka")),
            // A writer identity of its own, granted on this bucket alone.
            uniqueWriterIdentity: true,
            description: `Kafka container logs of ${args.environment} into ${bucketName}`,
        }, { parent: this });

        new gcp.storage.BucketIAMMember(`${name}-sink-writer`, {
            bucket: this.bucket.name,
            role: "roles/storage.objectCreator",
            member: this.sink.writerIdentity,
        }, { parent: this });

        this.registerOutputs({ bucketName: this.bucketName });
    }
}
