/** What views can ask the pane to do; the pane wires these to the API and to each other. */
import type { Contact } from "../shared/types.js";

export interface PaneActions {
  call(number: string): void;
  openSms(number: string): void;
  openNewContact(number: string): void;
  openChooser(number: string, contacts: Contact[]): void;
  notify(message: string, kind?: "info" | "error" | "success"): void;
}
