import { type Params, translator } from "../i18n/i18n.js";
import type { EventHub } from "./events.js";
import { type NoticeWords, noticeText } from "./notice-text.js";

/** Tells what came of an action: the log keeps the English words; the pane says them in its language. */
export function emitNotice(events: EventHub, stage: string, level: "info" | "warn", words: NoticeWords): void {
  const logWords = { ...words, params: logParams(words.params) };
  events.emit("notice", { stage, level, ...words, message: noticeText(translator("en"), logWords) });
}

/** The log names contacts by their ids: a name (`who`) is personal data, which info lines never carry. */
function logParams(params: Params): Params {
  const ids = params.ids ?? params.id;
  return "who" in params && ids !== undefined ? { ...params, who: ids } : params;
}
