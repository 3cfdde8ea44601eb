/**
 * The bridge as a Windows program around `bridge start`: one instance per user (a second start says so
 * and leaves), `--quit` from outside, and the tray icon with its menu and state. Imported on Windows only.
 */
import { join } from "node:path";
import type { RunningBridge } from "../app.js";
import type { Logger } from "../log/log.js";
import { projectRoot } from "../addin-api/addin-files.js";
import { telefumRunning } from "../transport/win32/index.js";
import {
  claimSingleInstance,
  openWithDefaultProgram,
  quitRunningInstance,
  showMessageBox,
  TrayIcon,
  type TrayContent,
} from "../win32/index.js";
import { WELCOME_PAGE } from "./install-files.js";
import { translator } from "../i18n/i18n.js";
import type { Language } from "../i18n/language.js";
import { trayView, type TrayView } from "./tray-view.js";
import { errorMessage } from "../log/error-message.js";

const REFRESH_MS = 5000;

export interface SessionOptions {
  log: Logger;
  language: Language;
  /** No message boxes (the autostart at logon, scripts, tests). */
  quiet: boolean;
  /** Show the tray icon (the installed program; a checkout has no icons). */
  tray: boolean;
}

export interface WindowsSession {
  /** Starts listening for --quit and shows the tray icon for this bridge. */
  attach(bridge: RunningBridge, stop: (reason: string) => void): void;
  release(): void;
}

/** undefined when another bridge already runs for this user (it has been told to the user or the log). */
export function beginWindowsSession(options: SessionOptions): WindowsSession | undefined {
  const { log, language } = options;
  const claim = claimSingleInstance();
  if (!claim) {
    const { t } = translator(language);
    log("info", "already running", { message: t("windows.alreadyRunning") });
    if (!options.quiet) showMessageBox(t("windows.product"), t("windows.alreadyRunning"));
    return undefined;
  }
  let tray: TrayIcon | undefined;
  let timer: NodeJS.Timeout | undefined;
  return {
    attach(bridge, stop) {
      claim.watchQuit(() => stop("--quit"));
      if (!options.tray) return;
      const root = projectRoot();
      const openPane = (): void => {
        if (bridge.http) openWithDefaultProgram(`${bridge.http.url}/taskpane.html`);
      };
      const signIn = (): void => {
        // Not set up yet: the welcome page explains the one setting it needs.
        if (!bridge.m365.enabled) return openWithDefaultProgram(join(root, WELCOME_PAGE));
        bridge.m365.signInInteractive().then(
          ({ account }) => log("info", "tray: signed in to Microsoft 365", { account }),
          (error: unknown) => log("warn", "tray: Microsoft 365 sign-in failed", { reason: errorMessage(error) }),
        );
      };
      const content = (view: TrayView): TrayContent => ({
        iconPath: join(root, "icons", `${view.icon}.ico`),
        tooltip: view.tooltip,
        menu: [
          { label: view.labels.open, action: openPane },
          null,
          ...view.status.map((label) => ({ label })),
          null,
          { label: view.labels.signIn, action: signIn },
          { label: view.labels.quit, action: () => stop("tray") },
        ],
        onDoubleClick: openPane,
      });
      let shownIcon = "";
      const refresh = async (): Promise<void> => {
        const state = {
          telefumRunning: telefumRunning(),
          m365: await bridge.m365.status(),
          contacts: bridge.directory.count(),
          journaled: bridge.core.journal?.waiting ?? 0,
          ...(bridge.http && { paneConnected: bridge.http.paneConnected() }),
        };
        const view = trayView(language, state);
        if (!tray) {
          tray = TrayIcon.create(content(view));
          log("info", "tray: icon added", { visible: tray.visible });
        } else tray.update(content(view));
        if (view.icon !== shownIcon) log("info", "tray: state", { icon: view.icon, status: view.status });
        shownIcon = view.icon;
      };
      const tick = (): void =>
        void refresh().catch((error: unknown) => log("warn", "tray: update failed", { reason: errorMessage(error) }));
      tick();
      timer = setInterval(tick, REFRESH_MS);
      timer.unref();
    },
    release() {
      clearInterval(timer);
      tray?.dispose();
      tray = undefined;
      claim.release();
    },
  };
}

/** `bridge --quit`: stops the running bridge and waits until it is gone. */
export function quitRunningBridge(log: Logger): number {
  const result = quitRunningInstance();
  log(result === "timeout" ? "error" : "info", "quit", { result });
  return result === "timeout" ? 1 : 0;
}
