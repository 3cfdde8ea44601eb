/** The local API that sends to TelefUM: dial a number, send an SMS, open TelefUM's SMS template window. */
import * as v from "valibot";
import type { Endpoint } from "./endpoint.js";
import { device, dialable, sms } from "./fields.js";
import { API } from "./paths.js";

/** What was sent to TelefUM. */
const SENT = v.object({ sent: v.string() });

export const call = {
  method: "POST",
  path: API.call,
  body: v.object({ number: dialable("number") }),
  answer: SENT,
} as const satisfies Endpoint;

export const sendSms = {
  method: "POST",
  path: API.sms,
  body: v.object({ number: dialable("number"), text: sms("text"), device: device() }),
  answer: SENT,
} as const satisfies Endpoint;

export const smsTemplate = {
  method: "POST",
  path: API.smsTemplate,
  body: v.object({ number: dialable("number") }),
  answer: SENT,
} as const satisfies Endpoint;
