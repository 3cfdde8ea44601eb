/** Id lists recently offered for a number: CARD carries ids only, the chooser wants the number too. */
export class OfferedNumbers {
  private readonly numbers = new Map<string, string>();

  remember(ids: readonly string[], number: string): void {
    const key = offerKey(ids);
    this.numbers.delete(key);
    this.numbers.set(key, number);
    // Only the last calls matter; keep the map small.
    if (this.numbers.size > 200) this.numbers.delete(this.numbers.keys().next().value!);
  }

  numberFor(ids: readonly string[]): string | undefined {
    return this.numbers.get(offerKey(ids));
  }
}

function offerKey(ids: readonly string[]): string {
  return [...ids].sort().join(",");
}
