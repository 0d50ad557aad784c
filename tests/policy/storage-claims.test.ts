// Tests that Kafka and ZooKeeper storage stays on claims that survive deleting the cluster.
import * as assert from "assert";
import { STRIMZI_KAFKA, STRIMZI_NODE_POOL } from "../../policy/rules/resource-types";
import { storageClaims } from "../../policy/rules/storage-claims";
import { violationsOf } from "./policy-harness";

const claim = (deleteClaim?: boolean) => ({ type: "persistent-claim", size: "1000Gi", class: "pd-ssd", ...(deleteClaim === undefined ? {} : { deleteClaim }) });
const kafka = (kafkaStorage: object, zookeeperStorage: object) => ({ type: STRIMZI_KAFKA, props: { spec: { kafka: { storage: kafkaStorage }, zookeeper: { storage: zookeeperStorage } } } });

describe("storage-keeps-claims policy", () => {
    it("accepts persistent claims that are kept, including JBOD volumes and an unset deleteClaim", async () => {
        assert.deepStrictEqual(await violationsOf(storageClaims, kafka(claim(false), claim(false))), []);
        assert.deepStrictEqual(await violationsOf(storageClaims, kafka({ type: "jbod", volumes: [{ id: 0, ...claim(false) }, { id: 1, ...claim() }] }, claim())), []);
    });

    it("refuses Kafka storage whose claims are deleted with the cluster", async () => {
        const violations = await violationsOf(storageClaims, kafka(claim(true), claim(false)));
        assert.deepStrictEqual(violations, ["Kafka storage sets deleteClaim: true; set it to false so deleting the cluster does not delete its volumes."]);
    });

    it("refuses ephemeral ZooKeeper storage and a JBOD volume that deletes its claim", async () => {
        const violations = await violationsOf(storageClaims, kafka({ type: "jbod", volumes: [{ id: 0, ...claim(false) }, { id: 1, ...claim(true) }] }, { type: "ephemeral" }));
        assert.strictEqual(violations.length, 2);
        assert.match(violations[0], /^Kafka JBOD volume 1 storage sets deleteClaim: true/);
        assert.match(violations[1], /^ZooKeeper storage is "ephemeral"/);
    });

    it("checks a node pool's storage", async () => {
        const pool = (storage: object) => ({ type: STRIMZI_NODE_POOL, name: "brokers", props: { spec: { storage } } });
        assert.deepStrictEqual(await violationsOf(storageClaims, pool(claim(false))), []);
        assert.match((await violationsOf(storageClaims, pool(claim(true))))[0], /^Node pool "brokers" storage sets deleteClaim: true/);
    });

    it("judges a cluster whose storage or sections are not given (a KRaft cluster keeps its storage on node pools) without failing", async () => {
        for (const spec of [undefined, {}, { kafka: { replicas: 3 } }, { kafka: { storage: null }, zookeeper: { storage: null } }, { kafka: { storage: { type: "jbod" } } }]) {
            assert.deepStrictEqual(await violationsOf(storageClaims, { type: STRIMZI_KAFKA, props: { spec } }), [], JSON.stringify(spec));
        }
    });

    it("names a JBOD volume by its id, the id Strimzi names its claim by, or by its position when it has none", async () => {
        const violations = await violationsOf(storageClaims, kafka({ type: "jbod", volumes: [{ id: 7, ...claim(true) }, null, claim(true)] }, claim(false)));
        assert.deepStrictEqual(
            violations.map((v) => v.split(" storage ")[0]),
            ["Kafka JBOD volume 7", "Kafka JBOD volume 2"],
        );
    });

    it("judges Strimzi's storage only: another kind's spec.storage (a Prometheus's volume claim template) is left alone", async () => {
        const prometheus = { type: "kubernetes:monitoring.coreos.com/v1:Prometheus", props: { spec: { storage: { volumeClaimTemplate: { spec: { resources: { requests: { storage: "50Gi" } } } } } } } };
        assert.deepStrictEqual(await violationsOf(storageClaims, prometheus), []);
    });
});
