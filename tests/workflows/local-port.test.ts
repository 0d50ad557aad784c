// Tests that every script reaching the local broker takes its port from KAFKA_LOCAL_PORT, so two checkouts can test side by side.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** The files that start, stop or connect to scripts/kafka-local.sh's broker. */
const BROKER_USERS = [".ci/run", "scripts/bench.sh", "bench/live.ts", "tests/integration/helpers.ts"];

describe("the local broker's port", () => {
    for (const file of BROKER_USERS) {
        it(`is never assumed in ${file}: it follows KAFKA_LOCAL_PORT`, () => {
            const text = fs.readFileSync(path.join(ROOT, file), "utf8");
            const fixed = text.split("\n").map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => /(127\.0\.0\.1|localhost):\d+/.test(line));
            assert.deepStrictEqual(fixed.map(({ n, line }) => `${file}:${n}: ${line.trim()}`), []);
            if (/kafka-local\.sh start|127\.0\.0\.1/.test(text)) assert.match(text, /KAFKA_LOCAL_PORT/);
        });
    }
});
