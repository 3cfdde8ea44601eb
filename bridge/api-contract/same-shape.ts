/**
 * A compile-time proof that a schema describes exactly a type another room owns (a contact, a call): the domain
 * keeps its type where it lives, the contract checks the wire against it, and neither can drift from the other.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Call as `sameShape<InferOutput<typeof schema>, Type>()`; a mismatch does not compile. */
export function sameShape<A, B>(..._proof: Same<A, B> extends true ? [] : [mismatch: never]): void {}
