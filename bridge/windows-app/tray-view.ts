/**
 * What the tray icon shows for the bridge's state: which icon (grey while TelefUM is not running), the
 * tooltip, the status lines and the menu's labels, in the user's language. Pure, so it is tested anywhere.
 */
import type { Microsoft365Status } from "../http/m365-status.js";
import { reasonText } from "../api-contract/reasons.js";
import { translator } from "../i18n/i18n.js";
import type { Language } from "../i18n/language.js";
import { syncProgressText } from "../i18n/progress-words.js";

export interface TrayState {
  telefumRunning: boolean;
  m365: Microsoft365Status;
  contacts: number;
  /** Calls the store could not take, waiting in the fallback journal. */
  journaled?: number;
  /** Whether an add-in pane holds the live connection; absent when the bridge serves no pane. */
  paneConnected?: boolean;
}

export interface TrayView {
  icon: "connected" | "offline";
  tooltip: string;
  status: string[];
  labels: { open: string; signIn: string; quit: string };
}

export function trayView(language: Language, state: TrayState): TrayView {
  const words = translator(language);
  const { t, instant } = words;
  const m365 = state.m365;
  const m365Line = !m365.enabled
    ? t("windows.tray.m365Off")
    : m365.signedIn
      ? t("windows.tray.m365In", { account: m365.account ?? "" })
      : t("windows.tray.m365Out");
  const telefumLine = state.telefumRunning ? t("windows.tray.telefumOn") : t("windows.tray.telefumOff");
  const status = [telefumLine, m365Line, t("windows.tray.contacts", { contacts: state.contacts })];
  // Why the last sign-in failed, by its reason (the pane's words): MSAL's own stay in the log.
  if (m365.enabled && !m365.signedIn && m365.signInReason)
    status.splice(2, 0, t("m365.signInFailed", { error: reasonText({ t }, m365.signInReason) }));
  if (m365.enabled && m365.signedIn) {
    const finished = m365.sync?.lastFinishedAt;
    const progress = m365.sync?.running ? m365.sync.progress : undefined;
    if (progress) status.push(syncProgressText(words, progress));
    else
      status.push(finished ? t("windows.tray.lastSync", { when: instant(finished) }) : t("windows.tray.neverSynced"));
    status.push(t("windows.tray.waiting", { calls: m365.outbox?.pending ?? 0 }));
  } else if (m365.enabled && (m365.outbox?.pending ?? 0) > 0) {
    status.push(t("windows.tray.waiting", { calls: m365.outbox?.pending ?? 0 })); // signed out: calls wait
  }
  if ((state.journaled ?? 0) > 0) status.push(t("windows.tray.journal", { count: state.journaled ?? 0 }));
  // An empty pane in Outlook is most often the browser's local network prompt refused: the one place it can be said.
  if (state.paneConnected !== undefined)
    status.push(state.paneConnected ? t("windows.tray.paneOn") : t("windows.tray.paneOff"));
  // Windows cuts a tray tooltip at 127 characters.
  const tooltip = [t("windows.product"), telefumLine, m365Line].join("\n").slice(0, 127);
  return {
    icon: state.telefumRunning ? "connected" : "offline",
    tooltip,
    status,
    labels: { open: t("windows.tray.open"), signIn: t("windows.tray.signIn"), quit: t("windows.tray.quit") },
  };
}
