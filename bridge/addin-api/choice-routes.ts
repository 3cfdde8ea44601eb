/**
 * The chooser's answers (the pane's, the bridge's chooser page's, the simulator's): one contact chosen for a number,
 * remembered and opened; or the choice forgotten, so CARD shows the chooser again.
 */
import { choose, forgetChoice } from "../api-contract/directory-endpoints.js";
import { apiRoute } from "../http/api-route.js";
import { HttpError, type Route } from "../http/server.js";
import type { AddinApiDeps } from "./addin-api-deps.js";

export function choiceRoutes(deps: AddinApiDeps): Route[] {
  return [
    apiRoute(choose, async ({ body: { id, number } }) => {
      if (!(await deps.core.choose(id, number ?? undefined))) throw new HttpError(404, `no contact ${id}`);
      const chosen = number == null ? null : (deps.directory.chosenFor(number) ?? null);
      return { id, number: number ?? null, chosen };
    }),
    apiRoute(forgetChoice, ({ body: { number } }) => {
      deps.directory.forgetChoice(number);
      return { number, chosen: null };
    }),
  ];
}
