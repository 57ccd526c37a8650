/** The report's summary, computed the same way for one run and for merged shards. */
import { ROOT_STACK_TYPE } from "../monitor";
import type { GateSummary, StackReport } from "./gate";

export function summarize(reports: readonly StackReport[]): GateSummary {
    const count = (f: (r: StackReport) => number) => reports.reduce((n, r) => n + f(r), 0);
    return {
        stacks: reports.length,
        mandatory: count((r) => r.violations.filter((v) => v.enforcementLevel === "mandatory").length),
        advisory: count((r) => r.violations.filter((v) => v.enforcementLevel === "advisory").length),
        deferred: count((r) => r.deferred.length),
        unchecked: count((r) => r.unchecked.length),
        resources: count((r) => r.resources.filter((x) => x.type !== ROOT_STACK_TYPE).length),
        errors: reports.filter((r) => r.error !== null).length,
        exempted: count((r) => r.exemptions.reduce((n, e) => n + (e.suppressed?.length ?? 0), 0)),
        create: count((r) => r.changes?.create ?? 0),
        delete: count((r) => r.changes?.delete ?? 0),
        replace: count((r) => r.changes?.replace ?? 0),
    };
}
