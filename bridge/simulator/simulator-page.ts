/** The simulator page: a stand-in for TelefUM's window, served by the bridge at /simulator. */
import { TOKEN_META } from "../api-contract/paths.js";
import { translator, type Language } from "../i18n/i18n.js";
import type { WireEncoding } from "../protocol/wire-encoding.js";

/** What the page's script writes into its log, in the page's language (a data block, not code). */
const SCRIPT_WORDS = {
  connected: "simulator.connected",
  reconnecting: "simulator.reconnecting",
  unknownCaller: "simulator.unknownCaller",
  notConnected: "simulator.notConnected",
  chose: "simulator.chose",
  chooseFailed: "simulator.chooseFailed",
  openCard: "simulator.openCard",
  created: "simulator.created",
  logged: "simulator.logged",
  replaced: "simulator.replaced",
  dropped: "simulator.dropped",
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const SIMULATOR_SCRIPT = "/simulator/simulator.js";

/**
 * `token` is the pairing token (the chooser answers through /api/choose, like the pane). The script is a file
 * (the CSP refuses inline script); its words come in a JSON data block, which is never run.
 */
export function simulatorPage(token: string, language: Language = "en", encoding: WireEncoding = "cp1251"): string {
  const tr = translator(language);
  const t = (key: string): string => escapeHtml(tr.t(key));
  // {{name}} placeholders stay for the script to fill; "<" is escaped so the block cannot end early.
  const keep = {
    ...Object.fromEntries(["name", "error", "stage", "names", "id", "pairs", "chars"].map((p) => [p, `{{${p}}}`])),
    encoding,
  };
  const words = Object.fromEntries(Object.entries(SCRIPT_WORDS).map(([name, key]) => [name, tr.t(key, keep)]));
  const wordsJson = JSON.stringify(words).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>${t("simulator.title")}</title>
<meta name="${TOKEN_META}" content="${escapeHtml(token)}">
<script src="${SIMULATOR_SCRIPT}" defer></script>
<style>
  body { font: 14px "Segoe UI", system-ui, sans-serif; margin: 0; background: #f3f2f1; color: #201f1e; }
  header { background: #0f6cbd; color: #fff; padding: 10px 16px; font-weight: 600; }
  main { display: grid; grid-template-columns: minmax(320px, 420px) 1fr; gap: 16px; padding: 16px; }
  /* A narrow window (320 px): one column, the log under the controls, never squeezed to nothing. */
  @media (max-width: 760px) { main { grid-template-columns: minmax(0, 1fr); padding: 8px; } }
  section { background: #fff; border-radius: 6px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.15);
    margin-bottom: 16px; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  label { display: block; margin: 6px 0 2px; font-size: 12px; color: #605e5c; }
  input, select { font: inherit; padding: 4px 6px; border: 1px solid #8a8886; border-radius: 4px;
    width: 100%; box-sizing: border-box; }
  .row { display: flex; gap: 8px; } .row > * { flex: 1; }
  button { font: inherit; margin-top: 8px; padding: 5px 12px; border-radius: 4px; border: 1px solid #8a8886;
    background: #fff; cursor: pointer; }
  button.primary { background: #0f6cbd; border-color: #0f6cbd; color: #fff; }
  #log { font: 12px Consolas, monospace; white-space: pre-wrap; max-height: 70vh; overflow: auto; }
  section { overflow-wrap: anywhere; min-width: 0; }
  .in { color: #0f6cbd; } .out { color: #107c10; } .err { color: #a4262c; } .ev { color: #605e5c; }
  .note { color: #8a3707; padding-left: 2em; } .note mark { background: #fde7c7; color: inherit; }
  #caller { font-size: 16px; min-height: 3em; }
  #chooser li { cursor: pointer; padding: 4px; } #chooser li:hover { background: #edebe9; }
  :root { color-scheme: light dark; }
  /* Dark like the pane and the bridge's pages when the system is. */
  @media (prefers-color-scheme: dark) {
    body { background: #1f1f1f; color: #e6e6e6; }
    section { background: #2b2b2b; box-shadow: 0 1px 2px rgba(0,0,0,.6); }
    label, .ev { color: #b3b3b3; }
    input, select, button { background: #1f1f1f; color: inherit; border-color: #777; }
    button.primary { background: #479ef5; border-color: #479ef5; color: #111; }
    .in { color: #6cb8f6; } .out { color: #7fd98f; } .err { color: #ff8a8a; }
    #chooser li:hover { background: #3a3a3a; }
  }
</style>
</head>
<body>
<header>${t("simulator.title")}
  <span id="status" style="font-weight:400;float:right">${t("simulator.connecting")}</span></header>
<main>
<div>
  <section>
    <h2>${t("simulator.incoming")}</h2>
    <label for="number">${t("simulator.number")}</label><input id="number" value="0675355355">
    <div class="row">
      <div><label for="device">${t("simulator.phone")}</label>
        <select id="device"><option>1</option><option>2</option><option>3</option><option>4</option></select></div>
      <div><label for="line">${t("simulator.line")}</label>
        <select id="line"><option>1</option><option>2</option></select></div>
    </div>
    <button class="primary" id="ring">${t("simulator.ring")}</button>
    <div id="caller" aria-live="polite"></div>
    <button id="card" disabled>${t("simulator.card")}</button>
    <button id="create">${t("simulator.create")}</button>
  </section>
  <section>
    <h2>${t("simulator.logCall")}</h2>
    <div class="row">
      <div><label for="direction">${t("simulator.direction")}</label>
        <select id="direction"><option>in</option><option>out</option></select></div>
      <div><label for="answered">${t("simulator.answered")}</label>
        <select id="answered"><option>True</option><option>False</option></select></div>
    </div>
    <div class="row">
      <div><label for="start">${t("simulator.start")}</label><input id="start"></div>
      <div><label for="duration">${t("simulator.duration")}</label><input id="duration" value="0:01:05"></div>
    </div>
    <label for="recording">${t("simulator.recording")}</label><input id="recording" value="C:\\TelefUM\\rec\\call.wav">
    <button id="history">${t("simulator.sendHistory")}</button>
  </section>
  <section>
    <h2>${t("simulator.raw")}</h2>
    <input id="raw" aria-label="${t("simulator.raw")}" placeholder="CONTACT?^0675355355^1^1^">
    <button id="send-raw">${t("simulator.send")}</button>
  </section>
  <section id="chooser-box" hidden>
    <h2>${t("simulator.chooser")}</h2><ul id="chooser"></ul>
  </section>
</div>
<section><h2>${t("simulator.messages")}</h2><div id="log"></div></section>
</main>
<script type="application/json" id="simulator-words">${wordsJson}</script>
</body>
</html>`;
}
