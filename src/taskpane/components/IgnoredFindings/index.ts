export { IgnoredFindings } from "./IgnoredFindings";
export type { IgnoredFindingsProps } from "./IgnoredFindings.types";
