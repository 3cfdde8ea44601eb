import { translator } from "../i18n/i18n.js";
import type { EventHub } from "./events.js";
import { type NoticeWords, noticeText } from "./notice-text.js";

/** Tells what came of an action: the log keeps the English words; the pane says them in its language. */
export function emitNotice(events: EventHub, stage: string, level: "info" | "warn", words: NoticeWords): void {
  events.emit("notice", { stage, level, ...words, message: noticeText(translator("en"), words) });
}
