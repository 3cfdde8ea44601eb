/**
 * The keys of the numbers looked up lately: a caller who calls again is matched without parsing the number again
 * (libphonenumber's parse is about half of a lookup). Bounded: the least recently asked number goes first.
 */
import type { CountryCode } from "libphonenumber-js/min";
import { phoneKey, type PhoneKey } from "./phone-key.js";

export const RECENT_KEYS = 2048;
const MAX_KEPT_LENGTH = 64;

export class RecentPhoneKeys {
  // A Map iterates in insertion order: re-inserting on every hit keeps the oldest first.
  private readonly keys = new Map<string, PhoneKey | undefined>();

  constructor(
    private readonly region: CountryCode,
    private readonly limit = RECENT_KEYS,
  ) {}

  get size(): number {
    return this.keys.size;
  }

  /** Whether the number's key is kept (asked lately). */
  has(number: string): boolean {
    return this.keys.has(number);
  }

  keyOf(number: string): PhoneKey | undefined {
    // Only what a phone number's length can be is kept, so the cache's memory stays bounded too.
    if (number.length > MAX_KEPT_LENGTH) return phoneKey(number, this.region);
    if (this.keys.has(number)) {
      const key = this.keys.get(number);
      this.keys.delete(number);
      this.keys.set(number, key);
      return key;
    }
    const key = phoneKey(number, this.region);
    if (this.keys.size >= this.limit) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(number, key);
    return key;
  }
}
