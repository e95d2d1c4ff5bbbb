export { App } from "./App";
export { useApp, IGNORED_HEADER_ID } from "./useApp";
export type { AppProps, AppState, AppStatus, BusyAction, Notice, RunPhase } from "./App.types";
