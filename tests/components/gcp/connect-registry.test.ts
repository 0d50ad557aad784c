// ConnectImageRegistry: the plugin source the Connect build downloads from, the repository it pushes to, and the keyless Workload Identity push.
import * as assert from "assert";
import * as gcp from "@pulumi/gcp";
import { ConnectImageRegistry, ConnectImageRegistryArgs } from "../../../components/connect-registry";
import { promiseOf, RecordedResource } from "../../../render/mock-runtime";
import { ofType, one, record } from "./helpers";

function prodArgs(overrides: Partial<ConnectImageRegistryArgs> = {}): ConnectImageRegistryArgs {
    return { project: "acme-kafka", region: "europe-west1", kubernetesServiceAccount: "debezium-connect-cluster-connect-build", ...overrides };
}

describe("ConnectImageRegistry", () => {
    let resources: RecordedResource[];
    let registry: ConnectImageRegistry;

    before(async () => {
        resources = await record(() => {
            registry = new ConnectImageRegistry("prod-connect", prodArgs());
        });
    });

    it("creates the Docker repository kafka-connect in the region", () => {
        const repository = one(resources, "gcp:artifactregistry/repository:Repository", "prod-connect-repository");
        assert.strictEqual(repository.inputs.repositoryId, "kafka-connect");
        assert.strictEqual(repository.inputs.location, "europe-west1");
        assert.strictEqual(repository.inputs.format, "DOCKER");
    });

    it("exposes the design's image repository path", () => {
        assert.strictEqual(registry.imageRepository, "europe-west1-docker.pkg.dev/acme-kafka/kafka-connect");
    });

    it("creates a Maven remote repository of Maven Central that the build downloads plugins through, and exposes its URL", () => {
        const repository = one(resources, "gcp:artifactregistry/repository:Repository", "prod-connect-plugin-repository");
        assert.strictEqual(repository.inputs.repositoryId, "maven-central");
        assert.strictEqual(repository.inputs.location, "europe-west1");
        assert.strictEqual(repository.inputs.format, "MAVEN");
        assert.strictEqual(repository.inputs.mode, "REMOTE_REPOSITORY");
        assert.deepStrictEqual((repository.inputs.remoteRepositoryConfig as { mavenRepository: unknown }).mavenRepository, { publicRepository: "MAVEN_CENTRAL" });
        assert.strictEqual(registry.pluginRepositoryUrl, "https://europe-west1-maven.pkg.dev/acme-kafka/maven-central");
    });

    it("lets the build's credential-less download read the plugin repository, and no other repository", () => {
        const grants = ofType(resources, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember").filter((g) => g.inputs.member === "allUsers");
        assert.deepStrictEqual(grants.map((g) => [g.name, g.inputs.repository, g.inputs.role]), [["prod-connect-plugin-reader", "maven-central", "roles/artifactregistry.reader"]]);
    });

    it("creates a Google service account for the build and exposes its email for the KSA annotation", async () => {
        const account = one(resources, "gcp:serviceaccount/account:Account", "prod-connect-build-sa");
        assert.strictEqual(account.inputs.accountId, "prod-connect-connect-build");
        assert.strictEqual(await promiseOf(registry.buildServiceAccountEmail), "prod-connect-connect-build@acme-kafka.iam.gserviceaccount.com");
    });

    it("grants artifactregistry.writer on the kafka-connect repository only", () => {
        const grant = one(resources, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "prod-connect-build-writer");
        assert.strictEqual(grant.inputs.repository, "kafka-connect");
        assert.strictEqual(grant.inputs.location, "europe-west1");
        assert.strictEqual(grant.inputs.role, "roles/artifactregistry.writer");
        assert.strictEqual(grant.inputs.member, "serviceAccount:prod-connect-connect-build@acme-kafka.iam.gserviceaccount.com");
        assert.deepStrictEqual(ofType(resources, "gcp:projects/iAMMember:IAMMember"), [], "no project-wide grant");
    });

    it("lets the build pod's Kubernetes service account act as the Google account through Workload Identity", () => {
        const binding = one(resources, "gcp:serviceaccount/iAMMember:IAMMember", "prod-connect-build-workload-identity");
        assert.strictEqual(binding.inputs.role, "roles/iam.workloadIdentityUser");
        assert.strictEqual(binding.inputs.member, "serviceAccount:acme-kafka.svc.id.goog[kafka/debezium-connect-cluster-connect-build]");
        assert.strictEqual(binding.inputs.serviceAccountId, "projects/acme-kafka/serviceAccounts/prod-connect-connect-build@acme-kafka.iam.gserviceaccount.com");
    });

    it("creates no service account key", () => {
        assert.deepStrictEqual(ofType(resources, "gcp:serviceaccount/key:Key"), []);
    });

    it("puts every child under the component with its name as prefix", () => {
        for (const resource of resources.filter((r) => r.type.startsWith("gcp:"))) {
            assert.strictEqual(resource.parent, "prod-connect");
            assert.ok(resource.name.startsWith("prod-connect-"), resource.name);
        }
    });

    it("uses the given namespace in the Workload Identity member", async () => {
        const recorded = await record(() => new ConnectImageRegistry("c", prodArgs({ namespace: "kafka-dr", buildServiceAccountId: "dr-connect-build" })));
        const binding = one(recorded, "gcp:serviceaccount/iAMMember:IAMMember", "c-build-workload-identity");
        assert.strictEqual(binding.inputs.member, "serviceAccount:acme-kafka.svc.id.goog[kafka-dr/debezium-connect-cluster-connect-build]");
    });

    it("still binds when given the cluster to wait for", async () => {
        const recorded = await record(() => {
            const cluster = new gcp.container.Cluster("gke", { location: "europe-west1" });
            new ConnectImageRegistry("c", prodArgs({ cluster }));
        });
        one(recorded, "gcp:serviceaccount/iAMMember:IAMMember", "c-build-workload-identity");
    });

    describe("refuses", () => {
        it("a default build account ID longer than 30 characters, naming the field to pass", () =>
            assert.rejects(
                record(() => new ConnectImageRegistry("production-kafka-connect", prodArgs())),
                /service account ID "production-kafka-connect-connect-build" must be 6–30 characters.*; pass buildServiceAccountId/,
            ));
        it("a region that is not one", () =>
            assert.rejects(record(() => new ConnectImageRegistry("c", prodArgs({ region: "europe-west1-b" }))), /region "europe-west1-b" is not a Google Cloud region/));
        it("a Kubernetes service account name Kubernetes would reject", () =>
            assert.rejects(
                record(() => new ConnectImageRegistry("c", prodArgs({ kubernetesServiceAccount: "Connect_Build" }))),
                /kubernetesServiceAccount "Connect_Build" is not a Kubernetes name/,
            ));
        it("an empty project", () =>
            assert.rejects(record(() => new ConnectImageRegistry("c", prodArgs({ project: "" }))), /project is empty; pass the Google Cloud project ID/));
    });
});
