/**
 * The team log's calls in plain words: "Олена говорила 3 груд., 10:12, 4 хв 5 с", "Ігор пропустив дзвінок 3 груд.,
 * 10:12", "Пропустив Ігор, 3 груд., 10:12". Moments and durations in the translator's one format (i18n.ts).
 */
import type { TeamCall } from "../shared/types.js";
import { phoneText, t, words } from "./text.js";

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

/** When a call was, in the one moment format of every screen ("3 груд., 10:12"). */
export function whenSaid(start: string): string {
  return words().instant(start);
}

function said(verb: Verb, employeeName: string, params: Record<string, string>): string {
  const { name, gender } = speaker(employeeName);
  return t(KEYS[verb][gender], { name, ...params });
}

/** One line of the card's team history. */
export function teamCallLine(call: TeamCall): string {
  const when = whenSaid(call.start);
  if (call.answered)
    return said("talked", call.employeeName, { when, duration: words().duration(call.durationSeconds) });
  return said(call.direction === "in" ? "missed" : "noAnswer", call.employeeName, { when });
}

/** Who missed a team missed call, and how long ago. */
export function missedByLine(call: TeamCall): string {
  return said("missedAgo", call.employeeName, { ago: whenSaid(call.start) });
}

/** The caller as the copy knows them: name and company, else the number. */
export function callerSaid(call: TeamCall): string {
  return [call.contactName, call.company].filter(Boolean).join(", ") || phoneText(call.number);
}
