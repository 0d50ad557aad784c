// Generated from topics/*.yaml by `npx ts-node --transpile-only clients/generate-catalog.ts`; do not edit.

export const TOPIC_NAMES = [
    "analytics.events",
    "analytics.page_views",
    "audit.events",
    "cdc.organizations-changes",
    "cdc.projects-changes",
    "cdc.tasks-changes",
    "dlq.processing_errors",
    "fsm.order.assigned",
    "fsm.order.completed",
    "fsm.order.scheduled",
    "fsm.order.status_updated",
    "fsm.tv.modifications_required",
    "fsm.tv.outcome_recorded",
    "integration.sales.order.failed",
    "integration.sales.order.normalized",
    "integration.sales.order.received",
    "integration.sales.status.failed",
    "integration.sales.status.sent",
    "notifications.email",
    "notifications.in_app",
    "notifications.push",
    "organization.events",
    "project.events",
    "sales.channel.callcenter.order",
    "sales.channel.store.order",
    "sales.channel.web.order",
    "sales.pyxis.order.cancelled",
    "sales.pyxis.order.created",
    "sales.pyxis.order.updated",
    "sales.sap.order.created",
    "sales.tempo.service.cancelled",
    "sales.tempo.service.requested",
    "sales.tempo.service.updated",
    "system.health_checks",
    "task.comments",
    "task.events",
    "task.state.snapshots",
    "user.events",
    "user.login.events",
    "user.profile.snapshots",
] as const;

/** A topic of the catalog; the clients refuse any other name at compile time. */
export type TopicName = (typeof TOPIC_NAMES)[number];

export const CONSUMER_GROUPS = {
    "analytics-processor": { groupId: "analytics-processor", topics: ["analytics.events","analytics.page_views"], deadLetterTopic: "dlq.processing_errors", clientConfig: {"max.poll.records":1000,"max.poll.interval.ms":300000,"session.timeout.ms":30000,"heartbeat.interval.ms":3000,"auto.offset.reset":"latest","enable.auto.commit":true,"auto.commit.interval.ms":5000} },
    "audit-log-processor": { groupId: "audit-log-processor", topics: ["audit.events"], deadLetterTopic: "dlq.processing_errors", clientConfig: {"max.poll.records":200,"max.poll.interval.ms":300000,"session.timeout.ms":30000,"heartbeat.interval.ms":3000,"auto.offset.reset":"earliest","enable.auto.commit":true} },
    "cache-invalidator": { groupId: "cache-invalidator", topics: ["task.events","project.events","user.events","organization.events"], deadLetterTopic: "dlq.processing_errors", clientConfig: {"max.poll.records":500,"max.poll.interval.ms":300000,"session.timeout.ms":30000,"heartbeat.interval.ms":3000,"auto.offset.reset":"latest","enable.auto.commit":true} },
    "cdc-processor": { groupId: "cdc-processor", topics: ["cdc.tasks-changes","cdc.projects-changes"], deadLetterTopic: "dlq.processing_errors", clientConfig: {"max.poll.records":500,"max.poll.interval.ms":300000,"session.timeout.ms":30000,"heartbeat.interval.ms":3000,"auto.offset.reset":"earliest","enable.auto.commit":true} },
    "email-notification-dispatcher": { groupId: "email-notification-dispatcher", topics: ["notifications.email"], deadLetterTopic: "dlq.processing_errors", clientConfig: {"max.poll.records":100,"max.poll.interval.ms":600000,"session.timeout.ms":30000,"heartbeat.interval.ms":3000,"auto.offset.reset":"earliest","enable.auto.commit":false} },
    "push-notification-dispatcher": { groupId: "push-notification-dispatcher", topics: ["notifications.push"], deadLetterTopic: "dlq.processing_errors", clientConfig: {"max.poll.records":200,"max.poll.interval.ms":300000,"session.timeout.ms":30000,"heartbeat.interval.ms":3000,"auto.offset.reset":"earliest","enable.auto.commit":false} },
    "search-index-updater": { groupId: "search-index-updater", topics: ["task.events","project.events","user.events"], deadLetterTopic: "dlq.processing_errors", clientConfig: {"max.poll.records":200,"max.poll.interval.ms":600000,"session.timeout.ms":30000,"heartbeat.interval.ms":3000,"auto.offset.reset":"earliest","enable.auto.commit":false} },
    "task-event-processor": { groupId: "task-event-processor", topics: ["task.events","task.comments"], deadLetterTopic: "dlq.processing_errors", clientConfig: {"max.poll.records":500,"max.poll.interval.ms":300000,"session.timeout.ms":30000,"heartbeat.interval.ms":3000,"auto.offset.reset":"earliest","enable.auto.commit":true,"auto.commit.interval.ms":5000} },
} as const;

/** A consumer group of the catalog. */
export type GroupId = keyof typeof CONSUMER_GROUPS;
