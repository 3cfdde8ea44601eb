/**
 * What the tray icon shows for the bridge's state: which icon (grey while TelefUM is not running), the
 * tooltip, the status lines and the menu's labels, in the user's language. Pure, so it is tested anywhere.
 */
import type { Microsoft365Status } from "../http/m365-status.js";
import type { Language } from "../i18n/language.js";

export interface TrayState {
  telefumRunning: boolean;
  m365: Microsoft365Status;
  contacts: number;
}

export interface TrayView {
  icon: "connected" | "offline";
  tooltip: string;
  status: string[];
  labels: { open: string; signIn: string; quit: string };
}

interface TrayStrings {
  product: string;
  telefumOn: string;
  telefumOff: string;
  m365Off: string;
  m365Out: string;
  m365In: (account: string) => string;
  contacts: (n: number) => string;
  lastSync: (when: string) => string;
  neverSynced: string;
  waiting: (n: number) => string;
  open: string;
  signIn: string;
  quit: string;
}

const STRINGS: Record<Language, TrayStrings> = {
  uk: {
    product: "TelefUM Outlook Bridge",
    telefumOn: "TelefUM підключено",
    telefumOff: "TelefUM не запущено",
    m365Off: "Microsoft 365 не налаштовано",
    m365Out: "Microsoft 365: вхід не виконано",
    m365In: (account) => `Microsoft 365: ${account}`,
    contacts: (n) => `Контактів: ${n}`,
    lastSync: (when) => `Остання синхронізація: ${when}`,
    neverSynced: "Синхронізації ще не було",
    waiting: (n) => `Дзвінків чекають запису: ${n}`,
    open: "Відкрити",
    signIn: "Увійти в Microsoft 365",
    quit: "Вийти",
  },
  ru: {
    product: "TelefUM Outlook Bridge",
    telefumOn: "TelefUM подключён",
    telefumOff: "TelefUM не запущен",
    m365Off: "Microsoft 365 не настроен",
    m365Out: "Microsoft 365: вход не выполнен",
    m365In: (account) => `Microsoft 365: ${account}`,
    contacts: (n) => `Контактов: ${n}`,
    lastSync: (when) => `Последняя синхронизация: ${when}`,
    neverSynced: "Синхронизации ещё не было",
    waiting: (n) => `Звонков ждут записи: ${n}`,
    open: "Открыть",
    signIn: "Войти в Microsoft 365",
    quit: "Выход",
  },
  en: {
    product: "TelefUM Outlook Bridge",
    telefumOn: "TelefUM connected",
    telefumOff: "TelefUM is not running",
    m365Off: "Microsoft 365 is not set up",
    m365Out: "Microsoft 365: not signed in",
    m365In: (account) => `Microsoft 365: ${account}`,
    contacts: (n) => `Contacts: ${n}`,
    lastSync: (when) => `Last sync: ${when}`,
    neverSynced: "Not synced yet",
    waiting: (n) => `Calls waiting to be logged: ${n}`,
    open: "Open",
    signIn: "Sign in to Microsoft 365",
    quit: "Quit",
  },
};

/** "2026-11-25 09:05" in local time: short enough for a menu line. */
function shortTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function trayView(language: Language, state: TrayState): TrayView {
  const s = STRINGS[language];
  const m365 = state.m365;
  const m365Line = !m365.enabled ? s.m365Off : m365.signedIn ? s.m365In(m365.account ?? "") : s.m365Out;
  const status = [state.telefumRunning ? s.telefumOn : s.telefumOff, m365Line, s.contacts(state.contacts)];
  if (m365.enabled && m365.signedIn) {
    status.push(m365.sync?.lastFinishedAt ? s.lastSync(shortTime(m365.sync.lastFinishedAt)) : s.neverSynced);
    status.push(s.waiting(m365.outbox?.pending ?? 0));
  } else if (m365.enabled && (m365.outbox?.pending ?? 0) > 0) {
    status.push(s.waiting(m365.outbox?.pending ?? 0)); // signed out: the calls wait for the next sign-in
  }
  // Windows cuts a tray tooltip at 127 characters.
  const tooltip = [s.product, status[0], status[1]].join("\n").slice(0, 127);
  return {
    icon: state.telefumRunning ? "connected" : "offline",
    tooltip,
    status,
    labels: { open: s.open, signIn: s.signIn, quit: s.quit },
  };
}
