/**
 * Authenticode signing with osslsigncode (Debian package `osslsigncode`), only when a certificate is
 * configured: TELEFUM_SIGN_PFX (a .pfx/.p12 file), TELEFUM_SIGN_PASSWORD, optionally
 * TELEFUM_SIGN_TIMESTAMP_URL (an RFC 3161 server, so the signature outlives the certificate).
 */
import { execFileSync } from "node:child_process";
import { renameSync } from "node:fs";

export interface SigningConfig {
  pfx: string;
  password?: string;
  timestampUrl?: string;
}

export function signingConfig(env: NodeJS.ProcessEnv = process.env): SigningConfig | undefined {
  if (!env.TELEFUM_SIGN_PFX) return undefined;
  return {
    pfx: env.TELEFUM_SIGN_PFX,
    ...(env.TELEFUM_SIGN_PASSWORD ? { password: env.TELEFUM_SIGN_PASSWORD } : {}),
    ...(env.TELEFUM_SIGN_TIMESTAMP_URL ? { timestampUrl: env.TELEFUM_SIGN_TIMESTAMP_URL } : {}),
  };
}

/** osslsigncode's arguments: SHA-256, with the program's name as the description SmartScreen shows. */
function signArgs(config: SigningConfig, description: string, input: string, output: string): string[] {
  return [
    "sign",
    "-pkcs12",
    config.pfx,
    ...(config.password ? ["-pass", config.password] : []),
    "-n",
    description,
    "-h",
    "sha256",
    ...(config.timestampUrl ? ["-ts", config.timestampUrl] : []),
    "-in",
    input,
    "-out",
    output,
  ];
}

/** Signs file in place. */
export function signFile(file: string, config: SigningConfig, description: string): void {
  const signed = `${file}.signed`;
  execFileSync("osslsigncode", signArgs(config, description, file, signed), { stdio: ["ignore", "ignore", "inherit"] });
  renameSync(signed, file);
}

/**
 * The same as one shell command line with NSIS's "%1" for the file: makensis runs it (!uninstfinalize)
 * on the uninstaller it embeds, which exists only inside makensis's run.
 */
export function signCommandLine(config: SigningConfig, description: string): string {
  const windows = process.platform === "win32";
  const quote = (arg: string): string => (windows ? `"${arg}"` : `'${arg.replace(/'/g, "'\\''")}'`);
  const sign = ["osslsigncode", ...signArgs(config, description, "%1", "%1.signed")].map(quote).join(" ");
  return `${sign} && ${windows ? "move /y" : "mv"} ${quote("%1.signed")} ${quote("%1")}`;
}
