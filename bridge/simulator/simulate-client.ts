/**
 * `bridge simulate`'s side of /simulator/deliver: plays TelefUM against a running bridge on the scheme its config
 * chose. Over HTTPS it trusts, for this one request only, the public roots plus the bridge's own CA (or its
 * certificate itself, pinned from the configured files), so a self-signed or dev certificate is accepted and
 * nothing else changes.
 */
import { existsSync, readFileSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { rootCertificates } from "node:tls";

export interface Delivery {
  status: number;
  body: { replies?: string[]; problems?: string[]; error?: string };
}

/** Where the bridge listens and which certificate files it serves (the config's `http` section fits). */
export interface BridgeAddress {
  origin: string;
  tls?: { ca?: string; cert?: string } | undefined;
}

function trustedCertificates(tls: NonNullable<BridgeAddress["tls"]>): (string | Buffer)[] {
  const anchor = [tls.ca, tls.cert].find((file): file is string => file !== undefined && existsSync(file));
  return anchor ? [...rootCertificates, readFileSync(anchor)] : [...rootCertificates];
}

/** Sends `text` as TelefUM would; rejects when no bridge answers (or its certificate is not the configured one). */
export function deliverToBridge(http: BridgeAddress, text: string): Promise<Delivery> {
  const payload = JSON.stringify({ text });
  const options = {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
  };
  const url = `${http.origin}/simulator/deliver`;
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Delivery["body"];
          resolve({ status: response.statusCode ?? 0, body });
        } catch (error) {
          reject(error as Error);
        }
      });
    };
    const request = http.tls
      ? httpsRequest(url, { ...options, ca: trustedCertificates(http.tls) }, onResponse)
      : httpRequest(url, options, onResponse);
    request.on("error", reject);
    request.end(payload);
  });
}
