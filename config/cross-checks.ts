// Checks across settings (zones of the region, ranges that must not overlap, a pool that must hold its pods, keys one
// setting makes required) and the warnings for a stack that validates but cannot be deployed as configured.
import { Ipv4Range, parseIpv4Cidr, rangesOverlap } from "../specs/cidr";
import { zoneProblems } from "../specs/gke";
import { checkKafkaPoolFits } from "../specs/gke-sizing";
import { isForbiddenBrokerKey } from "../specs/strimzi";
import { DESIGN, REGION_ZONES } from "./defaults";
import type { PlatformConfig } from "./platform-config";

export interface CrossCheckInput {
    /** The `brokerConfig` entries the stack sets itself. */
    brokerOverrides: Record<string, unknown>;
    zonesSet: boolean;
    /** Whether the stack sets the section `kafka-platform:<key>` itself. */
    sectionsSet(key: string): boolean;
    secretSet(key: string): boolean;
    /** `Pulumi.prod.yaml: kafka-platform:KEY.FIELD` (or the flag that set it); `key` without the prefix unless it has a namespace. */
    locate(key: string, field?: string): string;
}

export function checkAcrossSettings(config: PlatformConfig, input: CrossCheckInput): { problems: string[]; warnings: string[] } {
    const problems: string[] = [];
    const warnings: string[] = [];
    const problem = (key: string, field: string | undefined, message: string) => problems.push(`${input.locate(key, field)}: ${message}`);

    if (config.region) {
        if (!input.zonesSet && !REGION_ZONES[config.region]) {
            problem("gcp:region", undefined, `"${config.region}" is not a Google Cloud region the platform knows (${Object.keys(REGION_ZONES).join(", ")}); fix the name or set kafka-platform:zones to three of its zones`);
        } else if (input.zonesSet) {
            for (const why of zoneProblems(config.region, config.zones)) problem("zones", undefined, why);
        }
    }

    // Each range was read as a CIDR (a refused one falls back to its default), so each parses here.
    const ranges = Object.entries(config.network).map(([field, cidr]) => ({ field, range: parseIpv4Cidr(cidr) as Ipv4Range }));
    ranges.forEach((b, j) => {
        for (const a of ranges.slice(0, j)) {
            if (rangesOverlap(a.range, b.range)) problem("network", b.field, `${b.range.cidr} overlaps network.${a.field} ${a.range.cidr}; pick ranges that do not overlap`);
        }
    });

    const onGke = config.kubernetes.cluster === "gke";
    if (!onGke) {
        if (!input.zonesSet) problem("zones", undefined, 'is required on an existing cluster: the three zones (topology.kubernetes.io/zone) of its Kafka nodes, such as ["zone-a", "zone-b", "zone-c"]');
        else if (new Set(config.zones).size !== 3 || config.zones.length !== 3) problem("zones", undefined, `must list three distinct zones of the cluster's Kafka nodes, got [${config.zones.join(", ")}]`);
        if (config.connect.enabled && !config.connect.imageRepository) problem("connect", "imageRepository", "is required on an existing cluster while Kafka Connect is enabled: the image repository the Connect build pushes to");
        if (config.connect.enabled && !config.connect.pluginRepositoryUrl) problem("connect", "pluginRepositoryUrl", "is required on an existing cluster while Kafka Connect is enabled: the Maven repository the Connect build downloads Debezium from");
        for (const key of ["gke", "network"]) {
            if (input.sectionsSet(key)) warnings.push(`${input.locate(key)}: configures GKE, which an existing cluster (kubernetes.cluster: existing) does not use; it has no effect`);
        }
    } else {
        if (config.kubernetes.context !== undefined) problem("kubernetes", "context", "is for an existing cluster (kubernetes.cluster: existing); on GKE the program makes its own kubeconfig");
        for (const field of ["imageRepository", "pushSecret", "pluginRepositoryUrl"] as const) {
            if (config.connect[field] !== undefined) problem("connect", field, "is for an existing cluster; on GKE the build downloads through and pushes to the program's Artifact Registry repositories, with Workload Identity");
        }
    }

    const { gke, kafka } = config;
    if (onGke && gke.generalMaxNodesPerZone < gke.generalMinNodesPerZone) problem("gke", "generalMaxNodesPerZone", `${gke.generalMaxNodesPerZone} is below generalMinNodesPerZone ${gke.generalMinNodesPerZone}`);
    if (config.zones.length === 3) {
        if (kafka.brokers % config.zones.length !== 0) {
            problem("kafka", "brokers", `${kafka.brokers} brokers cannot spread evenly over the ${config.zones.length} zones ${config.zones.join(", ")}; use a multiple of ${config.zones.length}`);
        }
        const fits = !onGke ? [] : checkKafkaPoolFits({
            machineType: gke.kafkaMachineType,
            nodesPerZone: gke.kafkaNodesPerZone,
            zones: config.zones,
            brokers: kafka.brokers,
            brokerRequests: DESIGN.brokerResources.requests,
            zookeeperReplicas: kafka.zookeeperReplicas,
            zookeeperRequests: DESIGN.zookeeperResources.requests,
        });
        for (const why of fits) problem("gke", "kafkaMachineType", why);
    }

    for (const key of Object.keys(input.brokerOverrides)) {
        if (isForbiddenBrokerKey(key)) problem("brokerConfig", key, "Strimzi manages this setting itself and ignores it in the Kafka resource; remove it");
    }
    if (kafka.brokerConfig["unclean.leader.election.enable"] === true) problem("brokerConfig", "unclean.leader.election.enable", "must stay false: unclean leader election loses acknowledged records");
    for (const rfKey of ["default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor"]) {
        // Written as a number or as text ("4"), Kafka reads the same factor.
        const rf = Number(kafka.brokerConfig[rfKey]);
        if (rf > kafka.brokers) problem("brokerConfig", rfKey, `${rf} is above the broker count ${kafka.brokers}`);
    }

    if (config.topicBackend === "kafka" && !config.topicBackendBootstrap) problem("topicBackendBootstrap", undefined, "is required with topicBackend kafka: the HOST:PORT list the deployer reaches the brokers on");
    const tls = config.topicBackendTls;
    if ((tls.clientCertFile === undefined) !== (tls.clientKeyFile === undefined)) problem("topicBackendTls", undefined, "clientCertFile and clientKeyFile go together: set both or neither");

    if (config.connect.enabled) {
        for (const field of ["databaseHost", "databaseUser", "databaseName"] as const) {
            if (!config.connect[field]) problem("connect", field, "is required while Kafka Connect is enabled: the PostgreSQL database Debezium captures");
        }
        if (!input.secretSet("cdcDatabasePassword")) problem("cdcDatabasePassword", undefined, "is required while Kafka Connect is enabled: pulumi config set --secret kafka-platform:cdcDatabasePassword");
    }
    if (config.role === "primary" && !input.secretSet("mirrorMakerPassword")) {
        problem("mirrorMakerPassword", undefined, "is required on the primary: the password of the DR stack's MirrorMaker 2 user (pulumi config set --secret kafka-platform:mirrorMakerPassword)");
    }
    if (config.role === "dr" && !config.primaryStack) problem("primaryStack", undefined, "is required on the DR stack: the primary stack to mirror, as ORG/kafka-platform/prod");
    if (config.role === "primary" && config.primaryStack) problem("primaryStack", undefined, "is only for the DR stack (role: dr); remove it");

    if (onGke && gke.masterAuthorizedNetworks.length === 0) {
        warnings.push(
            `${input.locate("gke", "masterAuthorizedNetworks")}: is empty, so the cluster's control plane admits no address outside its VPC and ` +
                "`pulumi up` from the deploy workflow's runners cannot reach it; list the CIDRs the deploy runs from (runners or a bastion)",
        );
    }
    return { problems, warnings };
}
