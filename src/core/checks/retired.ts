/** Check ids once used and removed: never reused for another meaning. None yet. */
export const retiredCheckIds: readonly string[] = [];
