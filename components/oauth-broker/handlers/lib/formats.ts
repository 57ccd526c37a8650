/** The value formats of contract.ts as regular expressions, for values checked outside a body schema. */
import { FORMATS } from "../contract";

export const PATTERNS = Object.fromEntries(Object.entries(FORMATS).map(([k, v]) => [k, new RegExp(v)])) as Record<keyof typeof FORMATS, RegExp>;
