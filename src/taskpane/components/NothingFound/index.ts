export { NothingFound } from "./NothingFound";
export type { NothingFoundProps } from "./NothingFound.types";
