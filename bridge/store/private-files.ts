/**
 * The data folder holds the contact index, call history, the pairing token, the Microsoft 365 sign-in and the TLS
 * key: only its owner may read it. The folder is 0700 and no file in it has a bit for group or others (the files
 * the bridge writes are 0600: other users of the machine see nothing); on Windows, where modes mean nothing, a
 * folder outside the user's profile gets a user-only ACL.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Who the data folder belongs to on Windows, as the environment names them (read by the config pass). */
export interface WindowsUser {
  /** %USERPROFILE%: inside it the user's own ACL already applies. */
  profileDir: string | undefined;
  /** DOMAIN\NAME (or NAME) that a folder elsewhere is limited to. */
  account: string | undefined;
}

/**
 * Creates `dir` (0700) and takes group and other bits off it and everything in it; symlinks are left alone. Answers a
 * warning to log when the folder could not be made private (Windows ACL), else undefined.
 */
export function lockDownFolder(dir: string, user: WindowsUser, platform = process.platform): string | undefined {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (platform === "win32") return restrictOnWindows(dir, user);
  const walk = (folder: string, depth: number): void => {
    chmodSync(folder, PRIVATE_DIR_MODE);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && depth < 4) walk(path, depth + 1);
      else if (entry.isFile()) {
        // Group and others lose every bit; the owner's stay (an executable someone keeps here still runs).
        const mode = lstatSync(path).mode & 0o777;
        if (mode & 0o077) chmodSync(path, mode & 0o700);
      }
    }
  };
  walk(dir, 0);
  return undefined;
}

/** Creates `path` empty and 0600 if it is not there, so whatever writes it next (SQLite) keeps the mode. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, "a", PRIVATE_FILE_MODE));
  if (process.platform !== "win32") chmodSync(path, PRIVATE_FILE_MODE);
}

/** Inside the profile the user's own ACL already applies; elsewhere (D:\TelefUM…) inheritance may admit others. */
function restrictOnWindows(dir: string, { profileDir, account }: WindowsUser): string | undefined {
  const inside = profileDir !== undefined && !relative(resolve(profileDir), resolve(dir)).startsWith("..");
  if (inside || !account) return undefined;
  const result = spawnSync("icacls", [dir, "/inheritance:r", "/grant:r", `${account}:(OI)(CI)F`], { encoding: "utf8" });
  return result.status === 0 ? undefined : `could not limit ${dir} to this user: ${result.stderr.trim()}`;
}
