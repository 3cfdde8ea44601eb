/** What the pane sends to TelefUM: a call, an SMS, TelefUM's SMS template window. */
import { call, sendSms, smsTemplate } from "../api-contract/telefum-endpoints.js";
import { apiRoute } from "../http/api-route.js";
import { HttpError, type Route } from "../http/server.js";
import { TransportError } from "../transport/transport.js";
import type { AddinApiDeps } from "./addin-api-deps.js";

/** TelefUM not reachable is 503 (a bad input is already a 400: the contract refused it). */
async function toTelefum(send: () => Promise<string>): Promise<{ sent: string }> {
  try {
    return { sent: await send() };
  } catch (error) {
    if (error instanceof TransportError) throw new HttpError(503, `TelefUM: ${error.message}`);
    throw error;
  }
}

export function telefumRoutes({ core }: AddinApiDeps): Route[] {
  return [
    apiRoute(call, ({ body }) => toTelefum(() => core.dial(body.number))),
    apiRoute(sendSms, ({ body }) => toTelefum(() => core.sendSms(body.number, body.text, body.device))),
    apiRoute(smsTemplate, ({ body }) => toTelefum(() => core.sendSmsTemplate(body.number))),
  ];
}
