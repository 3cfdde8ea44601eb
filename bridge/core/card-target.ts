/**
 * What a CARD names: contact ids (`CARD^12^`, `CARD^12, 13^`) or, in the spec's web-service mode, one web link
 * (`CARD^https://crm.example/c/12^`). Only http(s) links are opened; file:, javascript:, UNC paths are refused.
 */
import { ReasonError } from "../api-contract/reasons.js";
import { quotable } from "../protocol/errors.js";

export type CardTarget =
  | { kind: "ids"; ids: string[] }
  | { kind: "link"; url: string }
  | { kind: "refused"; error: ReasonError };

/** A scheme (`https:`, `file:`, `javascript:`) or a UNC/Windows path: not an id. */
const LOOKS_LIKE_LINK = /^(?:[a-z][a-z0-9+.-]*:|\\\\|\/\/)/i;

/** `ownContactId` maps the bridge's own `/contact/<id>` links (card.idForm "url") back to their ids. */
export function cardTarget(ids: readonly string[], ownContactId: (url: string) => string | undefined): CardTarget {
  const links = ids.filter((id) => LOOKS_LIKE_LINK.test(id));
  if (links.length === 0) return { kind: "ids", ids: [...ids] };
  const own = ids.map((id) => ownContactId(id));
  if (own.every((id) => id !== undefined)) return { kind: "ids", ids: own as string[] };
  const [first] = links;
  if (ids.length > 1 || first === undefined)
    return refused(new ReasonError("LINK_SEVERAL", "CARD names one web link, not several"));
  let url: URL;
  try {
    url = new URL(first);
  } catch {
    return refused(new ReasonError("NOT_A_LINK", `"${first}" is not a web link`, { value: quotable(first) }));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    // The scheme without its colon: "not file" reads as words; "not file:" ran into ": refused" as "file::".
    const scheme = url.protocol.slice(0, -1);
    const why = `only http and https links are opened, not "${scheme}" (refused)`;
    return refused(new ReasonError("LINK_SCHEME", why, { scheme: quotable(scheme), value: quotable(first) }));
  }
  return { kind: "link", url: url.href };
}

const refused = (error: ReasonError): CardTarget => ({ kind: "refused", error });
