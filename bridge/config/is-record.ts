/**
 * A plain JSON object (not null, not an array): what every config section must be. No Node imports: the pane
 * shares it.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
