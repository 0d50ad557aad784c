// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a program.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { SECRET_CONFIG_KEYS } from "../config/platform-config";

export interface StackConfig {
    project: string;
    /** Full key to value; structured values are JSON text, as the Pulumi CLI passes them. */
    config: Record<string, string>;
    secretKeys: string[];
}

/** Stand-in for a `secure:` value, which only the stack's own key can decrypt. */
export function secretPlaceholder(key: string): string {
    return `[secret ${key}]`;
}

/** Loads the project's name and the stack's config; `overrides` are `KEY=VALUE` strings. */
export function readStackConfig(root: string, stack: string, overrides: string[]): StackConfig {
    const project = YAML.parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"))?.name;
    if (typeof project !== "string") throw new Error("Pulumi.yaml: name: the project name is missing");
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        const stacks = fs.readdirSync(root).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice(7, -5));
        throw new Error(`--stack ${stack}: there is no Pulumi.${stack}.yaml; stacks: ${stacks.join(", ")}`);
    }
    const doc = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
    const raw = (doc.config ?? {}) as Record<string, unknown>;
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
        if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value && Object.keys(value).length === 1) {
            config[key] = secretPlaceholder(key);
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    const problems: string[] = [];
    for (const override of overrides) {
        const eq = override.indexOf("=");
        const key = eq > 0 ? override.slice(0, eq) : "";
        if (!/^[a-zA-Z0-9_-]+:[a-zA-Z0-9_.-]+$/.test(key)) {
            problems.push(`--config ${override}: expected NAMESPACE:KEY=VALUE, such as kafka-platform:topicBackend=kafka`);
            continue;
        }
        config[key] = override.slice(eq + 1);
    }
    if (problems.length > 0) throw new Error(problems.join("\n"));
    // Secrets live only in each deployer's stack file, encrypted; the render stands in for every one it is not given,
    // and one given on the command line stays a secret all the same.
    for (const key of SECRET_CONFIG_KEYS.map((k) => `kafka-platform:${k}`)) {
        config[key] ??= secretPlaceholder(key);
        if (!secretKeys.includes(key)) secretKeys.push(key);
    }
    return { project, config, secretKeys };
}
