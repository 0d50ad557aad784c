// docs/configuration.md, written from the setting tables so the page and the parser cannot disagree.
import { Section, Setting } from "./settings";
import { SECTIONS } from "./tables";

export const CONFIGURATION_DOC = "docs/configuration.md";

export function configurationDoc(): string {
    const lines = [
        "# Stack configuration",
        "",
        "<!-- Written by `npm run docs:config` from config/tables.ts; edit the tables, not this page. -->",
        "",
        "All keys live in `Pulumi.<stack>.yaml` under `kafka-platform:` (provider keys under `gcp:`). They are read and",
        "validated once, from the tables in `config/tables.ts`; a bad value fails `pulumi preview` and `npm run render`",
        "naming the file (or the `--config` flag) and the key, every problem at once, and nothing is deployed or written.",
        "Defaults are the design document's values. A section is one mapping: setting `kafka-platform:kafka` replaces the",
        "whole mapping, so list every field you change in it.",
        "",
        "## Provider keys",
        "",
        "| Key | Meaning |",
        "| --- | --- |",
        "| `gcp:project` | required: the Google Cloud project ID |",
        "| `gcp:region` | required: the region, such as `europe-west1`; its zones come from a built-in table unless `zones` is set |",
        "",
    ];
    for (const s of SECTIONS) lines.push(...sectionDoc(s), "");
    lines.push(
        "## Checks across settings",
        "",
        "- `zones` are three distinct zones of `gcp:region`; `kafka.brokers` is a multiple of the zone count.",
        "- The `network` ranges do not overlap one another (nor the other stack's: they are peered).",
        "- The Kafka pool (`gke.kafkaMachineType` × `gke.kafkaNodesPerZone`) holds each zone's share of brokers and ZooKeeper nodes.",
        "- `brokerConfig` may not set keys Strimzi manages itself, may not turn on unclean leader election, and no replication factor in it exceeds `kafka.brokers`.",
        "- With `connect.enabled`: `connect.databaseHost`, `databaseUser`, `databaseName` and `cdcDatabasePassword` are required.",
        "- On the primary `mirrorMakerPassword` is required; on `dr`, `primaryStack`.",
        "- With `topicBackend: kafka`, `topicBackendBootstrap` is required; `topicBackendTls.clientCertFile` and `clientKeyFile` go together.",
        "- An empty `gke.masterAuthorizedNetworks` is a warning in preview and in the render's summary: the deploy workflow cannot reach the control plane.",
        "",
    );
    return lines.join("\n");
}

function sectionDoc(s: Section<Record<string, Setting<any>>>): string[] {
    const heading = s.key ? `## \`kafka-platform:${s.key}\`: ${s.title}` : `## ${s.title}`;
    const rows = Object.entries(s.settings).map(([field, setting]) => `| \`${field}\` | ${setting.kind.type} | ${defaultText(setting)} | ${setting.doc} | ${setting.goesTo} |`);
    const retired = Object.entries(s.retired ?? {}).map(([field, why]) => `- \`${field}\` is no longer a setting: ${why}.`);
    return [heading, "", s.doc, "", "| Key | Type | Default | Meaning | Goes to |", "| --- | --- | --- | --- | --- |", ...rows, ...(retired.length ? ["", ...retired] : [])];
}

function defaultText(setting: Setting<any>): string {
    if (setting.defaultDoc) return setting.defaultDoc;
    if (setting.secret) return "secret";
    if (setting.default === undefined) return "none";
    return `\`${typeof setting.default === "string" ? setting.default : JSON.stringify(setting.default)}\``;
}
