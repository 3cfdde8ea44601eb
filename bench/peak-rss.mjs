// Preloaded into a bridge process by the bench: prints its peak RSS as it exits.
process.on("exit", () => process.stderr.write(`PEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`));
