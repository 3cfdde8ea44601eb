// Loaded with `node --import` into a bridge under test: on SIGUSR2 the wall clock (Date) goes back one hour, as
// when a user or a time sync sets the PC's clock back. The monotonic clock (performance.now) is untouched.
const RealDate = Date;
let offsetMs = 0;

class SteppedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offsetMs;
  }
}

globalThis.Date = SteppedDate;
process.on("SIGUSR2", () => {
  offsetMs -= 3_600_000;
});
