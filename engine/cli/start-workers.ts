/**
 * Imported first by plan.ts, before the rest of the gate loads: when plan.ts is the command being run
 * (not a test importing it) and it will gate stacks (not --help, --list or --merge), the gate's
 * worker threads start now and load the engine in parallel with this thread (engine/gate/execute.ts).
 * Started here, the update-time runs begin about 0.15 s sooner.
 */
import * as path from "path";
import { prestartWorkers } from "../gate/execute";

const [, , script, ...args] = process.argv;
const NO_PROGRAM_RUNS = new Set(["--help", "-h", "--list", "--merge"]);
if (script && path.resolve(script) === path.join(__dirname, "plan.ts") && !args.some((a) => NO_PROGRAM_RUNS.has(a))) prestartWorkers();
