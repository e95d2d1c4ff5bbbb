export { Summary } from "./Summary";
export type { SummaryProps } from "./Summary.types";
