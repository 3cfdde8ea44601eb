/**
 * Organisation contacts (orgContact, /contacts): listed whole each pass, at Graph's largest page, and what went
 * unseen is swept. Not by delta: /contacts/delta does not carry the phones. A tenant that does not grant
 * OrgContact.Read.All answers 403, which the status shows as the source being skipped.
 */
import { contactFromOrgContact, type GraphOrgContactItem, ORG_CONTACT_SELECT } from "./contact-mapping.js";
import { crawl, type DeltaPage, type ReadTask } from "./crawl.js";
import { DIRECTORY_PAGE_SIZE, type SourceDeps } from "./directory-users.js";
import type { SyncSource } from "./source.js";

export function orgContacts(deps: SourceDeps): SyncSource {
  const { directory, db } = deps;
  async function sync(): Promise<void> {
    const seen = new Set<string>();
    const page = (url: string): ReadTask => ({
      request: { url, pageSize: DIRECTORY_PAGE_SIZE },
      handle(result) {
        if (!result.ok) throw result.error;
        const body = result.body as DeltaPage<GraphOrgContactItem>;
        db.transaction(() => {
          for (const item of body.value) {
            const input = contactFromOrgContact(item);
            if (input.phones.length === 0) continue;
            directory.write(input);
            seen.add(item.id);
          }
        });
        deps.progress?.add(body.value.length);
        const next = body["@odata.nextLink"];
        if (next) return [page(next)];
        db.transaction(() => directory.removeUnseen("orgcontact", seen));
        return [];
      },
    });
    await crawl(deps.reader, [page(`/contacts?$select=${ORG_CONTACT_SELECT}&$top=${DIRECTORY_PAGE_SIZE}`)]);
  }
  return {
    key: "orgContacts",
    label: "Organisation contacts",
    contactSource: "orgcontact",
    statePrefix: "orgcontacts:",
    permission: "OrgContact.Read.All",
    sync,
  };
}
