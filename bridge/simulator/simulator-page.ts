/** The simulator page: a stand-in for TelefUM's window, served by the bridge at /simulator. */
import { TOKEN_HEADER } from "../http/api-contract.js";

/** `token` is the pairing token: the chooser answers through /api/choose, like the pane. */
export function simulatorPage(token: string): string {
  return (
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TelefUM simulator</title>
<style>
  body { font: 14px "Segoe UI", system-ui, sans-serif; margin: 0; background: #f3f2f1; color: #201f1e; }
  header { background: #0f6cbd; color: #fff; padding: 10px 16px; font-weight: 600; }
  main { display: grid; grid-template-columns: minmax(320px, 420px) 1fr; gap: 16px; padding: 16px; }
  section { background: #fff; border-radius: 6px; padding: 12px 16px; ` +
    `box-shadow: 0 1px 2px rgba(0,0,0,.15); margin-bottom: 16px; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  label { display: block; margin: 6px 0 2px; font-size: 12px; color: #605e5c; }
  input, select { font: inherit; padding: 4px 6px; border: 1px solid #8a8886; border-radius: 4px; ` +
    `width: 100%; box-sizing: border-box; }
  .row { display: flex; gap: 8px; } .row > * { flex: 1; }
  button { font: inherit; margin-top: 8px; padding: 5px 12px; border-radius: 4px; ` +
    `border: 1px solid #8a8886; background: #fff; cursor: pointer; }
  button.primary { background: #0f6cbd; border-color: #0f6cbd; color: #fff; }
  #log { font: 12px Consolas, monospace; white-space: pre-wrap; max-height: 70vh; overflow: auto; }
  .in { color: #0f6cbd; } .out { color: #107c10; } .err { color: #a4262c; } .ev { color: #605e5c; }
  #caller { font-size: 16px; min-height: 3em; }
  #chooser li { cursor: pointer; padding: 4px; } #chooser li:hover { background: #edebe9; }
</style>
</head>
<body>
<header>TelefUM simulator <span id="status" style="font-weight:400;float:right">connecting…</span></header>
<main>
<div>
  <section>
    <h2>Incoming call</h2>
    <label for="number">Number</label><input id="number" value="0675355355">
    <div class="row">
      <div><label for="device">Phone</label><select id="device">` +
    `<option>1</option><option>2</option><option>3</option><option>4</option></select></div>
      <div><label for="line">Line</label><select id="line"><option>1</option><option>2</option></select></div>
    </div>
    <button class="primary" id="ring">Ring (CONTACT?)</button>
    <div id="caller" aria-live="polite"></div>
    <button id="card" disabled>Open card (CARD)</button>
    <button id="create">New contact (CREATECARD)</button>
  </section>
  <section>
    <h2>Log the call (CALLHISTORY)</h2>
    <div class="row">
      <div><label for="direction">Direction</label><select id="direction">` +
    `<option>in</option><option>out</option></select></div>
      <div><label for="answered">Answered</label><select id="answered">` +
    `<option>True</option><option>False</option></select></div>
    </div>
    <div class="row">
      <div><label for="start">Start</label><input id="start"></div>
      <div><label for="duration">Duration</label><input id="duration" value="0:01:05"></div>
    </div>
    <label for="recording">Recording</label><input id="recording" value="C:\\TelefUM\\rec\\call.wav">
    <button id="history">Send CALLHISTORY</button>
  </section>
  <section>
    <h2>Raw message</h2>
    <input id="raw" placeholder="CONTACT?^0675355355^1^1^"><button id="send-raw">Send</button>
  </section>
  <section id="chooser-box" hidden>
    <h2>Which contact?</h2><ul id="chooser"></ul>
  </section>
</div>
<section><h2>Messages</h2><div id="log"></div></section>
</main>
<script>
const $ = (id) => document.getElementById(id);
const pad = (n) => String(n).padStart(2, "0");
const now = new Date();
$("start").value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) + " " + ` +
    `pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds());
let lastIds = "";
let socket;
function log(cls, text) {
  const line = document.createElement("div");
  line.className = cls;
  line.textContent = new Date().toLocaleTimeString() + "  " + text;
  $("log").prepend(line);
}
function send(text) {
  if (!socket || socket.readyState !== 1) return log("err", "not connected to the bridge");
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
    $("caller").textContent = f[1] + " — unknown caller";
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
      log("ev", "chose " + c.name);
      const choice = event.number ? { id: c.id, number: event.number } : { id: c.id };
      const headers = { "content-type": "application/json", ${JSON.stringify(TOKEN_HEADER)}: ${JSON.stringify(token)} };
      const r = await fetch("/api/choose", { method: "POST", headers, body: JSON.stringify(choice) });
      if (!r.ok) log("err", "choose: " + (await r.json()).error);
    };
    list.append(item);
  }
  $("chooser-box").hidden = false;
}
function connect() {
  socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/simulator/ws");
  socket.onopen = () => ($("status").textContent = "connected");
  socket.onclose = () => { $("status").textContent = "disconnected, retrying…"; setTimeout(connect, 1000); };
  socket.onmessage = (m) => {
    const data = JSON.parse(m.data);
    if (data.type === "to-telefum") { log("out", "bridge → TelefUM  " + data.text); showReply(data.text); }
    else if (data.type === "event") {
      const e = data.event;
      if (e.type === "protocol-error") log("err", "rejected: " + e.error.message);
      else if (e.type === "failure") log("err", e.stage + " failed: " + e.message);
      else if (e.type === "open-card") { if (e.contacts.length > 1) showChooser(e); ` +
    `else log("ev", "open card: " + e.contacts.map((c) => c.name).join(", ")); }
      else if (e.type === "contact-created") log("ev", "created contact " + e.contact.name + " #" + e.contact.id);
      else if (e.type === "call-logged") log("ev", "call logged #" + e.call.id);
    } else if (data.type === "error") log("err", data.message);
  };
}
$("ring").onclick = () => send("CONTACT?^" + $("number").value + "^" + $("device").value + "^" + $("line").value + "^");
$("card").onclick = () => lastIds && send("CARD^" + lastIds + "^");
$("create").onclick = () => send("CREATECARD^" + $("number").value + "^");
$("history").onclick = () => send(["CALLHISTORY", $("number").value, $("direction").value, $("answered").value, ` +
    `$("start").value, $("duration").value, $("recording").value].join("^") + "^");
$("send-raw").onclick = () => $("raw").value && send($("raw").value);
connect();
</script>
</body>
</html>`
  );
}
