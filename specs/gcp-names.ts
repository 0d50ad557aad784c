// Google Cloud naming rules the components check before creating anything; pure, no Pulumi.

/** Google's rule for service account IDs: 6–30 characters, lowercase letters, digits and hyphens, starting with a letter. */
export function serviceAccountIdProblem(accountId: string): string | undefined {
    if (/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(accountId)) return undefined;
    return `service account ID "${accountId}" must be 6–30 characters of lowercase letters, digits and hyphens, start with a letter and not end with a hyphen`;
}

/** GKE's rule for cluster names: up to 40 characters, lowercase letters, digits and hyphens, starting with a letter. */
export function clusterNameProblem(clusterName: string): string | undefined {
    if (/^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(clusterName)) return undefined;
    return `GKE cluster name "${clusterName}" must be 1–40 characters of lowercase letters, digits and hyphens, start with a letter and not end with a hyphen`;
}

/**
 * Problems with a bucket name under the GCS rules for names without dots as domain parts:
 * 3–63 characters; lowercase letters, digits, `-`, `_`, `.`; starts and ends with a letter or digit;
 * no "goog" prefix, no "google" inside, not an IP address.
 */
export function bucketNameProblems(bucketName: string): string[] {
    const problems: string[] = [];
    if (bucketName.length < 3 || bucketName.length > 63) problems.push(`is ${bucketName.length} characters long, outside 3–63`);
    if (!/^[a-z0-9._-]*$/.test(bucketName)) problems.push("may hold only lowercase letters, digits, '-', '_' and '.'");
    if (!/^[a-z0-9]/.test(bucketName) || !/[a-z0-9]$/.test(bucketName)) problems.push("must start and end with a letter or digit");
    if (bucketName.startsWith("goog")) problems.push('must not start with "goog"');
    if (bucketName.includes("google")) problems.push('must not contain "google"');
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucketName)) problems.push("must not be an IP address");
    return problems;
}
