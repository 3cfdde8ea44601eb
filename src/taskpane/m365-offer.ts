/**
 * What signing in to Microsoft 365 gives, shown until someone signs in; on a bridge where it is not set up, also what
 * is missing and who can set it up (the administrator's client id, at installation or by group policy).
 */
import type { Microsoft365Status } from "../shared/types.js";
import { h } from "./dom.js";
import { t } from "./text.js";

const OFFERS = ["m365.offerContacts", "m365.offerCalls", "m365.offerRecordings", "m365.offerTeam"] as const;

export function offerBlock(status: Microsoft365Status): HTMLElement {
  const block = h(
    "div",
    { class: "m365-offer", "data-testid": "m365-offer" },
    h("p", { class: "m365-offer-title" }, t("m365.offerTitle")),
    h("ul", {}, ...OFFERS.map((key) => h("li", {}, t(key)))),
  );
  if (!status.enabled) {
    const why = status.missing === "clientId" ? t("m365.needsClientId") : t("m365.switchedOff");
    block.append(h("p", { class: "m365-setup", "data-testid": "m365-setup" }, why));
  }
  return block;
}
