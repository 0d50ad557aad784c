// checkKafkaPoolFits and the CIDR checks: the pure rules behind GkeCluster's and the config's validation.
import * as assert from "assert";
import { cidrProblems, crossOverlapProblems, parseIpv4Cidr } from "../../../specs/cidr";
import { allocatable, checkKafkaPoolFits, KafkaPoolFitInput, MACHINE_TYPES, parseCpu, parseMemoryGiB } from "../../../specs/gke-sizing";

/** The design's sizing on the default pool: 6 brokers at 4 CPU / 8Gi, 3 ZooKeeper at 1 CPU / 2Gi, n2-standard-8 × 2 per zone. */
const design: KafkaPoolFitInput = {
    machineType: "n2-standard-8",
    nodesPerZone: 2,
    zones: ["europe-west1-b", "europe-west1-c", "europe-west1-d"],
    brokers: 6,
    brokerRequests: { cpu: "4", memory: "8Gi" },
    zookeeperReplicas: 3,
    zookeeperRequests: { cpu: "1", memory: "2Gi" },
};

describe("checkKafkaPoolFits", () => {
    it("fits the design's brokers and ZooKeeper on the default n2-standard-8 pool of 2 nodes per zone", () => {
        assert.deepStrictEqual(checkKafkaPoolFits(design), []);
    });

    it("accepts the zone count as a number", () => {
        assert.deepStrictEqual(checkKafkaPoolFits({ ...design, zones: 3 }), []);
    });

    it("refuses n2-standard-4, naming the machine type and the broker's requests", () => {
        const [problem, ...rest] = checkKafkaPoolFits({ ...design, machineType: "n2-standard-4" });
        assert.deepStrictEqual(rest, []);
        assert.match(problem, /one broker requests 4 CPU \/ 8 GiB, more than one n2-standard-4 \(about 3\.8 vCPU \/ 13\.4 GiB allocatable per node\) can give; choose a larger machine type/);
    });

    it("refuses one n2-standard-8 per zone for two brokers and a ZooKeeper, naming the requests and the fix", () => {
        const [problem] = checkKafkaPoolFits({ ...design, nodesPerZone: 1 });
        assert.match(problem, /1 × n2-standard-8 .* per zone cannot hold 2 broker\(s\) requesting 4 CPU \/ 8 GiB each and 1 ZooKeeper node\(s\) requesting 1 CPU \/ 2 GiB each; choose a larger machine type or more nodes per zone/);
    });

    it("packs per node, refusing pods whose total fits a zone but not its nodes", () => {
        // Per zone 3 brokers of 4.5 CPU and a ZooKeeper of 0.1 CPU total 13.6 CPU < 2 × 7.8, yet no node takes two brokers.
        const problems = checkKafkaPoolFits({ ...design, brokers: 9, brokerRequests: { cpu: "4500m", memory: "8Gi" }, zookeeperRequests: { cpu: "100m", memory: "2Gi" } });
        assert.strictEqual(problems.length, 1);
        assert.match(problems[0], /2 × n2-standard-8 .* cannot hold 3 broker\(s\) requesting 4\.5 CPU/);
    });

    it("rounds brokers per zone up, so 7 brokers need room for 3 in a zone", () => {
        assert.match(checkKafkaPoolFits({ ...design, brokers: 7 })[0], /cannot hold 3 broker\(s\)/);
    });

    it("lists the known machine types for an unknown one", () => {
        const [problem] = checkKafkaPoolFits({ ...design, machineType: "n1-standard-8" });
        assert.match(problem, /unknown Kafka pool machine type "n1-standard-8"; use one of n2-standard-4, n2-standard-8, .*c2-standard-16/);
        for (const known of Object.keys(MACHINE_TYPES)) assert.ok(problem.includes(known), known);
    });

    it("refuses requests that are not Kubernetes quantities", () => {
        assert.deepStrictEqual(checkKafkaPoolFits({ ...design, brokerRequests: { cpu: "four", memory: "8GB" } }), [
            'broker CPU request "four" is not a Kubernetes CPU quantity (e.g. "4" or "500m")',
            'broker memory request "8GB" is not a Kubernetes memory quantity (e.g. "8Gi")',
        ]);
    });

    it("refuses zero nodes per zone", () => {
        assert.match(checkKafkaPoolFits({ ...design, nodesPerZone: 0 })[0], /nodes per zone must be a whole number ≥ 1, got 0/);
    });

    it("reserves 0.2 vCPU and 10% of memory plus 1 GiB on each node", () => {
        assert.deepStrictEqual(allocatable(MACHINE_TYPES["n2-standard-8"]), { cpu: 7.8, memoryGiB: 27.8 });
    });

    it("parses Kubernetes CPU and memory quantities", () => {
        assert.strictEqual(parseCpu("500m"), 0.5);
        assert.strictEqual(parseCpu(2), 2);
        assert.strictEqual(parseMemoryGiB("512Mi"), 0.5);
        assert.strictEqual(parseMemoryGiB("16Gi"), 16);
        assert.strictEqual(parseMemoryGiB("lots"), undefined);
    });
});

describe("CIDR checks", () => {
    it("parses a CIDR into its address range", () => {
        assert.deepStrictEqual(parseIpv4Cidr("10.0.0.0/30"), { cidr: "10.0.0.0/30", prefix: 30, first: 167772160, last: 167772163 });
    });

    it("refuses octets above 255 and prefixes above 32", () => {
        assert.match(parseIpv4Cidr("10.0.0.256/24") as string, /octet above 255/);
        assert.match(parseIpv4Cidr("10.0.0.0/33") as string, /prefix length above 32/);
    });

    it("accepts adjacent ranges and refuses nested ones", () => {
        assert.deepStrictEqual(cidrProblems({ a: "10.0.0.0/24", b: "10.0.1.0/24" }), []);
        assert.deepStrictEqual(cidrProblems({ a: "10.0.0.0/16", b: "10.0.4.0/24" }), ["a 10.0.0.0/16 overlaps b 10.0.4.0/24; give them disjoint ranges"]);
    });

    it("compares every range of one side with every range of the other", () => {
        assert.deepStrictEqual(crossOverlapProblems({ x: "10.0.0.0/20", y: "10.4.0.0/14" }, { z: "10.5.0.0/20" }), ["y 10.4.0.0/14 overlaps z 10.5.0.0/20"]);
    });
});
