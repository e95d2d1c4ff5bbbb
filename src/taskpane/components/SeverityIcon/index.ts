export { SeverityIcon } from "./SeverityIcon";
export type { SeverityIconProps } from "./SeverityIcon.types";
