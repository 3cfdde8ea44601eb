/**
 * A certificate authority of this machine and user, and the localhost certificate it signs, for the
 * add-in's HTTPS (Outlook loads add-ins only over https). Made with node:crypto alone: RSA keys from
 * generateKeyPairSync, the X.509 structure written here as DER, so the installed bridge needs no
 * certificate tool. The CA is kept across upgrades (users trust it once); the leaf can be renewed from it.
 */
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { dirname, join } from "node:path";

export const LOCAL_CA_NAME = "TelefUM Outlook Bridge local CA";
const DAY = 24 * 60 * 60 * 1000;
const CA_DAYS = 3650;
const LEAF_DAYS = 1825;
/** A certificate this close to its end is replaced. */
const RENEW_DAYS = 30;

// --- DER, just the parts an X.509 certificate uses ---
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...content: Buffer[]): Buffer => tlv(0x30, ...content);
const set = (...content: Buffer[]): Buffer => tlv(0x31, ...content);
const explicit = (n: number, content: Buffer): Buffer => tlv(0xa0 | n, content);
const utf8 = (text: string): Buffer => tlv(0x0c, Buffer.from(text, "utf8"));
const octets = (bytes: Buffer): Buffer => tlv(0x04, bytes);
const bits = (bytes: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.from([unused]), bytes);
const TRUE = Buffer.from([0x01, 0x01, 0xff]);
const NULL = Buffer.from([0x05, 0x00]);

function integer(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  return tlv(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 requires. */
function time(date: Date): Buffer {
  const iso = `${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

const name = (commonName: string): Buffer => seq(set(seq(oid("2.5.4.3"), utf8(commonName))));

/** The children of the DER element at the start of der (its value parsed as a sequence of elements). */
function children(der: Buffer): Buffer[] {
  const read = (at: number): { start: number; end: number } => {
    let n = der[at + 1]!;
    let start = at + 2;
    if (n & 0x80) {
      const count = n & 0x7f;
      n = 0;
      for (let i = 0; i < count; i++) n = n * 256 + der[start + i]!;
      start += count;
    }
    return { start, end: start + n };
  };
  const outer = read(0);
  const found: Buffer[] = [];
  for (let at = outer.start; at < outer.end; ) {
    const { end } = read(at);
    found.push(der.subarray(at, end));
    at = end;
  }
  return found;
}

/** A certificate's subject Name exactly as encoded: the leaf's issuer must match it byte for byte. */
function subjectName(certDer: Buffer): Buffer {
  const tbs = children(children(certDer)[0]!);
  return tbs[5]!; // version, serial, signature, issuer, validity, subject
}
const SHA256_WITH_RSA = seq(oid("1.2.840.113549.1.1.11"), NULL);
const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  seq(oid(id), ...(critical ? [TRUE] : []), octets(value));

const NAME_CONSTRAINTS = "2.5.29.30";
/**
 * What the CA may sign, and nothing else: the name localhost and the addresses 127.0.0.1 and ::1 (permitted
 * subtrees, RFC 5280 4.2.1.10, critical). Whoever reads ca.key can then make a certificate for no other site.
 */
const LOCALHOST_ONLY = seq(
  tlv(
    0xa0,
    seq(tlv(0x82, Buffer.from("localhost"))),
    seq(tlv(0x87, Buffer.from([127, 0, 0, 1, 255, 255, 255, 255]))),
    seq(tlv(0x87, Buffer.from([...Array(15).fill(0), 1, ...Array(16).fill(255)]))),
  ),
);

function keyId(publicKey: KeyObject): Buffer {
  return createHash("sha1")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest();
}

interface CertificateRequest {
  subject: Buffer;
  issuer: Buffer;
  publicKey: KeyObject;
  signingKey: KeyObject;
  authorityKeyId: Buffer;
  days: number;
  extensions: Buffer[];
  now: Date;
}

function certificate(request: CertificateRequest): Buffer {
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // positive
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    SHA256_WITH_RSA,
    request.issuer,
    seq(time(new Date(request.now.getTime() - DAY)), time(new Date(request.now.getTime() + request.days * DAY))),
    request.subject,
    request.publicKey.export({ type: "spki", format: "der" }),
    explicit(
      3,
      seq(
        ...request.extensions,
        extension("2.5.29.14", false, octets(keyId(request.publicKey))),
        extension("2.5.29.35", false, seq(tlv(0x80, request.authorityKeyId))),
      ),
    ),
  );
  return seq(tbs, SHA256_WITH_RSA, bits(sign("sha256", tbs, request.signingKey)));
}

function pem(der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** The CA's name: unique per machine and user, so uninstall removes only this user's CA. */
export function localCaName(): string {
  return `${LOCAL_CA_NAME} (${userInfo().username}@${hostname()})`;
}

export interface LocalCaPaths {
  ca: string;
  cert: string;
  key: string;
}

export function caKeyPath(paths: LocalCaPaths): string {
  return join(dirname(paths.ca), "ca.key");
}

function writePrivate(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not meaningful on every file system (Windows keeps the data folder per user anyway).
  }
}

function usable(file: string, now: Date): X509Certificate | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const cert = new X509Certificate(readFileSync(file));
    return new Date(cert.validTo).getTime() - now.getTime() > RENEW_DAYS * DAY ? cert : undefined;
  } catch {
    return undefined;
  }
}

export interface EnsureResult {
  /** The CA certificate (DER), to trust. */
  caDer: Buffer;
  caCreated: boolean;
  leafCreated: boolean;
}

/**
 * Keeps a valid CA (creating it when missing or ending soon) and a localhost certificate it signed
 * (for localhost, 127.0.0.1 and ::1), in the layout addin-tls reads: ca.crt, localhost.crt, localhost.key.
 */
export function ensureLocalCertificates(paths: LocalCaPaths, now = new Date()): EnsureResult {
  mkdirSync(dirname(paths.ca), { recursive: true, mode: 0o700 });
  let ca = usable(paths.ca, now);
  let caKey: KeyObject | undefined;
  if (ca && existsSync(caKeyPath(paths))) caKey = createPrivateKey(readFileSync(caKeyPath(paths)));
  const caCreated = !ca || !caKey || !ca.checkPrivateKey(caKey);
  if (caCreated) {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const subject = name(localCaName());
    const der = certificate({
      subject,
      issuer: subject,
      publicKey: pair.publicKey,
      signingKey: pair.privateKey,
      authorityKeyId: keyId(pair.publicKey),
      days: CA_DAYS,
      now,
      extensions: [
        extension("2.5.29.19", true, seq(TRUE, integer(Buffer.from([0])))), // CA, no intermediates
        extension("2.5.29.15", true, bits(Buffer.from([0x06]), 1)), // keyCertSign, cRLSign
        extension(NAME_CONSTRAINTS, true, LOCALHOST_ONLY),
      ],
    });
    writeFileSync(paths.ca, pem(der), { mode: 0o600 }); // public, but the data folder keeps every file private
    writePrivate(caKeyPath(paths), pair.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
    ca = new X509Certificate(der);
    caKey = pair.privateKey;
  }
  const leaf = usable(paths.cert, now);
  const signedByCa = leaf?.checkIssued(ca!) && leaf.verify(ca!.publicKey);
  const leafCreated = caCreated || !signedByCa || !existsSync(paths.key);
  if (leafCreated) {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const der = certificate({
      subject: name("localhost"),
      issuer: subjectName(ca!.raw),
      publicKey: pair.publicKey,
      signingKey: caKey!,
      authorityKeyId: keyId(ca!.publicKey),
      days: LEAF_DAYS,
      now,
      extensions: [
        extension("2.5.29.19", true, seq()), // not a CA
        extension("2.5.29.15", true, bits(Buffer.from([0xa0]), 5)), // digitalSignature, keyEncipherment
        extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"))), // serverAuth
        extension(
          "2.5.29.17",
          false,
          seq(
            tlv(0x82, Buffer.from("localhost")),
            tlv(0x87, Buffer.from([127, 0, 0, 1])),
            tlv(0x87, Buffer.from([...Array(15).fill(0), 1])),
          ),
        ),
      ],
    });
    writeFileSync(paths.cert, pem(der), { mode: 0o600 });
    writePrivate(paths.key, pair.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
  }
  return { caDer: ca!.raw, caCreated, leafCreated };
}
