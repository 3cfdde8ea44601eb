/** The `bridge` command's options, and the settings they override (the config pass decides the rest). */
import type { parseArgs } from "node:util";
import type { ConfigOverrides } from "../config/config.js";

export const OPTIONS = {
  home: { type: "string" },
  transport: { type: "string" },
  encoding: { type: "string" },
  region: { type: "string" },
  port: { type: "string" },
  "no-http": { type: "boolean" },
  "no-demo": { type: "boolean" },
  "control-stdin": { type: "boolean" },
  browser: { type: "boolean" },
  out: { type: "string" },
  device: { type: "string" },
  line: { type: "string" },
  quit: { type: "boolean" },
  quiet: { type: "boolean" },
  lang: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  team: { type: "boolean" },
  format: { type: "string" },
  "client-id": { type: "string" },
  tenant: { type: "string" },
  "team-site": { type: "string" },
  "team-list": { type: "string" },
  language: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

export function overridesFrom(values: Values): ConfigOverrides {
  return {
    ...(values.home !== undefined && { dataDir: values.home }),
    ...(values.transport !== undefined && { transport: values.transport }),
    ...(values.encoding !== undefined && { encoding: values.encoding }),
    ...(values.region !== undefined && { defaultRegion: values.region }),
    ...(values.port !== undefined && { port: values.port }),
    ...(values["no-http"] && { http: false }),
    ...(values["no-demo"] && { seedDemo: false }),
  };
}
