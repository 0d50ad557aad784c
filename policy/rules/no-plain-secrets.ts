// Mandatory: no secret value sits in a Kubernetes resource's plain fields; secrets live in Kubernetes Secrets.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { KUBERNETES_SECRET } from "./resource-types";

// Compared against a key with its separators removed, so `database.password` and `clientSecret` both match.
const SECRET_KEY = /(password|passwd|secret|token|credentials?|apikey|privatekey|accesskey)$/;
// Kafka config providers (`${file:...}`, `${secrets:...}`, `${env:...}`) resolve the value inside the pod.
const CONFIG_PROVIDER_REFERENCE = /^\$\{[A-Za-z][\w-]*:[^}]*\}$/;
// A `<namespace>/<name>` value names a Secret, as the client ConfigMaps' `kafka-platform.credentials.secret` does.
const SECRET_NAME_REFERENCE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const INLINE_JAAS_PASSWORD = /password\s*=\s*"(?!\$\{)[^"]+"/i;

/** Paths (`spec.config.database.password`) of values in `value` that look like secrets. */
export function plainSecretPaths(value: unknown, path = ""): string[] {
    if (typeof value === "string") {
        return PEM_PRIVATE_KEY.test(value) || INLINE_JAAS_PASSWORD.test(value) ? [path] : [];
    }
    if (Array.isArray(value)) return value.flatMap((item, i) => plainSecretPaths(item, `${path}[${i}]`));
    if (value === null || typeof value !== "object") return [];
    // Objects naming a Secret (`passwordSecret: {secretName, password}`, `secretKeyRef: {name, key}`) hold key names, not values.
    if ("secretName" in value) return [];
    const record = value as Record<string, unknown>;
    // An env-style pair `{name: DB_PASSWORD, value: ...}` carries the secret in `value`.
    if (typeof record.name === "string" && isSecretKey(record.name) && isPlainValue(record.value)) return [path ? `${path}.value` : "value"];
    return Object.entries(record).flatMap(([key, child]) => {
        const childPath = path ? `${path}.${key}` : key;
        // `...KeyRef` points into a Secret; a qualified annotation name like `checksum/secret` describes one.
        if (/KeyRef$/.test(key) || key.includes("/")) return [];
        if (isSecretKey(key) && isPlainValue(child)) return [childPath];
        return plainSecretPaths(child, childPath);
    });
}

function isSecretKey(key: string): boolean {
    return SECRET_KEY.test(key.toLowerCase().replace(/[._-]/g, ""));
}

function isPlainValue(value: unknown): boolean {
    return typeof value === "string" && value !== "" && !CONFIG_PROVIDER_REFERENCE.test(value) && !SECRET_NAME_REFERENCE.test(value);
}

export const noPlainSecrets: ResourceValidationPolicy = {
    name: "no-plain-secrets",
    description: "Kubernetes resources other than Secrets carry no passwords, tokens or private keys in their fields.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (!args.type.startsWith("kubernetes:") || args.type === KUBERNETES_SECRET) return;
        for (const path of plainSecretPaths(args.props)) {
            reportViolation(
                `${path} of "${args.name}" holds what looks like a secret in plain text, readable by anyone who can read the resource. ` +
                    `Put it in a Kubernetes Secret and reference it (secretKeyRef, passwordSecret, or a \${secrets:<namespace>/<secret>:<key>} config provider reference).`,
            );
        }
    },
};
