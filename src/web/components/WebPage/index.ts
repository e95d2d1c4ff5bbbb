export { WebPage } from "./WebPage";
export { useWebPage } from "./useWebPage";
export type { WebPageProps, WebPageState, WebPageNotice } from "./WebPage.types";
