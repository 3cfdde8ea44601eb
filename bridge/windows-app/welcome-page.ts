/**
 * The page the installer opens in the default browser when it finishes: how to add the add-in to each
 * Outlook (with the installed manifest's path), the optional Microsoft 365 sign-in, and what an empty pane means
 * (the browser's local network prompt refused: nothing of the add-in can load to say so itself).
 * A static file in the install folder, so it opens whether or not the bridge runs yet.
 */
import { translator } from "../i18n/i18n.js";
import type { Language } from "../i18n/language.js";

export interface WelcomeFacts {
  manifestPath: string;
  paneUrl: string;
  configPath: string;
  logPath: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

export function welcomePage(language: Language, facts: WelcomeFacts): string {
  const { t } = translator(language);
  // The catalog's texts are ours and may carry <b>; only the facts come from outside, and they are escaped.
  const code = (text: string): string => `<p><code>${escapeHtml(text)}</code></p>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${t("windows.welcome.title")}</title>
<style>
body { font: 15px/1.5 "Segoe UI", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; color: #0078d4; } h2 { font-size: 1.15rem; margin-top: 1.8rem; }
code { background: #f3f3f3; padding: .2rem .4rem; border-radius: 3px; user-select: all; word-break: break-all; }
</style>
</head>
<body>
<h1>${t("windows.welcome.title")}</h1>
<p>${t("windows.welcome.running")}</p>
<h2>${t("windows.welcome.addTitle")}</h2>
<p>${t("windows.welcome.fileIs")}</p>
${code(facts.manifestPath)}
<ul>
<li>${t("windows.welcome.newOutlook")}</li>
<li>${t("windows.welcome.classic")}</li>
<li>${t("windows.welcome.web")}</li>
</ul>
<p>${t("windows.welcome.afterwards")}</p>
<h2>${t("windows.welcome.m365Title")}</h2>
<p>${t("windows.welcome.m365")}</p>
${code(facts.configPath)}
<p><code>{ "microsoft365": { "clientId": "…" } }</code></p>
<p>${t("windows.welcome.m365Signin")}</p>
<h2>${t("windows.welcome.paneTitle")}</h2>
<p>${t("windows.welcome.pane")} <a href="${escapeHtml(facts.paneUrl)}">${escapeHtml(facts.paneUrl)}</a></p>
<h2>${t("windows.welcome.lnaTitle")}</h2>
<p>${t("windows.welcome.lna")}</p>
<p>${t("windows.welcome.lnaBlocked")}</p>
<p>${t("windows.welcome.lnaFix")}</p>
<p>${t("windows.welcome.lnaAdmin")}</p>
<p>${t("windows.welcome.help")}</p>
${code(facts.logPath)}
</body>
</html>
`;
}
