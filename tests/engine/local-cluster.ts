// A throwaway Kubernetes control plane on loopback (etcd, kube-apiserver, kube-controller-manager) with Strimzi's CRDs.
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

export interface ClusterPorts {
    apiServer: number;
    etcdClient: number;
    etcdPeer: number;
    controllerManager: number;
}

/**
 * Ports of the local control planes, one per region: ENGINE_PORT_BASE (default 25000) plus fixed offsets, so one
 * variable moves them all clear of anything else on the machine (Kafka's 9092-9094 among them).
 */
export function clusterPorts(region: "primary" | "dr"): ClusterPorts {
    const base = Number(process.env.ENGINE_PORT_BASE ?? 25000) + (region === "primary" ? 0 : 10);
    return { apiServer: base + 443, etcdClient: base + 379, etcdPeer: base + 380, controllerManager: base + 257 };
}

export interface LocalCluster {
    /** A kubeconfig whose one context is named after the cluster. */
    kubeconfig: string;
    /** kubectl against this cluster; throws with kubectl's stderr on failure. */
    kubectl(args: string[], input?: string): string;
    stop(): void;
}

/**
 * Starts the control plane in `dir` from the toolchain's binaries (on PATH), installs every CRD under `crdDirs`
 * and waits until they are Established. Everything it starts is stopped by `stop()`, by pid.
 */
export async function startLocalCluster(name: string, ports: ClusterPorts, dir: string, crdDirs: string[], log: (line: string) => void): Promise<LocalCluster> {
    fs.mkdirSync(dir, { recursive: true });
    const processes: ChildProcess[] = [];
    const start = (program: string, args: string[]) => {
        const out = fs.openSync(path.join(dir, `${program}.log`), "w");
        const child = spawn(program, args, { stdio: ["ignore", out, out] });
        child.on("error", (err) => log(`${program} failed to start: ${err.message}`));
        processes.push(child);
        return child;
    };
    // Last started, first stopped, each before the next: an API server whose etcd is gone hangs in its shutdown.
    const stop = () => {
        for (const child of [...processes].reverse()) {
            if (child.exitCode !== null || child.signalCode !== null || !child.pid) continue;
            child.kill("SIGTERM");
            if (!exitsWithin(child.pid, 15_000)) child.kill("SIGKILL");
        }
    };

    try {
        // Service-account tokens need a signing key; the admin's access is a static token in system:masters.
        const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
        fs.writeFileSync(path.join(dir, "sa.key"), privateKey.export({ type: "pkcs8", format: "pem" }));
        fs.writeFileSync(path.join(dir, "sa.pub"), publicKey.export({ type: "spki", format: "pem" }));
        const token = crypto.randomBytes(24).toString("hex");
        fs.writeFileSync(path.join(dir, "tokens.csv"), `${token},admin,admin,system:masters\n`);
        const kubeconfig = path.join(dir, "kubeconfig");
        fs.writeFileSync(kubeconfig, [
            "apiVersion: v1", "kind: Config", `current-context: ${name}`,
            "clusters:", `- name: ${name}`, "  cluster:", `    server: https://127.0.0.1:${ports.apiServer}`, "    insecure-skip-tls-verify: true",
            "users:", `- name: ${name}-admin`, "  user:", `    token: ${token}`,
            "contexts:", `- name: ${name}`, "  context:", `    cluster: ${name}`, `    user: ${name}-admin`, "",
        ].join("\n"));

        start("etcd", [
            "--name=local", `--data-dir=${path.join(dir, "etcd")}`, "--unsafe-no-fsync",
            `--listen-client-urls=http://127.0.0.1:${ports.etcdClient}`, `--advertise-client-urls=http://127.0.0.1:${ports.etcdClient}`,
            `--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
            `--initial-cluster=local=http://127.0.0.1:${ports.etcdPeer}`,
        ]);
        start("kube-apiserver", [
            `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
            `--secure-port=${ports.apiServer}`, `--cert-dir=${path.join(dir, "certs")}`, `--token-auth-file=${path.join(dir, "tokens.csv")}`,
            "--authorization-mode=Node,RBAC", "--service-cluster-ip-range=10.96.0.0/16",
            "--service-account-issuer=https://kubernetes.default.svc", `--service-account-key-file=${path.join(dir, "sa.pub")}`,
            `--service-account-signing-key-file=${path.join(dir, "sa.key")}`,
            // On loopback there is no address for the kubernetes Service's endpoints to reconcile to.
            "--endpoint-reconciler-type=none",
        ]);
        const kubectl = (args: string[], input?: string) =>
            execFileSync("kubectl", [`--kubeconfig=${kubeconfig}`, ...args], { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
        await waitFor("kube-apiserver /readyz", 60_000, () => kubectl(["get", "--raw", "/readyz"]).trim() === "ok");
        // Deployments become ReplicaSets and Pods, and ready Pods become Service endpoints, as in any cluster; the
        // garbage collector ends the provider's foreground deletions (without it a deleted object waits for ever).
        start("kube-controller-manager", [
            `--kubeconfig=${kubeconfig}`, "--leader-elect=false", "--bind-address=127.0.0.1", `--secure-port=${ports.controllerManager}`,
            "--controllers=deployment-controller,replicaset-controller,endpoints-controller,endpointslice-controller,serviceaccount-controller,garbage-collector-controller",
            `--service-account-private-key-file=${path.join(dir, "sa.key")}`,
        ]);
        for (const crdDir of crdDirs) kubectl(["create", "-f", crdDir]);
        kubectl(["wait", "--for=condition=Established", "--timeout=60s", "crd", "--all"]);
        log(`${name}: local Kubernetes API server ready on 127.0.0.1:${ports.apiServer} (etcd ${ports.etcdClient}), CRDs from ${crdDirs.join(", ")}`);
        return { kubeconfig, kubectl, stop };
    } catch (err) {
        stop();
        throw new Error(`the local Kubernetes control plane "${name}" did not start (logs in ${dir}): ${(err as Error).message}`);
    }
}

/** Whether the process `pid` ends within `timeoutMs`, polled synchronously so `stop()` can run in an exit path. */
function exitsWithin(pid: number, timeoutMs: number): boolean {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        try {
            process.kill(pid, 0);
        } catch {
            return true;
        }
        execFileSync("sleep", ["0.2"]);
    }
    return false;
}

export async function waitFor(what: string, timeoutMs: number, ready: () => boolean): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            if (ready()) return;
        } catch {
            /* not yet */
        }
        if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}
