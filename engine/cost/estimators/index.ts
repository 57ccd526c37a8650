/** Every resource type the estimator prices, by type token. */
import { computeEstimators } from "./compute";
import { dataEstimators } from "./data";
import { edgeEstimators } from "./edge";
import { networkEstimators } from "./network";
import { observabilityEstimators } from "./observability";
import { securityEstimators } from "./security";
import type { Estimator } from "./types";

export type { Estimator } from "./types";

export const ESTIMATORS: Readonly<Record<string, Estimator>> = {
    ...networkEstimators,
    ...computeEstimators,
    ...dataEstimators,
    ...securityEstimators,
    ...observabilityEstimators,
    ...edgeEstimators,
};
