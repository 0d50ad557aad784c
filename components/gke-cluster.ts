// The private, regional GKE cluster Kafka runs on: VPC, NAT, cluster, a dedicated Kafka node pool and a general pool.
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { cidrProblems, parseIpv4Cidr } from "../specs/cidr";
import { clusterNameProblem, serviceAccountIdProblem } from "../specs/gcp-names";
import { gkeKubeconfig, gkeTaintEffect, MaintenanceWindow, maintenancePolicy, maintenanceWindowProblems, zoneProblems } from "../specs/gke";
import { checkKafkaPoolFits, KafkaPoolFitInput } from "../specs/gke-sizing";
import { KAFKA_POOL_LABEL, KAFKA_POOL_TAINT } from "../specs/scheduling";

export { checkKafkaPoolFits } from "../specs/gke-sizing";

/** The least the nodes need: write logs and metrics, read metadata, pull images from Artifact Registry. */
export const NODE_SERVICE_ACCOUNT_ROLES = [
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/stackdriver.resourceMetadata.writer",
    "roles/artifactregistry.reader",
] as const;

/** Arguments of GkeCluster. Validated fields are plain values: they are checked when the component is constructed. */
export interface GkeClusterArgs {
    /** Google Cloud project ID; names the Workload Identity pool `<project>.svc.id.goog`. */
    project: string;
    /** Region of the regional cluster and its subnet, e.g. "europe-west1". */
    region: string;
    /** Exactly three distinct zones of the region the node pools span, e.g. ["europe-west1-b", "europe-west1-c", "europe-west1-d"]. */
    zones: string[];
    /** IPv4 CIDRs of the node subnet, the pod and service secondary ranges and the control plane (a /28); none may overlap. */
    cidrs: { nodes: string; pods: string; services: string; master: string };
    /** GKE cluster name; default the component name. */
    clusterName?: string;
    /** Networks allowed to reach the public control-plane endpoint (CI runners, operators); default none, closing it to all outside the VPC. */
    masterAuthorizedNetworks?: { cidrBlock: string; displayName: string }[];
    /** GKE release channel (the stack's `gke.releaseChannel`). */
    releaseChannel: "RAPID" | "REGULAR" | "STABLE";
    /** When GKE may upgrade and repair (from `gke.maintenanceStartTime`). */
    maintenanceWindow: MaintenanceWindow;
    /** Dedicated, tainted Kafka pool: machine type and nodes per zone (from `gke.*`); boot disks default to 100 GB pd-ssd. */
    kafkaPool: { machineType: string; nodesPerZone: number; bootDiskSizeGb?: number };
    /** General pool (operator, Connect, system pods), autoscaled per zone (from `gke.*`); boot disks default to 100 GB. */
    generalPool: { machineType: string; minNodesPerZone: number; maxNodesPerZone: number; bootDiskSizeGb?: number };
    /** Kafka pods the Kafka pool must hold, checked with checkKafkaPoolFits; default not checked. */
    kafkaWorkload?: Omit<KafkaPoolFitInput, "machineType" | "nodesPerZone" | "zones">;
    /** Account ID of the nodes' service account; default `<component name>-gke-nodes`. */
    nodeServiceAccountId?: string;
    /** Deletion protection on the cluster, in GKE and in Pulumi; default false. */
    protect?: boolean;
    /** Labels on the cluster and its node VMs; default none. */
    labels?: Record<string, string>;
}

export class GkeCluster extends pulumi.ComponentResource {
    public readonly network: gcp.compute.Network;
    public readonly subnetwork: gcp.compute.Subnetwork;
    public readonly cluster: gcp.container.Cluster;
    public readonly kafkaNodePool: gcp.container.NodePool;
    public readonly generalNodePool: gcp.container.NodePool;
    public readonly nodeServiceAccount: gcp.serviceaccount.Account;
    /** Network tag on the Kafka pool's nodes, for firewall rules that target the brokers. */
    public readonly kafkaNodeTag: string;
    /** Kubeconfig using gke-gcloud-auth-plugin; secret. */
    public readonly kubeconfig: pulumi.Output<string>;
    /** Kubernetes provider for the cluster; it waits for both node pools. */
    public readonly provider: k8s.Provider;
    /** `<project>.svc.id.goog`. */
    public readonly workloadIdentityPool: string;

    constructor(name: string, args: GkeClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:gcp:GkeCluster", name, {}, opts);

        const clusterName = args.clusterName ?? name;
        const kafkaPool = { bootDiskSizeGb: 100, ...args.kafkaPool };
        const generalPool = { bootDiskSizeGb: 100, ...args.generalPool };
        const maintenanceWindow = args.maintenanceWindow;
        const nodeServiceAccountId = args.nodeServiceAccountId ?? `${name}-gke-nodes`;
        const protect = args.protect ?? false;

        const problems = validate(args, { clusterName, kafkaPool, generalPool, maintenanceWindow, nodeServiceAccountId });
        if (problems.length > 0) throw new Error(`GkeCluster "${name}": ${problems.join("; ")}`);

        this.workloadIdentityPool = `${args.project}.svc.id.goog`;
        this.kafkaNodeTag = `${clusterName}-kafka`;

        this.network = new gcp.compute.Network(`${name}-vpc`, {
            project: args.project,
            autoCreateSubnetworks: false,
            routingMode: "REGIONAL",
        }, { parent: this });

        this.subnetwork = new gcp.compute.Subnetwork(`${name}-subnet`, {
            project: args.project,
            region: args.region,
            network: this.network.id,
            ipCidrRange: args.cidrs.nodes,
            secondaryIpRanges: [
                { rangeName: "pods", ipCidrRange: args.cidrs.pods },
                { rangeName: "services", ipCidrRange: args.cidrs.services },
            ],
            // Private nodes reach Google APIs (Artifact Registry, Logging) without NAT.
            privateIpGoogleAccess: true,
        }, { parent: this });

        const router = new gcp.compute.Router(`${name}-router`, {
            project: args.project,
            region: args.region,
            network: this.network.id,
        }, { parent: this });

        // Private nodes have no external IPs, yet Strimzi images come from quay.io and Connect builds fetch plugins from Maven Central.
        new gcp.compute.RouterNat(`${name}-nat`, {
            project: args.project,
            region: args.region,
            router: router.name,
            natIpAllocateOption: "AUTO_ONLY",
            sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
            subnetworks: [{ name: this.subnetwork.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
            logConfig: { enable: true, filter: "ERRORS_ONLY" },
        }, { parent: this });

        this.nodeServiceAccount = new gcp.serviceaccount.Account(`${name}-nodes-sa`, {
            project: args.project,
            accountId: nodeServiceAccountId,
            displayName: `GKE nodes of ${clusterName}`,
        }, { parent: this });
        const nodeRoles = NODE_SERVICE_ACCOUNT_ROLES.map((role) => new gcp.projects.IAMMember(`${name}-nodes-${role.replace("roles/", "").replace(/\./g, "-")}`, {
            project: args.project,
            role,
            member: pulumi.interpolate`serviceAccount:${this.nodeServiceAccount.email}`,
        }, { parent: this }));

        const secureNodeConfig = {
            serviceAccount: this.nodeServiceAccount.email,
            // Access is governed by the service account's IAM roles, not by legacy scopes.
            oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
            workloadMetadataConfig: { mode: "GKE_METADATA" },
            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
            imageType: "COS_CONTAINERD",
            resourceLabels: args.labels,
        };

        this.cluster = new gcp.container.Cluster(`${name}-cluster`, {
            project: args.project,
            name: clusterName,
            location: args.region,
            nodeLocations: args.zones,
            network: this.network.id,
            subnetwork: this.subnetwork.id,
            networkingMode: "VPC_NATIVE",
            ipAllocationPolicy: { clusterSecondaryRangeName: "pods", servicesSecondaryRangeName: "services" },
            removeDefaultNodePool: true,
            initialNodeCount: 1,
            // The default pool lives only until the first apply ends; even so it never runs as the Compute Engine default account.
            nodeConfig: secureNodeConfig,
            privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false, masterIpv4CidrBlock: args.cidrs.master },
            masterAuthorizedNetworksConfig: { cidrBlocks: args.masterAuthorizedNetworks ?? [], gcpPublicCidrsAccessEnabled: false },
            workloadIdentityConfig: { workloadPool: this.workloadIdentityPool },
            enableShieldedNodes: true,
            // Dataplane V2 enforces NetworkPolicy in eBPF, with no Calico DaemonSet that would need the Kafka taint tolerated and node room.
            datapathProvider: "ADVANCED_DATAPATH",
            addonsConfig: {
                gcePersistentDiskCsiDriverConfig: { enabled: true },
                httpLoadBalancing: { disabled: false },
                horizontalPodAutoscaling: { disabled: false },
            },
            // The Kafka log sink reads workload logs; they must be collected.
            loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS"] },
            releaseChannel: { channel: args.releaseChannel },
            maintenancePolicy: maintenancePolicy(maintenanceWindow),
            resourceLabels: args.labels,
            deletionProtection: protect,
        }, {
            parent: this,
            protect,
            // Changing the removed default pool's config would otherwise replace the whole cluster.
            ignoreChanges: ["nodeConfig"],
        });

        this.kafkaNodePool = new gcp.container.NodePool(`${name}-kafka-pool`, {
            project: args.project,
            cluster: this.cluster.id,
            location: args.region,
            // Per zone in a regional cluster: brokers are stateful and sized, so the pool is not autoscaled.
            nodeCount: kafkaPool.nodesPerZone,
            nodeConfig: {
                ...secureNodeConfig,
                machineType: kafkaPool.machineType,
                diskType: "pd-ssd",
                diskSizeGb: kafkaPool.bootDiskSizeGb,
                labels: { [KAFKA_POOL_LABEL.key]: KAFKA_POOL_LABEL.value },
                taints: [{ key: KAFKA_POOL_TAINT.key, value: KAFKA_POOL_TAINT.value, effect: gkeTaintEffect(KAFKA_POOL_TAINT.effect) }],
                tags: [this.kafkaNodeTag],
            },
            management: { autoRepair: true, autoUpgrade: true },
            // One extra node at a time and none taken away first, so upgrades drain one broker at a time.
            upgradeSettings: { strategy: "SURGE", maxSurge: 1, maxUnavailable: 0 },
        }, { parent: this, dependsOn: nodeRoles });

        this.generalNodePool = new gcp.container.NodePool(`${name}-general-pool`, {
            project: args.project,
            cluster: this.cluster.id,
            location: args.region,
            initialNodeCount: generalPool.minNodesPerZone,
            autoscaling: { minNodeCount: generalPool.minNodesPerZone, maxNodeCount: generalPool.maxNodesPerZone },
            nodeConfig: {
                ...secureNodeConfig,
                machineType: generalPool.machineType,
                diskType: "pd-balanced",
                diskSizeGb: generalPool.bootDiskSizeGb,
            },
            management: { autoRepair: true, autoUpgrade: true },
            upgradeSettings: { strategy: "SURGE", maxSurge: 1, maxUnavailable: 0 },
        }, {
            parent: this,
            dependsOn: nodeRoles,
            // The autoscaler owns the node count; a changed minimum must not recreate the pool.
            ignoreChanges: ["initialNodeCount"],
        });

        this.kubeconfig = pulumi.secret(
            pulumi.all([this.cluster.endpoint, this.cluster.masterAuth]).apply(([endpoint, masterAuth]) => gkeKubeconfig({
                contextName: `gke_${args.project}_${args.region}_${clusterName}`,
                endpoint,
                clusterCaCertificate: masterAuth.clusterCaCertificate ?? "",
            })),
        );

        // Whatever is deployed through the provider waits for both pools, so the first pods have nodes to land on.
        this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig }, {
            parent: this,
            dependsOn: [this.kafkaNodePool, this.generalNodePool],
        });

        this.registerOutputs({
            network: this.network,
            subnetwork: this.subnetwork,
            cluster: this.cluster,
            kubeconfig: this.kubeconfig,
            workloadIdentityPool: this.workloadIdentityPool,
        });
    }
}

function validate(
    args: GkeClusterArgs,
    resolved: {
        clusterName: string;
        kafkaPool: { machineType: string; nodesPerZone: number };
        generalPool: { minNodesPerZone: number; maxNodesPerZone: number };
        maintenanceWindow: MaintenanceWindow;
        nodeServiceAccountId: string;
    },
): string[] {
    const problems: string[] = [];
    if (!args.project) problems.push("project is empty; pass the Google Cloud project ID");
    problems.push(...zoneProblems(args.region, args.zones));
    problems.push(...cidrProblems({ "nodes CIDR": args.cidrs.nodes, "pods CIDR": args.cidrs.pods, "services CIDR": args.cidrs.services, "master CIDR": args.cidrs.master }));
    const master = parseIpv4Cidr(args.cidrs.master);
    if (typeof master !== "string" && master.prefix !== 28) problems.push(`master CIDR ${args.cidrs.master} must be a /28, as GKE requires for the control plane`);
    for (const network of args.masterAuthorizedNetworks ?? []) {
        const parsed = parseIpv4Cidr(network.cidrBlock);
        if (typeof parsed === "string") problems.push(`master authorized network "${network.displayName}": ${parsed}`);
    }
    const nameProblem = clusterNameProblem(resolved.clusterName);
    if (nameProblem) problems.push(`${nameProblem}; pass clusterName`);
    const accountProblem = serviceAccountIdProblem(resolved.nodeServiceAccountId);
    if (accountProblem) problems.push(`${accountProblem}; pass nodeServiceAccountId`);
    const { nodesPerZone } = resolved.kafkaPool;
    if (!Number.isInteger(nodesPerZone) || nodesPerZone < 1) problems.push(`Kafka pool nodes per zone must be a whole number ≥ 1, got ${nodesPerZone}`);
    const { minNodesPerZone, maxNodesPerZone } = resolved.generalPool;
    // The Kafka pool is tainted, so system pods and the operator need at least one general node per zone.
    if (!Number.isInteger(minNodesPerZone) || minNodesPerZone < 1) problems.push(`general pool minimum nodes per zone must be a whole number ≥ 1, got ${minNodesPerZone}`);
    if (!Number.isInteger(maxNodesPerZone) || maxNodesPerZone < minNodesPerZone) {
        problems.push(`general pool maximum nodes per zone (${maxNodesPerZone}) must be a whole number ≥ its minimum (${minNodesPerZone})`);
    }
    problems.push(...maintenanceWindowProblems(resolved.maintenanceWindow));
    if (args.kafkaWorkload && problems.length === 0) {
        problems.push(...checkKafkaPoolFits({ ...args.kafkaWorkload, machineType: resolved.kafkaPool.machineType, nodesPerZone, zones: args.zones }));
    }
    return problems;
}
