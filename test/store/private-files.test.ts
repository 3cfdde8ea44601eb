/**
 * Where a Windows data folder lies decides whether it needs its own user-only ACL (store/private-files.ts): the
 * check on Windows paths (path.win32), whatever the platform the test runs on.
 */
import { describe, expect, it } from "vitest";
import { windowsFolderPlace } from "../../bridge/store/private-files.js";

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
