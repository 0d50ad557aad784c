// The Artifact Registry repositories of Strimzi's Kafka Connect build: the plugin source it downloads from, the image repository it pushes to, and the keyless identity it pushes with.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountIdProblem } from "../specs/gcp-names";

/** The design's repository, `<region>-docker.pkg.dev/<project>/kafka-connect`. */
export const CONNECT_REPOSITORY_ID = "kafka-connect";
/** The Maven remote repository the build downloads connector plugins through, `<region>-maven.pkg.dev/<project>/maven-central`. */
export const PLUGIN_REPOSITORY_ID = "maven-central";

/** Arguments of ConnectImageRegistry. */
export interface ConnectImageRegistryArgs {
    /** Google Cloud project ID. */
    project: string;
    /** Region of the repository, e.g. "europe-west1". */
    region: string;
    /** Kubernetes service account of the build pod; Strimzi names it `<connect-cluster>-connect-build`. */
    kubernetesServiceAccount: string;
    /** Namespace of the KafkaConnect; default "kafka". */
    namespace?: string;
    /** Account ID of the build's Google service account; default `<component name>-connect-build`. */
    buildServiceAccountId?: string;
    /** The GKE cluster; the Workload Identity binding waits for it, since the pool exists only once a cluster uses it; default none. */
    cluster?: pulumi.Resource;
}

export class ConnectImageRegistry extends pulumi.ComponentResource {
    public readonly repository: gcp.artifactregistry.Repository;
    public readonly pluginRepository: gcp.artifactregistry.Repository;
    public readonly buildServiceAccount: gcp.serviceaccount.Account;
    /** `<region>-docker.pkg.dev/<project>/kafka-connect`; the Connect build's `output.image` goes under it. */
    public readonly imageRepository: string;
    /** `https://<region>-maven.pkg.dev/<project>/maven-central`, the base URL of the Connect build's plugin downloads. */
    public readonly pluginRepositoryUrl: string;
    /** Email of the build's Google service account, for the KSA annotation `iam.gke.io/gcp-service-account`. */
    public readonly buildServiceAccountEmail: pulumi.Output<string>;

    constructor(name: string, args: ConnectImageRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:gcp:ConnectImageRegistry", name, {}, opts);

        const namespace = args.namespace ?? "kafka";
        const buildServiceAccountId = args.buildServiceAccountId ?? `${name}-connect-build`;
        const problems: string[] = [];
        if (!args.project) problems.push("project is empty; pass the Google Cloud project ID");
        if (!/^[a-z]+-[a-z]+\d+$/.test(args.region)) problems.push(`region "${args.region}" is not a Google Cloud region; use e.g. "europe-west1"`);
        const accountProblem = serviceAccountIdProblem(buildServiceAccountId);
        if (accountProblem) problems.push(`${accountProblem}; pass buildServiceAccountId`);
        for (const [field, value] of [["kubernetesServiceAccount", args.kubernetesServiceAccount], ["namespace", namespace]]) {
            if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
                problems.push(`${field} "${value}" is not a Kubernetes name; use lowercase letters, digits and '-', e.g. "debezium-connect-cluster-connect-build"`);
            }
        }
        if (problems.length > 0) throw new Error(`ConnectImageRegistry "${name}": ${problems.join("; ")}`);

        this.imageRepository = `${args.region}-docker.pkg.dev/${args.project}/${CONNECT_REPOSITORY_ID}`;

        this.repository = new gcp.artifactregistry.Repository(`${name}-repository`, {
            project: args.project,
            location: args.region,
            repositoryId: CONNECT_REPOSITORY_ID,
            format: "DOCKER",
            description: "Kafka Connect images built by Strimzi",
        }, { parent: this });

        // A caching proxy of Maven Central: builds keep working when the upstream is slow or down, and the
        // plugin's SHA-512 in the KafkaConnect pins the bytes either way.
        this.pluginRepositoryUrl = `https://${args.region}-maven.pkg.dev/${args.project}/${PLUGIN_REPOSITORY_ID}`;
        this.pluginRepository = new gcp.artifactregistry.Repository(`${name}-plugin-repository`, {
            project: args.project,
            location: args.region,
            repositoryId: PLUGIN_REPOSITORY_ID,
            format: "MAVEN",
            mode: "REMOTE_REPOSITORY",
            remoteRepositoryConfig: { description: "Maven Central", mavenRepository: { publicRepository: "MAVEN_CENTRAL" } },
            description: "Maven Central, cached, for Kafka Connect plugin downloads",
        }, { parent: this });
        // Strimzi's build fetches artifacts with a plain HTTP GET inside the image build, which carries no Google
        // credentials; the repository holds only Maven Central's public artifacts, so anonymous reading exposes nothing.
        new gcp.artifactregistry.RepositoryIamMember(`${name}-plugin-reader`, {
            project: args.project,
            location: this.pluginRepository.location,
            repository: this.pluginRepository.repositoryId,
            role: "roles/artifactregistry.reader",
            member: "allUsers",
        }, { parent: this });

        this.buildServiceAccount = new gcp.serviceaccount.Account(`${name}-build-sa`, {
            project: args.project,
            accountId: buildServiceAccountId,
            displayName: "Strimzi Kafka Connect image build",
        }, { parent: this });
        this.buildServiceAccountEmail = this.buildServiceAccount.email;

        // Writer on this repository only, not on the project's other registries.
        new gcp.artifactregistry.RepositoryIamMember(`${name}-build-writer`, {
            project: args.project,
            location: this.repository.location,
            repository: this.repository.repositoryId,
            role: "roles/artifactregistry.writer",
            member: pulumi.interpolate`serviceAccount:${this.buildServiceAccount.email}`,
        }, { parent: this });

        // The build pod's KSA may act as the Google account: pushes use short-lived tokens, no exported key.
        new gcp.serviceaccount.IAMMember(`${name}-build-workload-identity`, {
            serviceAccountId: pulumi.interpolate`projects/${args.project}/serviceAccounts/${this.buildServiceAccount.email}`,
            role: "roles/iam.workloadIdentityUser",
            member: `serviceAccount:${args.project}.svc.id.goog[${namespace}/${args.kubernetesServiceAccount}]`,
        }, { parent: this, dependsOn: args.cluster ? [args.cluster] : [] });

        this.registerOutputs({ imageRepository: this.imageRepository, pluginRepositoryUrl: this.pluginRepositoryUrl, buildServiceAccountEmail: this.buildServiceAccountEmail });
    }
}
