/**
 * Ways to show one Outlook contact: a link to Outlook on the web / new Outlook, classic Outlook through
 * `outlook.exe /select outlook:<EntryID>` (the EntryID from /me/translateExchangeIds), or the add-in pane.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Contact } from "../../directory/contact.js";
import type { EventHub } from "../../core/ports.js";
import type { CardOpenMode, M365Config } from "../config.js";
import { normalizeGraphError } from "../graph-client.js";
import type { CommandRunner, UrlOpener } from "../../desktop/launchers.js";

export interface ContactOpener {
  readonly name: string;
  /** Opens an `outlook` contact that has a Graph id. */
  openContact(contact: Contact): Promise<void>;
}

export function webContactUrl(template: string, graphId: string): string {
  return template.replace(/\{id\}/g, encodeURIComponent(graphId));
}

/** The Graph id in a link webContactUrl made with this template, else undefined. */
export function graphIdOfWebUrl(template: string, url: string): string | undefined {
  const [before, after, ...rest] = template.split("{id}");
  if (before === undefined || after === undefined || rest.length > 0) return undefined;
  const text = url.trim();
  if (!text.startsWith(before) || !text.endsWith(after) || text.length <= before.length + after.length)
    return undefined;
  try {
    return decodeURIComponent(text.slice(before.length, text.length - after.length));
  } catch {
    return undefined;
  }
}

export class WebContactOpener implements ContactOpener {
  readonly name = "web";

  constructor(
    private readonly template: string,
    private readonly openUrl: UrlOpener,
  ) {}

  openContact(contact: Contact): Promise<void> {
    return this.openUrl(webContactUrl(this.template, requireGraphId(contact)));
  }
}

/** MAPI EntryID as classic Outlook's command line wants it: upper-case hex. Graph answers it base64(url). */
export function entryIdToHex(entryId: string): string {
  return Buffer.from(entryId.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("hex").toUpperCase();
}

export class ClassicOutlookOpener implements ContactOpener {
  readonly name = "classic";
  private readonly entryIds = new Map<string, string>();

  constructor(
    private readonly client: Client,
    private readonly outlookPath: string,
    private readonly runner: CommandRunner,
  ) {}

  async entryIdFor(graphId: string): Promise<string> {
    const cached = this.entryIds.get(graphId);
    if (cached) return cached;
    let answer: { value: { sourceId: string; targetId: string }[] };
    try {
      answer = (await this.client
        .api("/me/translateExchangeIds")
        // The bridge asks Graph for immutable ids (graph-client.ts): that is what it translates.
        .post({ inputIds: [graphId], sourceIdType: "restImmutableEntryId", targetIdType: "entryId" })) as typeof answer;
    } catch (error) {
      throw normalizeGraphError(error);
    }
    const target = answer.value.find((v) => v.sourceId === graphId)?.targetId ?? answer.value[0]?.targetId;
    if (!target) throw new Error(`Graph did not translate contact ${graphId} to an EntryID`);
    const hex = entryIdToHex(target);
    this.entryIds.set(graphId, hex);
    return hex;
  }

  async openContact(contact: Contact): Promise<void> {
    const hex = await this.entryIdFor(requireGraphId(contact));
    await this.runner.run(this.outlookPath, ["/select", `outlook:${hex}`]);
  }
}

/** The add-in pane (and the simulator page) shows the card: it listens for `open-card`. */
export class PaneContactOpener implements ContactOpener {
  readonly name = "pane";

  constructor(private readonly events: EventHub) {}

  async openContact(contact: Contact): Promise<void> {
    this.events.emit("open-card", { ids: [contact.id], contacts: [contact], missingIds: [] });
  }
}

export interface ContactOpenerDeps {
  card: M365Config["card"];
  client: Client;
  runner: CommandRunner;
  openUrl: UrlOpener;
  events: EventHub;
}

/** How each `card.mode` opens an Outlook contact. */
const openerForMode: Record<CardOpenMode, (deps: ContactOpenerDeps) => ContactOpener> = {
  web: (d) => new WebContactOpener(d.card.webUrlTemplate, d.openUrl),
  classic: (d) => new ClassicOutlookOpener(d.client, d.card.outlookPath, d.runner),
  pane: (d) => new PaneContactOpener(d.events),
};

export function contactOpenerFor(deps: ContactOpenerDeps): ContactOpener {
  return openerForMode[deps.card.mode](deps);
}

function requireGraphId(contact: Contact): string {
  if (contact.source !== "outlook" || !contact.externalId)
    throw new Error(`contact ${contact.id} is not an Outlook contact`);
  return contact.externalId;
}
