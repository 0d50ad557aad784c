// Tests the Kafka pool's label and taint (specs/scheduling): an `existing` cluster's nodes are prepared with them (docs/configuration.md), so they must not drift.
import * as assert from "assert";
import { KAFKA_POOL_LABEL, KAFKA_POOL_TAINT, ZONE_LABEL } from "../../specs/scheduling";

describe("Kafka pool scheduling (specs/scheduling)", () => {
    it("selects the nodes labelled kafka-platform/pool=kafka, as documented for an existing cluster", () => {
        assert.strictEqual(`${KAFKA_POOL_LABEL.key}=${KAFKA_POOL_LABEL.value}`, "kafka-platform/pool=kafka");
    });

    it("tolerates the taint dedicated=kafka:NoSchedule, as documented for an existing cluster", () => {
        assert.strictEqual(`${KAFKA_POOL_TAINT.key}=${KAFKA_POOL_TAINT.value}:${KAFKA_POOL_TAINT.effect}`, "dedicated=kafka:NoSchedule");
    });

    it("spreads and racks by the zone label Kubernetes sets on every node", () => {
        assert.strictEqual(ZONE_LABEL, "topology.kubernetes.io/zone");
    });
});
