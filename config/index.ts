// The stack's config, read once from Pulumi and validated into one typed object.
import * as pulumi from "@pulumi/pulumi";
import { CatalogError } from "../catalog";
import { parsePlatformConfig, PlatformConfig } from "./platform-config";

export * from "./platform-config";
export { DESIGN } from "./defaults";

/** Keys a command line set (`kafka-platform:topicBackend` → `--config`), so a problem names where the value came from. */
const commandLineOrigins = new Map<string, string>();

/** Records which full keys the invoking command set and with which flag; replaces what an earlier run recorded. */
export function recordCommandLineConfig(origins: Record<string, string>): void {
    commandLineOrigins.clear();
    for (const [key, flag] of Object.entries(origins)) commandLineOrigins.set(key, flag);
}

/** Reads and validates this stack's config; throws listing every problem. */
export function readPlatformConfig(): PlatformConfig {
    const all = pulumi.runtime.allConfig();
    try {
        return parsePlatformConfig({
            stack: pulumi.getStack(),
            organization: pulumi.getOrganization(),
            project: pulumi.getProject(),
            get: (key) => all[key],
            keys: () => Object.keys(all),
            origin: (key) => commandLineOrigins.get(key),
        });
    } catch (err) {
        // A clean message instead of a stack trace: the list of keys to fix is the whole story.
        if (err instanceof CatalogError) throw new pulumi.RunError(err.message);
        throw err;
    }
}

/** The secret config values, kept as secret Outputs. */
export interface PlatformSecrets {
    cdcDatabasePassword?: pulumi.Output<string>;
    mirrorMakerPassword?: pulumi.Output<string>;
}

export function readSecrets(config: PlatformConfig): PlatformSecrets {
    const own = new pulumi.Config("kafka-platform");
    return {
        cdcDatabasePassword: config.connect.enabled ? own.requireSecret(config.secretKeys.cdcDatabasePassword) : undefined,
        mirrorMakerPassword: config.role === "primary" ? own.requireSecret(config.secretKeys.mirrorMakerPassword) : undefined,
    };
}
