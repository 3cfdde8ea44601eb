/**
 * The current user's trusted root store (what `certutil -user -addstore Root` edits), through crypt32:
 * the installer trusts the bridge's local CA there for this user only, and the uninstaller removes it.
 * Windows asks the user to confirm adding a root certificate; the call returns once they have answered.
 */
import koffi from "koffi";
import { GetLastError } from "./kernel32.js";

const crypt32 = koffi.load("crypt32.dll");

/**
 * The user's own registry part of the Root store, not the system store collection: that is where
 * certutil -user writes, and deleting through the collection does not persist under Wine.
 */
const CERT_STORE_PROV_SYSTEM_REGISTRY_W = 13;
const CERT_SYSTEM_STORE_CURRENT_USER = 1 << 16;
const ENCODING = 0x00000001 | 0x00010000; // X509_ASN_ENCODING | PKCS_7_ASN_ENCODING
const CERT_STORE_ADD_REPLACE_EXISTING = 3;
/** CERT_COMPARE_NAME_STR_W << 16 | CERT_INFO_SUBJECT_FLAG: subject contains the given text. */
const CERT_FIND_SUBJECT_STR_W = (8 << 16) | 7;

const CertOpenStore = crypt32.func(
  "void * __stdcall CertOpenStore(uintptr_t provider, uint32_t encoding, void *cryptProv, uint32_t flags, str16 para)",
);
const CertCloseStore = crypt32.func("int __stdcall CertCloseStore(void *store, uint32_t flags)");
const CertAddEncodedCertificateToStore = crypt32.func(
  "int __stdcall CertAddEncodedCertificateToStore(void *store, uint32_t encoding, const uint8_t *data, " +
    "uint32_t size, uint32_t disposition, void *context)",
);
const CertFindCertificateInStore = crypt32.func(
  "void * __stdcall CertFindCertificateInStore(void *store, uint32_t encoding, uint32_t flags, uint32_t type, " +
    "str16 para, void *previous)",
);
const CertDeleteCertificateFromStore = crypt32.func("int __stdcall CertDeleteCertificateFromStore(void *context)");

function withUserRoot<T>(use: (store: bigint) => T): T {
  const provider = CERT_STORE_PROV_SYSTEM_REGISTRY_W;
  const store = CertOpenStore(provider, 0, null, CERT_SYSTEM_STORE_CURRENT_USER, "Root") as bigint | null;
  if (!store) throw new Error(`cannot open the current user's Root certificate store (Win32 error ${GetLastError()})`);
  try {
    return use(store);
  } finally {
    CertCloseStore(store, 0);
  }
}

/** Adds (or replaces) a DER certificate in the current user's trusted roots. */
export function trustForCurrentUser(der: Buffer): void {
  withUserRoot((store) => {
    if (!CertAddEncodedCertificateToStore(store, ENCODING, der, der.length, CERT_STORE_ADD_REPLACE_EXISTING, null)) {
      throw new Error(`the certificate was not added to the trusted roots (Win32 error ${GetLastError()})`);
    }
  });
}

/** How many of the current user's trusted roots have subjectText in their subject. */
export function countTrustedBySubject(subjectText: string): number {
  return withUserRoot((store) => {
    let count = 0;
    let context: unknown = null;
    const next = (previous: unknown): unknown =>
      CertFindCertificateInStore(store, ENCODING, 0, CERT_FIND_SUBJECT_STR_W, subjectText, previous);
    for (context = next(context); context; context = next(context)) count++;
    return count;
  });
}

/** Removes every trusted root whose subject contains subjectText; returns how many went. */
export function untrustBySubject(subjectText: string): number {
  return withUserRoot((store) => {
    let removed = 0;
    for (;;) {
      // Always search from the start: deleting frees the context a continued search would need.
      const context = CertFindCertificateInStore(store, ENCODING, 0, CERT_FIND_SUBJECT_STR_W, subjectText, null);
      if (!context) return removed;
      // It frees the context whether or not it succeeds.
      if (!CertDeleteCertificateFromStore(context)) {
        throw new Error(`a certificate could not be removed from the trusted roots (Win32 error ${GetLastError()})`);
      }
      removed++;
    }
  });
}
