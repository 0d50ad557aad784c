// Tests Strimzi 0.39.0's conventions (specs/strimzi): the names and labels it uses and the broker keys it manages itself.
import * as assert from "assert";
import { clusterLabel, connectBuildServiceAccount, isForbiddenBrokerKey, strimziNames } from "../../specs/strimzi";
import { DESIGN } from "../../config/defaults";
import { STRIMZI_FORBIDDEN_EXCEPTIONS, STRIMZI_FORBIDDEN_PREFIXES } from "./strimzi-forbidden";

describe("Strimzi conventions (specs/strimzi)", () => {
    it("ties resources to their cluster with the strimzi.io/cluster label", () => {
        assert.deepStrictEqual(clusterLabel(DESIGN.clusterName), { "strimzi.io/cluster": "production-kafka" });
    });

    it("knows the names Strimzi gives the design cluster's bootstrap service, CA secret and pods", () => {
        assert.deepStrictEqual(strimziNames(DESIGN.clusterName), {
            bootstrapService: "production-kafka-kafka-bootstrap",
            clusterCaSecret: "production-kafka-cluster-ca-cert",
            brokerPods: "production-kafka-kafka",
            zookeeperPods: "production-kafka-zookeeper",
            crossRegionBootstrapService: "production-kafka-kafka-xregion-bootstrap",
        });
    });

    it("knows the service account Strimzi builds the Connect image under", () => {
        assert.strictEqual(connectBuildServiceAccount(DESIGN.connect.name), "debezium-connect-cluster-connect-build");
    });

    describe("isForbiddenBrokerKey", () => {
        it("forbids every key under each of Strimzi's forbidden prefixes, in any case, as Strimzi compares them", () => {
            for (const prefix of STRIMZI_FORBIDDEN_PREFIXES) {
                for (const key of [prefix, `${prefix}.something`, prefix.toUpperCase()]) assert.strictEqual(isForbiddenBrokerKey(key), true, key);
            }
            for (const key of ["ssl.keystore.location", "listener.security.protocol.map", "log.dirs", "zookeeper.connect", "Advertised.listeners"]) {
                assert.strictEqual(isForbiddenBrokerKey(key), true, key);
            }
        });

        it("allows Strimzi's exceptions, though they start with a forbidden prefix", () => {
            for (const key of STRIMZI_FORBIDDEN_EXCEPTIONS) assert.strictEqual(isForbiddenBrokerKey(key), false, key);
        });

        it("allows the ordinary broker settings the design tunes", () => {
            for (const key of ["num.partitions", "log.retention.hours", "default.replication.factor", "min.insync.replicas", "unclean.leader.election.enable", "num.io.threads", "auto.create.topics.enable"]) {
                assert.strictEqual(isForbiddenBrokerKey(key), false, key);
            }
        });

        it("matches prefixes only at the start of a key", () => {
            for (const key of ["my.listeners", "x.ssl.keystore", "transport", "num.network.threads.port"]) assert.strictEqual(isForbiddenBrokerKey(key), false, key);
        });
    });
});
