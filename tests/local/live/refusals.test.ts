// What `up` refuses, with one line naming the cause and nothing left running: a second start, a taken port, a setting Kafka does not know.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AlreadyRunningError, up } from "../../../local/platform";
import { PORT_LAYOUT } from "../../../local/plan";
import { portAnswers } from "../../../local/processes";
import { BASE_PORT, platform, STACK, STATE_DIR } from "./platform-fixture";
import { scratchDir } from "../../scratch";

describe("what npm run local -- up refuses", function () {
    this.timeout(600_000);

    it("says the platform is already running instead of starting another", async () => {
        await assert.rejects(up({ stack: STACK, basePort: BASE_PORT, stateDir: STATE_DIR, renderDir: platform().renderDir }), (e: Error) => e instanceof AlreadyRunningError && /already running/.test(e.message) && /down --stack/.test(e.message));
    });

    it("names the ports another process holds and starts nothing", async () => {
        const stateDir = scratchDir("local-taken-");
        await assert.rejects(up({ stack: "taken-check", basePort: BASE_PORT, stateDir, renderDir: platform().renderDir }), /port .*\(ZooKeeper\).* already taken; choose another --base-port/);
        assert.ok(!fs.existsSync(path.join(stateDir, "state.json")));
    });

    it("fails on a broker setting Kafka does not know, naming it, and leaves nothing running", async () => {
        const renderDir = scratchDir("local-unknown-setting-");
        fs.cpSync(platform().renderDir, renderDir, { recursive: true });
        const kafkaYaml = path.join(renderDir, "manifests", "kafka.yaml");
        fs.writeFileSync(kafkaYaml, fs.readFileSync(kafkaYaml, "utf8").replace(/^( {6})min\.insync\.replicas: 2$/m, "$1min.insync.replicas: 2\n$1log.retention.everything: 7"));
        const basePort = BASE_PORT + 2 * PORT_LAYOUT.span;
        const stateDir = path.join(os.tmpdir(), `local-unknown-setting-state-${process.pid}`);
        try {
            await assert.rejects(up({ stack: "unknown-setting-check", basePort, stateDir, renderDir }), /"log\.retention\.everything" isn't a known config of Kafka/);
            assert.ok(!fs.existsSync(stateDir), "the state is removed");
            assert.equal(await portAnswers(basePort), false, "ZooKeeper is stopped");
            assert.equal(await portAnswers(basePort + PORT_LAYOUT.brokerBlock + PORT_LAYOUT.replication), false, "broker 0 is stopped");
        } finally {
            fs.rmSync(renderDir, { recursive: true, force: true });
        }
    });
});
