/** `bridge manifest`: the add-in manifest with this bridge's port in every URL (sideload it after moving the port). */
import { writeFileSync } from "node:fs";
import { manifestForPort } from "../addin-api/manifest-for-port.js";
import { loadConfig } from "../config/config.js";
import { overridesFrom, type Values } from "./options.js";

export function manifest(values: Values): number {
  const { http } = loadConfig(overridesFrom(values));
  const xml = manifestForPort(http.port);
  if (values.out) {
    writeFileSync(values.out, xml);
    process.stdout.write(`wrote ${values.out} for https://localhost:${http.port}\n`);
  } else process.stdout.write(xml);
  return 0;
}
