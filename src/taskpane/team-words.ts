/**
 * The team log's calls in plain words: "Олена говорила вчора, 4 хв", "Ігор пропустив дзвінок сьогодні о 10:12",
 * "Пропустив Ігор, 25 хвилин тому". Days, plurals and "ago" come from Intl in the pane's language.
 */
import type { TeamCall } from "../shared/types.js";
import { t, words } from "./text.js";

type Verb = "talked" | "noAnswer" | "missed" | "missedAgo";

/** Each verb's keys by the speaker's grammatical gender (Ukrainian and Russian past tense agree with it). */
const KEYS: Record<Verb, { he: string; she: string }> = {
  talked: { he: "team.talked.he", she: "team.talked.she" },
  noAnswer: { he: "team.noAnswer.he", she: "team.noAnswer.she" },
  missed: { he: "team.missed.he", she: "team.missed.she" },
  missedAgo: { he: "team.missedAgo.he", she: "team.missedAgo.she" },
};

/** Men's names that end like women's (Микола, Ілля, Никита…): the one guess the list cannot make from the ending. */
const MEN_IN_A = new Set(["микола", "ілля", "илья", "никита", "кузьма", "фома", "лука", "савва", "никола", "foma"]);

/** The first name; its gender guessed from the ending, as Ukrainian and Russian first names show it. */
export function speaker(employeeName: string): { name: string; gender: "he" | "she" } {
  const name = employeeName.trim().split(/\s+/)[0] ?? "";
  const lower = name.toLowerCase();
  const she = /[аяa]$/.test(lower) && !MEN_IN_A.has(lower);
  return { name: name || employeeName, gender: she ? "she" : "he" };
}

function dayStart(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** "сьогодні о 10:12", "вчора", "12 листопада": when a call was, from this PC's day. */
export function whenSaid(start: string, now = new Date()): string {
  const at = new Date(start);
  const { locale } = words();
  const days = Math.round((dayStart(now) - dayStart(at)) / 86_400_000);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (days === 0) {
    const time = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(at);
    return t("team.todayAt", { today: relative.format(0, "day"), time });
  }
  if (days === 1) return relative.format(-1, "day");
  const sameYear = at.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(at);
}

/** "25 хвилин тому", "2 години тому", "вчора": how long ago, in the largest whole unit. */
export function agoSaid(start: string, now = new Date()): string {
  const relative = new Intl.RelativeTimeFormat(words().locale, { numeric: "auto" });
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(start).getTime()) / 60_000));
  if (minutes < 60) return relative.format(-minutes, "minute");
  if (minutes < 24 * 60) return relative.format(-Math.floor(minutes / 60), "hour");
  return relative.format(-Math.floor(minutes / (24 * 60)), "day");
}

/** A call's talk time to the minute ("4 хв"), under a minute in seconds. */
function talkTime(seconds: number): string {
  return words().duration(seconds >= 60 ? Math.round(seconds / 60) * 60 : seconds);
}

function said(verb: Verb, employeeName: string, params: Record<string, string>): string {
  const { name, gender } = speaker(employeeName);
  return t(KEYS[verb][gender], { name, ...params });
}

/** One line of the card's team history. */
export function teamCallLine(call: TeamCall, now = new Date()): string {
  const when = whenSaid(call.start, now);
  if (call.answered) return said("talked", call.employeeName, { when, duration: talkTime(call.durationSeconds) });
  return said(call.direction === "in" ? "missed" : "noAnswer", call.employeeName, { when });
}

/** Who missed a team missed call, and how long ago. */
export function missedByLine(call: TeamCall, now = new Date()): string {
  return said("missedAgo", call.employeeName, { ago: agoSaid(call.start, now) });
}

/** The caller as the copy knows them: name and company, else the number. */
export function callerSaid(call: TeamCall): string {
  return [call.contactName, call.company].filter(Boolean).join(", ") || call.number;
}
