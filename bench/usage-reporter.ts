// Preloaded into a benchmarked process: on exit, writes its wall time and peak memory to BENCH_USAGE_FILE.
import * as fs from "fs";

const file = process.env.BENCH_USAGE_FILE;
if (file) {
    process.on("exit", (code) => {
        fs.writeFileSync(file, JSON.stringify({ code, seconds: process.uptime(), maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    });
}
