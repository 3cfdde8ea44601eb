/** Starting programs and opening links on the desktop (default browser, classic Outlook); tests replace them. */
import { spawn } from "node:child_process";

export interface CommandRunner {
  run(file: string, args: string[]): Promise<void>;
}

export type UrlOpener = (url: string) => Promise<void>;

/** Starts a detached program; resolves once it has started, rejects if it could not be. */
export const spawnRunner: CommandRunner = {
  run(file, args) {
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, { detached: true, stdio: "ignore", windowsHide: false });
      child.once("error", reject);
      child.once("spawn", () => {
        child.unref();
        resolve();
      });
    });
  },
};

/** Opens a URL in the default browser without going through a shell (no quoting of `&` needed). */
export function systemUrlOpener(runner: CommandRunner = spawnRunner, platform = process.platform): UrlOpener {
  return (url) => {
    if (!/^https?:\/\//i.test(url)) return Promise.reject(new Error(`refusing to open ${url}`));
    if (platform === "win32") return runner.run("rundll32.exe", ["url.dll,FileProtocolHandler", url]);
    if (platform === "darwin") return runner.run("open", [url]);
    return runner.run("xdg-open", [url]);
  };
}
