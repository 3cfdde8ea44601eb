/**
 * The local CA and its localhost certificate (bridge/tls/local-ca.ts), checked by Node's own X.509 parser
 * and by a real TLS handshake that trusts only that CA; renewal keeps the CA users have trusted.
 */
import { spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { connect } from "node:tls";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { caKeyPath, ensureLocalCertificates, localCaName, type LocalCaPaths } from "../../bridge/tls/local-ca.js";

const DAY = 24 * 60 * 60 * 1000;
let dir: string;
let paths: LocalCaPaths;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "local-ca-"));
  paths = inFolder("tls");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (file: string): X509Certificate => new X509Certificate(readFileSync(file));
const inFolder = (name: string): LocalCaPaths => ({
  ca: join(dir, name, "ca.crt"),
  cert: join(dir, name, "localhost.crt"),
  key: join(dir, name, "localhost.key"),
});

/** Serves TLS with the leaf and connects trusting only the CA; resolves with the verified peer's subject. */
async function handshake(): Promise<string> {
  const tls = { cert: readFileSync(paths.cert), key: readFileSync(paths.key) };
  const server: Server = createServer(tls, (_request, response) => response.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port, servername: "localhost", ca: readFileSync(paths.ca) }, () => {
        resolve(socket.getPeerX509Certificate()?.subject ?? "");
        socket.end();
      });
      socket.on("error", reject);
    });
  } finally {
    server.close();
  }
}

describe("local CA", () => {
  it("makes a CA of this user and machine and a localhost certificate it signed", async () => {
    expect(ensureLocalCertificates(paths)).toMatchObject({ caCreated: true, leafCreated: true });
    const ca = read(paths.ca);
    const leaf = read(paths.cert);
    expect(ca.subject).toBe(`CN=${localCaName()}`);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.subject).toBe("CN=localhost");
    expect(leaf.issuer).toBe(ca.subject);
    expect(leaf.subjectAltName).toBe("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1");
    expect(leaf.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(await handshake()).toBe("CN=localhost");
  });

  it("keeps both while they are valid, renews the leaf from the same CA, and the CA only near its end", () => {
    const now = Date.now();
    ensureLocalCertificates(paths, new Date(now));
    const ca = read(paths.ca).fingerprint256;
    const leaf = read(paths.cert).fingerprint256;
    const caKey = readFileSync(caKeyPath(paths), "utf8");

    expect(ensureLocalCertificates(paths, new Date(now + DAY))).toMatchObject({ caCreated: false, leafCreated: false });
    expect(read(paths.cert).fingerprint256).toBe(leaf);

    // Inside the leaf's last 30 days (it lasts 5 years): a new leaf, signed by the CA users already trust.
    const leafRenewed = ensureLocalCertificates(paths, new Date(now + 1800 * DAY));
    expect(leafRenewed).toMatchObject({ caCreated: false, leafCreated: true });
    expect(read(paths.ca).fingerprint256).toBe(ca);
    expect(read(paths.cert).fingerprint256).not.toBe(leaf);
    expect(read(paths.cert).verify(read(paths.ca).publicKey)).toBe(true);
    expect(readFileSync(caKeyPath(paths), "utf8")).toBe(caKey);

    // Inside the CA's last 30 days (10 years): everything new.
    const allRenewed = ensureLocalCertificates(paths, new Date(now + 3630 * DAY));
    expect(allRenewed).toMatchObject({ caCreated: true, leafCreated: true });
    expect(read(paths.ca).fingerprint256).not.toBe(ca);
    expect(read(paths.cert).checkIssued(read(paths.ca))).toBe(true);
  });

  it("replaces a leaf that another CA signed", () => {
    ensureLocalCertificates(paths);
    const other = inFolder("other");
    ensureLocalCertificates(other);
    rmSync(paths.cert);
    rmSync(paths.key);
    // A leaf and key from elsewhere, as a hand-edited folder might hold.
    copyFileSync(other.cert, paths.cert);
    copyFileSync(other.key, paths.key);
    expect(ensureLocalCertificates(paths)).toMatchObject({ caCreated: false, leafCreated: true });
    expect(read(paths.cert).checkIssued(read(paths.ca))).toBe(true);
  });

  it("can sign only localhost, 127.0.0.1 and ::1: openssl refuses a certificate for another site it signed", () => {
    ensureLocalCertificates(paths);
    const tls = dirname(paths.ca);
    const openssl = (...args: string[]) => spawnSync("openssl", args, { cwd: tls, encoding: "utf8" });
    const constraints = openssl("x509", "-in", "ca.crt", "-noout", "-ext", "nameConstraints").stdout;
    expect(constraints.split("\n").map((line) => line.trim())).toEqual([
      "X509v3 Name Constraints: critical",
      "Permitted:",
      "DNS:localhost",
      "IP:127.0.0.1/255.255.255.255",
      "IP:0:0:0:0:0:0:0:1/FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF",
      "",
    ]);
    expect(openssl("verify", "-CAfile", "ca.crt", "localhost.crt").stdout.trim()).toBe("localhost.crt: OK");
    // Whoever reads ca.key signs a certificate for another site with it.
    for (const [file, name] of [
      ["evil", "DNS:evil.example"],
      ["lan", "IP:192.168.1.10"],
      ["sub", "DNS:www.localhost.example"],
    ]) {
      const made = openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        `${file}.key`,
        "-subj",
        "/CN=x",
        "-addext",
        `subjectAltName=${name}`,
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-days",
        "30",
        "-out",
        `${file}.crt`,
      );
      expect(made.status, made.stderr).toBe(0);
      const verdict = openssl("verify", "-CAfile", "ca.crt", `${file}.crt`);
      expect([name, verdict.status, verdict.stderr]).toEqual([
        name,
        2,
        expect.stringContaining("permitted subtree violation"),
      ]);
    }
  });
});
