/**
 * The page the installer opens in the default browser when it finishes: how to add the add-in to each
 * Outlook (with the installed manifest's path), and the optional Microsoft 365 sign-in.
 * A static file in the install folder, so it opens whether or not the bridge runs yet.
 */
import type { Language } from "../i18n/language.js";

export interface WelcomeFacts {
  manifestPath: string;
  paneUrl: string;
  configPath: string;
  logPath: string;
}

interface WelcomeStrings {
  title: string;
  running: string;
  addTitle: string;
  fileIs: string;
  newOutlook: string;
  classic: string;
  web: string;
  afterwards: string;
  m365Title: string;
  m365: string;
  m365Signin: string;
  paneTitle: string;
  pane: string;
  help: string;
}

const STRINGS: Record<Language, WelcomeStrings> = {
  uk: {
    title: "TelefUM Outlook Bridge встановлено",
    running:
      "Міст запускається разом із Windows. Його значок — у області сповіщень біля годинника: синій, коли TelefUM " +
      "підключено, сірий, коли TelefUM не запущено. Меню значка: Відкрити, стан, Увійти в Microsoft 365, Вийти.",
    addTitle: "1. Додайте надбудову TelefUM до Outlook",
    fileIs: "Файл маніфесту:",
    newOutlook:
      "<b>Новий Outlook</b>: Отримати надбудови → Мої надбудови → Додати настроювану надбудову → " + "Додати з файлу.",
    classic:
      "<b>Класичний Outlook</b>: Основне → Отримати надбудови → Мої надбудови → Додати настроювану надбудову → " +
      "Додати з файлу.",
    web: "<b>Outlook в Інтернеті</b>: відкрийте https://aka.ms/olksideload → Мої надбудови → Додати з файлу.",
    afterwards:
      "Виберіть файл маніфесту вище. На стрічці листа з'являться кнопки <b>Дзвінок</b>, <b>SMS</b> " +
      "і <b>TelefUM</b>.",
    m365Title: "2. Microsoft 365 (за бажанням)",
    m365:
      "Щоб бачити контакти Outlook у TelefUM і записувати дзвінки в календар, додайте ідентифікатор програми " +
      "Entra ID до файлу налаштувань:",
    m365Signin: "Потім виберіть «Увійти в Microsoft 365» у меню значка або в розділі Microsoft 365 панелі TelefUM.",
    paneTitle: "3. Панель у браузері",
    pane: "Панель TelefUM відкривається і без Outlook:",
    help: "Журнал роботи моста:",
  },
  ru: {
    title: "TelefUM Outlook Bridge установлен",
    running:
      "Мост запускается вместе с Windows. Его значок — в области уведомлений у часов: синий, когда TelefUM " +
      "подключён, серый, когда TelefUM не запущен. Меню значка: Открыть, состояние, Войти в Microsoft 365, Выход.",
    addTitle: "1. Добавьте надстройку TelefUM в Outlook",
    fileIs: "Файл манифеста:",
    newOutlook:
      "<b>Новый Outlook</b>: Получить надстройки → Мои надстройки → Добавить настраиваемую надстройку → " +
      "Добавить из файла.",
    classic:
      "<b>Классический Outlook</b>: Главная → Получить надстройки → Мои надстройки → " +
      "Добавить настраиваемую надстройку → Добавить из файла.",
    web: "<b>Outlook в Интернете</b>: откройте https://aka.ms/olksideload → Мои надстройки → Добавить из файла.",
    afterwards:
      "Выберите файл манифеста выше. На ленте письма появятся кнопки <b>Звонок</b>, <b>SMS</b> и <b>TelefUM</b>.",
    m365Title: "2. Microsoft 365 (по желанию)",
    m365:
      "Чтобы видеть контакты Outlook в TelefUM и записывать звонки в календарь, добавьте идентификатор приложения " +
      "Entra ID в файл настроек:",
    m365Signin: "Затем выберите «Войти в Microsoft 365» в меню значка или в разделе Microsoft 365 панели TelefUM.",
    paneTitle: "3. Панель в браузере",
    pane: "Панель TelefUM открывается и без Outlook:",
    help: "Журнал работы моста:",
  },
  en: {
    title: "TelefUM Outlook Bridge is installed",
    running:
      "The bridge starts with Windows. Its icon sits in the notification area by the clock: blue while TelefUM is " +
      "connected, grey while TelefUM is not running. The icon's menu: Open, status, Sign in to Microsoft 365, Quit.",
    addTitle: "1. Add the TelefUM add-in to Outlook",
    fileIs: "The manifest file:",
    newOutlook: "<b>New Outlook</b>: Get Add-ins → My add-ins → Add a custom add-in → Add from file.",
    classic: "<b>Classic Outlook</b>: Home → Get Add-ins → My add-ins → Add a custom add-in → Add from file.",
    web: "<b>Outlook on the web</b>: open https://aka.ms/olksideload → My add-ins → Add from file.",
    afterwards:
      "Choose the manifest file above. Messages then show <b>Call</b>, <b>SMS</b> and <b>TelefUM</b> " +
      "on the ribbon.",
    m365Title: "2. Microsoft 365 (optional)",
    m365:
      "To see your Outlook contacts in TelefUM and log calls to your calendar, add your Entra ID application id " +
      "to the settings file:",
    m365Signin:
      "Then choose “Sign in to Microsoft 365” in the icon's menu or in the TelefUM pane's " + "Microsoft 365 section.",
    paneTitle: "3. The pane in a browser",
    pane: "The TelefUM pane also opens without Outlook:",
    help: "The bridge's log:",
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

export function welcomePage(language: Language, facts: WelcomeFacts): string {
  const s = STRINGS[language];
  const code = (text: string): string => `<p><code>${escapeHtml(text)}</code></p>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${s.title}</title>
<style>
body { font: 15px/1.5 "Segoe UI", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; color: #0078d4; } h2 { font-size: 1.15rem; margin-top: 1.8rem; }
code { background: #f3f3f3; padding: .2rem .4rem; border-radius: 3px; user-select: all; word-break: break-all; }
</style>
</head>
<body>
<h1>${s.title}</h1>
<p>${s.running}</p>
<h2>${s.addTitle}</h2>
<p>${s.fileIs}</p>
${code(facts.manifestPath)}
<ul>
<li>${s.newOutlook}</li>
<li>${s.classic}</li>
<li>${s.web}</li>
</ul>
<p>${s.afterwards}</p>
<h2>${s.m365Title}</h2>
<p>${s.m365}</p>
${code(facts.configPath)}
<p><code>{ "microsoft365": { "clientId": "…" } }</code></p>
<p>${s.m365Signin}</p>
<h2>${s.paneTitle}</h2>
<p>${s.pane} <a href="${escapeHtml(facts.paneUrl)}">${escapeHtml(facts.paneUrl)}</a></p>
<p>${s.help}</p>
${code(facts.logPath)}
</body>
</html>
`;
}
