/**
 * HTTPS for the add-in. Outlook only loads https:// pages, so the bridge serves TLS whenever it has a certificate:
 *  - explicit files from config (`addin.tls: {cert, key, ca}`),
 *  - office-addin-dev-certs' trusted localhost certificate (`npx office-addin-dev-certs install` puts it in
 *    ~/.office-addin-dev-certs/localhost.crt/.key/ca.crt) — the normal developer/desktop setup,
 *  - `addin.tls: "self-signed"`: a localhost certificate and its CA generated into <dataDir>/tls (tls/local-ca.ts;
 *    not trusted by Outlook until its ca.crt is; used by tests and to try the pane in a browser),
 *  - `auto` also takes <dataDir>/tls when it exists: the Windows installer makes it and trusts its CA.
 * Otherwise (`auto` without any, or `off`) the bridge serves plain HTTP and says so.
 */
import { existsSync, readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../config.js";
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

function readMaterial(paths: { cert: string; key: string; ca?: string }, source: string): TlsMaterial {
  const cert = readFileSync(paths.cert);
  const validTo = certificateValidTo(cert);
  return {
    cert,
    ...(validTo ? { validTo } : {}),
    key: readFileSync(paths.key),
    ...(paths.ca && existsSync(paths.ca) ? { ca: readFileSync(paths.ca) } : {}),
    source,
  };
}

export async function resolveAddinTls(setting: AddinTlsSetting, dataDir: string, home = homedir()): Promise<TlsMaterial | undefined> {
  if (setting === "off") return undefined;
  if (typeof setting === "object") {
    for (const file of [setting.cert, setting.key, ...(setting.ca ? [setting.ca] : [])]) {
      if (!existsSync(file)) throw new ConfigError(`addin.tls: ${file} does not exist`);
    }
    return readMaterial(setting, "config");
  }
  if (setting === "self-signed") {
    const paths = selfSignedPaths(dataDir);
    // Creates what is missing or ending soon; an existing CA is kept, so trusting it once is enough.
    ensureLocalCertificates(paths);
    return readMaterial(paths, `self-signed (${paths.cert})`);
  }
  const dev = devCertPaths(home);
  if (existsSync(dev.cert) && existsSync(dev.key)) return readMaterial(dev, `office-addin-dev-certs (${dev.cert})`);
  // The certificate the Windows installer made (`bridge install`) and trusted for this user.
  const installed = selfSignedPaths(dataDir);
  if (existsSync(installed.cert) && existsSync(installed.key)) {
    return readMaterial(installed, `installed (${installed.cert})`);
  }
  return undefined;
}
