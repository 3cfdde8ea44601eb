/**
 * The `addin` section of config.json, parsed here (config.ts keeps it raw):
 *
 *   "addin": { "tls": "auto" }                       office-addin-dev-certs when installed, else plain HTTP (default)
 *   "addin": { "tls": "self-signed" }                generate a localhost certificate in the data folder (tests, fresh machines)
 *   "addin": { "tls": "off" }                        plain HTTP
 *   "addin": { "tls": { "cert": "a.crt", "key": "a.key", "ca": "ca.crt" } }   these files
 */
import { ConfigError } from "../config.js";
import { isRecord } from "../is-record.js";

export type AddinTlsSetting = "auto" | "self-signed" | "off" | { cert: string; key: string; ca?: string };

export interface AddinConfig {
  tls: AddinTlsSetting;
}

export const DEFAULT_ADDIN_CONFIG: AddinConfig = { tls: "auto" };

export function parseAddinConfig(raw: unknown, where = "config.json: addin"): AddinConfig {
  if (raw === undefined || raw === null) return { ...DEFAULT_ADDIN_CONFIG };
  if (!isRecord(raw)) throw new ConfigError(`${where} must be an object, got ${JSON.stringify(raw)}`);
  const tls = raw.tls;
  if (tls === undefined) return { ...DEFAULT_ADDIN_CONFIG };
  if (tls === "auto" || tls === "self-signed" || tls === "off") return { tls };
  if (tls === false) return { tls: "off" };
  if (isRecord(tls)) {
    const { cert, key, ca } = tls;
    if (typeof cert !== "string" || !cert || typeof key !== "string" || !key) {
      throw new ConfigError(`${where}.tls needs "cert" and "key" file paths, got ${JSON.stringify(tls)}`);
    }
    if (ca !== undefined && (typeof ca !== "string" || !ca)) throw new ConfigError(`${where}.tls.ca must be a file path`);
    return { tls: { cert, key, ...(ca ? { ca } : {}) } };
  }
  throw new ConfigError(`${where}.tls must be "auto", "self-signed", "off" or {"cert","key","ca"}, got ${JSON.stringify(tls)}`);
}
