/**
 * A certificate for 127.0.0.1 made at test time (the emulator's STS is https only, as the SDKs call it).
 * Self-signed and marked as a CA, so the certificate itself is the trust anchor: pass `cert` as an agent's
 * `ca`, or `caFile` as NODE_EXTRA_CA_CERTS to a child process (the engine, the provider host).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface TestTls {
  key: string;
  cert: string;
  /** PEM file of `cert`. */
  caFile: string;
}

let made: Promise<TestTls> | undefined;

export function testTls(): Promise<TestTls> {
  made ??= (async () => {
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      keyType: "ec",
      curve: "P-256",
      notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
      extensions: [
        { name: "basicConstraints", cA: true },
        { name: "keyUsage", digitalSignature: true, keyCertSign: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
      ],
    });
    const caFile = join(mkdtempSync(join(tmpdir(), "alicloud-vpn-tls-")), "ca.pem");
    writeFileSync(caFile, pems.cert);
    return { key: pems.private, cert: pems.cert, caFile };
  })();
  return made;
}
