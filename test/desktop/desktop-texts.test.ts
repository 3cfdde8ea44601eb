/** What a Windows user reads from the bridge: the tray's icon, tooltip, status and menu, and the welcome page. */
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../bridge/i18n/i18n.js";
import { systemLanguage } from "../../bridge/i18n/language.js";
import { trayView } from "../../bridge/windows-app/tray-view.js";
import { welcomePage } from "../../bridge/windows-app/welcome-page.js";

const signedIn = {
  enabled: true,
  signedIn: true,
  account: "olena@contoso.ua",
  sync: {
    running: false,
    passes: 3,
    lastFinishedAt: new Date(new Date().getFullYear(), 10, 25, 9, 5).toISOString(),
    contacts: 120,
    directory: 0,
  },
  outbox: { pending: 2, done: 40, failed: 1 },
};

describe("language", () => {
  it.each([
    ["uk-UA", "uk"],
    ["ru", "ru"],
    ["en-GB", "en"],
    ["de-DE", "uk"],
    ["", "uk"],
  ] as const)("%s → %s", (tag, language) => expect(systemLanguage(tag)).toBe(language));
});

describe("tray view", () => {
  it("is grey with a short status while TelefUM is not running and Microsoft 365 is not set up", () => {
    expect(trayView("uk", { telefumRunning: false, m365: { enabled: false, signedIn: false }, contacts: 5 })).toEqual({
      icon: "offline",
      tooltip: "TelefUM Outlook Bridge\nTelefUM не запущено\nMicrosoft 365 не налаштовано",
      status: ["TelefUM не запущено", "Microsoft 365 не налаштовано", "Контактів: 5"],
      labels: { open: "Відкрити", signIn: "Увійти в Microsoft 365", quit: "Вийти" },
    });
  });

  it("shows the account, last sync and the calls waiting to be logged once signed in", () => {
    expect(trayView("en", { telefumRunning: true, m365: signedIn, contacts: 125 })).toEqual({
      icon: "connected",
      tooltip: "TelefUM Outlook Bridge\nTelefUM connected\nMicrosoft 365: olena@contoso.ua",
      status: [
        "TelefUM connected",
        "Microsoft 365: olena@contoso.ua",
        "Contacts: 125",
        "Last sync: Nov 25, 09:05",
        "Calls waiting to be logged: 2",
      ],
      labels: { open: "Open", signIn: "Sign in to Microsoft 365", quit: "Quit" },
    });
  });

  it("speaks Russian too", () => {
    const view = trayView("ru", { telefumRunning: true, m365: { enabled: true, signedIn: false }, contacts: 0 });
    expect(view.status).toEqual(["TelefUM подключён", "Microsoft 365: вход не выполнен", "Контактов: 0"]);
    expect(view.labels).toEqual({ open: "Открыть", signIn: "Войти в Microsoft 365", quit: "Выход" });
  });

  it("says why the last sign-in failed by its reason, in the user's language", () => {
    const m365 = { enabled: true, signedIn: false, signInReason: { code: "SIGNIN_NETWORK" as const } };
    const uk = trayView("uk", { telefumRunning: true, m365, contacts: 0 });
    expect(uk.status[2]).toBe(
      "Не вдалося ввійти: Немає зʼєднання з Microsoft 365. Перевірте підключення до інтернету й спробуйте ще раз.",
    );
    const ru = trayView("ru", { telefumRunning: true, m365, contacts: 0 });
    expect(ru.status[2]).toBe(
      "Не удалось войти: Нет соединения с Microsoft 365. Проверьте подключение к интернету и попробуйте ещё раз.",
    );
  });

  it("says when nothing has been synced yet, in Ukrainian and Russian", () => {
    const never = { ...signedIn, sync: { ...signedIn.sync, lastFinishedAt: undefined } };
    const uk = trayView("uk", { telefumRunning: true, m365: never, contacts: 7 });
    expect(uk.status.slice(2)).toEqual(["Контактів: 7", "Синхронізації ще не було", "Чекають запису в Outlook: 2"]);
    const ru = trayView("ru", { telefumRunning: false, m365: signedIn, contacts: 7 });
    expect(ru.status.slice(3)).toEqual(["Последняя синхронизация: 25 нояб., 09:05", "Ждут записи в Outlook: 2"]);
    expect(ru.tooltip).toBe("TelefUM Outlook Bridge\nTelefUM не запущен\nMicrosoft 365: olena@contoso.ua");
  });

  it("names the calls waiting in the fallback journal, in each language, and only while there are some", () => {
    const state = { telefumRunning: true, m365: { enabled: false, signedIn: false }, contacts: 3 };
    expect(trayView("uk", { ...state, journaled: 4 }).status.at(-1)).toBe("Дзвінків у резервному журналі: 4");
    expect(trayView("ru", { ...state, journaled: 4 }).status.at(-1)).toBe("Звонков в резервном журнале: 4");
    expect(trayView("en", { ...state, journaled: 4 }).status.at(-1)).toBe("Calls in the fallback journal: 4");
    expect(trayView("en", { ...state, journaled: 0 }).status).toHaveLength(3);
  });

  it("says whether an Outlook pane is connected, and what to allow when it stays empty", () => {
    const state = { telefumRunning: true, m365: { enabled: false, signedIn: false }, contacts: 3 };
    expect(trayView("uk", { ...state, paneConnected: false }).status).toEqual([
      "TelefUM підключено",
      "Microsoft 365 не налаштовано",
      "Контактів: 3",
      "Панель в Outlook не підключена. Якщо вона порожня, дозвольте доступ до цього пристрою, коли браузер запитає",
    ]);
    expect(trayView("ru", { ...state, paneConnected: true }).status.at(-1)).toBe("Панель в Outlook подключена");
    expect(trayView("en", { ...state, paneConnected: false }).status.at(-1)).toBe(
      "Outlook pane not connected: empty? Allow access to this device when the browser asks",
    );
  });

  it.each(LANGUAGES)("%s: every line and label is a text of the catalog, none a key", (language) => {
    for (const telefumRunning of [true, false]) {
      for (const paneConnected of [true, false]) {
        const view = trayView(language, { telefumRunning, m365: signedIn, contacts: 1, paneConnected });
        for (const text of view.status) expect(text).not.toMatch(/windows\./);
      }
      const view = trayView(language, { telefumRunning, m365: signedIn, contacts: 1 });
      for (const text of [view.tooltip, ...view.status, ...Object.values(view.labels)]) {
        expect(text).not.toMatch(/windows\./);
      }
    }
  });
});

describe("welcome page", () => {
  const facts = {
    manifestPath: "C:\\Users\\Олена\\AppData\\Local\\Programs\\TelefUM Outlook Bridge\\TelefUM-manifest.xml",
    paneUrl: "https://localhost:3000/taskpane.html",
    configPath: "C:\\Users\\Олена\\AppData\\Local\\TelefUM Outlook Bridge\\config.json",
    logPath: "C:\\Users\\Олена\\AppData\\Local\\TelefUM Outlook Bridge\\logs\\bridge.log",
  };

  it("walks a Ukrainian user through adding the add-in from the installed manifest, and the optional sign-in", () => {
    const html = welcomePage("uk", facts);
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain("<h1>TelefUM Outlook Bridge встановлено</h1>");
    expect(html).toContain(`<p><code>${facts.manifestPath}</code></p>`);
    expect(html).toContain(
      "<li><b>Новий Outlook</b>: Отримати надбудови → Мої надбудови → Додати настроювану надбудову → " +
        "Додати з файлу.</li>",
    );
    expect(html).toContain("<h2>2. Microsoft 365 (за бажанням)</h2>");
    expect(html).toContain(`<p><code>${facts.configPath}</code></p>`);
    expect(html).toContain('<a href="https://localhost:3000/taskpane.html">https://localhost:3000/taskpane.html</a>');
  });

  it("escapes what it quotes and has the same sections in Russian and English", () => {
    const html = welcomePage("en", { ...facts, manifestPath: 'C:\\a&b\\<x>"\\m.xml' });
    expect(html).toContain("<code>C:\\a&amp;b\\&lt;x&gt;&quot;\\m.xml</code>");
    expect(html).toContain(
      "<li><b>Classic Outlook</b>: Home → Get Add-ins → My add-ins → Add a custom add-in → Add from file.</li>",
    );
    expect(welcomePage("ru", facts)).toContain("<h2>1. Добавьте надстройку TelefUM в Outlook</h2>");
  });

  it("tells what the browser's local network prompt is, to allow it, and what an empty pane means", () => {
    const html = welcomePage("uk", facts);
    expect(html).toContain("<h2>4. Якщо панель TelefUM в Outlook порожня</h2>");
    expect(html).toContain("<b>доступ до програм і служб на цьому пристрої</b>");
    expect(html).toContain("Натисніть <b>Дозволити</b>.");
    expect(html).toContain("панель лишається порожньою, а кнопки <b>Подзвонити</b> і <b>SMS</b> нічого не роблять");
    expect(welcomePage("en", facts)).toContain("LoopbackNetworkAllowedForUrls");
    expect(welcomePage("ru", facts)).toContain("<h2>4. Если панель TelefUM в Outlook пустая</h2>");
  });

  it.each(LANGUAGES)("%s: every heading and paragraph is a text of the catalog, none a key", (language) => {
    const html = welcomePage(language, facts);
    expect(html).not.toMatch(/windows\./);
    expect(html.match(/<h2>/g)).toHaveLength(4);
    expect(html.match(/<li><b>/g)).toHaveLength(3);
  });
});
