/** Where the local web server shows the chooser page for several ids (`card.chooser: "page"`). */
import type { CardRequest } from "../core/ports.js";

export const CHOOSER_PAGE = "/m365/chooser";
export const CHOOSER_SCRIPT = "/m365/chooser.js";

export function chooserPath(request: Pick<CardRequest, "ids" | "number">): string {
  const params = new URLSearchParams({ ids: request.ids.join(",") });
  if (request.number) params.set("number", request.number);
  return `${CHOOSER_PAGE}?${params.toString()}`;
}
