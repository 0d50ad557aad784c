// Does locally what Strimzi's topic and user operators do: topics exactly as rendered, each user's ACLs exactly as rendered.
import { AclEntry, AclOperationTypes, AclPermissionTypes, AclResourceTypes, Admin, Kafka, logLevel, ResourcePatternTypes } from "kafkajs";
import { userPrincipal } from "./plan";
import { RenderedAcl, RenderedTopic, RenderedUser } from "./render-input";

export interface OperatorIdentity {
    bootstrap: string;
    ca: string;
    cert: string;
    key: string;
    clientId: string;
}

export function operatorAdmin(identity: OperatorIdentity): Admin {
    const kafka = new Kafka({
        clientId: identity.clientId,
        brokers: identity.bootstrap.split(","),
        ssl: { ca: [identity.ca], cert: identity.cert, key: identity.key },
        logLevel: logLevel.NOTHING,
        connectionTimeout: 5000,
        requestTimeout: 180_000,
        retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 3000 },
    });
    return kafka.admin();
}

/**
 * Creates every rendered topic with its partitions, replicas and config in one request, as the topic operator
 * would, then waits until every partition has a leader; fails naming each topic Kafka refuses.
 */
export async function createTopics(admin: Admin, topics: RenderedTopic[], timeoutMs = 120_000): Promise<void> {
    try {
        await admin.createTopics({
            waitForLeaders: false,
            timeout: timeoutMs,
            topics: topics.map((t) => ({
                topic: t.name,
                numPartitions: t.partitions,
                replicationFactor: t.replicas,
                configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value: String(value) })),
            })),
        });
    } catch (error) {
        const perTopic = (error as { errors?: { topic?: string; message?: string; type?: string }[] }).errors;
        // A controller too busy to answer in time still creates the topics: the wait for leaders below decides.
        const onlySlow = perTopic?.length && perTopic.every((e) => e.type === "REQUEST_TIMED_OUT");
        if (onlySlow) return waitForLeaders(admin, topics, timeoutMs);
        const refusals = perTopic?.length ? perTopic.map((e) => `topic ${e.topic}: ${e.type ?? ""} ${e.message ?? ""}`.trim()) : [(error as Error).message];
        throw new Error(`Kafka refused topics as rendered:\n${refusals.join("\n")}`);
    }
    await waitForLeaders(admin, topics, timeoutMs);
}

/** Until every partition of each topic has a leader; "does not host this topic-partition" meanwhile means "not yet". */
export async function waitForLeaders(admin: Admin, topics: Array<{ name: string; partitions: number }>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let waitingFor: string[] = [];
    while (Date.now() < deadline) {
        let found: { name: string; partitions: { leader: number }[] }[] = [];
        try {
            ({ topics: found } = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) }));
        } catch {
            // While the controller is still creating them, brokers answer "does not host this topic-partition": not yet.
        }
        waitingFor = topics
            .filter((t) => {
                const metadata = found.find((f) => f.name === t.name);
                return !metadata || metadata.partitions.length < t.partitions || metadata.partitions.some((p) => p.leader < 0);
            })
            .map((t) => t.name);
        if (waitingFor.length === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`topics without a leader for every partition after ${timeoutMs / 1000}s: ${waitingFor.join(", ")}`);
}

const RESOURCE_TYPES: Record<string, AclResourceTypes> = {
    topic: AclResourceTypes.TOPIC,
    group: AclResourceTypes.GROUP,
    cluster: AclResourceTypes.CLUSTER,
    transactionalId: AclResourceTypes.TRANSACTIONAL_ID,
};

const OPERATIONS: Record<string, AclOperationTypes> = {
    All: AclOperationTypes.ALL,
    Read: AclOperationTypes.READ,
    Write: AclOperationTypes.WRITE,
    Create: AclOperationTypes.CREATE,
    Delete: AclOperationTypes.DELETE,
    Alter: AclOperationTypes.ALTER,
    Describe: AclOperationTypes.DESCRIBE,
    ClusterAction: AclOperationTypes.CLUSTER_ACTION,
    DescribeConfigs: AclOperationTypes.DESCRIBE_CONFIGS,
    AlterConfigs: AclOperationTypes.ALTER_CONFIGS,
    IdempotentWrite: AclOperationTypes.IDEMPOTENT_WRITE,
};

/** A KafkaUser's simple-authorization rules as the Kafka ACL bindings Strimzi's user operator writes. */
export function aclBindings(user: RenderedUser): AclEntry[] {
    const problems: string[] = [];
    const bindings = user.acls.flatMap((rule: RenderedAcl) => {
        const resourceType = RESOURCE_TYPES[rule.resource.type];
        if (resourceType === undefined) problems.push(`KafkaUser ${user.name}: unknown ACL resource type ${rule.resource.type}`);
        const patternType = (rule.resource.patternType ?? "literal") === "prefix" ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL;
        return rule.operations.map((operation) => {
            if (OPERATIONS[operation] === undefined) problems.push(`KafkaUser ${user.name}: unknown ACL operation ${operation}`);
            return {
                resourceType,
                // Strimzi names the cluster resource itself; Kafka knows it as kafka-cluster.
                resourceName: rule.resource.type === "cluster" ? "kafka-cluster" : rule.resource.name ?? "",
                resourcePatternType: patternType,
                principal: userPrincipal(user),
                host: rule.host,
                operation: OPERATIONS[operation],
                permissionType: rule.type === "deny" ? AclPermissionTypes.DENY : AclPermissionTypes.ALLOW,
            };
        });
    });
    if (problems.length > 0) throw new Error(problems.join("\n"));
    return bindings;
}

export async function createAcls(admin: Admin, users: RenderedUser[]): Promise<number> {
    const acl = users.flatMap(aclBindings);
    for (const batch of chunks(acl, 200)) await admin.createAcls({ acl: batch });
    return acl.length;
}

export function chunks<T>(items: T[], size: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
}
