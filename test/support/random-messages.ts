/** Small deterministic generator: the same messages every run, so a failure reproduces. */
export function* randomMessages(count: number): Generator<string> {
  let seed = 0x2545f491;
  const next = (n: number): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const pieces = [
    "CONTACT?",
    "CONTACT",
    "NOCONTACT",
    "CARD",
    "CREATECARD",
    "CALLHISTORY",
    "CALL",
    "SENDSMS",
    "SENDSMSSHABL",
    "^",
    "^",
    "^",
    "0675355355",
    "1",
    "5",
    "9",
    "in",
    "out",
    "True",
    "False",
    "2026-11-25 10:00:00",
    "0:01:02",
    "1, 2",
    ",",
    " ",
    "Вася",
    "\0",
    "\r\n",
    "C:\\rec.wav",
    "x",
  ];
  for (let i = 0; i < count; i++) {
    let text = "";
    const length = next(14);
    for (let k = 0; k < length; k++) text += pieces[next(pieces.length)];
    yield text;
  }
}
