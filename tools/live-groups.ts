// Reads consumer groups, their committed offsets and the end offsets of the partitions they read.
import { Admin } from "kafkajs";
import { GroupOffsets, PartitionEnd } from "./lag-report";

/**
 * `groups`: these group ids, or every consumer group the cluster lists plus `alsoInclude` (groups
 * Kafka does not know yet are described as Dead, with no members).
 */
export async function readGroupOffsets(admin: Admin, groups: string[] | { alsoInclude: string[] } = { alsoInclude: [] }): Promise<{ groups: GroupOffsets[]; ends: PartitionEnd[] }> {
    const ids = Array.isArray(groups) ? groups : [...new Set([...(await listConsumerGroups(admin)), ...groups.alsoInclude])];
    if (ids.length === 0) return { groups: [], ends: [] };
    const described = await admin.describeGroups(ids);
    const groupOffsets = await Promise.all(
        described.groups.map(async (group): Promise<GroupOffsets> => {
            const offsets = await admin.fetchOffsets({ groupId: group.groupId });
            return {
                groupId: group.groupId,
                state: group.state,
                members: group.members.length,
                committed: offsets.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.offset }))),
            };
        }),
    );
    const existing = new Set((await admin.fetchTopicMetadata()).topics.map((t) => t.name));
    const topics = [...new Set(groupOffsets.flatMap((g) => g.committed.map((c) => c.topic)))].filter((t) => existing.has(t));
    const ends = (await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, end: p.high }))))).flat();
    return { groups: groupOffsets, ends };
}

export async function listConsumerGroups(admin: Admin): Promise<string[]> {
    // Groups that only ever committed through the admin API have an empty protocol type.
    return (await admin.listGroups()).groups.filter((g) => g.protocolType === "consumer" || g.protocolType === "").map((g) => g.groupId);
}
