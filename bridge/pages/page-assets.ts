/**
 * The one script and style sheet of the bridge's own pages, served as files (never inline). The script reads
 * everything it needs from the page: the token from the meta tag, values and words from data attributes.
 */
import { API, TOKEN_HEADER, TOKEN_META } from "../api-contract/paths.js";
import type { Route } from "../http/server.js";

export const PAGE_SCRIPT_PATH = "/pages/pages.js";
export const PAGE_STYLE_PATH = "/pages/pages.css";

const SCRIPT = `"use strict";
(() => {
  const token = document.querySelector('meta[name="${TOKEN_META}"]').content;
  const api = ${JSON.stringify(API)};
  const words = document.body.dataset;
  const reasons = JSON.parse(words.reasons);
  /** A refusal in the page's language: its reason's words with the answer's values, never the English "error". */
  const fill = (text, values) => text.replace(/{{(\\w+)}}/g, (_, key) => String(values[key] ?? ""));
  const refusal = (answer, status) => {
    if (status === 503) return words.telefum;
    if (reasons[answer.reason]) return fill(reasons[answer.reason], answer.params || {});
    return fill(reasons.ACTION_FAILED, { detail: answer.error || String(status) });
  };
  const status = document.getElementById("status");
  const say = (text, kind) => { status.textContent = text; status.dataset.kind = kind || "info"; };
  const post = async (path, body) => {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", "${TOKEN_HEADER}": token },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(refusal(answer, response.status));
    return answer;
  };
  const run = (work, done) => work.then(done, (error) => say(words.failed + " " + error.message, "error"));
  const withNumber = (el, body) => (el.dataset.number ? { ...body, number: el.dataset.number } : body);
  const actions = {
    call: (el) => run(post(api.call, { number: el.dataset.number }), () => say(words.calling, "success")),
    sms: (el) =>
      run(post(api.smsTemplate, { number: el.dataset.number }), () => say(words.smsopened, "success")),
    choose: (el) =>
      run(post(api.choose, withNumber(el, { id: el.dataset.id })), () => say(words.opening, "success")),
    forget: (el) =>
      run(post(api.forgetChoice, { number: el.dataset.number }), () => {
        say(words.forgotten, "success");
        if (el.dataset.next) location.href = el.dataset.next;
      }),
  };
  for (const el of document.querySelectorAll("button[data-action]")) {
    el.addEventListener("click", () => actions[el.dataset.action]?.(el));
  }
  const form = document.querySelector("form[data-action=create]");
  form?.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(form).entries());
    run(post(api.contacts, { ...body, open: true }), (answer) => {
      say(words.saved + " " + answer.contact.name, "success");
      form.querySelector("button[type=submit]").disabled = true;
    });
  });
  const filter = document.querySelector("input[data-filter]");
  filter?.addEventListener("input", () => {
    const text = filter.value.trim().toLowerCase();
    for (const row of document.querySelectorAll("[data-search]")) row.hidden = !row.dataset.search.includes(text);
  });
})();
`;

const STYLE = `body{font:15px system-ui,sans-serif;margin:2em auto;max-width:42em;padding:0 1em;color:#222;
background:#fff}
h1{font-size:1.5em;margin:.2em 0}ul{list-style:none;padding:0}li{margin:.4em 0}
.muted{color:#555}.note{color:#444;font-style:italic}
main,td{overflow-wrap:anywhere}button,.button{white-space:nowrap}
.choice{display:grid;gap:.2em;border:1px solid #bbb;border-radius:6px;padding:.7em}
.remembered{border-color:#2a6;background:#f3fbf5}
button,.button{font:inherit;padding:.35em .8em;margin:.2em .3em .2em 0;border:1px solid #888;border-radius:5px;
background:#fff;cursor:pointer;color:inherit;text-decoration:none;display:inline-block}
button.primary{background:#0f6cbd;border-color:#0f6cbd;color:#fff}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3em;border-bottom:1px solid #ddd}
label{display:block;margin-top:.6em}input{font:inherit;width:100%;padding:.35em;box-sizing:border-box}
#status[data-kind=error]{color:#b00}#status[data-kind=success]{color:#070}
:root{color-scheme:light dark}
@media (prefers-color-scheme:dark){body{background:#1f1f1f;color:#e6e6e6}.muted{color:#b3b3b3}.note{color:#c8c8c8}
.choice{border-color:#555}.remembered{border-color:#3c9;background:#1c3326}
button,.button{background:#2b2b2b;border-color:#777}button.primary{background:#479ef5;border-color:#479ef5;color:#111}
td,th{border-bottom-color:#444}input{background:#2b2b2b;color:inherit;border:1px solid #777}a{color:#6cb8f6}
#status[data-kind=error]{color:#ff8a8a}#status[data-kind=success]{color:#7fd98f}}
`;

export function pageAssetRoutes(): Route[] {
  const serve = (path: string, type: string, text: string): Route => ({
    method: "GET",
    path,
    handle: ({ res }) => {
      res.writeHead(200, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-cache" });
      res.end(text);
    },
  });
  return [serve(PAGE_SCRIPT_PATH, "text/javascript", SCRIPT), serve(PAGE_STYLE_PATH, "text/css", STYLE)];
}
