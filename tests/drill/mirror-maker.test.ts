// Tests how the drill runs a rendered KafkaMirrorMaker2 as Strimzi would: the worker's properties and the connectors' configs.
import * as assert from "assert";
import { DEFAULT_BROKER_LIMITS } from "../../catalog";
import { ClusterAccess, connectorConfigs, connectorNames, fitMirrorReplicas, RenderedMirrorMaker, workerProperties } from "../../drill/mirror-maker";
import { groupsPattern, largestRecordBytes, MIRROR, mirroredTopics, mirrorMakerResource, topicsPattern } from "../../specs/mirror-maker";
import { repoCatalog, stackConfig } from "../specs/stack-fixtures";

const catalog = repoCatalog(stackConfig("dr"));
const mm2 = mirrorMakerResource({
    namespace: "kafka",
    kafkaVersion: "3.6.0",
    target: { cluster: "production-kafka", bootstrapTls: "production-kafka-kafka-bootstrap.kafka.svc:9093", clusterCaSecret: "production-kafka-cluster-ca-cert", userName: "mirror-maker-2" },
    source: { bootstrap: "10.10.0.50:9094", caSecret: "primary-cluster-ca-cert", passwordSecret: "mirror-maker-2-primary-password" },
    topicsPattern: topicsPattern(catalog),
    groupsPattern: groupsPattern(catalog),
    largestRecordBytes: largestRecordBytes(mirroredTopics(catalog), DEFAULT_BROKER_LIMITS.messageMaxBytes),
}) as unknown as RenderedMirrorMaker;
const primary: ClusterAccess = { bootstrap: "127.0.0.1:29014", caFile: "/p/ca.crt", scram: { username: "mirror-maker-2", password: "s3cret" } };
const dr: ClusterAccess = { bootstrap: "127.0.0.1:29113", caFile: "/d/ca.crt", tls: { keystore: "/d/mm2.p12", password: "ks" } };
const access = { primary, dr };

describe("the rendered MirrorMaker 2 as a Connect worker (drill/mirror-maker)", () => {
    const worker = workerProperties(mm2, dr, 29150);

    it("runs the worker on the target with the target cluster's rendered config and Strimzi's converters", () => {
        assert.strictEqual(worker["bootstrap.servers"], "127.0.0.1:29113");
        assert.strictEqual(worker["producer.max.request.size"], String(DEFAULT_BROKER_LIMITS.messageMaxBytes));
        assert.strictEqual(worker["offset.storage.topic"], "mirrormaker2-cluster-offsets");
        assert.strictEqual(worker["value.converter"], "org.apache.kafka.connect.converters.ByteArrayConverter");
        assert.strictEqual(worker.listeners, "http://127.0.0.1:29150");
    });

    it("gives the worker and its producers, consumers and admin clients the target's TLS identity", () => {
        for (const prefix of ["", "producer.", "consumer.", "admin."]) {
            assert.strictEqual(worker[`${prefix}security.protocol`], "SSL", prefix);
            assert.strictEqual(worker[`${prefix}ssl.keystore.location`], "/d/mm2.p12", prefix);
            assert.strictEqual(worker[`${prefix}ssl.truststore.location`], "/d/ca.crt", prefix);
        }
    });

    it("creates the three connectors under Strimzi's names with the rendered config, patterns and both clusters' connections", () => {
        const connectors = connectorConfigs(mm2, access);
        assert.deepStrictEqual(connectors.map((c) => c.name), connectorNames(MIRROR));
        const source = connectors[0].config;
        assert.strictEqual(source["connector.class"], "org.apache.kafka.connect.mirror.MirrorSourceConnector");
        assert.strictEqual(source["tasks.max"], "12");
        assert.strictEqual(source["consumer.isolation.level"], "read_committed");
        assert.strictEqual(source.topics, topicsPattern(catalog));
        assert.strictEqual(source.groups, groupsPattern(catalog));
        assert.strictEqual(source["source.cluster.security.protocol"], "SASL_SSL");
        assert.match(source["source.cluster.sasl.jaas.config"], /ScramLoginModule required username="mirror-maker-2" password="s3cret";$/);
        assert.strictEqual(source["target.cluster.ssl.keystore.location"], "/d/mm2.p12");
    });

    it("refuses an identity other than the one the render authenticates with", () => {
        assert.throws(() => connectorConfigs(mm2, { primary: dr, dr }), /cluster "primary" authenticates with scram-sha-512, the drill was given tls/);
        assert.throws(() => workerProperties(mm2, primary, 29150), /cluster "dr" authenticates with tls, the drill was given scram-sha-512/);
    });
});

describe("the rendered MirrorMaker 2 on a reduced platform of one broker (drill --one-broker)", () => {
    const replicationFactors = (m: RenderedMirrorMaker) => connectorConfigs(m, access).flatMap((c) => Object.entries(c.config).filter(([key]) => key.endsWith("replication.factor")).map(([key, value]) => `${c.name} ${key}=${value}`));
    const fitted = fitMirrorReplicas(mm2, 1);

    it("creates its Connect storage, offset-syncs, checkpoint and heartbeat topics with one replica", () => {
        const worker = workerProperties(fitted, dr, 29150);
        for (const key of ["config.storage.replication.factor", "offset.storage.replication.factor", "status.storage.replication.factor"]) assert.equal(worker[key], "1", key);
        const factors = replicationFactors(fitted);
        assert.ok(factors.length >= 4, `the rendered connectors name replication factors: ${factors.join(", ")}`);
        assert.ok(factors.every((f) => f.endsWith("=1")), factors.join(", "));
    });

    it("keeps every other rendered setting, and the rendered resource itself, as they were", () => {
        const strip = (m: RenderedMirrorMaker) => connectorConfigs(m, access).map((c) => Object.fromEntries(Object.entries(c.config).filter(([key]) => !key.endsWith("replication.factor"))));
        assert.deepStrictEqual(strip(fitted), strip(mm2));
        assert.ok(replicationFactors(mm2).every((f) => f.endsWith("=3")), "the render asks for three replicas");
    });
});
