// The local platform's certificates, made with openssl as Strimzi makes them: a cluster CA, a clients CA, and one certificate per identity.
import { execFile } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);
const DAYS = "30";
/** EC keys: as good as Strimzi's RSA for who-is-who, and made in milliseconds rather than seconds on a busy machine. */
const NEW_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];

export interface Subject {
    cn: string;
    o?: string;
}

export interface IssuedCertificate {
    cert: string;
    key: string;
    /** Key and certificate in one PEM file: a Kafka `PEM` keystore. */
    pem: string;
}

export interface UserKeystore extends IssuedCertificate {
    /** PKCS#12 keystore, as Strimzi's user Secret holds it (`user.p12`), and its password. */
    p12: string;
    password: string;
}

async function openssl(args: string[], what: string): Promise<void> {
    try {
        await run("openssl", args, { timeout: 30_000 });
    } catch (error) {
        const stderr = (error as { stderr?: string }).stderr ?? (error as Error).message;
        throw new Error(`openssl could not ${what}: ${stderr.trim().split("\n")[0]}`);
    }
}

function subjectText(subject: Subject): string {
    // openssl writes RDNs in the given order; Kafka names the principal in reverse (RFC 2253): CN=...,O=...
    return (subject.o ? `/O=${subject.o}` : "") + `/CN=${subject.cn}`;
}

export async function createCa(dir: string, name: string, subject: Subject): Promise<{ cert: string; key: string }> {
    fs.mkdirSync(dir, { recursive: true });
    const cert = path.join(dir, `${name}.crt`);
    const key = path.join(dir, `${name}.key`);
    await openssl(["req", "-x509", ...NEW_KEY, "-nodes", "-keyout", key, "-out", cert, "-days", DAYS, "-subj", subjectText(subject),
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], `create the ${name} certificate authority`);
    return { cert, key };
}

/** A certificate signed by `ca`; servers get 127.0.0.1 and localhost as names, so clients verify the host as usual. */
export async function issueCertificate(dir: string, name: string, subject: Subject, ca: { cert: string; key: string }, server = false): Promise<IssuedCertificate> {
    fs.mkdirSync(dir, { recursive: true });
    const key = path.join(dir, `${name}.key`);
    const csr = path.join(dir, `${name}.csr`);
    const cert = path.join(dir, `${name}.crt`);
    const extensions = path.join(dir, `${name}.ext`);
    await openssl(["req", "-new", ...NEW_KEY, "-nodes", "-keyout", key, "-out", csr, "-subj", subjectText(subject)], `create a key for ${subject.cn}`);
    fs.writeFileSync(extensions, server ? "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n" : "extendedKeyUsage=clientAuth\n");
    await openssl(["x509", "-req", "-in", csr, "-CA", ca.cert, "-CAkey", ca.key, "-set_serial", `0x${randomBytes(8).toString("hex")}`, "-days", DAYS, "-out", cert, "-extfile", extensions],
        `sign the certificate of ${subject.cn}`);
    fs.rmSync(csr);
    fs.rmSync(extensions);
    const pem = path.join(dir, `${name}.pem`);
    fs.writeFileSync(pem, fs.readFileSync(key, "utf8") + fs.readFileSync(cert, "utf8"), { mode: 0o600 });
    return { cert, key, pem };
}

export async function issueUserKeystore(dir: string, name: string, subject: Subject, ca: { cert: string; key: string }): Promise<UserKeystore> {
    const issued = await issueCertificate(dir, name, subject, ca);
    const password = randomBytes(12).toString("hex");
    const p12 = path.join(dir, `${name}.p12`);
    await openssl(["pkcs12", "-export", "-in", issued.cert, "-inkey", issued.key, "-name", name, "-out", p12, "-passout", `pass:${password}`], `write the keystore of ${subject.cn}`);
    return { ...issued, p12, password };
}
