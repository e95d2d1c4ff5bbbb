export { Templates } from "./Templates";
export type { TemplatesProps } from "./Templates.types";
