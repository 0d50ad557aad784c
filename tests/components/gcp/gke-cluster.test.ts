// GkeCluster: the private regional cluster, its node pools and node identity, the kubeconfig and every argument check.
import * as assert from "assert";
import { GkeCluster, GkeClusterArgs, NODE_SERVICE_ACCOUNT_ROLES } from "../../../components/gke-cluster";
import { promiseOf, RecordedResource } from "../../../render/mock-runtime";
import { KAFKA_POOL_LABEL } from "../../../specs/scheduling";
import { input, ofType, one, record } from "./helpers";

const CLUSTER = "gcp:container/cluster:Cluster";
const NODE_POOL = "gcp:container/nodePool:NodePool";

/** The design's Kafka workload: 6 brokers at 4 CPU / 8Gi, 3 ZooKeeper nodes at 1 CPU / 2Gi. */
const designWorkload = {
    brokers: 6,
    brokerRequests: { cpu: "4", memory: "8Gi" },
    zookeeperReplicas: 3,
    zookeeperRequests: { cpu: "1", memory: "2Gi" },
};

function prodArgs(overrides: Partial<GkeClusterArgs> = {}): GkeClusterArgs {
    return {
        project: "acme-kafka",
        region: "europe-west1",
        zones: ["europe-west1-b", "europe-west1-c", "europe-west1-d"],
        cidrs: { nodes: "10.10.0.0/20", pods: "10.12.0.0/14", services: "10.16.0.0/20", master: "172.16.0.0/28" },
        masterAuthorizedNetworks: [{ cidrBlock: "198.51.100.0/24", displayName: "ci-runners" }],
        releaseChannel: "REGULAR",
        maintenanceWindow: { dailyStartTime: "03:00" },
        kafkaPool: { machineType: "n2-standard-8", nodesPerZone: 2 },
        generalPool: { machineType: "e2-standard-4", minNodesPerZone: 1, maxNodesPerZone: 3 },
        kafkaWorkload: designWorkload,
        protect: true,
        ...overrides,
    };
}

describe("GkeCluster", () => {
    let resources: RecordedResource[];
    let gke: GkeCluster;

    before(async () => {
        resources = await record(() => {
            gke = new GkeCluster("prod", prodArgs());
        });
    });

    describe("network", () => {
        it("creates a custom-mode VPC", () => {
            assert.strictEqual(one(resources, "gcp:compute/network:Network", "prod-vpc").inputs.autoCreateSubnetworks, false);
        });

        it("creates a regional subnet with pod and service secondary ranges and private Google access", () => {
            const subnet = one(resources, "gcp:compute/subnetwork:Subnetwork", "prod-subnet");
            assert.strictEqual(subnet.inputs.region, "europe-west1");
            assert.strictEqual(subnet.inputs.ipCidrRange, "10.10.0.0/20");
            assert.strictEqual(subnet.inputs.privateIpGoogleAccess, true);
            assert.deepStrictEqual(subnet.inputs.secondaryIpRanges, [
                { rangeName: "pods", ipCidrRange: "10.12.0.0/14" },
                { rangeName: "services", ipCidrRange: "10.16.0.0/20" },
            ]);
        });

        it("gives private nodes a way out through Cloud NAT on a Cloud Router", () => {
            one(resources, "gcp:compute/router:Router", "prod-router");
            const nat = one(resources, "gcp:compute/routerNat:RouterNat", "prod-nat");
            assert.strictEqual(nat.inputs.region, "europe-west1");
            assert.strictEqual(nat.inputs.natIpAllocateOption, "AUTO_ONLY");
            assert.deepStrictEqual(input(nat, "subnetworks.0.sourceIpRangesToNats"), ["ALL_IP_RANGES"]);
        });
    });

    describe("cluster", () => {
        let cluster: RecordedResource;
        before(() => {
            cluster = one(resources, CLUSTER, "prod-cluster");
        });

        it("is regional across the three given zones", () => {
            assert.strictEqual(cluster.inputs.location, "europe-west1");
            assert.deepStrictEqual(cluster.inputs.nodeLocations, ["europe-west1-b", "europe-west1-c", "europe-west1-d"]);
        });

        it("removes the default node pool", () => {
            assert.strictEqual(cluster.inputs.removeDefaultNodePool, true);
            assert.strictEqual(cluster.inputs.initialNodeCount, 1);
        });

        it("has private nodes and a public endpoint limited to the authorized networks", () => {
            assert.strictEqual(input(cluster, "privateClusterConfig.enablePrivateNodes"), true);
            assert.strictEqual(input(cluster, "privateClusterConfig.enablePrivateEndpoint"), false);
            assert.strictEqual(input(cluster, "privateClusterConfig.masterIpv4CidrBlock"), "172.16.0.0/28");
            assert.deepStrictEqual(input(cluster, "masterAuthorizedNetworksConfig.cidrBlocks"), [{ cidrBlock: "198.51.100.0/24", displayName: "ci-runners" }]);
            assert.strictEqual(input(cluster, "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled"), false);
        });

        it("enables Workload Identity with the project's pool", () => {
            assert.strictEqual(input(cluster, "workloadIdentityConfig.workloadPool"), "acme-kafka.svc.id.goog");
            assert.strictEqual(gke.workloadIdentityPool, "acme-kafka.svc.id.goog");
        });

        it("enables shielded nodes", () => {
            assert.strictEqual(cluster.inputs.enableShieldedNodes, true);
        });

        it("enforces network policy through Dataplane V2", () => {
            assert.strictEqual(cluster.inputs.datapathProvider, "ADVANCED_DATAPATH");
        });

        it("enables the persistent disk CSI driver the SSD class provisions with", () => {
            assert.strictEqual(input(cluster, "addonsConfig.gcePersistentDiskCsiDriverConfig.enabled"), true);
        });

        it("collects workload logs for the Kafka log sink", () => {
            assert.ok((input(cluster, "loggingConfig.enableComponents") as string[]).includes("WORKLOADS"));
        });

        it("follows the release channel and daily maintenance window it is given", () => {
            assert.strictEqual(input(cluster, "releaseChannel.channel"), "REGULAR");
            assert.deepStrictEqual(cluster.inputs.maintenancePolicy, { dailyMaintenanceWindow: { startTime: "03:00" } });
        });

        it("is deletion-protected in GKE and in Pulumi when protect is set", () => {
            assert.strictEqual(cluster.inputs.deletionProtection, true);
            assert.strictEqual(cluster.options.protect, true);
        });

        it("is a child of the component", () => {
            assert.strictEqual(cluster.parent, "prod");
        });
    });

    describe("Kafka node pool", () => {
        let pool: RecordedResource;
        before(() => {
            pool = one(resources, NODE_POOL, "prod-kafka-pool");
        });

        it("runs the machine type and node count per zone it is given", () => {
            assert.strictEqual(input(pool, "nodeConfig.machineType"), "n2-standard-8");
            assert.strictEqual(pool.inputs.nodeCount, 2);
        });

        it("carries the Kafka pool label and the NO_SCHEDULE taint of specs/scheduling", () => {
            assert.deepStrictEqual(input(pool, "nodeConfig.labels"), { [KAFKA_POOL_LABEL.key]: KAFKA_POOL_LABEL.value });
            assert.deepStrictEqual(input(pool, "nodeConfig.taints"), [{ key: "dedicated", value: "kafka", effect: "NO_SCHEDULE" }]);
        });

        it("uses the GKE metadata server, shielded VMs and pd-ssd boot disks", () => {
            assert.strictEqual(input(pool, "nodeConfig.workloadMetadataConfig.mode"), "GKE_METADATA");
            assert.deepStrictEqual(input(pool, "nodeConfig.shieldedInstanceConfig"), { enableSecureBoot: true, enableIntegrityMonitoring: true });
            assert.strictEqual(input(pool, "nodeConfig.diskType"), "pd-ssd");
        });

        it("auto-repairs, auto-upgrades and surges one node at a time with none unavailable", () => {
            assert.deepStrictEqual(pool.inputs.management, { autoRepair: true, autoUpgrade: true });
            assert.strictEqual(input(pool, "upgradeSettings.maxSurge"), 1);
            assert.strictEqual(input(pool, "upgradeSettings.maxUnavailable"), 0);
        });

        it("tags its nodes so firewall rules can target the brokers", () => {
            assert.deepStrictEqual(input(pool, "nodeConfig.tags"), ["prod-kafka"]);
            assert.strictEqual(gke.kafkaNodeTag, "prod-kafka");
        });

        it("is not autoscaled", () => {
            assert.strictEqual(pool.inputs.autoscaling, undefined);
        });
    });

    describe("general node pool", () => {
        it("autoscales per zone, without taints, with the same node hardening", () => {
            const pool = one(resources, NODE_POOL, "prod-general-pool");
            assert.deepStrictEqual(pool.inputs.autoscaling, { minNodeCount: 1, maxNodeCount: 3 });
            assert.strictEqual(input(pool, "nodeConfig.taints"), undefined);
            assert.strictEqual(input(pool, "nodeConfig.workloadMetadataConfig.mode"), "GKE_METADATA");
            assert.strictEqual(input(pool, "nodeConfig.shieldedInstanceConfig.enableSecureBoot"), true);
            assert.ok(pool.options.ignoreChanges.includes("initialNodeCount"));
        });
    });

    describe("node identity", () => {
        it("runs both pools as a dedicated service account", () => {
            const email = "prod-gke-nodes@acme-kafka.iam.gserviceaccount.com";
            for (const pool of ofType(resources, NODE_POOL)) assert.strictEqual(input(pool, "nodeConfig.serviceAccount"), email);
        });

        it("grants the nodes' account exactly the minimal roles", () => {
            const grants = ofType(resources, "gcp:projects/iAMMember:IAMMember");
            assert.deepStrictEqual(grants.map((g) => g.inputs.role).sort(), [...NODE_SERVICE_ACCOUNT_ROLES].sort());
            for (const grant of grants) assert.strictEqual(grant.inputs.member, "serviceAccount:prod-gke-nodes@acme-kafka.iam.gserviceaccount.com");
        });
    });

    describe("kubeconfig and provider", () => {
        it("marks the kubeconfig secret", async () => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            assert.strictEqual(await (gke.kubeconfig as any).isSecret, true);
        });

        it("points at the endpoint with the cluster CA and authenticates through gke-gcloud-auth-plugin", async () => {
            const kubeconfig = JSON.parse(await promiseOf(gke.kubeconfig));
            assert.strictEqual(kubeconfig.clusters[0].cluster.server, "https://203.0.113.10");
            assert.strictEqual(kubeconfig.clusters[0].cluster["certificate-authority-data"], Buffer.from("mock-cluster-ca").toString("base64"));
            assert.strictEqual(kubeconfig.users[0].user.exec.command, "gke-gcloud-auth-plugin");
            assert.strictEqual(kubeconfig["current-context"], "gke_acme-kafka_europe-west1_prod");
        });

        it("registers a Kubernetes provider under the component", () => {
            assert.strictEqual(one(resources, "pulumi:providers:kubernetes", "prod-k8s").parent, "prod");
        });
    });

    it("prefixes every child's name with the component name", () => {
        for (const resource of resources.filter((r) => r.parent === "prod")) assert.ok(resource.name.startsWith("prod-"), resource.name);
    });

    describe("without protect and with a recurring window", () => {
        let cluster: RecordedResource;
        before(async () => {
            const recorded = await record(() => {
                new GkeCluster("dr", prodArgs({
                    region: "europe-west4",
                    zones: ["europe-west4-a", "europe-west4-b", "europe-west4-c"],
                    protect: undefined,
                    masterAuthorizedNetworks: undefined,
                    maintenanceWindow: { startTime: "2026-01-03T02:00:00Z", endTime: "2026-01-03T08:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" },
                }));
            }, "dr");
            cluster = one(recorded, CLUSTER, "dr-cluster");
        });

        it("turns GKE deletion protection off explicitly, since the provider defaults it on", () => {
            assert.strictEqual(cluster.inputs.deletionProtection, false);
            assert.strictEqual(cluster.options.protect, false);
        });

        it("closes the public endpoint to every outside network by default", () => {
            assert.deepStrictEqual(input(cluster, "masterAuthorizedNetworksConfig.cidrBlocks"), []);
        });

        it("uses the recurring maintenance window", () => {
            assert.deepStrictEqual(cluster.inputs.maintenancePolicy, {
                recurringWindow: { startTime: "2026-01-03T02:00:00Z", endTime: "2026-01-03T08:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" },
            });
        });
    });

    describe("refuses", () => {
        const refuses = (overrides: Partial<GkeClusterArgs>, message: RegExp) =>
            assert.rejects(record(() => new GkeCluster("bad", prodArgs(overrides))), message);

        it("two zones", () => refuses({ zones: ["europe-west1-b", "europe-west1-c"] }, /exactly 3 zones of europe-west1.*got 2/));
        it("a repeated zone", () => refuses({ zones: ["europe-west1-b", "europe-west1-b", "europe-west1-c"] }, /repeat a zone; list three distinct zones/));
        it("a zone of another region", () =>
            refuses({ zones: ["europe-west1-b", "europe-west1-c", "europe-west4-a"] }, /zone "europe-west4-a" is not a zone of region europe-west1/));
        it("a CIDR that does not parse", () =>
            refuses({ cidrs: { nodes: "10.10.0/20", pods: "10.12.0.0/14", services: "10.16.0.0/20", master: "172.16.0.0/28" } }, /nodes CIDR: "10.10.0\/20" is not an IPv4 CIDR/));
        it("a CIDR with host bits set, naming the network address", () =>
            refuses({ cidrs: { nodes: "10.10.1.0/20", pods: "10.12.0.0/14", services: "10.16.0.0/20", master: "172.16.0.0/28" } }, /use the network address 10\.10\.0\.0\/20/));
        it("overlapping CIDRs", () =>
            refuses({ cidrs: { nodes: "10.10.0.0/20", pods: "10.8.0.0/14", services: "10.16.0.0/20", master: "172.16.0.0/28" } }, /nodes CIDR 10\.10\.0\.0\/20 overlaps pods CIDR 10\.8\.0\.0\/14; give them disjoint ranges/));
        it("a master CIDR that is not a /28", () =>
            refuses({ cidrs: { nodes: "10.10.0.0/20", pods: "10.12.0.0/14", services: "10.16.0.0/20", master: "172.16.0.0/27" } }, /master CIDR 172\.16\.0\.0\/27 must be a \/28/));
        it("an authorized network that is not a CIDR", () =>
            refuses({ masterAuthorizedNetworks: [{ cidrBlock: "office", displayName: "office" }] }, /master authorized network "office": "office" is not an IPv4 CIDR/));
        it("zero Kafka nodes per zone", () => refuses({ kafkaPool: { machineType: "n2-standard-8", nodesPerZone: 0 } }, /Kafka pool nodes per zone must be a whole number ≥ 1, got 0/));
        it("a general pool that may scale to zero", () => refuses({ generalPool: { machineType: "e2-standard-4", minNodesPerZone: 0, maxNodesPerZone: 3 } }, /general pool minimum nodes per zone must be a whole number ≥ 1, got 0/));
        it("a general pool maximum below its minimum", () =>
            refuses({ generalPool: { machineType: "e2-standard-4", minNodesPerZone: 3, maxNodesPerZone: 2 } }, /general pool maximum nodes per zone \(2\) must be a whole number ≥ its minimum \(3\)/));
        it("an invalid cluster name", () => refuses({ clusterName: "Kafka_Prod" }, /GKE cluster name "Kafka_Prod" must be .*; pass clusterName/));
        it("a node service account ID too long", () =>
            refuses({ nodeServiceAccountId: "a-very-long-service-account-name-for-nodes" }, /service account ID .* must be 6–30 characters.*; pass nodeServiceAccountId/));
        it("a malformed daily maintenance time", () => refuses({ maintenanceWindow: { dailyStartTime: "3am" } }, /daily maintenance start time "3am" must be HH:MM in UTC/));
        it("a recurring window that ends before it starts", () =>
            refuses(
                { maintenanceWindow: { startTime: "2026-01-03T08:00:00Z", endTime: "2026-01-03T02:00:00Z", recurrence: "FREQ=DAILY" } },
                /must come after its start/,
            ));
        it("an empty project", () => refuses({ project: "" }, /project is empty; pass the Google Cloud project ID/));
        it("a Kafka pool too small for the workload", () =>
            refuses({ kafkaPool: { machineType: "n2-standard-4", nodesPerZone: 2 } }, /one broker requests 4 CPU \/ 8 GiB, more than one n2-standard-4/));
    });
});
