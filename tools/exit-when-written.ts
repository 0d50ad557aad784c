// Ending a command-line process without losing what it printed, however slowly its reader reads.

/**
 * Exits once stdout and stderr have handed every byte to the reader. Writes to a pipe are
 * asynchronous in Node, and process.exit drops what a slow reader has not taken yet; a write's
 * callback runs after every earlier write on that stream has gone out.
 */
export function exitWhenWritten(code: number): void {
    let open = 2;
    const flushed = () => {
        if (--open === 0) process.exit(code);
    };
    process.stdout.write("", flushed);
    process.stderr.write("", flushed);
}
