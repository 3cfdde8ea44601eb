/**
 * The TelefUM message vocabulary as a typed union.
 * Field order and spelling follow TelefUM's WM_COPYDATA protocol: `COMMAND^field^field^…^`.
 */

/** A phone connected to TelefUM (1-4); a CONTACT? naming another is still answered, echoing it. */
export type PhoneDevice = number;
/** A line of a phone (1-2; another is echoed back the same way). */
export type PhoneLine = number;
/** Where an SMS goes out: a connected phone (1-4) or the internet gateway (5). */
export type SmsDevice = 1 | 2 | 3 | 4 | 5;
export const SMS_DEVICE_INTERNET = 5 as const;

export type CallDirection = "in" | "out";

/** Incoming call: TelefUM asks who is calling. */
export interface ContactQuery {
  command: "CONTACT?";
  number: string;
  device: PhoneDevice;
  line: PhoneLine;
}

/** Our answer: one contact, or several as the first one's values each followed by `(…)`, and `id1, id2, …`. */
export interface ContactReply {
  command: "CONTACT";
  number: string;
  device: PhoneDevice;
  line: PhoneLine;
  name: string;
  company: string;
  note: string;
  /** One id, or several separated by ", ". */
  id: string;
}

export interface NoContactReply {
  command: "NOCONTACT";
  number: string;
  device: PhoneDevice;
  line: PhoneLine;
}

/** Open a contact; several ids mean the user picks one. */
export interface OpenCard {
  command: "CARD";
  ids: string[];
}

export interface CreateCard {
  command: "CREATECARD";
  number: string;
}

export interface CallHistory {
  command: "CALLHISTORY";
  number: string;
  direction: CallDirection;
  answered: boolean;
  /** Local wall-clock time as TelefUM writes it: `yyyy-mm-dd hh:mm:ss` (no zone). */
  start: string;
  durationSeconds: number;
  /** Windows path of the recording, or "" when the call was not recorded. */
  recordingPath: string;
}

export interface Dial {
  command: "CALL";
  number: string;
}

export interface SendSmsTemplate {
  command: "SENDSMSSHABL";
  number: string;
}

export interface SendSms {
  command: "SENDSMS";
  number: string;
  text: string;
  device: SmsDevice;
}

/** Messages TelefUM sends to us. */
export type InboundMessage = ContactQuery | OpenCard | CreateCard | CallHistory;
/** Messages we send to TelefUM. */
export type OutboundMessage = ContactReply | NoContactReply | Dial | SendSmsTemplate | SendSms;
export type Message = InboundMessage | OutboundMessage;
export type Command = Message["command"];

export const INBOUND_COMMANDS = ["CONTACT?", "CARD", "CREATECARD", "CALLHISTORY"] as const;
export const OUTBOUND_COMMANDS = ["CONTACT", "NOCONTACT", "CALL", "SENDSMSSHABL", "SENDSMS"] as const;

export function isInbound(message: Message): message is InboundMessage {
  return (INBOUND_COMMANDS as readonly string[]).includes(message.command);
}
