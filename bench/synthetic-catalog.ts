// The benchmarks' catalogs: the project's own topic files and any number of synthetic topics beside them.
import * as fs from "fs";
import * as path from "path";

/** A catalog folder `dir`: the topic files of the project at `root` plus `extra` synthetic topics of varied shapes. */
export function syntheticCatalog(root: string, dir: string, extra: number): void {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(path.join(root, "topics"))) fs.copyFileSync(path.join(root, "topics", f), path.join(dir, f));
    if (extra === 0) return;
    const lines = ["topics:"];
    for (let i = 0; i < extra; i++) {
        const compact = i % 10 === 0;
        lines.push(
            `  - name: synthetic.domain${i % 50}.${compact ? "state" : "events"}_${i}`,
            `    description: Synthetic topic ${i}`,
            `    partitions: ${6 * (1 + (i % 8))}`,
            "    replication_factor: 3",
            "    min_insync_replicas: 2",
            `    retention_ms: ${compact ? -1 : 86400000 * (1 + (i % 30))}`,
            "    segment_ms: 86400000",
            "    compression_type: lz4",
            `    cleanup_policy: ${compact ? "compact" : "delete"}`,
            ...(compact ? ["    configs:", "      min_cleanable_dirty_ratio: 0.5", "      delete_retention_ms: 86400000"] : ["    configs:", `      max_message_bytes: ${1048576 * (1 + (i % 4))}`]),
        );
    }
    fs.writeFileSync(path.join(dir, "synthetic.yaml"), `${lines.join("\n")}\n`);
}
