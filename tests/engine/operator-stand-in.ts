// Plays, on the local API server, the parts of Strimzi's operators and of the kubelet that cannot run here, and says so.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { scratchDir } from "../scratch";

const run = promisify(execFile);

/** The Strimzi kinds whose `Ready` condition `pulumi up` waits on (pulumi.com/waitFor). */
const STRIMZI_KINDS = ["kafkas", "kafkatopics", "kafkausers", "kafkaconnects", "kafkaconnectors", "kafkamirrormaker2s"];
const NODE_NAME = "engine-test-node";
/** The address the stand-in's load balancer "assigns" to the cross-region bootstrap Service. */
export const STAND_IN_LOAD_BALANCER_IP = "10.99.0.10";

interface KubeObject {
    kind: string;
    metadata: { name: string; namespace?: string; generation?: number; deletionTimestamp?: string };
    spec?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    status?: { conditions?: { type: string; status: string }[]; observedGeneration?: number; phase?: string };
}

export interface StandIn {
    /** What it has done, one line per object, in order. */
    actions: string[];
    stop(): Promise<void>;
}

/**
 * Every second: marks each Strimzi resource Ready at its current generation (after creating, for a Kafka, the
 * cross-region bootstrap Service with a load-balancer address and the cluster CA Secret, as Strimzi does), and
 * runs each pending Pod on a stand-in node (bound, Running, Ready, with an address) and removes each deleted one, as a
 * kubelet would.
 */
export function startStandIn(kubeconfig: string, log: (line: string) => void): StandIn {
    const actions: string[] = [];
    const kubectl = async (args: string[], input?: string) => {
        const child = run("kubectl", [`--kubeconfig=${kubeconfig}`, ...args], { maxBuffer: 256 * 1024 * 1024 });
        if (input !== undefined) child.child.stdin?.end(input);
        return (await child).stdout;
    };
    const act = (line: string) => {
        actions.push(line);
        log(`stand-in: ${line}`);
    };
    let nodeCreated = false;
    let podIp = 10;

    const ensureKafkaDependents = async (kafka: KubeObject) => {
        const { name, namespace } = kafka.metadata;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const listener = (kafka.spec?.kafka?.listeners ?? []).find((l: any) => l.type === "loadbalancer");
        if (listener) {
            const service = `${name}-kafka-${listener.name}-bootstrap`;
            await kubectl(["apply", "-f", "-"], JSON.stringify({
                apiVersion: "v1", kind: "Service",
                metadata: { name: service, namespace, labels: { "strimzi.io/cluster": name, "strimzi.io/kind": "Kafka" } },
                spec: { type: "LoadBalancer", ports: [{ name: listener.name, port: listener.port, targetPort: listener.port }], selector: { "strimzi.io/cluster": name, "strimzi.io/kind": "Kafka", "strimzi.io/name": `${name}-kafka` } },
            }));
            await kubectl(["patch", "service", service, "-n", namespace as string, "--subresource=status", "--type=merge", "-p", JSON.stringify({ status: { loadBalancer: { ingress: [{ ip: STAND_IN_LOAD_BALANCER_IP }] } } })]);
            act(`Service ${namespace}/${service} (type LoadBalancer, ingress ${STAND_IN_LOAD_BALANCER_IP}) as Strimzi's Cluster Operator and a cloud load balancer would create it`);
        }
        const caSecret = `${name}-cluster-ca-cert`;
        await kubectl(["create", "secret", "generic", caSecret, "-n", namespace as string, `--from-literal=ca.crt=${selfSignedCa(name)}`, "--dry-run=client", "-o", "json"])
            .then((secret) => kubectl(["apply", "-f", "-"], secret));
        act(`Secret ${namespace}/${caSecret} (a fresh self-signed CA) as Strimzi's Cluster Operator would create it`);
    };

    const markReady = async (object: KubeObject, resource: string) => {
        const { name, namespace, generation } = object.metadata;
        if (object.kind === "Kafka") await ensureKafkaDependents(object);
        const status = { observedGeneration: generation, conditions: [{ type: "Ready", status: "True", lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, "Z") }] };
        await kubectl(["patch", resource, name, "-n", namespace as string, "--subresource=status", "--type=merge", "-p", JSON.stringify({ status })]);
        act(`${object.kind} ${namespace}/${name} Ready at generation ${generation} (Strimzi's operators cannot run here)`);
    };

    const runPod = async (pod: KubeObject) => {
        const { name, namespace } = pod.metadata;
        if (!nodeCreated) {
            await kubectl(["apply", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "Node", metadata: { name: NODE_NAME, labels: { "kubernetes.io/hostname": NODE_NAME } } }));
            nodeCreated = true;
        }
        await kubectl(["create", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "Binding", metadata: { name, namespace }, target: { apiVersion: "v1", kind: "Node", name: NODE_NAME } }));
        const ip = `10.98.0.${podIp++}`;
        const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const containers = (pod.spec?.containers ?? []).map((c: any) => ({ name: c.name, image: c.image, imageID: "", ready: true, started: true, restartCount: 0, state: { running: { startedAt: now } } }));
        const conditions = ["PodScheduled", "Initialized", "ContainersReady", "Ready"].map((type) => ({ type, status: "True", lastTransitionTime: now }));
        await kubectl(["patch", "pod", name, "-n", namespace as string, "--subresource=status", "--type=merge", "-p",
            JSON.stringify({ status: { phase: "Running", podIP: ip, podIPs: [{ ip }], hostIP: "127.0.0.1", startTime: now, conditions, containerStatuses: containers } })]);
        act(`Pod ${namespace}/${name} Running and Ready on ${NODE_NAME} at ${ip} (no kubelet can run here)`);
    };

    // A kubelet confirms a deleted Pod's end once its containers stopped; until then the Pod, and a Deployment
    // deleted in the foreground, stay on the API server, so `pulumi destroy` would wait for ever.
    const stopPod = async (pod: KubeObject) => {
        const { name, namespace } = pod.metadata;
        await kubectl(["delete", "pod", name, "-n", namespace as string, "--grace-period=0", "--force", "--ignore-not-found"]);
        act(`Pod ${namespace}/${name} stopped and removed (no kubelet can run here)`);
    };

    const tick = async () => {
        const strimzi = JSON.parse(await kubectl(["get", STRIMZI_KINDS.join(","), "-A", "-o", "json"])).items as KubeObject[];
        for (const object of strimzi) {
            const ready = object.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") && object.status?.observedGeneration === object.metadata.generation;
            if (!ready) await markReady(object, `${object.kind.toLowerCase()}s`);
        }
        const pods = JSON.parse(await kubectl(["get", "pods", "-A", "-o", "json"])).items as KubeObject[];
        for (const pod of pods) {
            if (pod.metadata.deletionTimestamp) await stopPod(pod);
            else if (!pod.spec?.nodeName && pod.status?.phase === "Pending") await runPod(pod);
        }
    };

    let stopped = false;
    const loop = (async () => {
        while (!stopped) {
            await tick().catch((err) => log(`stand-in: ${String(err.message ?? err).split("\n")[0]}`));
            await new Promise((resolve) => setTimeout(resolve, 1000));
        }
    })();
    log("stand-in: playing Strimzi's operators (Ready conditions, the cross-region bootstrap Service, the cluster CA Secret) and the kubelet (Pods Running, deleted Pods removed)");
    return {
        actions,
        stop: async () => {
            stopped = true;
            await loop;
        },
    };
}

function selfSignedCa(cluster: string): string {
    const dir = scratchDir("stand-in-ca-");
    try {
        execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/O=io.strimzi/CN=cluster-ca v0 ${cluster}`,
            "-keyout", path.join(dir, "ca.key"), "-out", path.join(dir, "ca.crt")], { stdio: "ignore" });
        return fs.readFileSync(path.join(dir, "ca.crt"), "utf8");
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
