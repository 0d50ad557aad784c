// Tests whether the Kafka node pool can hold the brokers and ZooKeeper (specs/gke-sizing), the rule GkeCluster and the config checks share.
import * as assert from "assert";
import { allocatable, checkKafkaPoolFits, KafkaPoolFitInput, MACHINE_TYPES, parseCpu, parseMemoryGiB } from "../../specs/gke-sizing";
import { DESIGN } from "../../config/defaults";

/** The design's sizing on the default pool: 6 brokers at 4 CPU / 8Gi, 3 ZooKeeper at 1 CPU / 2Gi, n2-standard-8 × 2 per zone. */
const design = (): KafkaPoolFitInput => ({
    machineType: "n2-standard-8",
    nodesPerZone: 2,
    zones: ["europe-west1-b", "europe-west1-c", "europe-west1-d"],
    brokers: 6,
    brokerRequests: DESIGN.brokerResources.requests,
    zookeeperReplicas: 3,
    zookeeperRequests: DESIGN.zookeeperResources.requests,
});
/** One n2-standard-8 per zone (7.8 vCPU / 27.8 GiB allocatable) with no ZooKeeper: a blank node to pack brokers onto. */
const oneNodePerZone = (brokerRequests: KafkaPoolFitInput["brokerRequests"], brokersPerZone: number): KafkaPoolFitInput => ({
    ...design(),
    nodesPerZone: 1,
    brokers: 3 * brokersPerZone,
    brokerRequests,
    zookeeperReplicas: 0,
});
const N2_STANDARD_8 = "n2-standard-8 (about 7.8 vCPU / 27.8 GiB allocatable per node)";

describe("Kafka pool sizing (specs/gke-sizing)", () => {
    describe("checkKafkaPoolFits", () => {
        it("fits the design's brokers and ZooKeeper on the default n2-standard-8 pool of 2 nodes per zone", () => {
            assert.deepStrictEqual(checkKafkaPoolFits(design()), []);
        });

        it("accepts the zone count as a number", () => {
            assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), zones: 3 }), []);
            assert.match(checkKafkaPoolFits({ ...design(), zones: 3, nodesPerZone: 1 })[0], /^1 × n2-standard-8 .* cannot hold 2 broker\(s\)/);
        });

        it("puts every pod in the one zone of a single-zone pool", () => {
            const singleZone = { ...design(), zones: ["europe-west1-b"], brokers: 2, zookeeperReplicas: 1 };
            assert.deepStrictEqual(checkKafkaPoolFits(singleZone), []);
            assert.match(checkKafkaPoolFits({ ...singleZone, brokers: 3 })[0], /^2 × n2-standard-8 .* cannot hold 3 broker\(s\) .* and 1 ZooKeeper node\(s\)/);
        });

        it("refuses n2-standard-4, naming the machine type and the broker's requests", () => {
            assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), machineType: "n2-standard-4" }), [
                "one broker requests 4 CPU / 8 GiB, more than one n2-standard-4 (about 3.8 vCPU / 13.4 GiB allocatable per node) can give; choose a larger machine type",
            ]);
        });

        it("refuses a broker whose memory alone is more than a node gives", () => {
            assert.deepStrictEqual(checkKafkaPoolFits(oneNodePerZone({ cpu: "1", memory: "28Gi" }, 1)), [
                `one broker requests 1 CPU / 28 GiB, more than one ${N2_STANDARD_8} can give; choose a larger machine type`,
            ]);
        });

        it("refuses a ZooKeeper node larger than a node, naming it apart from the brokers", () => {
            assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), zookeeperRequests: { cpu: "8", memory: "2Gi" } }), [
                `one ZooKeeper requests 8 CPU / 2 GiB, more than one ${N2_STANDARD_8} can give; choose a larger machine type`,
            ]);
        });

        it("refuses pods whose memory together is more than a node gives, though their CPU fits", () => {
            const problems = checkKafkaPoolFits(oneNodePerZone({ cpu: "1", memory: "14Gi" }, 2));
            assert.deepStrictEqual(problems, [
                `1 × ${N2_STANDARD_8} per zone cannot hold 2 broker(s) requesting 1 CPU / 14 GiB each ` +
                    "and 0 ZooKeeper node(s) requesting 1 CPU / 2 GiB each; choose a larger machine type or more nodes per zone",
            ]);
        });

        it("lets one pod take a whole node's allocatable CPU and memory", () => {
            assert.deepStrictEqual(checkKafkaPoolFits(oneNodePerZone({ cpu: "7800m", memory: "27.8Gi" }, 1)), []);
        });

        it("fills a node to its last core and GiB, despite the rounding of fractional requests", () => {
            assert.deepStrictEqual(checkKafkaPoolFits(oneNodePerZone({ cpu: "3900m", memory: "13.9Gi" }, 2)), []);
            assert.deepStrictEqual(checkKafkaPoolFits(oneNodePerZone({ cpu: "2600m", memory: "1Gi" }, 3)), []);
            assert.strictEqual(checkKafkaPoolFits(oneNodePerZone({ cpu: "2601m", memory: "1Gi" }, 3)).length, 1);
        });

        it("refuses one n2-standard-8 per zone for two brokers and a ZooKeeper, naming the requests and the fix", () => {
            assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), nodesPerZone: 1 }), [
                `1 × ${N2_STANDARD_8} per zone cannot hold 2 broker(s) requesting 4 CPU / 8 GiB each ` +
                    "and 1 ZooKeeper node(s) requesting 1 CPU / 2 GiB each; choose a larger machine type or more nodes per zone",
            ]);
        });

        it("packs per node, refusing pods whose total fits a zone but not its nodes", () => {
            // Per zone 3 brokers of 4.5 CPU and a ZooKeeper of 0.1 CPU total 13.6 CPU < 2 × 7.8, yet no node takes two brokers.
            const problems = checkKafkaPoolFits({ ...design(), brokers: 9, brokerRequests: { cpu: "4500m", memory: "8Gi" }, zookeeperRequests: { cpu: "100m", memory: "2Gi" } });
            assert.strictEqual(problems.length, 1);
            assert.match(problems[0], /2 × n2-standard-8 .* cannot hold 3 broker\(s\) requesting 4\.5 CPU \/ 8 GiB each and 1 ZooKeeper node\(s\) requesting 0\.1 CPU/);
        });

        it("packs the largest pods first, so small brokers spread over the nodes leave room for a larger ZooKeeper", () => {
            // Brokers first would put both on one node and leave 2.8 CPU on each after the first 5-CPU ZooKeeper.
            const largerZookeeper = { ...design(), brokerRequests: { cpu: "2", memory: "2Gi" }, zookeeperReplicas: 6, zookeeperRequests: { cpu: "5", memory: "2Gi" } };
            assert.deepStrictEqual(checkKafkaPoolFits(largerZookeeper), []);
            // With equal CPU the larger memory goes first: 24 GiB ZooKeepers cannot share a node.
            const memoryHeavyZookeeper = { ...largerZookeeper, zookeeperRequests: { cpu: "2", memory: "24Gi" } };
            assert.deepStrictEqual(checkKafkaPoolFits(memoryHeavyZookeeper), []);
        });

        it("rounds brokers and ZooKeeper nodes per zone up, so 7 brokers need room for 3 and 4 ZooKeeper nodes for 2 in a zone", () => {
            assert.match(checkKafkaPoolFits({ ...design(), brokers: 7 })[0], /cannot hold 3 broker\(s\) .* and 1 ZooKeeper node\(s\)/);
            assert.match(checkKafkaPoolFits({ ...design(), brokers: 7, zookeeperReplicas: 4 })[0], /cannot hold 3 broker\(s\) .* and 2 ZooKeeper node\(s\)/);
        });

        it("needs no room for ZooKeeper when it runs none", () => {
            const full = { ...design(), nodesPerZone: 1, brokers: 3, zookeeperRequests: { cpu: "4", memory: "2Gi" } };
            assert.strictEqual(checkKafkaPoolFits(full).length, 1);
            assert.deepStrictEqual(checkKafkaPoolFits({ ...full, zookeeperReplicas: 0 }), []);
        });

        it("knows each machine type's size as Compute Engine names it: N vCPUs with 4 GiB each (standard) or 8 GiB each (highmem)", () => {
            for (const [name, size] of Object.entries(MACHINE_TYPES)) {
                const [, family, vcpu] = /^[a-z][0-9]-(standard|highmem)-([0-9]+)$/.exec(name) ?? [];
                assert.ok(family, `${name} is named family-kind-vCPUs`);
                assert.deepStrictEqual(size, { vcpu: Number(vcpu), memoryGiB: Number(vcpu) * (family === "highmem" ? 8 : 4) }, name);
            }
        });

        it("lists the known machine types for an unknown one", () => {
            const problems = checkKafkaPoolFits({ ...design(), machineType: "n1-standard-8" });
            assert.strictEqual(problems.length, 1);
            assert.match(problems[0], /^unknown Kafka pool machine type "n1-standard-8"; use one of n2-standard-4, n2-standard-8, .*c2-standard-16 \(or add it to MACHINE_TYPES in specs\/gke-sizing\.ts\)$/);
            for (const known of Object.keys(MACHINE_TYPES)) assert.ok(problems[0].includes(known), known);
        });

        it("refuses broker requests that are not Kubernetes quantities", () => {
            assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), brokerRequests: { cpu: "four", memory: "8GB" } }), [
                'broker CPU request "four" is not a Kubernetes CPU quantity (e.g. "4" or "500m")',
                'broker memory request "8GB" is not a Kubernetes memory quantity (e.g. "8Gi")',
            ]);
        });

        it("refuses a ZooKeeper request that is not a Kubernetes quantity, whichever half is wrong", () => {
            assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), zookeeperRequests: { cpu: "1", memory: "two" } }), [
                'ZooKeeper memory request "two" is not a Kubernetes memory quantity (e.g. "8Gi")',
            ]);
            assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), zookeeperRequests: { cpu: "-1", memory: "2Gi" } }), [
                'ZooKeeper CPU request "-1" is not a Kubernetes CPU quantity (e.g. "4" or "500m")',
            ]);
        });

        it("refuses counts that are not whole numbers in range, each with its own message and nothing else", () => {
            const cases: [Partial<KafkaPoolFitInput>, string][] = [
                [{ zones: 0 }, "the Kafka pool needs at least one zone, got 0"],
                [{ zones: [] }, "the Kafka pool needs at least one zone, got 0"],
                [{ zones: 1.5 }, "the Kafka pool needs at least one zone, got 1.5"],
                [{ nodesPerZone: 0 }, "Kafka pool nodes per zone must be a whole number ≥ 1, got 0"],
                [{ nodesPerZone: 1.5 }, "Kafka pool nodes per zone must be a whole number ≥ 1, got 1.5"],
                [{ brokers: 0 }, "brokers must be a whole number ≥ 1, got 0"],
                [{ brokers: 5.5 }, "brokers must be a whole number ≥ 1, got 5.5"],
                [{ zookeeperReplicas: -1 }, "ZooKeeper replicas must be a whole number ≥ 0, got -1"],
                [{ zookeeperReplicas: 2.5 }, "ZooKeeper replicas must be a whole number ≥ 0, got 2.5"],
            ];
            for (const [change, problem] of cases) assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), ...change }), [problem], JSON.stringify(change));
        });

        it("reports a wrong count and an oversized broker together, so one run names everything to fix", () => {
            assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), machineType: "n2-standard-4", brokers: 0 }), [
                "brokers must be a whole number ≥ 1, got 0",
                "one broker requests 4 CPU / 8 GiB, more than one n2-standard-4 (about 3.8 vCPU / 13.4 GiB allocatable per node) can give; choose a larger machine type",
            ]);
        });

        it("accepts the smallest counts in range: one node per zone and one broker", () => {
            assert.deepStrictEqual(checkKafkaPoolFits({ ...design(), nodesPerZone: 1, brokers: 1, zookeeperReplicas: 1 }), []);
        });
    });

    describe("allocatable", () => {
        it("reserves 0.2 vCPU and 10% of memory plus 1 GiB on each node", () => {
            assert.deepStrictEqual(allocatable(MACHINE_TYPES["n2-standard-8"]), { cpu: 7.8, memoryGiB: 27.8 });
        });

        it("rounds to hundredths, as the messages show it", () => {
            assert.deepStrictEqual(allocatable({ vcpu: 4, memoryGiB: 15 }), { cpu: 3.8, memoryGiB: 12.5 });
            assert.deepStrictEqual(allocatable({ vcpu: 4, memoryGiB: 15.555 }), { cpu: 3.8, memoryGiB: 13 });
        });
    });

    describe("quantities", () => {
        it("parses Kubernetes CPU quantities in cores or millicores, around spaces", () => {
            const cases: [string | number, number][] = [["4", 4], ["12", 12], ["0.25", 0.25], ["500m", 0.5], ["1500m", 1.5], ["2.5m", 0.0025], [" 4 ", 4], [2, 2], [0, 0], [0.5, 0.5]];
            for (const [quantity, cores] of cases) assert.strictEqual(parseCpu(quantity), cores, JSON.stringify(quantity));
        });

        it("refuses CPU quantities it cannot read or that are negative, so a typo is reported instead of sized", () => {
            for (const quantity of ["four", "", "m", "4x", "x4", "4mm", "4 m", "-1", -1, Infinity, NaN]) {
                assert.strictEqual(parseCpu(quantity), undefined, JSON.stringify(quantity));
            }
        });

        it("parses Kubernetes memory quantities in binary and decimal units to GiB, around spaces", () => {
            const cases: [string, number][] = [
                ["16Gi", 16], ["512Mi", 0.5], ["1048576Ki", 1], ["1Ti", 1024], ["1.5Gi", 1.5], [" 2Gi ", 2],
                ["1073741824", 1], ["1073741.824k", 1], ["1073.741824M", 1], ["2.147483648G", 2], ["0.001073741824T", 1],
            ];
            for (const [quantity, gib] of cases) assert.ok(Math.abs((parseMemoryGiB(quantity) ?? NaN) - gib) < 1e-9, `${quantity}: ${parseMemoryGiB(quantity)}`);
        });

        it("refuses memory quantities it cannot read or that are negative, so a typo is reported instead of sized", () => {
            for (const quantity of ["lots", "", "Gi", "8GB", "8gi", "8Gix", "x8Gi", "8 Gi", "-8Gi"]) assert.strictEqual(parseMemoryGiB(quantity), undefined, quantity);
        });
    });
});
