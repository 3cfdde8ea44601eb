import type { CountryCode } from "libphonenumber-js";
import type { Language } from "../i18n/language.js";

export interface DirectoryOptions {
  defaultRegion: CountryCode;
  /** The language new contacts are named in ("Новий контакт1", the seed's form); default uk. */
  language?: Language;
}
