export { HeaderMapping } from "./HeaderMapping";
export { useHeaderMapping, isColumnRole } from "./useHeaderMapping";
export type { HeaderMappingProps, HeaderMappingState } from "./HeaderMapping.types";
