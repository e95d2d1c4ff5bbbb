/**
 * Entry of the browser page: no Office.js, no add-in. The page reads the chosen file in the
 * browser (src/web/fileHost.ts) and shows the same pane as Excel does.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { langOf } from "../taskpane/environment";
import { WebPage } from "./components/WebPage";

/* global document, navigator, location */

const lang = langOf(new URLSearchParams(location.search).get("lang") ?? navigator.language);
document.documentElement.lang = lang;
const container = document.getElementById("root");
if (container) createRoot(container).render(<WebPage lang={lang} />);
