/**
 * What a CARD names: contact ids (`CARD^12^`, `CARD^12, 13^`) or, in the spec's web-service mode, one web link
 * (`CARD^https://crm.example/c/12^`). Only http(s) links are opened; file:, javascript:, UNC paths are refused.
 */
export type CardTarget =
  | { kind: "ids"; ids: string[] }
  | { kind: "link"; url: string }
  | { kind: "refused"; reason: string };

/** A scheme (`https:`, `file:`, `javascript:`) or a UNC/Windows path: not an id. */
const LOOKS_LIKE_LINK = /^(?:[a-z][a-z0-9+.-]*:|\\\\|\/\/)/i;

/** `ownContactId` maps the bridge's own `/contact/<id>` links (card.idForm "url") back to their ids. */
export function cardTarget(ids: readonly string[], ownContactId: (url: string) => string | undefined): CardTarget {
  const links = ids.filter((id) => LOOKS_LIKE_LINK.test(id));
  if (links.length === 0) return { kind: "ids", ids: [...ids] };
  const own = ids.map((id) => ownContactId(id));
  if (own.every((id) => id !== undefined)) return { kind: "ids", ids: own as string[] };
  const [first] = links;
  if (ids.length > 1 || first === undefined) return { kind: "refused", reason: "CARD names one web link, not several" };
  let url: URL;
  try {
    url = new URL(first);
  } catch {
    return { kind: "refused", reason: `"${first}" is not a web link` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { kind: "refused", reason: `only http and https links are opened, not ${url.protocol}` };
  return { kind: "link", url: url.href };
}
