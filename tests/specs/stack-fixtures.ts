// The repository's own stack config and catalog, parsed the way the program parses them, for the pure spec tests.
import * as path from "path";
import { Catalog, loadCatalog } from "../../catalog";
import { brokerLimitsOf, parsePlatformConfig, PlatformConfig } from "../../config/platform-config";
import { readStackConfig } from "../../render/stack-config";

export const ROOT = path.resolve(__dirname, "..", "..");

/** Pulumi.<stack>.yaml parsed into the PlatformConfig the program would build from it. */
export function stackConfig(stack: "prod" | "dr"): PlatformConfig {
    const { config } = readStackConfig(ROOT, stack, []);
    return parsePlatformConfig({ stack, organization: "fsm", project: "kafka-platform", get: (k) => config[k], keys: () => Object.keys(config) });
}

/** The catalog under topics/, loaded against the stack's broker limits. */
export function repoCatalog(config: PlatformConfig = stackConfig("prod")): Catalog {
    return loadCatalog({ topics: path.join(ROOT, config.catalog.topics) }, brokerLimitsOf(config));
}
