// The design's partition key strategies: which id orders a topic's records, written as "kind:id".

function requireId(kind: string, id: string | undefined): string {
    if (id === undefined || id.trim() === "") throw new Error(`a ${kind} partition key needs a non-empty id`);
    return id;
}

/** Every event of one user in one partition, in order. */
export function userEventKey(userId: string): string {
    return `user:${requireId("user", userId)}`;
}

export function organizationEventKey(organizationId: string): string {
    return `org:${requireId("organization", organizationId)}`;
}

export function projectEventKey(projectId: string): string {
    return `project:${requireId("project", projectId)}`;
}

/** Task events are high volume; the task id spreads them across task.events' 48 partitions. */
export function taskEventKey(taskId: string): string {
    return `task:${requireId("task", taskId)}`;
}

/**
 * Session-level ordering when there is a session, user-level otherwise. The design fell back to
 * `user:undefined` when both were missing, piling unrelated events onto one partition; this refuses.
 */
export function analyticsEventKey(ids: { sessionId?: string; userId?: string }): string {
    if (ids.sessionId !== undefined && ids.sessionId.trim() !== "") return `session:${ids.sessionId}`;
    if (ids.userId !== undefined && ids.userId.trim() !== "") return `user:${ids.userId}`;
    throw new Error("an analytics partition key needs a sessionId or a userId");
}

export function notificationEventKey(userId: string): string {
    return `user:${requireId("user", userId)}`;
}

/** Changes to one database row stay ordered. */
export function cdcEventKey(tableName: string, recordId: string): string {
    return `${requireId("table", tableName)}:${requireId("record", recordId)}`;
}

export function auditEventKey(entityType: string, entityId: string): string {
    return `${requireId("entity type", entityType)}:${requireId("entity", entityId)}`;
}

/** The design's `PartitionKeyStrategy` names, for code written against it. */
export const PartitionKeyStrategy = {
    forUserEvent: userEventKey,
    forOrganizationEvent: organizationEventKey,
    forProjectEvent: projectEventKey,
    forTaskEvent: taskEventKey,
    forAnalyticsEvent: (sessionId: string, userId?: string) => analyticsEventKey({ sessionId, userId }),
    forNotificationEvent: notificationEventKey,
    forCDCEvent: cdcEventKey,
    forAuditEvent: auditEventKey,
} as const;
