/** A running sync's progress in words, the same in the tray and the pane: "Синхронізація: 12 000 контактів". */
import type { Translator } from "./i18n.js";

export function syncProgressText(t: Translator, progress: { done: number; total?: number }): string {
  const { done, total } = progress;
  if (total !== undefined)
    return t.t("progress.syncingOf", { count: total, shown: t.number(done), total: t.number(total) });
  return t.t("progress.syncing", { contacts: t.t("progress.contacts", { count: done, shown: t.number(done) }) });
}
