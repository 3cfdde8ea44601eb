/**
 * The simulator page's script, served as a file (/simulator/simulator.js): the CSP refuses inline script. Its words
 * come from the page's JSON block (#simulator-words), in the bridge's language.
 */
import { API, TOKEN_HEADER, TOKEN_META } from "../api-contract/paths.js";

export const SIMULATOR_JS = `"use strict";
const $ = (id) => document.getElementById(id);
const WORDS = JSON.parse($("simulator-words").textContent);
const say = (name, values = {}) => WORDS[name].replace(/{{(\\w+)}}/g, (_, key) => String(values[key] ?? ""));
const token = document.querySelector('meta[name=${JSON.stringify(TOKEN_META)}]').content;
const pad = (n) => String(n).padStart(2, "0");
const now = new Date();
$("start").value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) + " " +
  pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds());
const CLOCK = new Intl.DateTimeFormat(document.documentElement.lang, {
  hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
let lastIds = "";
let socket;
function log(cls, text) {
  const line = document.createElement("div");
  line.className = cls;
  // The page's language and the 24-hour clock of every other screen, not the browser's own locale.
  line.textContent = CLOCK.format(new Date()) + "  " + text;
  $("log").prepend(line);
}
/** A line naming characters TelefUM's encoding could not carry, each one marked. */
function note(name, placeholder, items) {
  const line = document.createElement("div");
  line.className = "note";
  const [before, after = ""] = say(name, { [placeholder]: "\u0000" }).split("\u0000");
  line.append(before);
  items.forEach(([char, rest], i) => {
    const mark = document.createElement("mark");
    mark.textContent = char;
    line.append(i ? ", " : "", mark, rest);
  });
  line.append(after);
  $("log").prepend(line);
}
/** What TelefUM would read (after its encoding); notes first, so they sit under the message in the newest-first log. */
function showReceived(data) {
  const replaced = data.replaced.filter((r) => r.fit);
  const dropped = data.replaced.filter((r) => !r.fit);
  if (dropped.length) note("dropped", "chars", dropped.map((r) => [r.char, ""]));
  if (replaced.length) note("replaced", "pairs", replaced.map((r) => [r.char, " → " + r.fit]));
  log("out", "bridge → TelefUM  " + data.text);
  showReply(data.text);
}
function send(text) {
  if (!socket || socket.readyState !== 1) return log("err", say("notConnected"));
  log("in", "TelefUM → bridge  " + text);
  socket.send(JSON.stringify({ text }));
}
function showReply(text) {
  const f = text.split("^");
  if (f[0] === "CONTACT") {
    $("caller").textContent = f[4] + (f[5] ? " — " + f[5] : "") + (f[6] ? " (" + f[6] + ")" : "");
    lastIds = f[7];
    $("card").disabled = false;
  } else if (f[0] === "NOCONTACT") {
    $("caller").textContent = f[1] + " — " + say("unknownCaller");
    lastIds = "";
    $("card").disabled = true;
  }
}
function showChooser(event) {
  const list = $("chooser");
  list.replaceChildren();
  for (const c of event.contacts) {
    const item = document.createElement("li");
    item.textContent = c.name + (c.company ? " — " + c.company : "") + (c.note ? " (" + c.note + ")" : "");
    item.onclick = async () => {
      $("chooser-box").hidden = true;
      log("ev", say("chose", { name: c.name }));
      const choice = event.number ? { id: c.id, number: event.number } : { id: c.id };
      const headers = { "content-type": "application/json", ${JSON.stringify(TOKEN_HEADER)}: token };
      const r = await fetch(${JSON.stringify(API.choose)}, { method: "POST", headers, body: JSON.stringify(choice) });
      if (!r.ok) log("err", say("chooseFailed", { error: (await r.json()).error }));
    };
    list.append(item);
  }
  $("chooser-box").hidden = false;
}
function connect() {
  socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/simulator/ws");
  socket.onopen = () => ($("status").textContent = say("connected"));
  socket.onclose = () => { $("status").textContent = say("reconnecting"); setTimeout(connect, 1000); };
  socket.onmessage = (m) => {
    const data = JSON.parse(m.data);
    if (data.type === "to-telefum") showReceived(data);
    else if (data.type === "event") {
      const e = data.event;
      // Refusals and failures come already said in the page's language (data.problem).
      if (data.problem) log("err", data.problem);
      else if (e.type === "open-card") {
        if (e.contacts.length > 1) showChooser(e);
        else log("ev", say("openCard", { names: e.contacts.map((c) => c.name).join(", ") }));
      }
      else if (e.type === "contact-created") log("ev", say("created", { name: e.contact.name, id: e.contact.id }));
      else if (e.type === "call-logged") log("ev", say("logged", { id: e.call.id }));
    } else if (data.type === "error") log("err", data.message);
  };
}
$("ring").onclick = () => send("CONTACT?^" + $("number").value + "^" + $("device").value + "^" + $("line").value + "^");
$("card").onclick = () => lastIds && send("CARD^" + lastIds + "^");
$("create").onclick = () => send("CREATECARD^" + $("number").value + "^");
$("history").onclick = () => {
  const fields = ["number", "direction", "answered", "start", "duration", "recording"].map((id) => $(id).value);
  send(["CALLHISTORY", ...fields].join("^") + "^");
};
$("send-raw").onclick = () => $("raw").value && send($("raw").value);
connect();
`;
