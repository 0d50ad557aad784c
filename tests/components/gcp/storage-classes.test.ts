// StorageClasses: the pd-ssd class the Kafka and ZooKeeper volumes claim.
import * as assert from "assert";
import { StorageClasses } from "../../../components/storage-classes";
import { RecordedResource } from "../../../render/mock-runtime";
import { one, record } from "./helpers";

describe("StorageClasses", () => {
    let ssd: RecordedResource;
    let classes: StorageClasses;

    before(async () => {
        const resources = await record(() => {
            classes = new StorageClasses("prod-storage", {});
        });
        ssd = one(resources, "kubernetes:storage.k8s.io/v1:StorageClass", "prod-storage-ssd");
    });

    it("names the class pd-ssd, as the design's Kafka storage asks", () => {
        assert.strictEqual((ssd.inputs.metadata as { name: string }).name, "pd-ssd");
        assert.strictEqual(classes.ssdClassName, "pd-ssd");
    });

    it("provisions SSD persistent disks through the GKE CSI driver", () => {
        assert.strictEqual(ssd.inputs.provisioner, "pd.csi.storage.gke.io");
        assert.deepStrictEqual(ssd.inputs.parameters, { type: "pd-ssd" });
    });

    it("binds volumes where the broker is scheduled, allows expansion and retains disks", () => {
        assert.strictEqual(ssd.inputs.volumeBindingMode, "WaitForFirstConsumer");
        assert.strictEqual(ssd.inputs.allowVolumeExpansion, true);
        assert.strictEqual(ssd.inputs.reclaimPolicy, "Retain");
    });

    it("is not the default class", () => {
        assert.deepStrictEqual((ssd.inputs.metadata as { annotations: Record<string, string> }).annotations, {
            "storageclass.kubernetes.io/is-default-class": "false",
        });
    });

    it("deletes before replacing, since its name is fixed and its parameters immutable", () => {
        assert.strictEqual(ssd.options.deleteBeforeReplace, true);
        assert.strictEqual(ssd.parent, "prod-storage");
    });

    it("takes another class name", async () => {
        const resources = await record(() => new StorageClasses("s", { ssdClassName: "kafka-ssd" }));
        assert.strictEqual((one(resources, "kubernetes:storage.k8s.io/v1:StorageClass", "s-ssd").inputs.metadata as { name: string }).name, "kafka-ssd");
    });

    it("refuses a class name Kubernetes would reject", () =>
        assert.rejects(record(() => new StorageClasses("s", { ssdClassName: "PD_SSD" })), /ssdClassName "PD_SSD" is not a Kubernetes object name/));
});
