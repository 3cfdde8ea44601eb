/**
 * The `addin` section of config.json (loadConfig calls this, the bridge gets it parsed):
 *
 *   "addin": { "tls": "auto" }                       office-addin-dev-certs when installed, else plain HTTP (default)
 *   "addin": { "tls": "self-signed" }                generate a localhost certificate in the data folder
 *   "addin": { "tls": "off" }                        plain HTTP
 *   "addin": { "tls": { "cert": "a.crt", "key": "a.key", "ca": "ca.crt" } }   these files
 */
import { asString, ConfigError, ConfigSection, refuse, type Check } from "../config/config-checks.js";
import { isRecord } from "../config/is-record.js";

export type AddinTlsSetting = "auto" | "self-signed" | "off" | { cert: string; key: string; ca?: string };

export interface AddinConfig {
  tls: AddinTlsSetting;
}

const asTlsSetting: Check<AddinTlsSetting> = (value, where) => {
  if (value === undefined) return undefined;
  if (value === "auto" || value === "self-signed" || value === "off") return value;
  if (value === false) return "off";
  if (!isRecord(value)) return refuse(where, { key: "config.expected.tls" }, value);
  const files = ConfigSection.of(value, where);
  const cert = files.get("cert", asString);
  const key = files.get("key", asString);
  const ca = files.get("ca", asString);
  if (!cert || !key) throw new ConfigError({ key: "config.tlsFiles", params: { where, value: JSON.stringify(value) } });
  if (ca === "") throw new ConfigError({ key: "config.filePath", params: { where: files.where("ca") } });
  return { cert, key, ...(ca !== undefined && { ca }) };
};

export function parseAddinConfig(raw: unknown): AddinConfig {
  return { tls: ConfigSection.of(raw, "addin").get("tls", asTlsSetting) ?? "auto" };
}
