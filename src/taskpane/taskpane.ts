/**
 * The task pane: live call card, contact search, SMS, chooser, new contact, call history and Microsoft 365.
 * Runs inside Outlook, or standalone in a browser (Office.onReady answers with no host) for tests and demos.
 */
// The Fluent UI components the pane uses, registered once (only these are bundled).
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/badge.js";
import { BridgeApi, readPairingToken } from "../shared/api.js";
import { LiveEvents, type LiveState } from "../shared/live.js";
import { currentItem, readItemPeople } from "../shared/office-item.js";
import type { Contact, PaneEvent } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { CallCard } from "./call-card.js";
import { ActivityView } from "./activity.js";
import { Chooser } from "./chooser.js";
import { h } from "./dom.js";
import { HistoryView } from "./history.js";
import { ItemNumbers } from "./item-numbers.js";
import { Microsoft365View } from "./microsoft365.js";
import { managedSettingsView } from "./managed-settings.js";
import { MissedCallsView } from "./missed-calls.js";
import { NewContactForm } from "./new-contact.js";
import { ReportsView } from "./reports.js";
import { SearchView } from "./search.js";
import { SmsComposer } from "./sms.js";
import { TeamMissedView } from "./team-missed.js";
import { errorText, phoneText, t, useLanguage, words } from "./text.js";
import { reasonText } from "../../bridge/api-contract/reasons.js";
import { followTheme } from "./theme.js";

/** Office.onReady, or nothing when office.js is missing or never answers (plain browser without it). */
export async function officeReady(timeoutMs = 4000): Promise<{ host: Office.HostType | null } | undefined> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return undefined;
  return Promise.race([
    Office.onReady().then((info) => ({ host: info.host ?? null })),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs)),
  ]);
}

function firstNumber(contacts: Contact[]): string {
  return contacts.find((c) => c.phones.length > 0)?.phones[0]?.number ?? "";
}

function displayLanguage(inOutlook: boolean): string | undefined {
  try {
    return inOutlook ? Office.context.displayLanguage : undefined;
  } catch {
    return undefined;
  }
}

export async function startPane(root: HTMLElement): Promise<void> {
  // Outlook's language and theme first: every view is built in them.
  const office = await officeReady();
  const inOutlook = office !== undefined && typeof Office !== "undefined" && office.host === Office.HostType.Outlook;
  useLanguage(displayLanguage(inOutlook), navigator.language);
  followTheme(inOutlook);

  const status = h("span", { id: "status", class: "status", "data-state": "connecting" }, t("pane.status.connecting"));
  const mode = h("span", { id: "mode", class: "mode" });
  const toast = h("div", {
    id: "toast",
    role: "status",
    "aria-live": "polite",
    "aria-label": t("pane.notifications"),
    hidden: true,
  });
  // Stays while the bridge runs: a read-only or replaced store is not a passing message.
  const storeProblem = h("p", { id: "store-problem", class: "card error", hidden: true });
  // Stays while calls the store could not take wait in the fallback journal; gone once they are all stored.
  const journalWaiting = h("p", { id: "journal-waiting", class: "card error", hidden: true });
  const showJournal = (waiting: number, path: string): void => {
    journalWaiting.textContent = waiting > 0 ? t("store.journalWaiting", { count: waiting, path }) : "";
    journalWaiting.hidden = waiting === 0;
  };
  root.append(
    h("header", {}, h("h1", { class: "title" }, "TelefUM"), mode, status),
    toast,
    storeProblem,
    journalWaiting,
  );

  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const notify: PaneActions["notify"] = (message, kind = "info") => {
    toast.textContent = message;
    toast.dataset.kind = kind;
    toast.hidden = false;
    if (toastTimer) clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.hidden = true), 6000);
  };

  const token = readPairingToken();
  if (!token) {
    root.append(h("p", { class: "card error", role: "alert" }, t("pane.notPaired")));
    return;
  }
  const api = new BridgeApi(location.origin, token);

  // Views refer to each other through these actions, wired below.
  const actions: PaneActions = {
    call: (number) => {
      api.call(number).then(
        () => notify(t("pane.calling", { number: phoneText(number) }), "success"),
        (error: Error) => notify(errorText(error), "error"),
      );
    },
    openSms: (number) => sms.open(number),
    openNewContact: (number) => newContact.open(number),
    openChooser: (number, contacts) => chooser.open(number, contacts),
    notify,
  };
  const callCard = new CallCard(api, actions);
  const itemNumbers = new ItemNumbers(api, actions);
  const search = new SearchView(api, actions);
  const sms = new SmsComposer(api, actions);
  const chooser = new Chooser(api, actions);
  const history = new HistoryView(api, actions);
  const newContact = new NewContactForm(
    api,
    actions,
    (contact) => void callCard.show(contact.phones[0]?.number ?? "", [contact], t("callCard.newContact")),
  );
  const microsoft365 = new Microsoft365View(api, actions);
  const activity = new ActivityView(api);
  const missedCalls = new MissedCallsView(api, actions);
  const teamMissed = new TeamMissedView(api, actions);
  const reports = new ReportsView(api, actions);
  root.append(
    h(
      "main",
      {},
      callCard.el,
      chooser.el,
      newContact.el,
      sms.el,
      itemNumbers.el,
      missedCalls.el,
      teamMissed.el,
      search.el,
      history.el,
      reports.el,
      microsoft365.el,
      activity.el,
    ),
  );

  const onEvent = (event: PaneEvent): void => {
    activity.add(event);
    switch (event.type) {
      case "incoming-call":
        // A chooser left open for an earlier caller's number is not about this call.
        chooser.callFor(event.number);
        void callCard.show(event.number, event.contacts);
        return;
      case "open-card": {
        // TelefUM's "open the contact" button: the pane comes forward with it.
        window.focus();
        const number = event.number ?? firstNumber(event.contacts);
        const chosen = event.contacts.find((c) => c.id === event.chosen);
        if (chosen) {
          void callCard.show(number, [chosen], t("callCard.contact"));
          chooser.remembered(number, event.contacts, chosen);
        } else if (event.contacts.length > 1) chooser.open(number, event.contacts);
        else void callCard.show(number, event.contacts, t("callCard.contact"));
        return;
      }
      case "new-contact-form":
        window.focus();
        return newContact.open(event.number);
      case "contact-created":
        return notify(t("pane.contactCreated", { name: event.contact.name }), "success");
      case "call-logged":
        callCard.callLogged(event.call);
        void missedCalls.refresh();
        return void history.refresh();
      case "sms-sent":
        return callCard.smsSent(event.number);
      case "team":
        callCard.teamChanged();
        return void teamMissed.refresh();
      case "failure":
        if (event.stage === "microsoft365") void microsoft365.refresh();
        return notify(t("pane.failure", { message: reasonText(words(), event) }), "error");
      case "notice":
        if (event.key === "store.journalWaiting" || event.key === "store.journalStored")
          showJournal(Number(event.params.count), String(event.params.path));
        return;
      default:
        return;
    }
  };
  const setState = (state: LiveState): void => {
    status.dataset.state = state;
    status.textContent =
      state === "connected"
        ? t("pane.status.connected")
        : state === "connecting"
          ? t("pane.status.connecting")
          : t("pane.status.offline");
  };
  new LiveEvents({ base: location.origin, token, onEvent, onState: setState }).start();

  try {
    const info = await api.status();
    status.title = t("pane.status.details", { transport: info.transport, count: info.contacts });
    if (info.store) {
      storeProblem.textContent = info.store.problem;
      storeProblem.hidden = false;
    }
    if (info.journal) showJournal(info.journal.waiting, info.journal.path);
    sms.setEncoding(info.encoding);
    if (info.managed?.length) {
      microsoft365.el.before(managedSettingsView(info.managed));
      microsoft365.lock(info.managed);
    }
  } catch (error) {
    notify(errorText(error), "error");
  }
  void history.refresh();
  void missedCalls.refresh();
  void teamMissed.refresh();
  void microsoft365.refresh();
  void activity.refresh();

  mode.textContent = inOutlook ? "" : t("pane.standalone");
  document.body.dataset.mode = inOutlook ? "outlook" : "standalone";
  if (inOutlook) {
    const showItem = async (): Promise<void> => itemNumbers.show(await readItemPeople(currentItem()));
    await showItem();
    // A pinned pane stays open while the user moves between messages.
    try {
      Office.context.mailbox.addHandlerAsync(Office.EventType.ItemChanged, () => void showItem());
    } catch {
      // Older hosts without ItemChanged: the pane reloads per item anyway.
    }
  }
  document.body.dataset.ready = "true";
}

const root = document.getElementById("app");
if (root) void startPane(root);
