/** A file the import refuses: the message in English for the log, the catalog key for the person who ran it. */
export class ContactFileError extends Error {
  constructor(
    message: string,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}
