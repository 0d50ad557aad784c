// Plans the local platform from a render: ports, racks, and each process's configuration, as Strimzi would write it.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { RenderedListener, RenderedPlatform } from "./render-input";

/** Three brokers, one per zone: the smallest cluster on which replication factor 3 and min.insync.replicas 2 mean what they do in production. */
export const LOCAL_BROKERS = 3;

/** Settings that count replicas: on a cluster of fewer brokers than they name, Kafka could not create or write a topic. */
export const REPLICA_COUNT_SETTINGS = [
    "default.replication.factor",
    "min.insync.replicas",
    "offsets.topic.replication.factor",
    "transaction.state.log.replication.factor",
    "transaction.state.log.min.isr",
] as const;

/** `settings` with every replica count capped at `brokers`; the rest as given. */
export function fitReplicaCounts<T extends Record<string, unknown>>(settings: T, brokers: number): T {
    const fitted: Record<string, unknown> = { ...settings };
    for (const name of REPLICA_COUNT_SETTINGS) {
        if (name in fitted && Number(fitted[name]) > brokers) fitted[name] = typeof fitted[name] === "string" ? String(brokers) : brokers;
    }
    return fitted as T;
}

/** Far from scripts/kafka-local.sh's 9092-9094, which CI runs at the same time. */
export const DEFAULT_BASE_PORT = 19000;

/**
 * Port layout from the base port B: ZooKeeper on B; broker i's replication listener on B+10(i+1)+1 and the
 * rendered listeners, in their order, from B+10(i+1)+2; from B+50 up, the platform's other processes (Connect, MirrorMaker 2).
 */
export const PORT_LAYOUT = { zookeeper: 0, brokerBlock: 10, replication: 1, firstListener: 2, servicesFrom: 50, span: 100 } as const;

/** Strimzi's internal listener for replication and its own operators (TLS, client certificates from the cluster CA). */
export const REPLICATION_LISTENER = "REPLICATION-9091";

/** The identities Strimzi's cluster operator gives itself and its components; they are always super users. */
export function strimziSuperUsers(clusterName: string): string[] {
    return [
        `User:CN=${clusterName}-kafka,O=io.strimzi`,
        `User:CN=${clusterName}-entity-topic-operator,O=io.strimzi`,
        `User:CN=${clusterName}-entity-user-operator,O=io.strimzi`,
        `User:CN=${clusterName}-kafka-exporter,O=io.strimzi`,
        `User:CN=${clusterName}-cruise-control,O=io.strimzi`,
        "User:CN=cluster-operator,O=io.strimzi",
    ];
}

/** Certificate subjects of Strimzi's own components, as the cluster CA signs them. */
export function strimziSubjects(clusterName: string) {
    return {
        broker: { cn: `${clusterName}-kafka`, o: "io.strimzi" },
        topicOperator: { cn: `${clusterName}-entity-topic-operator`, o: "io.strimzi" },
        userOperator: { cn: `${clusterName}-entity-user-operator`, o: "io.strimzi" },
    };
}

/** The Kafka principal of a KafkaUser: its certificate's subject for TLS users, its name for SCRAM users. */
export function userPrincipal(user: { name: string; authentication: string }): string {
    return user.authentication === "tls" ? `User:CN=${user.name}` : `User:${user.name}`;
}

/** Strimzi's listener name: the listener's name upper-cased, then its port. */
export function strimziListenerName(listener: { name: string; port: number }): string {
    return `${listener.name.toUpperCase()}-${listener.port}`;
}

export type SecurityProtocol = "PLAINTEXT" | "SSL" | "SASL_PLAINTEXT" | "SASL_SSL";

export function securityProtocol(listener: RenderedListener): SecurityProtocol {
    const sasl = listener.authentication === "scram-sha-512";
    if (listener.tls) return sasl ? "SASL_SSL" : "SSL";
    return sasl ? "SASL_PLAINTEXT" : "PLAINTEXT";
}

export interface LocalListener {
    /** The rendered listener's own name (`plain`, `tls`, `xregion`). */
    name: string;
    kafkaName: string;
    protocol: SecurityProtocol;
    authentication?: string;
    /** One port per broker, broker 0 first. */
    ports: number[];
    bootstrap: string;
}

export interface BrokerPlan {
    id: number;
    rack: string;
    replicationPort: number;
    properties: Record<string, string>;
}

export interface LocalPlan {
    stack: string;
    clusterName: string;
    basePort: number;
    zookeeperPort: number;
    /** The first port of the platform's other processes (Connect, MirrorMaker 2). */
    servicesPort: number;
    listeners: LocalListener[];
    replicationBootstrap: string;
    brokers: BrokerPlan[];
    /** The rendered broker settings the brokers run: all of them, with replica counts fitted to a smaller cluster. */
    brokerConfig: Record<string, string | number | boolean>;
    superUsers: string[];
    /** Every port the platform takes, with what takes it, for the check before anything starts. */
    ports: { port: number; owner: string }[];
}

export interface StateLayout {
    stateDir: string;
    dataDir: string;
    caDir: string;
    brokerKeystore: (id: number) => string;
    clusterCaCert: string;
    clientsCaCert: string;
}

/**
 * Where a stack's files go. Broker and ZooKeeper data live in memory (/dev/shm) where the machine has it:
 * the data is thrown away with the platform, and a thousand partitions' fsyncs on a shared disk took a minute.
 */
export function stateLayout(stateDir: string, memoryDir: string | undefined = fs.existsSync("/dev/shm") ? "/dev/shm" : undefined): StateLayout {
    const caDir = path.join(stateDir, "ca");
    const stateKey = createHash("sha256").update(path.resolve(stateDir)).digest("hex").slice(0, 12);
    return {
        stateDir,
        dataDir: memoryDir ? path.join(memoryDir, `kafka-platform-local-${stateKey}`) : path.join(stateDir, "data"),
        caDir,
        brokerKeystore: (id) => path.join(caDir, `broker-${id}.pem`),
        clusterCaCert: path.join(caDir, "cluster-ca.crt"),
        clientsCaCert: path.join(caDir, "clients-ca.crt"),
    };
}

/**
 * Everything the local platform will run, derived from the render alone; starts nothing. `brokerCount` below three
 * is a reduced platform (the DR drill's `--one-broker`): replica counts are fitted to it, nothing else changes.
 */
export function planLocalPlatform(render: RenderedPlatform, basePort: number, layout: StateLayout, brokerCount: number = LOCAL_BROKERS): LocalPlan {
    if (!Number.isInteger(basePort) || basePort < 1024 || basePort + PORT_LAYOUT.span > 65535) {
        throw new Error(`--base-port ${basePort}: must be a whole number from 1024 to ${65535 - PORT_LAYOUT.span} (the platform takes ${PORT_LAYOUT.span} ports from it)`);
    }
    if (!Number.isInteger(brokerCount) || brokerCount < 1 || brokerCount > LOCAL_BROKERS) throw new Error(`the local platform runs 1 to ${LOCAL_BROKERS} brokers, not ${brokerCount}`);
    const { kafka } = render;
    if (render.zones.length < brokerCount) throw new Error(`the render names ${render.zones.length} zone(s); ${brokerCount} are needed, one rack per broker`);
    const brokerConfig = fitReplicaCounts(kafka.brokerConfig, brokerCount);
    const brokerPort = (id: number, offset: number) => basePort + PORT_LAYOUT.brokerBlock * (id + 1) + offset;
    const ids = [...Array(brokerCount).keys()];
    const listeners: LocalListener[] = kafka.listeners.map((l, index) => {
        const ports = ids.map((id) => brokerPort(id, PORT_LAYOUT.firstListener + index));
        return { name: l.name, kafkaName: strimziListenerName(l), protocol: securityProtocol(l), authentication: l.authentication, ports, bootstrap: ports.map((p) => `127.0.0.1:${p}`).join(",") };
    });
    if (PORT_LAYOUT.firstListener + listeners.length > PORT_LAYOUT.brokerBlock) throw new Error(`the render has ${listeners.length} listeners; the local platform has room for ${PORT_LAYOUT.brokerBlock - PORT_LAYOUT.firstListener}`);
    const superUsers = [...strimziSuperUsers(kafka.clusterName), ...(kafka.authorization?.superUsers ?? []).map((u) => `User:${u}`)];
    const zookeeperPort = basePort + PORT_LAYOUT.zookeeper;

    const brokers = ids.map((id): BrokerPlan => {
        const replicationPort = brokerPort(id, PORT_LAYOUT.replication);
        const endpoints = [`${REPLICATION_LISTENER}://127.0.0.1:${replicationPort}`, ...listeners.map((l) => `${l.kafkaName}://127.0.0.1:${l.ports[id]}`)].join(",");
        const properties: Record<string, string> = {
            // Every rendered broker setting first, as rendered: Kafka, not this file, decides what they mean.
            ...Object.fromEntries(Object.entries(brokerConfig).map(([k, v]) => [k, String(v)])),
            "broker.id": String(id),
            "broker.rack": render.zones[id],
            "zookeeper.connect": `127.0.0.1:${zookeeperPort}`,
            "log.dirs": path.join(layout.dataDir, `broker-${id}`),
            listeners: endpoints,
            "advertised.listeners": endpoints,
            "listener.security.protocol.map": [`${REPLICATION_LISTENER}:SSL`, ...listeners.map((l) => `${l.kafkaName}:${l.protocol}`)].join(","),
            "inter.broker.listener.name": REPLICATION_LISTENER,
            ...tlsListenerProperties(REPLICATION_LISTENER, layout, id, layout.clusterCaCert),
        };
        for (const listener of listeners) {
            const prefix = `listener.name.${listener.kafkaName.toLowerCase()}`;
            if (listener.protocol === "SSL" || listener.protocol === "SASL_SSL") {
                Object.assign(properties, tlsListenerProperties(listener.kafkaName, layout, id, listener.authentication === "tls" ? layout.clientsCaCert : undefined));
            }
            if (listener.authentication === "scram-sha-512") {
                properties[`${prefix}.sasl.enabled.mechanisms`] = "SCRAM-SHA-512";
                properties[`${prefix}.scram-sha-512.sasl.jaas.config`] = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
            }
        }
        if (kafka.authorization?.type === "simple") {
            // ZooKeeper mode: Strimzi's "simple" authorization is Kafka's AclAuthorizer.
            properties["authorizer.class.name"] = "kafka.security.authorizer.AclAuthorizer";
            properties["super.users"] = superUsers.join(";");
        }
        return { id, rack: render.zones[id], replicationPort, properties };
    });

    const ports = [
        { port: zookeeperPort, owner: "ZooKeeper" },
        ...brokers.flatMap((b) => [
            { port: b.replicationPort, owner: `broker ${b.id} listener ${REPLICATION_LISTENER}` },
            ...listeners.map((l) => ({ port: l.ports[b.id], owner: `broker ${b.id} listener ${l.kafkaName}` })),
        ]),
    ];
    return {
        stack: render.stack,
        clusterName: kafka.clusterName,
        basePort,
        zookeeperPort,
        servicesPort: basePort + PORT_LAYOUT.servicesFrom,
        listeners,
        replicationBootstrap: brokers.map((b) => `127.0.0.1:${b.replicationPort}`).join(","),
        brokers,
        brokerConfig,
        superUsers,
        ports,
    };
}

/** A TLS listener's broker certificate and, when clients authenticate with certificates, the CA they must be signed by. */
function tlsListenerProperties(kafkaName: string, layout: StateLayout, brokerId: number, clientCa: string | undefined): Record<string, string> {
    const prefix = `listener.name.${kafkaName.toLowerCase()}`;
    const properties: Record<string, string> = {
        [`${prefix}.ssl.keystore.type`]: "PEM",
        [`${prefix}.ssl.keystore.location`]: layout.brokerKeystore(brokerId),
    };
    if (clientCa) {
        properties[`${prefix}.ssl.client.auth`] = "required";
        properties[`${prefix}.ssl.truststore.type`] = "PEM";
        properties[`${prefix}.ssl.truststore.location`] = clientCa;
    }
    return properties;
}

export function zookeeperProperties(plan: LocalPlan, layout: StateLayout): Record<string, string> {
    return {
        dataDir: path.join(layout.dataDir, "zookeeper"),
        clientPort: String(plan.zookeeperPort),
        clientPortAddress: "127.0.0.1",
        tickTime: "2000",
        maxClientCnxns: "0",
        "admin.enableServer": "false",
        "4lw.commands.whitelist": "ruok,stat",
        // Its data is thrown away with the platform; without an fsync per write, creating a thousand partitions takes seconds, not minutes.
        forceSync: "no",
    };
}

/** A Java process's log4j 1 settings: everything at `rootLevel` or above into `logFile`, the `levels` loggers at their own level. */
export function fileLog4jProperties(logFile: string, rootLevel: string, levels: Record<string, string> = {}): Record<string, string> {
    return {
        "log4j.rootLogger": `${rootLevel}, file`,
        ...Object.fromEntries(Object.entries(levels).map(([logger, level]) => [`log4j.logger.${logger}`, level])),
        "log4j.appender.file": "org.apache.log4j.FileAppender",
        "log4j.appender.file.File": logFile,
        "log4j.appender.file.layout": "org.apache.log4j.PatternLayout",
        "log4j.appender.file.layout.ConversionPattern": "[%d] %p %m (%c)%n",
    };
}

export function propertiesText(properties: Record<string, string>): string {
    return Object.entries(properties).map(([k, v]) => `${k}=${escapeProperty(v)}`).join("\n") + "\n";
}

function escapeProperty(value: string): string {
    return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}
