/**
 * HTTPS for the add-in. Outlook only loads https:// pages, so the bridge serves TLS whenever it has a certificate:
 *  - explicit files from config (`addin.tls: {cert, key, ca}`),
 *  - office-addin-dev-certs' trusted localhost certificate (`npx office-addin-dev-certs install` puts it in
 *    ~/.office-addin-dev-certs/localhost.crt/.key/ca.crt) — the normal developer/desktop setup,
 *  - `addin.tls: "self-signed"`: a localhost certificate and its CA generated into <dataDir>/tls (tls/local-ca.ts;
 *    not trusted by Outlook until its ca.crt is; used by tests and to try the pane in a browser),
 *  - `auto` also takes <dataDir>/tls when it exists: the Windows installer makes it and trusts its CA.
 * Otherwise (`auto` without any, or `off`) the bridge serves plain HTTP and says so.
 * `tlsFilesFor` makes that choice from config alone (loadConfig derives the scheme from it, for the server and
 * `bridge simulate` alike); `loadTlsMaterial` then reads, or first creates, the files when the server starts.
 */
import { existsSync, readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../config/config-checks.js";
import { ensureLocalCertificates } from "../tls/local-ca.js";
import type { AddinTlsSetting } from "./addin-config.js";

export interface TlsMaterial {
  key: Buffer;
  cert: Buffer;
  ca?: Buffer;
  /** Where it came from, for the log line. */
  source: string;
  /** The certificate's end of validity (ISO), when it could be read. */
  validTo?: string;
}

/** When the certificate stops being valid: dev certs last 30 days by default, then Outlook refuses the pane. */
export function certificateValidTo(cert: Buffer): string | undefined {
  try {
    return new Date(new X509Certificate(cert).validTo).toISOString();
  } catch {
    return undefined;
  }
}

export interface CertPaths {
  ca: string;
  cert: string;
  key: string;
}

/** Where office-addin-dev-certs keeps its files (its `defaults`: ~/.office-addin-dev-certs). */
export function devCertPaths(home = homedir()): CertPaths {
  const dir = join(home, ".office-addin-dev-certs");
  return { ca: join(dir, "ca.crt"), cert: join(dir, "localhost.crt"), key: join(dir, "localhost.key") };
}

export function selfSignedPaths(dataDir: string): CertPaths {
  const dir = join(dataDir, "tls");
  return { ca: join(dir, "ca.crt"), cert: join(dir, "localhost.crt"), key: join(dir, "localhost.key") };
}

/** The certificate files the server will use. */
export interface TlsFiles {
  cert: string;
  key: string;
  /** The CA that issued `cert`, when known: a client trusts it (else `cert` itself). */
  ca?: string;
  /** Where it came from, for the log line. */
  source: string;
  /** `self-signed`: (re)generated here when missing or expired. */
  generateInto?: CertPaths;
}

/** The one decision HTTPS or not: undefined = plain HTTP. Reads no certificate, but names missing configured files. */
export function tlsFilesFor(setting: AddinTlsSetting, dataDir: string, home = homedir()): TlsFiles | undefined {
  if (setting === "off") return undefined;
  if (typeof setting === "object") {
    for (const [name, file] of Object.entries(setting)) {
      if (!existsSync(file))
        throw new ConfigError({ key: "config.missingFile", params: { where: `addin.tls.${name}`, file } });
    }
    return { ...setting, source: "config" };
  }
  if (setting === "self-signed") {
    const paths = selfSignedPaths(dataDir);
    return { ...paths, source: `self-signed (${paths.cert})`, generateInto: paths };
  }
  const dev = devCertPaths(home);
  if (existsSync(dev.cert) && existsSync(dev.key)) return { ...dev, source: `office-addin-dev-certs (${dev.cert})` };
  // The certificate the Windows installer made (`bridge install`) and trusted for this user.
  const installed = selfSignedPaths(dataDir);
  if (existsSync(installed.cert) && existsSync(installed.key))
    return { ...installed, source: `installed (${installed.cert})` };
  return undefined;
}

/** A CA and a localhost certificate it issued (tls/local-ca.ts): what is missing or ending soon is made anew. */
export function generateSelfSigned(paths: CertPaths): void {
  ensureLocalCertificates(paths);
}

export async function loadTlsMaterial(files: TlsFiles): Promise<TlsMaterial> {
  // An existing CA is kept, so trusting it once is enough.
  if (files.generateInto) generateSelfSigned(files.generateInto);
  const cert = readFileSync(files.cert);
  const validTo = certificateValidTo(cert);
  return {
    cert,
    ...(validTo ? { validTo } : {}),
    key: readFileSync(files.key),
    ...(files.ca && existsSync(files.ca) ? { ca: readFileSync(files.ca) } : {}),
    source: files.source,
  };
}
