/**
 * The call log's notion of "the same number": the last 9 digits (Ukrainian numbers without their prefix), or
 * every digit of a short one. TelefUM writes one number the same way each time; this also joins `+380…` to `0…`.
 */
const TAIL = 9;

export function numberTail(number: string): string {
  const digits = number.replace(/\D/g, "");
  return digits.length > TAIL ? digits.slice(-TAIL) : digits;
}
