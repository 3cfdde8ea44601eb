/**
 * GET /api/status: the transport, how many contacts, the scheme, the store's trouble if any, the calls waiting in
 * the fallback journal, the encoding, the settings an administrator decided.
 */
import { status } from "../api-contract/directory-endpoints.js";
import { apiRoute } from "../http/api-route.js";
import type { Route } from "../http/server.js";
import type { AddinApiDeps } from "./addin-api-deps.js";

export function statusRoutes(deps: AddinApiDeps): Route[] {
  return [
    apiRoute(status, () => {
      const team = deps.teamStatus?.();
      return {
        ok: true,
        transport: deps.core.transportName,
        contacts: deps.directory.count(),
        scheme: deps.scheme(),
        ...(deps.store?.problem ? { store: { readOnly: deps.store.readOnly, problem: deps.store.problem } } : {}),
        ...journalPart(deps),
        encoding: deps.encoding,
        ...(team ? { team } : {}),
        ...(deps.managed?.length ? { managed: [...deps.managed] } : {}),
      };
    }),
  ];
}

function journalPart(deps: AddinApiDeps): { journal?: { waiting: number; path: string } } {
  const journal = deps.core.journal;
  return journal && journal.waiting > 0 ? { journal } : {};
}
