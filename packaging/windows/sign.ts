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

/** Signs file in place (SHA-256, with the program's name as the description users see in the UAC/SmartScreen). */
export function signFile(file: string, config: SigningConfig, description: string): void {
  const signed = `${file}.signed`;
  execFileSync(
    "osslsigncode",
    [
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
      file,
      "-out",
      signed,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  renameSync(signed, file);
}
