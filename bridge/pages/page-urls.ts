/** Where the bridge's own pages live on its local web server (opened in the default browser when no pane is open). */
export const CONTACT_PAGE = "/contact";
export const CHOOSER_PAGE = "/chooser";
export const NEW_CONTACT_PAGE = "/new-contact";

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** `/contact/12`, `?number=` when it was opened for a number (shows the remembered choice and "choose another"). */
export function contactPath(id: string, number?: string): string {
  return withQuery(`${CONTACT_PAGE}/${encodeURIComponent(id)}`, { number });
}

export function chooserPath(ids: readonly string[], number?: string): string {
  return withQuery(CHOOSER_PAGE, { ids: ids.join(","), number });
}

export function newContactPath(number: string): string {
  return withQuery(NEW_CONTACT_PAGE, { number });
}

/** The id in one of this bridge's contact page links (`<origin>/contact/12`), else undefined. */
export function contactIdOfLink(url: string, origin: string): string | undefined {
  if (!origin) return undefined;
  const match = new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${CONTACT_PAGE}/(\\d+)(?:[?#].*)?$`).exec(
    url.trim(),
  );
  return match?.[1];
}
