/**
 * Where MSAL keeps its tokens between runs. On Windows the cache is encrypted with DPAPI through
 * @azure/msal-node-extensions when it is installed; otherwise (and in tests) a plain file readable by the user only.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ICachePlugin, TokenCacheContext } from "@azure/msal-node";
import type { Logger } from "../../log/log.js";
import { errorMessage } from "../../log/error-message.js";

export function fileCachePlugin(path: string): ICachePlugin {
  return {
    async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
      if (existsSync(path)) context.tokenCache.deserialize(readFileSync(path, "utf8"));
    },
    async afterCacheAccess(context: TokenCacheContext): Promise<void> {
      if (!context.cacheHasChanged) return;
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.tmp`;
      writeFileSync(temp, context.tokenCache.serialize(), { mode: 0o600 });
      renameSync(temp, path);
      try {
        chmodSync(path, 0o600);
      } catch {
        // Not meaningful on every file system.
      }
    },
  };
}

/** Protected cache when the platform offers it (DPAPI on Windows), else the plain file. */
export async function createCachePlugin(
  path: string,
  log: Logger,
  protect = process.platform === "win32",
): Promise<ICachePlugin> {
  if (protect) {
    try {
      // An optional dependency that npm leaves out where keytar cannot build (no libsecret): a variable
      // specifier, so compiling does not need it installed either.
      const optionalPackage = "@azure/msal-node-extensions";
      const extensions = (await import(optionalPackage)) as {
        PersistenceCreator: { createPersistence(config: Record<string, unknown>): Promise<unknown> };
        PersistenceCachePlugin: new (persistence: unknown) => ICachePlugin;
        DataProtectionScope: { CurrentUser: unknown };
      };
      const persistence = await extensions.PersistenceCreator.createPersistence({
        cachePath: path,
        dataProtectionScope: extensions.DataProtectionScope.CurrentUser,
        serviceName: "TelefUM Outlook Bridge",
        accountName: "msal-token-cache",
        usePlaintextFileOnLinux: false,
      });
      return new extensions.PersistenceCachePlugin(persistence);
    } catch (error) {
      log("warn", "protected token cache unavailable, using a private file", { reason: errorMessage(error) });
    }
  }
  return fileCachePlugin(path);
}
