/**
 * The data folder holds the contact index, call history, the pairing token, the Microsoft 365 sign-in and the TLS
 * key: only its owner may read it. The folder is 0700 and no file in it has a bit for group or others (the files
 * the bridge writes are 0600: other users of the machine see nothing); on Windows, where modes mean nothing, a
 * folder outside the user's profile gets a user-only ACL.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join, win32 } from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * This user's own folder in the OS temp folder (on Windows %TEMP% in the profile, on Linux /tmp): the fallback
 * journal and the compiled-code cache live there, writable when the data folder's disk is full or read-only.
 */
export function userTempFolder(): string {
  let user = "user";
  try {
    user = userInfo().username.replace(/[^\w.-]/g, "_");
  } catch {
    // no user name (a container): one folder for the process's user is still private by its mode
  }
  return join(tmpdir(), `telefum-bridge-${user}`);
}

/**
 * Creates `dir` (0700) and answers whether it is this user's own: a real folder, not a link, owned by this process's
 * user, with no bit for group or others. What a folder like that holds cannot have been planted by another user.
 */
export function ownPrivateFolder(dir: string, platform = process.platform): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return false;
    // Windows: %TEMP% is in the user's profile, whose ACL already keeps other users out.
    if (platform === "win32") return true;
    return stat.uid === process.getuid?.() && (stat.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

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

export type WindowsFolderPlace = "inside-profile" | "outside-profile" | "network";

/**
 * Where a Windows data folder lies: inside the user's profile (its ACL is the user's already), elsewhere on a local
 * drive (inheritance may admit others: it gets a user-only ACL), or on a network share (its access is the share's,
 * which no local ACL decides). Drive letters compare without case, a folder on another drive is never inside.
 */
export function windowsFolderPlace(dir: string, profile: string | undefined): WindowsFolderPlace {
  const folder = win32.resolve(dir);
  if (folder.startsWith("\\")) return "network";
  if (!profile) return "outside-profile";
  const home = win32.resolve(profile);
  const root = (path: string) => win32.parse(path).root.toLowerCase();
  if (root(folder) !== root(home)) return "outside-profile";
  const rel = win32.relative(home, folder);
  return rel === "" || (!rel.startsWith("..") && !win32.isAbsolute(rel)) ? "inside-profile" : "outside-profile";
}

/** This user's SID (S-1-5-…) as Windows' own whoami names it: what the ACL grants, whatever the user is called. */
function currentUserSid(): string | undefined {
  const result = spawnSync("whoami", ["/user", "/fo", "csv", "/nh"], { encoding: "utf8" });
  return /"(S-1-[\d-]+)"/.exec(result.stdout ?? "")?.[1];
}

/** Inside the profile nothing is needed; elsewhere a user-only ACL by SID; a network share is only warned about. */
function restrictOnWindows(dir: string, { profileDir }: WindowsUser): string | undefined {
  const place = windowsFolderPlace(dir, profileDir);
  if (place === "inside-profile") return undefined;
  if (place === "network") {
    return `the data folder ${dir} is on a network share: the share decides who reads it; choose a local folder`;
  }
  const sid = currentUserSid();
  if (!sid) return `could not limit ${dir} to this user: whoami named no user SID`;
  const result = spawnSync("icacls", [dir, "/inheritance:r", "/grant:r", `*${sid}:(OI)(CI)F`], { encoding: "utf8" });
  return result.status === 0 ? undefined : `could not limit ${dir} to this user: ${result.stderr.trim()}`;
}
