/**
 * Where the policy values come from: the registry on Windows (the Win32 room reads both keys), nothing elsewhere.
 * Read once, before any command runs, because the config pass is synchronous and the Win32 room loads only on
 * Windows through a dynamic import.
 */
import { NO_POLICIES, type Policies, POLICY_KEY, POLICY_VALUE_NAMES } from "./policies.js";

let read: Policies = NO_POLICIES;

export async function readPolicies(platform: NodeJS.Platform = process.platform): Promise<Policies> {
  if (platform === "win32") {
    const win32 = await import("../win32/index.js");
    read = {
      machine: win32.readPolicyValues("HKLM", POLICY_KEY, POLICY_VALUE_NAMES),
      user: win32.readPolicyValues("HKCU", POLICY_KEY, POLICY_VALUE_NAMES),
    };
  }
  return read;
}

/** What `readPolicies` found; empty until it has run (and always off Windows). */
export function currentPolicies(): Policies {
  return read;
}
