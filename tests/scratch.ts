// Temporary folders for tests, removed when the test process exits, so a run leaves nothing behind in the system's temp folder.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const made: string[] = [];
process.once("exit", () => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temp folder, named `<prefix>XXXXXX`. */
export function scratchDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
}
