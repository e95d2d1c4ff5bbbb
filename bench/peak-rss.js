// Preloaded (`node --require`) into the CLI the benchmark runs: writes the process's peak RSS
// (kilobytes) to $POINTAGE_BENCH_RSS when it exits, since Node cannot read a child's rusage.
"use strict";
const fs = require("fs");
process.on("exit", () => {
  if (process.env.POINTAGE_BENCH_RSS) fs.writeFileSync(process.env.POINTAGE_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
