/**
 * Node's cache of compiled code for the bridge's modules, so a start after the first parses nothing again: the
 * first answer to TelefUM comes sooner. It lives in this user's own temp folder and is used only when that folder is
 * provably this user's (compiled code another user could plant there would run as ours).
 */
import { enableCompileCache } from "node:module";
import { join } from "node:path";
import { ownPrivateFolder, userTempFolder } from "../store/private-files.js";

export function useCodeCache(): string | undefined {
  const dir = join(userTempFolder(), "code-cache");
  if (!ownPrivateFolder(dir)) return undefined;
  const result = enableCompileCache(dir);
  return result.directory;
}
