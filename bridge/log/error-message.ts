/** The words of whatever was thrown, for a log line, a failure event or a message. Node-free: the pane shares it. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  // An error from another realm (a worker, a vm context) fails `instanceof` but still carries its words.
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string")
    return error.message;
  try {
    return String(error);
  } catch {
    // Used inside catch blocks: an object that cannot become text must not throw again.
    return Object.prototype.toString.call(error);
  }
}
