// The SSD StorageClass the Kafka and ZooKeeper volumes claim (the design's `class: pd-ssd`).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of StorageClasses; the Kubernetes provider comes through `opts.provider` (or `providers`). */
export interface StorageClassesArgs {
    /** Name of the SSD class, the `class` of the Kafka and ZooKeeper storage; default "pd-ssd". */
    ssdClassName?: string;
}

export class StorageClasses extends pulumi.ComponentResource {
    public readonly ssdClass: k8s.storage.v1.StorageClass;
    /** Name of the SSD StorageClass. */
    public readonly ssdClassName: string;

    constructor(name: string, args: StorageClassesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-platform:gcp:StorageClasses", name, {}, opts);

        const ssdClassName = args.ssdClassName ?? "pd-ssd";
        if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(ssdClassName)) {
            throw new Error(`StorageClasses "${name}": ssdClassName "${ssdClassName}" is not a Kubernetes object name; use lowercase letters, digits, '-' and '.', e.g. "pd-ssd"`);
        }
        this.ssdClassName = ssdClassName;

        this.ssdClass = new k8s.storage.v1.StorageClass(`${name}-ssd`, {
            metadata: {
                name: ssdClassName,
                // GKE's own default class stays the default; Kafka asks for this one by name.
                annotations: { "storageclass.kubernetes.io/is-default-class": "false" },
            },
            provisioner: "pd.csi.storage.gke.io",
            parameters: { type: "pd-ssd" },
            // Provision each disk in the zone its broker is scheduled to, not in a random zone first.
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            // A deleted claim must never delete a broker's log segments.
            reclaimPolicy: "Retain",
        }, {
            parent: this,
            // Parameters are immutable and the name is fixed, so a change must delete the class before recreating it; bound volumes are unaffected.
            deleteBeforeReplace: true,
        });

        this.registerOutputs({ ssdClassName: this.ssdClassName });
    }
}
