/**
 * Light or dark, as Outlook is: Office.context.officeTheme (and its changes) inside Outlook, the system's
 * prefers-color-scheme in a plain browser. Fluent's own tokens (web light/dark) color the Fluent components and
 * the pane's stylesheet alike.
 */
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";

export type ThemeName = "light" | "dark";

/** Dark when the theme's body background is dark (Office themes have no name, only colors). */
export function isDarkColor(hex: string | undefined): boolean {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  if (!match) return false;
  const [r, g, b] = match.slice(1).map((part) => Number.parseInt(part, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

export function applyTheme(name: ThemeName): void {
  setTheme(name === "dark" ? webDarkTheme : webLightTheme);
  document.documentElement.dataset.theme = name;
}

function officeTheme(): Office.OfficeTheme | undefined {
  try {
    return typeof Office === "undefined" ? undefined : (Office.context?.officeTheme ?? undefined);
  } catch {
    return undefined;
  }
}

/** Applies the theme now and follows its changes. */
export function followTheme(inOutlook: boolean): void {
  const office = inOutlook ? officeTheme() : undefined;
  if (office) {
    applyTheme(isDarkColor(office.bodyBackgroundColor) ? "dark" : "light");
    try {
      Office.context.mailbox.addHandlerAsync(Office.EventType.OfficeThemeChanged, (event: unknown) => {
        const theme = (event as { officeTheme?: Office.OfficeTheme }).officeTheme ?? officeTheme();
        applyTheme(isDarkColor(theme?.bodyBackgroundColor) ? "dark" : "light");
      });
    } catch {
      // Hosts before Mailbox 1.14 do not report theme changes; the pane keeps the theme it opened with.
    }
    return;
  }
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  applyTheme(query.matches ? "dark" : "light");
  query.addEventListener("change", (event) => applyTheme(event.matches ? "dark" : "light"));
}
