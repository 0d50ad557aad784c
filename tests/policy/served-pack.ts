// Starts the policy pack with Pulumi's own policy runner and talks to it over the analyzer gRPC protocol, as the CLI does.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
// The protocol stubs and their gRPC and protobuf runtimes must be the copies @pulumi/pulumi itself loads.
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [require.resolve("@pulumi/pulumi/proto/analyzer_pb.js")] }));
const grpc = fromPulumi("@grpc/grpc-js");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb.js");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb");

const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

export interface Diagnostic {
    policyName: string;
    enforcementLevel: string;
    message: string;
}

export class ServedPack {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: any,
    ) {}

    /** Runs `policy/` as `pulumi preview --policy-pack policy` would, and connects to it. */
    static async start(): Promise<ServedPack> {
        const runner = path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
        const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd: path.join(ROOT, "policy") });
        let stderr = "";
        child.stderr!.on("data", (chunk) => (stderr += chunk));
        const port = await new Promise<string>((resolve, reject) => {
            child.stdout!.once("data", (chunk) => resolve(String(chunk).trim()));
            child.once("exit", (code) => reject(new Error(`the policy pack exited with ${code}:\n${stderr}`)));
        });
        const Client = grpc.makeGenericClientConstructor(analyzerGrpc.AnalyzerService, "Analyzer");
        return new ServedPack(child, new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()));
    }

    async policies(): Promise<{ name: string; enforcementLevel: string }[]> {
        const info = await this.call("getAnalyzerInfo", new Empty());
        return info.getPoliciesList().map((p: any) => ({ name: p.getName(), enforcementLevel: ENFORCEMENT_LEVELS[p.getEnforcementlevel()] }));
    }

    /** Sends a policy config file's contents, as `--policy-pack-config` does. */
    async configure(config: Record<string, Record<string, unknown>>): Promise<void> {
        const request = new analyzerPb.ConfigureAnalyzerRequest();
        for (const [policy, properties] of Object.entries(config)) {
            const policyConfig = new analyzerPb.PolicyConfig();
            policyConfig.setEnforcementlevel(ENFORCEMENT_LEVELS.indexOf("mandatory"));
            policyConfig.setProperties(Struct.fromJavaScript(properties));
            request.getPolicyconfigMap().set(policy, policyConfig);
        }
        await this.call("configure", request);
    }

    async analyze(resource: { type: string; name: string; props: Record<string, unknown>; protect: boolean; stack?: string }): Promise<Diagnostic[]> {
        const request = new analyzerPb.AnalyzeRequest();
        request.setType(resource.type);
        request.setName(resource.name);
        request.setUrn(`urn:pulumi:${resource.stack ?? "prod"}::kafka-platform::${resource.type}::${resource.name}`);
        request.setProperties(Struct.fromJavaScript(resource.props));
        const options = new analyzerPb.AnalyzerResourceOptions();
        options.setProtect(resource.protect);
        request.setOptions(options);
        const response = await this.call("analyze", request);
        return response.getDiagnosticsList().map((d: any) => ({ policyName: d.getPolicyname(), enforcementLevel: ENFORCEMENT_LEVELS[d.getEnforcementlevel()], message: d.getMessage() }));
    }

    stop(): void {
        this.client.close();
        this.child.kill();
    }

    private call(method: string, request: unknown): Promise<any> {
        return new Promise((resolve, reject) => this.client[method](request, (error: Error | null, response: any) => (error ? reject(error) : resolve(response))));
    }
}
