/**
 * The stack entry (package.json `main`, which the Node.js language host runs). Reads and validates the whole stack configuration first, so a
 * bad stack fails with one clear error before any resource is registered, then builds the systems the
 * configuration names and exports their useful outputs (never secret values).
 */
import { loadConfig } from "./config/load";
import { buildStack } from "./stack";

const outputs = buildStack(loadConfig());
export = outputs;
