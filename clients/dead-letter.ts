// The dead-letter record: the failed record as it was, plus headers saying where it came from and why it failed; pure.
import { IHeaders, KafkaMessage } from "kafkajs";
import { OutgoingRecord } from "./producer";

export const DLQ_HEADERS = {
    topic: "dlq.original.topic",
    partition: "dlq.original.partition",
    offset: "dlq.original.offset",
    timestamp: "dlq.original.timestamp",
    group: "dlq.consumer.group",
    errorClass: "dlq.error.class",
    errorMessage: "dlq.error.message",
    failedAt: "dlq.failed.at",
} as const;

/** Error messages can be huge (a whole response body); the header keeps the start. */
const MAX_ERROR_MESSAGE_LENGTH = 2000;

export interface FailedRecord {
    topic: string;
    partition: number;
    message: KafkaMessage;
    groupId: string;
    error: unknown;
}

/** Same key (so one entity's failures stay in order), same value and headers, plus the dlq.* headers. */
export function deadLetterMessage(failed: FailedRecord, now: Date = new Date()): OutgoingRecord {
    const error = failed.error instanceof Error ? failed.error : new Error(String(failed.error));
    const headers: IHeaders = { ...(failed.message.headers ?? {}) };
    headers[DLQ_HEADERS.topic] = failed.topic;
    headers[DLQ_HEADERS.partition] = String(failed.partition);
    headers[DLQ_HEADERS.offset] = failed.message.offset;
    headers[DLQ_HEADERS.timestamp] = failed.message.timestamp;
    headers[DLQ_HEADERS.group] = failed.groupId;
    headers[DLQ_HEADERS.errorClass] = error.name;
    headers[DLQ_HEADERS.errorMessage] = error.message.slice(0, MAX_ERROR_MESSAGE_LENGTH);
    headers[DLQ_HEADERS.failedAt] = now.toISOString();
    return { key: failed.message.key ?? null, value: failed.message.value, headers };
}

export interface DeadLetterOrigin {
    topic: string;
    partition: number;
    offset: string;
    groupId: string;
    errorClass: string;
    errorMessage: string;
    failedAt: string;
}

/** Reads the dlq.* headers back, for tools that replay or inspect dead letters; undefined when they are absent. */
export function deadLetterOrigin(headers: IHeaders | undefined): DeadLetterOrigin | undefined {
    const text = (name: string) => {
        const value = headers?.[name];
        const single = Array.isArray(value) ? value[0] : value;
        return single === undefined ? undefined : single.toString();
    };
    const topic = text(DLQ_HEADERS.topic);
    const partition = text(DLQ_HEADERS.partition);
    const offset = text(DLQ_HEADERS.offset);
    if (topic === undefined || partition === undefined || offset === undefined) return undefined;
    return {
        topic,
        partition: Number(partition),
        offset,
        groupId: text(DLQ_HEADERS.group) ?? "",
        errorClass: text(DLQ_HEADERS.errorClass) ?? "",
        errorMessage: text(DLQ_HEADERS.errorMessage) ?? "",
        failedAt: text(DLQ_HEADERS.failedAt) ?? "",
    };
}
