// Tests the GitHub workflows: actionlint finds nothing, and they preview and deploy the way the README says.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const ROOT = path.resolve(__dirname, "..", "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
// Built from the Go module proxy on first use and cached after; `npm run lint:workflows` runs the same.
const ACTIONLINT = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12";

interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
}
interface Job {
    needs?: string | string[];
    environment?: string;
    permissions?: Record<string, string>;
    strategy?: { matrix?: Record<string, unknown[]> };
    steps: Step[];
}
const workflow = (file: string) => parse(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as { on: Record<string, any>; jobs: Record<string, Job> };
const BASELINE_EXTRACTION = 'git fetch --no-tags --depth=1 origin "$BASE_REF"\nmkdir -p .baseline\ngit archive FETCH_HEAD topics | tar -x -C .baseline';
const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));
const stepUsing = (job: Job, action: string) => job.steps.find((s) => s.uses?.startsWith(`${action}@`));

describe("GitHub workflows", () => {
    it("pass actionlint", function () {
        this.timeout(600_000);
        const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(".github", "workflows", f));
        const result = spawnSync("go", ["run", ACTIONLINT, "-shellcheck=", "-pyflakes=", "-no-color", ...files], { cwd: ROOT, encoding: "utf8" });
        assert.ifError(result.error);
        assert.strictEqual(result.status, 0, `actionlint:\n${result.stdout}${result.stderr}`);
    });

    it("check every pull request: install, type-check, test, render both stacks and hold the renders to the guardrails", () => {
        const pr = workflow("pull-request.yml");
        assert.ok(pr.on.pull_request);
        assert.deepStrictEqual(runs(pr.jobs.check), [
            "npm ci --ignore-scripts",
            "npm run typecheck",
            "npm test",
            "npm run render -- --stack prod",
            "npm run render -- --stack dr",
            BASELINE_EXTRACTION,
            "npx ts-node --transpile-only policy/check-rendered.ts build/render/prod",
            "npx ts-node --transpile-only policy/check-rendered.ts build/render/dr",
        ]);
    });

    it("preview prod and dr through the policy pack and comment on the pull request", () => {
        const preview = workflow("pull-request.yml").jobs.preview;
        assert.ok(runs(preview).includes(BASELINE_EXTRACTION), "the preview extracts the base branch's catalog for the partition advisory");
        assert.deepStrictEqual(preview.strategy?.matrix?.stack, ["prod", "dr"]);
        assert.strictEqual(preview.permissions?.["pull-requests"], "write");
        const pulumi = stepUsing(preview, "pulumi/actions")?.with ?? {};
        assert.deepStrictEqual([pulumi.command, pulumi.policyPacks, pulumi.policyPackConfigs, pulumi["comment-on-pr"]], ["preview", "policy", "policy/policy-config.${{ matrix.stack }}.json", true]);
        for (const stack of ["prod", "dr"]) assert.ok(fs.existsSync(path.join(ROOT, "policy", `policy-config.${stack}.json`)), stack);
    });

    it("render each stack's plan against the base branch and post it on the pull request before the preview", () => {
        const preview = workflow("pull-request.yml").jobs.preview;
        const steps = runs(preview);
        const base = steps.findIndex((r) => r.includes("git worktree add --detach ../base FETCH_HEAD") && r.includes('--out "$GITHUB_WORKSPACE/build/base/$STACK"'));
        const plan = steps.findIndex((r) => r.includes('previous=(--previous "build/base/$STACK/resources.json")') && r.includes('npm run -s render -- --stack "$STACK" "${previous[@]}"'));
        const post = steps.indexOf('scripts/post-plan-comment.sh "$STACK" "$PR_NUMBER"');
        assert.ok(base >= 0 && plan > base && post > plan, steps.join("\n---\n"));
        assert.ok(preview.steps.findIndex((s) => s.run?.trim() === steps[post]) < preview.steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@")));
        assert.ok(fs.statSync(path.join(ROOT, "scripts", "post-plan-comment.sh")).mode & 0o100, "the posting script is executable");
    });

    it("deploy main to prod, then dr, each behind its protected environment and through the policy pack", () => {
        const deploy = workflow("deploy.yml");
        assert.deepStrictEqual(deploy.on.push.branches, ["main"]);
        assert.strictEqual(deploy.jobs.prod.environment, "prod");
        assert.strictEqual(deploy.jobs.dr.environment, "dr");
        assert.strictEqual(deploy.jobs.dr.needs, "prod");
        for (const stack of ["prod", "dr"]) {
            const pulumi = stepUsing(deploy.jobs[stack], "pulumi/actions")?.with ?? {};
            assert.deepStrictEqual([pulumi.command, pulumi["stack-name"], pulumi.policyPacks, pulumi.policyPackConfigs], ["up", `fsm/kafka-platform/${stack}`, "policy", `policy/policy-config.${stack}.json`]);
        }
    });

    it("reach Google Cloud only through OIDC federation, never a stored key", () => {
        for (const file of ["pull-request.yml", "deploy.yml"]) {
            for (const [name, job] of Object.entries(workflow(file).jobs)) {
                const auth = stepUsing(job, "google-github-actions/auth");
                if (!auth) continue;
                assert.strictEqual(job.permissions?.["id-token"], "write", `${file} ${name}`);
                assert.deepStrictEqual(Object.keys(auth.with ?? {}).sort(), ["service_account", "workload_identity_provider"], `${file} ${name}`);
                assert.match(String(auth.with?.workload_identity_provider), /^\$\{\{ vars\./, `${file} ${name}`);
            }
        }
    });
});
