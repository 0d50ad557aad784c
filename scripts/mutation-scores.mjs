// Prints the mutation score of each folder (and with --files, each file) from the reports under a folder
// (default reports/mutation/), one report per subfolder.
import fs from "fs";
import path from "path";

const root = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "reports/mutation";
const byFile = process.argv.includes("--files");
const detected = new Set(["Killed", "Timeout"]);

const rows = [];
for (const folder of fs.existsSync(root) ? fs.readdirSync(root).sort() : []) {
    const report = path.join(root, folder, "mutation.json");
    if (!fs.existsSync(report)) continue;
    const { files } = JSON.parse(fs.readFileSync(report, "utf8"));
    const total = { name: `${folder}/`, killed: 0, survived: 0, noCoverage: 0 };
    const perFile = [];
    for (const [file, { mutants }] of Object.entries(files).sort()) {
        const row = { name: `  ${file}`, killed: 0, survived: 0, noCoverage: 0 };
        for (const m of mutants) {
            if (detected.has(m.status)) row.killed++;
            else if (m.status === "Survived") row.survived++;
            else if (m.status === "NoCoverage") row.noCoverage++;
        }
        for (const k of ["killed", "survived", "noCoverage"]) total[k] += row[k];
        perFile.push(row);
    }
    rows.push(total, ...(byFile ? perFile : []));
}
if (rows.length === 0) {
    console.log("no mutation results yet: npm run test:mutation [FOLDER...]");
    process.exit(0);
}
const score = (r) => {
    const valid = r.killed + r.survived + r.noCoverage;
    return valid === 0 ? "n/a" : `${((100 * r.killed) / valid).toFixed(1)}%`;
};
console.log(["score".padStart(7), "killed".padStart(7), "survived".padStart(9), "no cover".padStart(9), "  code"].join(" "));
for (const r of rows) {
    console.log([score(r).padStart(7), String(r.killed).padStart(7), String(r.survived).padStart(9), String(r.noCoverage).padStart(9), `  ${r.name}`].join(" "));
}
