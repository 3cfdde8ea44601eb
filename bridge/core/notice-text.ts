/**
 * A notice's words (where a card opened, a warning about a message) as a catalog key with its values, so the log
 * says it in English and the pane in its own language. Node-free: the pane bundles it.
 */
import type { Params, Translator } from "../i18n/i18n.js";

/** Where something opened: a `place.*` catalog key, with the page's address when a page opened. */
export interface Place {
  key: string;
  url?: string;
}

export interface NoticeWords {
  key: string;
  params: Params;
  where?: Place;
}

export function noticeText(tr: Translator, words: NoticeWords): string {
  const params: Params = { ...words.params };
  if (words.where) params.where = tr.t(words.where.key, words.where.url ? { url: words.where.url } : {});
  return tr.t(words.key, params);
}
