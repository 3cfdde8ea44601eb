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
import { errorText, t, words } from "./text.js";

/** A mail's or meeting's time from Graph (ISO, with or without a zone) in the one moment format. */
function when(iso: string): string {
  return words().instant(iso);
}

function callWords(call: ContextCall): string {
  if (call.direction === "out") return call.answered ? t("context.outgoing") : t("context.noAnswer");
  return call.answered ? t("context.incoming") : t("context.missed");
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
    this.el.append(h("p", { class: "muted" }, t("context.loading")));
    let answer: ContextAnswer;
    try {
      answer = await this.api.context(number, contacts.length === 1 ? contacts[0]!.id : undefined);
    } catch (error) {
      clear(this.el);
      this.el.dataset.state = "failed";
      this.el.append(h("p", { class: "muted" }, errorText(error)));
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
        [t("context.last"), answer.meetings.last],
        [t("context.next"), answer.meetings.next],
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
    const tasks = answer.tasks.map((task) => h("li", { "data-testid": "task-line" }, task.title));
    const calls = answer.calls.map((c) =>
      h(
        "li",
        { "data-testid": "context-call" },
        [words().dateTime(c.start), callWords(c), c.answered ? words().duration(c.durationSeconds) : ""]
          .filter(Boolean)
          .join(" · "),
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
              t("context.recording"),
            )
          : null,
      ),
    );
    const sms = answer.sms.map((s) =>
      h("li", { "data-testid": "sms-line" }, `${when(s.sentAt)} · ${s.template ? t("context.template") : s.text}`),
    );
    const found = answer.suggestions.map((s) => this.suggestion(answer.number, s));
    if (answer.unavailable.length > 0)
      this.el.append(h("p", { class: "muted", "data-testid": "context-unavailable" }, t("context.unavailable")));
    for (const piece of [
      part("context-found", t("context.found"), ...found),
      part("context-mail", t("context.mail"), ...mail),
      part("context-meetings", t("context.meetings"), ...meetings),
      part("context-tasks", t("context.tasks"), ...tasks),
      part("context-calls", t("context.calls"), ...calls) ??
        h("p", { class: "muted", "data-testid": "context-no-calls" }, t("context.noCalls")),
      part("context-sms", t("context.sms"), ...sms),
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
        t("context.create"),
        () => {
          this.api
            .createContact({ number, name: s.name, email: s.email, company: s.company, language: words().language })
            .then((contact) => {
              this.actions.notify(t("context.created", { name: contact.name }), "success");
              this.onCreated(contact);
            })
            .catch((error: unknown) => this.actions.notify(errorText(error), "error"));
        },
        { primary: true, testid: "create-from-mail" },
      ),
    );
  }
}
