/**
 * Where a Windows data folder lies decides whether it needs its own user-only ACL (store/private-files.ts): the
 * check on Windows paths (path.win32), whatever the platform the test runs on.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ownPrivateFolder, windowsFolderPlace } from "../../bridge/store/private-files.js";

const PROFILE = "C:\\Users\\anna";

describe("a Windows data folder's place", () => {
  it.each([
    ["C:\\Users\\anna\\AppData\\Roaming\\TelefUM", PROFILE, "inside-profile"],
    ["c:\\users\\ANNA\\telefum", PROFILE, "inside-profile"],
    ["C:\\Users\\anna", PROFILE, "inside-profile"],
    ["C:\\Users\\anna\\..\\bob\\TelefUM", PROFILE, "outside-profile"],
    ["C:\\Users\\annabel\\TelefUM", PROFILE, "outside-profile"],
    ["D:\\TelefUM", PROFILE, "outside-profile"],
    ["d:\\Users\\anna\\TelefUM", PROFILE, "outside-profile"],
    ["C:\\TelefUM", PROFILE, "outside-profile"],
    ["C:\\TelefUM", undefined, "outside-profile"],
    ["\\\\server\\share\\tel", PROFILE, "network"],
    ["\\\\?\\UNC\\server\\share\\tel", PROFILE, "network"],
    ["//server/share/tel", PROFILE, "network"],
    ["\\\\server\\share\\tel", "\\\\server\\share", "network"],
  ] as const)("%s (profile %s) is %s", (dir, profile, place) => {
    expect(windowsFolderPlace(dir, profile)).toBe(place);
  });
});

describe("a folder this user's own (the compiled-code cache's)", () => {
  const base = mkdtempSync(join(tmpdir(), "own-folder-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("creates it private and takes it", () => {
    const dir = join(base, "fresh", "code-cache");
    expect(ownPrivateFolder(dir, "linux")).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("refuses a link, a folder others may write to, and another user's folder", () => {
    const open = join(base, "open");
    mkdirSync(open, { mode: 0o777 });
    chmodSync(open, 0o777);
    expect(ownPrivateFolder(open, "linux")).toBe(false);
    const target = join(base, "target");
    mkdirSync(target, { mode: 0o700 });
    const link = join(base, "link");
    symlinkSync(target, link);
    expect(ownPrivateFolder(link, "linux")).toBe(false);
    if (process.getuid?.() === 0) {
      const theirs = join(base, "theirs");
      mkdirSync(theirs, { mode: 0o700 });
      chownSync(theirs, 65534, 65534);
      expect(ownPrivateFolder(theirs, "linux")).toBe(false);
    }
    expect(ownPrivateFolder(target, "linux")).toBe(true);
  });
});
