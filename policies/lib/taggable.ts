/**
 * Taggability comes from the generated list in taggable-types.json (derived from the @pulumi/aws and
 * @pulumi/awsx schemas by engine/tools/generate-taggable-types.ts): a type is taggable iff it is listed.
 */
import taggable from "./taggable-types.json";

export const TAGGABLE_TYPES: string[] = taggable.types;
const TAGGABLE = new Set(TAGGABLE_TYPES);

export function isTaggable(type: string): boolean {
    return TAGGABLE.has(type);
}
