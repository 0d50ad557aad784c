// `npm run lag`: consumer lag per group, topic and partition, flagging high lag and groups nobody consumes for.
import * as path from "path";
import { Admin } from "kafkajs";
import { loadCatalog } from "../catalog";
import { CONNECTION_HELP, EXIT_FINDING, EXIT_OK, readToolFlags, runTool, stringFlag, timeoutMs, toolKafka, UsageError, wholeNumberFlag, withTimeout } from "./cli";
import { computeLag, DEFAULT_LAG_THRESHOLD, LagReport, unknownGroups } from "./lag-report";
import { listConsumerGroups, readGroupOffsets } from "./live-groups";
import { renderTable } from "./table";

const HELP = `Usage: npm run lag -- --brokers HOST:PORT [--group ID]... [--catalog DIR] [--threshold N] [--json]

Shows each consumer group's lag per topic and partition (log end offset minus committed offset),
flags partitions whose lag exceeds the threshold and groups with no active members.
Exits 0 when nothing is flagged, 1 when something is, 2 when it cannot tell.

  --group ID        only this group (repeatable; default: every consumer group of the cluster)
  --catalog DIR     also report the catalog's groups (e.g. topics), so a group that never
                    started shows up with no active members
  --threshold N     lag above which a partition is flagged (default ${DEFAULT_LAG_THRESHOLD})
${CONNECTION_HELP}`;

const OPTIONS = {
    group: { type: "string", multiple: true },
    catalog: { type: "string" },
    threshold: { type: "string" },
} as const;

export function formatLagReport(report: LagReport): string {
    if (report.groups.length === 0) return "no consumer groups";
    const rows = report.groups.flatMap((group) => {
        const groupRows = group.rows.map((r) => [r.groupId, r.topic, String(r.partition), r.committed === null ? "-" : String(r.committed), String(r.end), r.lag === null ? "-" : String(r.lag), r.overThreshold ? "HIGH LAG" : ""]);
        return group.inactive ? [[group.groupId, "", "", "", "", String(group.totalLag), "NO ACTIVE MEMBERS"], ...groupRows] : groupRows;
    });
    const summary = report.groups.map((g) => `${g.groupId}: ${g.state}, ${g.members} members, total lag ${g.totalLag}`).join("\n");
    const verdict = report.flagged === 0 ? `nothing above ${report.threshold}` : `${report.flagged} flagged (threshold ${report.threshold})`;
    return `${renderTable(["GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "FLAG"], rows)}\n\n${summary}\n${verdict}`;
}

/** `kafkaFor` builds the client; tests hand in a stand-in for the cluster. */
export async function main(argv: string[], kafkaFor: typeof toolKafka = toolKafka): Promise<number> {
    const flags = readToolFlags(argv, OPTIONS, HELP);
    if (!flags) return EXIT_OK;
    const { values, connection } = flags;
    const threshold = wholeNumberFlag(values, "threshold", DEFAULT_LAG_THRESHOLD, 0);
    const named = values.group as string[] | undefined;
    const catalogDir = stringFlag(values, "catalog");
    const catalogGroupIds = catalogDir === undefined ? [] : loadCatalog({ topics: path.resolve(catalogDir) }).groups.map((g) => g.groupId);

    const admin = kafkaFor(connection, "kafka-platform-lag").admin();
    const report = await withTimeout(
        (async () => {
            await admin.connect();
            try {
                const { groups, ends } = await readGroupOffsets(admin, named ?? { alsoInclude: catalogGroupIds });
                const unknown = named === undefined ? [] : unknownGroups(groups);
                if (unknown.length > 0) throw new UsageError(await noSuchGroups(admin, unknown));
                return computeLag(groups, ends, threshold);
            } finally {
                await admin.disconnect();
            }
        })(),
        timeoutMs(values),
        "lag",
    );
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatLagReport(report)}\n`);
    return report.flagged === 0 ? EXIT_OK : EXIT_FINDING;
}

/** Names the groups asked for that the cluster does not know, and those it does, so a typo is seen at once. */
async function noSuchGroups(admin: Admin, unknown: string[]): Promise<string> {
    const known = (await listConsumerGroups(admin)).sort();
    const shown = known.length > 20 ? `${known.slice(0, 20).join(", ")} and ${known.length - 20} more` : known.join(", ");
    const names = unknown.map((g) => `"${g}"`).join(", ");
    const verb = unknown.length === 1 ? "is no consumer group" : "are no consumer groups";
    return `--group: ${names} ${verb} of this cluster (never joined, nothing committed); it has ${known.length === 0 ? "none" : shown}`;
}

if (require.main === module) runTool("lag", main);
