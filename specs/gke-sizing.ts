// Whether the Kafka node pool can hold the brokers and ZooKeeper: machine types, allocatable rule, per-zone packing; pure.

/** vCPUs and memory (GiB) of the machine types the Kafka pool may use. */
export const MACHINE_TYPES: Readonly<Record<string, { vcpu: number; memoryGiB: number }>> = {
    "n2-standard-4": { vcpu: 4, memoryGiB: 16 },
    "n2-standard-8": { vcpu: 8, memoryGiB: 32 },
    "n2-standard-16": { vcpu: 16, memoryGiB: 64 },
    "n2-standard-32": { vcpu: 32, memoryGiB: 128 },
    "n2-highmem-4": { vcpu: 4, memoryGiB: 32 },
    "n2-highmem-8": { vcpu: 8, memoryGiB: 64 },
    "n2-highmem-16": { vcpu: 16, memoryGiB: 128 },
    "e2-standard-4": { vcpu: 4, memoryGiB: 16 },
    "e2-standard-8": { vcpu: 8, memoryGiB: 32 },
    "e2-standard-16": { vcpu: 16, memoryGiB: 64 },
    "c2-standard-8": { vcpu: 8, memoryGiB: 32 },
    "c2-standard-16": { vcpu: 16, memoryGiB: 64 },
};

/** CPU and memory requests as Kubernetes quantities: cpu `"4"`, `"500m"` or 4; memory `"8Gi"`, `"512Mi"`. */
export interface ResourceRequests {
    cpu: string | number;
    memory: string;
}

/** What `checkKafkaPoolFits` needs to know. */
export interface KafkaPoolFitInput {
    /** Machine type of the Kafka pool, one of MACHINE_TYPES. */
    machineType: string;
    /** Kafka pool nodes in each zone. */
    nodesPerZone: number;
    /** The zones the pool spans, or how many there are. */
    zones: number | readonly string[];
    /** Kafka broker replicas. */
    brokers: number;
    /** Requests of one broker. */
    brokerRequests: ResourceRequests;
    /** ZooKeeper replicas. */
    zookeeperReplicas: number;
    /** Requests of one ZooKeeper node. */
    zookeeperRequests: ResourceRequests;
}

/**
 * What a node of the machine type leaves to pods. A deliberately conservative simplification of GKE's
 * kubelet/system reservations and eviction threshold, with room for GKE's DaemonSets:
 * CPU = vCPU − 0.2, memory = 0.9 × memory − 1 GiB.
 */
export function allocatable(machine: { vcpu: number; memoryGiB: number }): { cpu: number; memoryGiB: number } {
    return { cpu: round(machine.vcpu - 0.2), memoryGiB: round(0.9 * machine.memoryGiB - 1) };
}

/** Parses a Kubernetes CPU quantity to cores, or undefined when it is not one. */
export function parseCpu(quantity: string | number): number | undefined {
    if (typeof quantity === "number") return Number.isFinite(quantity) && quantity >= 0 ? quantity : undefined;
    const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity.trim());
    if (!match) return undefined;
    return match[2] === "m" ? Number(match[1]) / 1000 : Number(match[1]);
}

const MEMORY_UNITS: Record<string, number> = {
    "": 1,
    k: 1e3, M: 1e6, G: 1e9, T: 1e12,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40,
};

/** Parses a Kubernetes memory quantity to GiB, or undefined when it is not one. */
export function parseMemoryGiB(quantity: string): number | undefined {
    const match = /^(\d+(?:\.\d+)?)(k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(quantity.trim());
    if (!match) return undefined;
    return (Number(match[1]) * MEMORY_UNITS[match[2] ?? ""]) / 2 ** 30;
}

interface Pod {
    role: string;
    cpu: number;
    memoryGiB: number;
}

/**
 * Checks that the Kafka pool holds its pods in every zone: ceil(brokers / zones) brokers and
 * ceil(ZooKeeper replicas / zones) ZooKeeper nodes per zone, packed first-fit-decreasing onto
 * `nodesPerZone` nodes of the machine type (rack awareness spreads them across zones; a zone must
 * take its share). Returns one message per problem, empty when it fits.
 */
export function checkKafkaPoolFits(input: KafkaPoolFitInput): string[] {
    const machine = MACHINE_TYPES[input.machineType];
    if (!machine) {
        return [`unknown Kafka pool machine type "${input.machineType}"; use one of ${Object.keys(MACHINE_TYPES).join(", ")} (or add it to MACHINE_TYPES in specs/gke-sizing.ts)`];
    }
    const problems: string[] = [];
    const zoneCount = typeof input.zones === "number" ? input.zones : input.zones.length;
    if (!Number.isInteger(zoneCount) || zoneCount < 1) problems.push(`the Kafka pool needs at least one zone, got ${zoneCount}`);
    if (!Number.isInteger(input.nodesPerZone) || input.nodesPerZone < 1) problems.push(`Kafka pool nodes per zone must be a whole number ≥ 1, got ${input.nodesPerZone}`);
    if (!Number.isInteger(input.brokers) || input.brokers < 1) problems.push(`brokers must be a whole number ≥ 1, got ${input.brokers}`);
    if (!Number.isInteger(input.zookeeperReplicas) || input.zookeeperReplicas < 0) problems.push(`ZooKeeper replicas must be a whole number ≥ 0, got ${input.zookeeperReplicas}`);
    const broker = parseRequests("broker", input.brokerRequests, problems);
    const zookeeper = parseRequests("ZooKeeper", input.zookeeperRequests, problems);
    // A pod's size is judged even when a count is wrong, so one run names everything to fix; judging it needs both requests.
    if (!broker || !zookeeper) return problems;

    const node = allocatable(machine);
    const nodeText = `${input.machineType} (about ${node.cpu} vCPU / ${node.memoryGiB} GiB allocatable per node)`;
    for (const pod of [broker, zookeeper]) {
        if (pod.cpu > node.cpu || pod.memoryGiB > node.memoryGiB) {
            problems.push(`one ${pod.role} requests ${describe(pod)}, more than one ${nodeText} can give; choose a larger machine type`);
        }
    }
    if (problems.length > 0) return problems;

    const brokersPerZone = Math.ceil(input.brokers / zoneCount);
    const zookeepersPerZone = Math.ceil(input.zookeeperReplicas / zoneCount);
    const pods = [...Array<Pod>(brokersPerZone).fill(broker), ...Array<Pod>(zookeepersPerZone).fill(zookeeper)];
    if (!packs(pods, input.nodesPerZone, node)) {
        problems.push(
            `${input.nodesPerZone} × ${nodeText} per zone cannot hold ${brokersPerZone} broker(s) requesting ${describe(broker)} each ` +
                `and ${zookeepersPerZone} ZooKeeper node(s) requesting ${describe(zookeeper)} each; choose a larger machine type or more nodes per zone`,
        );
    }
    return problems;
}

function parseRequests(role: string, requests: ResourceRequests, problems: string[]): Pod | undefined {
    const cpu = parseCpu(requests.cpu);
    const memoryGiB = parseMemoryGiB(requests.memory);
    if (cpu === undefined) problems.push(`${role} CPU request "${requests.cpu}" is not a Kubernetes CPU quantity (e.g. "4" or "500m")`);
    if (memoryGiB === undefined) problems.push(`${role} memory request "${requests.memory}" is not a Kubernetes memory quantity (e.g. "8Gi")`);
    return cpu === undefined || memoryGiB === undefined ? undefined : { role, cpu, memoryGiB };
}

/** First-fit decreasing: good enough for a handful of pods of two sizes. */
function packs(pods: Pod[], nodes: number, node: { cpu: number; memoryGiB: number }): boolean {
    const free = Array.from({ length: nodes }, () => ({ ...node }));
    const sorted = [...pods].sort((a, b) => b.cpu - a.cpu || b.memoryGiB - a.memoryGiB);
    for (const pod of sorted) {
        const target = free.find((f) => f.cpu + 1e-9 >= pod.cpu && f.memoryGiB + 1e-9 >= pod.memoryGiB);
        if (!target) return false;
        target.cpu -= pod.cpu;
        target.memoryGiB -= pod.memoryGiB;
    }
    return true;
}

function describe(pod: Pod): string {
    return `${round(pod.cpu)} CPU / ${round(pod.memoryGiB)} GiB`;
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}
