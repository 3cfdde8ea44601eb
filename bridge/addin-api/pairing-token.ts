/**
 * The pairing token: a random secret the add-in sends as X-Bridge-Token on every API call.
 * It lives in the data folder (0600) so it survives restarts; the bridge hands it to the pane by writing it
 * into taskpane.html when it serves it (same-origin only: a foreign page can neither read that page nor,
 * thanks to the Host and Origin checks, call the API).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const TOKEN_FILE = "addin-token";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,}$/;

export function tokenPath(dataDir: string): string {
  return join(dataDir, TOKEN_FILE);
}

/** Reads the token, creating it (0600) on first use; a damaged file is replaced. */
export function loadOrCreateToken(dataDir: string): string {
  const file = tokenPath(dataDir);
  if (existsSync(file)) {
    const existing = readFileSync(file, "utf8").trim();
    if (TOKEN_PATTERN.test(existing)) return existing;
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString("base64url");
  writeFileSync(file, token + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/** Constant-time comparison, so the token can't be guessed byte by byte from response times. */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
