// Preloaded (`node -r`) into every process `npm run bench` times: at exit, writes the process's peak
// resident memory (all threads) and CPU time to $PLATFORM_BENCH_USAGE_FILE as JSON.
"use strict";
const fs = require("fs");

const out = process.env.PLATFORM_BENCH_USAGE_FILE;
if (out) {
    process.on("exit", () => {
        const u = process.resourceUsage();
        fs.writeFileSync(out, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) }));
    });
}
