// `npm run mirror-offsets`: where a mirror must start so it copies only what a cluster writes from now on (failover and failback).
import * as path from "path";
import { loadCatalog } from "../catalog";
import { FAILBACK, MIRROR, mirroredTopicNames, sourceConnectorName, startOffsetsBody } from "../specs/mirror-maker";
import { CONNECTION_HELP, EXIT_OK, readToolFlags, runTool, stringFlag, timeoutMs, toolKafka, UsageError, withTimeout } from "./cli";

const HELP = `Usage: npm run mirror-offsets -- --flow failback|dr --brokers HOST:PORT [--catalog DIR] > offsets.json

Reads the end offset of every mirrored topic's partitions (the catalog's topics and _schemas) on the
cluster given, and prints the body of Kafka Connect's PATCH /connectors/NAME/offsets that makes the
flow's source connector start exactly there. Run it against DR right after mirroring stops at a failover
(--flow failback: the failback mirror then copies only what DR wrote afterwards), and against the primary
when its clients are stopped at failback (--flow dr: the DR mirror then skips what came from DR).

  --flow failback|dr  which mirror will start from these offsets
  --catalog DIR       the catalog folder (default: topics)
${CONNECTION_HELP}`;

const OPTIONS = { flow: { type: "string" }, catalog: { type: "string" } } as const;

/** `kafkaFor` builds the client; tests hand in a stand-in for the cluster. */
export async function main(argv: string[], kafkaFor: typeof toolKafka = toolKafka): Promise<number> {
    const flags = readToolFlags(argv, OPTIONS, HELP);
    if (!flags) return EXIT_OK;
    const { values, connection } = flags;
    const flowName = stringFlag(values, "flow");
    const flow = flowName === "failback" ? FAILBACK : flowName === "dr" ? MIRROR : undefined;
    if (!flow) throw new UsageError(`--flow: "${flowName ?? ""}" must be failback (the mirror from DR into the primary) or dr (the DR mirror)`);
    const catalog = loadCatalog({ topics: path.resolve(stringFlag(values, "catalog") ?? "topics") });
    const admin = kafkaFor(connection, "kafka-platform-mirror-offsets").admin();
    const ends = await withTimeout(
        (async () => {
            await admin.connect();
            try {
                const existing = new Set(await admin.listTopics());
                const out: Record<string, number[]> = {};
                for (const topic of mirroredTopicNames(catalog).filter((t) => existing.has(t))) {
                    out[topic] = (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition).map((o) => Number(o.high));
                }
                return out;
            } finally {
                await admin.disconnect();
            }
        })(),
        timeoutMs(values),
        "mirror-offsets",
    );
    process.stderr.write(`${sourceConnectorName(flow)}: start offsets of ${Object.keys(ends).length} topics, ${Object.values(ends).reduce((n, p) => n + p.length, 0)} partitions\n`);
    process.stdout.write(`${JSON.stringify(startOffsetsBody(flow, ends), null, 2)}\n`);
    return EXIT_OK;
}

if (require.main === module) runTool("mirror-offsets", main);
