/** Who may frame the add-in's pages (the headers themselves: http/page-headers.ts; who may call the API: the guard). */
import { PANE_PAGES } from "./addin-routes.js";

/** Frames allowed to host the pane: itself and Outlook on the web / Microsoft 365 (desktop Outlook is top level). */
export const FRAME_ANCESTORS = [
  "'self'",
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.outlook.com",
  "https://outlook.live.com",
  "https://*.officeapps.live.com",
  "https://*.cloud.microsoft",
  "https://*.microsoft.com",
].join(" ");

/** The pane pages, framed by Outlook; `/` only redirects to the pane. */
export const PANE_FRAMED_BY: Readonly<Record<string, string>> = Object.fromEntries(
  PANE_PAGES.map((file) => [`/${file}`, FRAME_ANCESTORS]),
);
