// `npm run verify`: holds the live cluster against the topic catalog and exits 1 on drift.
import * as path from "path";
import { Admin } from "kafkajs";
import { loadCatalog } from "../catalog";
import { CONNECTION_HELP, EXIT_FINDING, EXIT_OK, UsageError, readToolFlags, runTool, stringFlag, timeoutMs, toolKafka, withTimeout } from "./cli";
import { DriftCatalog, DriftReport, findDrift, fullMatch } from "./drift";
import { readLiveTopics } from "./live-topics";
import { renderTable } from "./table";

const HELP = `Usage: npm run verify -- --brokers HOST:PORT [--catalog DIR] [--ignore REGEX]... [--json]

Compares the topics the cluster holds with the catalog: missing and unmanaged topics, partition
counts, replication factors and every catalog setting whose live value differs. Settings the
cluster only inherits from broker defaults are ignored; settings overridden on a topic but absent
from the catalog are reported. Exits 0 when in sync, 1 on drift, 2 when it cannot tell.

  --catalog DIR     the catalog folder (default: topics)
  --ignore REGEX    leave the topics whose whole name matches REGEX out of the unmanaged check
                    (a full match, as if written ^(REGEX)$: "scratch\\..*" ignores scratch.a,
                    "scratch" only a topic named exactly scratch); repeatable. The platform's own
                    topics (Kafka's, Strimzi's, Schema Registry's, Connect's and MirrorMaker 2's)
                    are always left out.
${CONNECTION_HELP}`;

const OPTIONS = {
    catalog: { type: "string" },
    ignore: { type: "string", multiple: true },
} as const;

/** One metadata request and one config request, then a pure comparison. */
export async function verifyCluster(admin: Admin, catalog: DriftCatalog, ignore: RegExp[] = []): Promise<DriftReport> {
    return findDrift(catalog, await readLiveTopics(admin), ignore);
}

export function formatDriftReport(report: DriftReport): string {
    const ignored = report.ignoredTopics.length === 0 ? "" : `, ${report.ignoredTopics.length} ignored`;
    const summary = `${report.catalogTopics} catalog topics, ${report.topicsInSync} in sync; ${report.clusterTopics} topics in the cluster (the platform's own aside${ignored}); ${report.drift.length === 0 ? "no drift" : `${report.drift.length} differences`}`;
    if (report.drift.length === 0) return summary;
    const rows = report.drift.map((d) => [d.topic, d.kind, d.setting ?? "", d.expected ?? "-", d.actual ?? "-"]);
    return `${renderTable(["TOPIC", "DRIFT", "SETTING", "CATALOG", "CLUSTER"], rows)}\n\n${summary}`;
}

/** `kafkaFor` builds the client; tests hand in a stand-in for the cluster. */
export async function main(argv: string[], kafkaFor: typeof toolKafka = toolKafka): Promise<number> {
    const flags = readToolFlags(argv, OPTIONS, HELP);
    if (!flags) return EXIT_OK;
    const { values, connection } = flags;
    const ignore = ((values.ignore as string[] | undefined) ?? []).map((pattern) => {
        try {
            return fullMatch(pattern);
        } catch {
            throw new UsageError(`--ignore: "${pattern}" is not a regular expression`);
        }
    });
    const catalog = loadCatalog({ topics: path.resolve(stringFlag(values, "catalog") ?? "topics") });

    const admin = kafkaFor(connection, "kafka-platform-verify").admin();
    const report = await withTimeout(
        (async () => {
            await admin.connect();
            try {
                return await verifyCluster(admin, catalog, ignore);
            } finally {
                await admin.disconnect();
            }
        })(),
        timeoutMs(values),
        "verify",
    );
    process.stdout.write(values.json ? `${JSON.stringify({ inSync: report.drift.length === 0, ...report }, null, 2)}\n` : `${formatDriftReport(report)}\n`);
    return report.drift.length === 0 ? EXIT_OK : EXIT_FINDING;
}

if (require.main === module) runTool("verify", main);
