// Turns a group's catalog settings (Java consumer property names) into kafkajs consumer and run options; pure.
import { ConsumerConfig } from "kafkajs";
import { GroupSettings } from "./topics";

export interface KafkajsConsumerSettings {
    consumer: ConsumerConfig;
    /** True where the catalog's auto.offset.reset is "earliest". */
    fromBeginning: boolean;
    autoCommit: boolean;
    autoCommitInterval?: number;
}

function numberSetting(config: GroupSettings<string>["clientConfig"], key: string): number | undefined {
    const value = config[key];
    if (value === undefined) return undefined;
    const parsed = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(parsed)) throw new Error(`${key}: ${String(value)} is not a number`);
    return parsed;
}

/**
 * kafkajs has no poll loop, so max.poll.records has no counterpart: records are handed over one at a
 * time and kafkajs heartbeats between them. max.poll.interval.ms is what the Java client sends as the
 * JoinGroup rebalance timeout, which is kafkajs's rebalanceTimeout.
 */
export function kafkajsConsumerSettings(group: GroupSettings<string>): KafkajsConsumerSettings {
    const config = group.clientConfig;
    const reset = config["auto.offset.reset"] ?? "latest";
    if (reset !== "earliest" && reset !== "latest") throw new Error(`auto.offset.reset: "${String(reset)}" is not supported by kafkajs (earliest or latest)`);
    const autoCommitSetting = config["enable.auto.commit"] ?? true;
    const autoCommit = autoCommitSetting === true || autoCommitSetting === "true";
    return {
        consumer: {
            groupId: group.groupId,
            sessionTimeout: numberSetting(config, "session.timeout.ms"),
            heartbeatInterval: numberSetting(config, "heartbeat.interval.ms"),
            rebalanceTimeout: numberSetting(config, "max.poll.interval.ms"),
            allowAutoTopicCreation: false,
            // Read committed: records of aborted transactions never reach a handler.
            readUncommitted: false,
        },
        fromBeginning: reset === "earliest",
        autoCommit,
        autoCommitInterval: autoCommit ? numberSetting(config, "auto.commit.interval.ms") ?? 5000 : undefined,
    };
}
