/**
 * Beyond the caller's name, on the call card: the last emails, the last and next meeting, open missed-call tasks,
 * the call log (with notes and recordings) and the SMS sent; for an unknown number, the people whose mail carries
 * it, each created as a contact in one click. Everything is text nodes; links open only http(s).
 */
import type { BridgeApi } from "../shared/api.js";
import type { Contact, ContextAnswer, ContextCall, MailSuggestion } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, clear, h } from "./dom.js";
import { openMeeting, openMessage, openWebLink } from "./open-in-outlook.js";
import { texts } from "./pane-language.js";

const TEXT = texts({
  uk: {
    mail: "Листи",
    meetings: "Зустрічі",
    last: "Остання: ",
    next: "Наступна: ",
    tasks: "Задачі",
    calls: "Дзвінки",
    sms: "SMS",
    template: "SMS з шаблону",
    recording: "запис",
    noCalls: "Дзвінків ще немає.",
    found: "Знайдено в пошті",
    create: "Створити контакт",
    created: "Контакт створено: ",
    unavailable: "Частина даних Microsoft 365 зараз недоступна.",
    loading: "Завантаження…",
    incoming: "вхідний",
    outgoing: "вихідний",
    missed: "пропущений",
    noAnswer: "без відповіді",
  },
  ru: {
    mail: "Письма",
    meetings: "Встречи",
    last: "Последняя: ",
    next: "Следующая: ",
    tasks: "Задачи",
    calls: "Звонки",
    sms: "SMS",
    template: "SMS из шаблона",
    recording: "запись",
    noCalls: "Звонков ещё нет.",
    found: "Найдено в почте",
    create: "Создать контакт",
    created: "Контакт создан: ",
    unavailable: "Часть данных Microsoft 365 сейчас недоступна.",
    loading: "Загрузка…",
    incoming: "входящий",
    outgoing: "исходящий",
    missed: "пропущенный",
    noAnswer: "без ответа",
  },
  en: {
    mail: "Emails",
    meetings: "Meetings",
    last: "Last: ",
    next: "Next: ",
    tasks: "Tasks",
    calls: "Calls",
    sms: "SMS",
    template: "SMS from template",
    recording: "recording",
    noCalls: "No calls logged yet.",
    found: "Found in your mail",
    create: "Create contact",
    created: "Contact created: ",
    unavailable: "Some Microsoft 365 details are not available right now.",
    loading: "Loading…",
    incoming: "incoming",
    outgoing: "outgoing",
    missed: "missed",
    noAnswer: "not answered",
  },
});

function duration(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function when(iso: string): string {
  return iso.replace("T", " ").slice(0, 16);
}

/** The bridge's clock (an SMS's ISO time) as this PC's local `yyyy-mm-dd hh:mm`. */
function localWhen(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function callWords(call: ContextCall): string {
  if (call.direction === "out") return call.answered ? TEXT.outgoing : TEXT.noAnswer;
  return call.answered ? TEXT.incoming : TEXT.missed;
}

function part(testid: string, title: string, ...items: HTMLElement[]): HTMLElement | undefined {
  if (items.length === 0) return undefined;
  return h("div", { class: "context-part", "data-testid": testid }, h("h3", {}, title), h("ul", {}, ...items));
}

export class ContextCard {
  readonly el: HTMLElement;
  private shown: { number: string; contacts: Contact[] } | undefined;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
    /** A suggestion became a contact: the card shows them. */
    private readonly onCreated: (contact: Contact) => void,
  ) {
    this.el = h("div", { class: "context", "data-testid": "context" });
  }

  /** Loads and shows the context; answers it for the parts of the card that need it too (the notes box). */
  async show(number: string, contacts: Contact[]): Promise<ContextAnswer | undefined> {
    this.shown = { number, contacts };
    clear(this.el);
    this.el.dataset.state = "loading";
    this.el.append(h("p", { class: "muted" }, TEXT.loading));
    let answer: ContextAnswer;
    try {
      answer = await this.api.context(number, contacts.length === 1 ? contacts[0]!.id : undefined);
    } catch (error) {
      clear(this.el);
      this.el.dataset.state = "failed";
      this.el.append(h("p", { class: "muted" }, (error as Error).message));
      return undefined;
    }
    if (this.shown?.number !== number) return undefined; // another call meanwhile
    this.render(answer);
    return answer;
  }

  /** Something changed for the number shown (a call logged, an SMS sent): load again. */
  refresh(number: string): void {
    if (this.shown && this.shown.number === number) void this.show(number, this.shown.contacts);
  }

  private render(answer: ContextAnswer): void {
    clear(this.el);
    const mail = answer.mail.map((m) =>
      h(
        "li",
        {},
        h(
          "a",
          {
            href: m.webLink || "#",
            "data-testid": "mail-line",
            onclick: (event: Event) => {
              event.preventDefault();
              openMessage(m.id, m.webLink);
            },
          },
          `${when(m.at)} ${m.direction === "in" ? "←" : "→"} ${m.subject}`,
        ),
      ),
    );
    const meetings = (
      [
        [TEXT.last, answer.meetings.last],
        [TEXT.next, answer.meetings.next],
      ] as const
    )
      .filter(([, meeting]) => meeting !== null)
      .map(([label, meeting]) =>
        h(
          "li",
          {},
          label,
          h(
            "a",
            {
              href: meeting!.webLink || "#",
              "data-testid": "meeting-line",
              onclick: (event: Event) => {
                event.preventDefault();
                openMeeting(meeting!.id, meeting!.webLink);
              },
            },
            `${when(meeting!.start)} ${meeting!.subject}`,
          ),
        ),
      );
    const tasks = answer.tasks.map((t) => h("li", { "data-testid": "task-line" }, t.title));
    const calls = answer.calls.map((c) =>
      h(
        "li",
        { "data-testid": "context-call" },
        `${c.start.slice(0, 16)} · ${callWords(c)}${c.answered ? ` · ${duration(c.durationSeconds)}` : ""}`,
        c.note ? ` · ${c.note}` : "",
        c.recordingUrl ? " · " : "",
        c.recordingUrl
          ? h(
              "a",
              {
                href: c.recordingUrl,
                "data-testid": "recording",
                onclick: (event: Event) => {
                  event.preventDefault();
                  openWebLink(c.recordingUrl!);
                },
              },
              TEXT.recording,
            )
          : null,
      ),
    );
    const sms = answer.sms.map((s) =>
      h("li", { "data-testid": "sms-line" }, `${localWhen(s.sentAt)} · ${s.template ? TEXT.template : s.text}`),
    );
    const found = answer.suggestions.map((s) => this.suggestion(answer.number, s));
    if (answer.unavailable.length > 0)
      this.el.append(h("p", { class: "muted", "data-testid": "context-unavailable" }, TEXT.unavailable));
    for (const piece of [
      part("context-found", TEXT.found, ...found),
      part("context-mail", TEXT.mail, ...mail),
      part("context-meetings", TEXT.meetings, ...meetings),
      part("context-tasks", TEXT.tasks, ...tasks),
      part("context-calls", TEXT.calls, ...calls) ??
        h("p", { class: "muted", "data-testid": "context-no-calls" }, TEXT.noCalls),
      part("context-sms", TEXT.sms, ...sms),
    ])
      if (piece) this.el.append(piece);
    this.el.dataset.state = "ready";
  }

  private suggestion(number: string, s: MailSuggestion): HTMLElement {
    return h(
      "li",
      { class: "suggestion", "data-testid": "suggestion" },
      h("strong", {}, s.name || s.email),
      " ",
      h("span", {}, s.email),
      s.company ? h("div", {}, s.company) : null,
      h("div", { class: "muted" }, s.line),
      button(
        TEXT.create,
        () => {
          this.api
            .createContact({ number, name: s.name, email: s.email, company: s.company })
            .then((contact) => {
              this.actions.notify(TEXT.created + contact.name, "success");
              this.onCreated(contact);
            })
            .catch((error: Error) => this.actions.notify(error.message, "error"));
        },
        { primary: true, testid: "create-from-mail" },
      ),
    );
  }
}
