/**
 * The exemptions API (see lib/exemptions-core.ts for the semantics). Importing this module loads the
 * pack's policies first, so exemption entries are checked against the real policy names.
 */
import "./policies";

export {
    DEFAULT_EXEMPTIONS_FILE,
    MIN_REASON_LENGTH,
    exemptionResults,
    loadExemptions,
    parseExemptions,
    resetExemptionState,
    type ExemptionEntry,
    type ExemptionResult,
    type ExemptionStatus,
} from "./lib/exemptions-core";
