/**
 * The outlook room wires itself: the adapters the session puts into the core while someone is signed in (the card
 * opener, the configured way, and the contact creator), and the Outlook on the web links of Outlook contacts.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { AdapterHost, CardOpener, ContactCreator } from "../../core/ports.js";
import type { CommandRunner, UrlOpener } from "../../desktop/launchers.js";
import type { Contact } from "../../directory/contact.js";
import type { Directory } from "../../directory/directory.js";
import type { M365Config } from "../config.js";
import { contactOpenerFor, graphIdOfWebUrl, webContactUrl } from "./card-openers.js";
import { GraphContactCreator } from "./contact-creator.js";
import { M365CardOpener } from "./m365-card-opener.js";

export interface OutlookDeps {
  config: M365Config;
  client: Client;
  directory: Directory;
  /** The local views the card opener falls back to, and the events the pane's opener sends. */
  core: AdapterHost;
  runner: CommandRunner;
  openUrl: UrlOpener;
}

export function createOutlookAdapters(deps: OutlookDeps): { cardOpener: CardOpener; contactCreator: ContactCreator } {
  const { config, core } = deps;
  const { client, runner, openUrl } = deps;
  const contactOpener = contactOpenerFor({ card: config.card, client, runner, openUrl, events: core.events });
  return {
    cardOpener: new M365CardOpener(() => core.views, contactOpener, config.card.chooser === "page"),
    contactCreator: new GraphContactCreator(client, deps.directory),
  };
}

/** Outlook on the web links of Outlook contacts and back, for `card.idForm: "url"`. */
export function outlookLinks(config: M365Config, directory: Directory) {
  const template = config.card.webUrlTemplate;
  return {
    outlookLink: (contact: Contact) =>
      contact.source === "outlook" && contact.externalId ? webContactUrl(template, contact.externalId) : undefined,
    outlookContactIdOfLink: (url: string) => {
      const graphId = graphIdOfWebUrl(template, url);
      return graphId === undefined ? undefined : directory.findByExternalId("outlook", graphId)?.id;
    },
  };
}
