/**
 * The browser page's end-to-end tests, run in order by scripts/e2e.js on one page (each test
 * continues from the previous one's state). A test is `{ name, run(env), timeout?, critical? }`;
 * a failed critical test stops the run, since the following ones need its state.
 */
"use strict";

const fs = require("fs");
const path = require("path");

/** Throws with a message when the condition is false. */
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Polls `fn` until it returns a truthy value, or fails after `timeout` ms. */
async function eventually(fn, message, timeout = 15_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs axe-core in the page (the CSP forbids injected <script>s, so it is evaluated through
 * DevTools). Tabster's focus-trap bumpers (`<i data-tabster-dummy tabindex="0" aria-hidden>`,
 * which Fluent's Toolbar and TabList add for arrow-key navigation) are left out of
 * aria-hidden-focus: they are focusable on purpose and hand focus on at once, a known false
 * positive that Microsoft's Accessibility Insights suppresses the same way
 * (microsoft/tabster#288, microsoft/fluentui#27517, microsoft/accessibility-insights-web#7605).
 */
async function axe(page, axeSource) {
  return page.evaluate(`(async () => {
    if (!window.axe) { ${axeSource}\n }
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    const isBumper = (node) => node.html.includes("data-tabster-dummy");
    let bumpers = 0;
    const violations = [];
    for (const v of r.violations) {
      const nodes = v.id === "aria-hidden-focus" ? v.nodes.filter((n) => !isBumper(n)) : v.nodes;
      bumpers += v.nodes.length - nodes.length;
      if (nodes.length === 0) continue;
      violations.push({ id: v.id, impact: v.impact, help: v.help, count: nodes.length,
        nodes: nodes.slice(0, 5).map((n) => n.target.join(" ") + " — " + (n.failureSummary || "").split("\\n").slice(1, 3).join(" ")) });
    }
    return { violations, bumpers };
  })()`);
}

function describe(violations) {
  return violations.map((v) => `${v.impact} ${v.id} (${v.count}): ${v.help}\n      ${v.nodes.join("\n      ")}`).join("\n    ");
}

const network = { offsite: [], console: [], pageErrors: [] };

/** Opens the task pane under the Office.js stand-in, with no network but the local server. */
async function openPane(context, origin, officeStub, query, size = { width: 360, height: 800 }) {
  const pane = await context.newPage();
  pane.setDefaultTimeout(20_000);
  await pane.setViewportSize(size);
  pane.errors = [];
  pane.on("pageerror", (e) => pane.errors.push(String(e)));
  // Nothing but the local server (Playwright tries the last route first)…
  await pane.route((url) => !url.href.startsWith(origin + "/"), (route) => route.abort());
  // …and Office.js, Microsoft's, from its CDN: answered here by the stand-in, never fetched.
  await pane.route("https://appsforoffice.microsoft.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: officeStub }),
  );
  await pane.goto(`${origin}/taskpane.html?${query}`, { waitUntil: "load" });
  await pane.getByRole("heading", { level: 1, name: "Pointage" }).waitFor();
  return pane;
}

const tests = [
  {
    name: "the page loads without Office.js and says the file stays on the computer",
    critical: true,
    async run({ page, origin, resultsDir, axeSource }) {
      page.on("request", (req) => {
        const url = req.url();
        if (!url.startsWith(origin + "/") && !url.startsWith("blob:") && !url.startsWith("data:")) network.offsite.push(url);
      });
      page.on("console", (msg) => {
        if (msg.type() === "error" || /Content Security Policy/i.test(msg.text())) network.console.push(msg.text());
      });
      page.on("pageerror", (e) => network.pageErrors.push(String(e)));
      await page.goto(`${origin}/index.html`, { waitUntil: "load" });
      await page.getByRole("heading", { level: 1, name: "Pointage dans le navigateur" }).waitFor();
      const scripts = await page.$$eval("script[src]", (els) => els.map((e) => e.getAttribute("src")));
      assert(scripts.length > 0, "no script loaded");
      assert(!scripts.some((s) => /office/i.test(s)), `Office.js must not load: ${scripts.join(", ")}`);
      assert(scripts.every((s) => !/^https?:/.test(s)), `scripts from elsewhere: ${scripts.join(", ")}`);
      const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute("content"));
      assert(/connect-src 'none'/.test(csp), `the CSP must forbid requests: ${csp}`);
      await page.getByText("Votre fichier reste sur votre ordinateur").waitFor();
      assert(await page.getByRole("button", { name: "Choisir un classeur (.xlsx, .xls, .xlsb, .ods)" }).isVisible(), "no file button");
      await page.screenshot({ path: path.join(resultsDir, "web-e2e-start.png") });
      const { violations } = await axe(page, axeSource);
      if (violations.length) console.log(`    axe (before a file) reports:\n    ${describe(violations)}`);
      assert(!violations.some((v) => v.impact === "serious" || v.impact === "critical"), "serious or critical violations before a file is chosen");
    },
  },
  {
    name: "the example workbook is checked: 8 errors, IMP-SOLDE on 'APES 2023'!G12",
    critical: true,
    timeout: 90_000,
    async run({ page, example }) {
      await page.setInputFiles('input[type="file"]', example);
      const summary = page.getByRole("region", { name: "Résumé" });
      await summary.getByText("8 erreurs").waitFor({ timeout: 60_000 });
      await summary.getByText("1 avertissement").waitFor();
      await summary.getByText(/^\d+ informations?$/).waitFor();
      await summary.getByText("Tableaux trouvés : 9").waitFor();
      // One card for the hard-typed wrong solde: IMP-SOLDE and FORMULE-FIGEE share its fix.
      const item = page.getByRole("listitem", { name: /^Erreur .*G12 IMP-SOLDE \+ FORMULE-FIGEE$/ });
      await item.waitFor();
      const text = await item.innerText();
      assert(/151\s285,00\s€/.test(text) && /152\s285,00\s€/.test(text), `found and expected amounts missing: ${text}`);
      await page.getByRole("tab", { name: /^APES 2023/ }).waitFor();
      await page.getByText("Classeur ouvert : dossier-commission-permanente.xlsx").waitFor();
    },
  },
  {
    name: "clicking the finding shows G12 selected and marked on the APES 2023 tab",
    critical: true,
    async run({ page }) {
      await page.getByRole("button", { name: "Aller à la cellule G12 (IMP-SOLDE + FORMULE-FIGEE)" }).click();
      const tab = page.getByRole("tab", { name: /^APES 2023/ });
      await eventually(async () => (await tab.getAttribute("aria-selected")) === "true", "the APES 2023 tab is not selected");
      const grid = page.getByRole("region", { name: "Aperçu de la feuille « APES 2023 » (lecture seule)" });
      const cell = grid.locator('td[data-cell="G12"]');
      await eventually(async () => (await cell.getAttribute("data-selected")) === "true", "G12 is not selected");
      assert((await cell.getAttribute("data-severity")) === "error", "G12 is not marked as an error");
      assert(/151\s?285/.test(await cell.innerText()), `G12 does not show the solde: ${await cell.innerText()}`);
      const box = await cell.boundingBox();
      const view = await grid.boundingBox();
      assert(box && view, "no layout for the grid");
      assert(
        box.y >= view.y && box.y + box.height <= view.y + view.height && box.x >= view.x && box.x + box.width <= view.x + view.width,
        `G12 is not scrolled into view: cell ${JSON.stringify(box)} grid ${JSON.stringify(view)}`,
      );
      await page.getByText("Cellule G12 de la feuille « APES 2023 » sélectionnée.").waitFor({ state: "attached" });
    },
  },
  {
    name: "screenshot of the page (light theme)",
    async run({ page, resultsDir }) {
      await page.screenshot({ path: path.join(resultsDir, "web-e2e.png") });
    },
  },
  {
    name: "no control that cannot act on the file: no Corriger, one download",
    async run({ page }) {
      assert((await page.getByRole("button", { name: /^Corriger/ }).count()) === 0, "a Corriger button on the page");
      assert((await page.getByRole("button", { name: "Rapport de contrôle" }).count()) === 0, "a second download button");
      assert((await page.getByRole("button", { name: "Télécharger la copie contrôlée" }).count()) === 1, "no download button");
    },
  },
  {
    name: "the checked copy downloads as dossier-commission-permanente.controle.xlsx",
    timeout: 60_000,
    async run({ page, work }) {
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 30_000 }),
        page.getByRole("button", { name: "Télécharger la copie contrôlée" }).click(),
      ]);
      assert(download.suggestedFilename() === "dossier-commission-permanente.controle.xlsx", `file name: ${download.suggestedFilename()}`);
      const file = path.join(work, download.suggestedFilename());
      await download.saveAs(file);
      const bytes = fs.readFileSync(file);
      assert(bytes.length > 1000 && bytes[0] === 0x50 && bytes[1] === 0x4b, `not an .xlsx (${bytes.length} bytes)`);
      const ExcelJS = require("exceljs");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes);
      const report = wb.getWorksheet("Contrôle");
      assert(report, `no Contrôle sheet in the copy: ${wb.worksheets.map((w) => w.name).join(", ")}`);
      const g12 = wb.getWorksheet("APES 2023").getCell("G12");
      // The copy marks cells with always-true conditional formats over the user's own fills.
      const colOf = (letters) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      const covers = (ref, cell) =>
        ref.split(/\s+/).some((part) => {
          const [a, b = a] = part.replace(/\$/g, "").split(":");
          const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(a);
          const [, c2, r2] = /^([A-Z]+)(\d+)$/.exec(b);
          const [, c, r] = /^([A-Z]+)(\d+)$/.exec(cell);
          return colOf(c) >= colOf(c1) && colOf(c) <= colOf(c2) && Number(r) >= Number(r1) && Number(r) <= Number(r2);
        });
      const marks = (wb.getWorksheet("APES 2023").conditionalFormattings || [])
        .filter((cf) => covers(cf.ref, "G12"))
        .flatMap((cf) => cf.rules.map((rule) => rule.style && rule.style.fill && rule.style.fill.bgColor && rule.style.fill.bgColor.argb));
      assert(marks.some((argb) => /FFC7CE/i.test(argb || "")), `G12 is not marked: ${JSON.stringify(marks)} (own fill ${JSON.stringify(g12.fill)})`);
      await page.getByText("Copie enregistrée sous dossier-commission-permanente.controle.xlsx.").waitFor();
    },
  },
  {
    name: "Modèles: the Rapport template filled from the 2025 Lianes line downloads dossier-commission-permanente.rempli.xlsx",
    timeout: 60_000,
    async run({ page, work, resultsDir }) {
      const section = page.getByRole("region", { name: "Modèles" });
      await section.getByRole("combobox", { name: "Modèle" }).selectOption("rapport");
      await section.getByRole("combobox", { name: "Ligne" }).selectOption("Rapport 2025 Lianes!A2");
      const preview = section.getByRole("region", { name: "Aperçu des champs" });
      await eventually(async () => /à hauteur de 9\s380\s€\./.test(await preview.innerText()), "the preview does not show the sentence with 9 380 €");
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 30_000 }),
        section.getByRole("button", { name: "Remplir" }).click(),
      ]);
      assert(download.suggestedFilename() === "dossier-commission-permanente.rempli.xlsx", `file name: ${download.suggestedFilename()}`);
      await section.getByText("Feuille « Rapport C05-043A06 » créée dans la copie dossier-commission-permanente.rempli.xlsx, téléchargée.").waitFor();
      const file = path.join(work, download.suggestedFilename());
      await download.saveAs(file);
      const ExcelJS = require("exceljs");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(file));
      const ws = wb.getWorksheet("Rapport C05-043A06");
      assert(ws, `no filled sheet: ${wb.worksheets.map((w) => w.name).join(", ")}`);
      const texts = [];
      let solde;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (typeof v === "string") texts.push(v.replace(/[\s\u00a0\u202f]+/g, " "));
          else if (v && typeof v === "object" && /^E\d+-F\d+$/.test(v.formula || "")) solde = v.formula;
        }),
      );
      // The demo's 2025 Lianes line: disponible 10 000, proposition 9 380 (its table), so Solde = E − F.
      assert(texts.includes("À ce titre, il est proposé un accompagnement financier du Département à hauteur de 9 380 €."), `no sentence: ${texts.join(" | ")}`);
      assert(solde, "no live Solde formula");
      const [e, f] = solde.split("-");
      assert(ws.getCell(e).value === 10000 && ws.getCell(f).value === 9380, `Solde ${solde} over ${ws.getCell(e).value} and ${ws.getCell(f).value}`);
      // The section after filling, its preview visible (the README shows the filled sheet itself, below).
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: path.join(resultsDir, "web-e2e-modeles.png") });
    },
  },
  {
    name: "Ignorer hides a finding and Rétablir brings it back",
    async run({ page }) {
      const summary = page.getByRole("region", { name: "Résumé" });
      // The card of G12 holds two findings: Ignorer ignores both.
      await page.getByRole("button", { name: "Ignorer G12 (IMP-SOLDE + FORMULE-FIGEE)" }).click();
      await summary.getByText("7 erreurs", { exact: true }).waitFor();
      await summary.getByText("2 remarques ignorées (voir plus bas)").waitFor();
      // Focus moved to the next card (the warning), not back to the top of the page.
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("data-card"));
      assert(focused === "IMP-CHAINE|Rapport 2025 Jumelage|E4", `focus after Ignorer: ${focused}`);
      await page.getByRole("button", { name: "Remarques ignorées (2)" }).click();
      await page.getByRole("button", { name: "Rétablir G12 (IMP-SOLDE)" }).click();
      await page.getByRole("button", { name: "Rétablir G12 (FORMULE-FIGEE)" }).click();
      await summary.getByText("8 erreurs", { exact: true }).waitFor();
    },
  },
  {
    name: "Effacer les marques and Surligner hide and show the marks",
    async run({ page }) {
      const cell = page.locator('[data-sheet="APES 2023"] td[data-cell="G12"]');
      await page.getByRole("button", { name: "Effacer les marques" }).click();
      await eventually(async () => (await cell.getAttribute("data-severity")) === null, "G12 still marked");
      await page.getByRole("button", { name: "Surligner" }).click();
      await eventually(async () => (await cell.getAttribute("data-severity")) === "error", "G12 not marked again");
    },
  },
  {
    name: "axe-core: no serious or critical violation (light theme)",
    timeout: 60_000,
    async run({ page, axeSource }) {
      const { violations, bumpers } = await axe(page, axeSource);
      if (violations.length) console.log(`    axe (light) reports:\n    ${describe(violations)}`);
      else console.log(`    axe (light): no violation${bumpers ? ` (${bumpers} Tabster focus bumpers left out of aria-hidden-focus)` : ""}`);
      const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      assert(bad.length === 0, `serious or critical: ${bad.map((v) => v.id).join(", ")}`);
    },
  },
  {
    name: "dark theme follows prefers-color-scheme; axe-core clean there too",
    timeout: 60_000,
    async run({ page, axeSource, resultsDir }) {
      const background = () => page.$eval(".fui-FluentProvider", (el) => getComputedStyle(el).backgroundColor);
      const light = await background();
      await page.emulateMedia({ colorScheme: "dark" });
      await eventually(async () => (await background()) !== light, "the page did not turn dark");
      await page.screenshot({ path: path.join(resultsDir, "web-e2e-dark.png") });
      const { violations, bumpers } = await axe(page, axeSource);
      if (violations.length) console.log(`    axe (dark) reports:\n    ${describe(violations)}`);
      else console.log(`    axe (dark): no violation${bumpers ? ` (${bumpers} Tabster focus bumpers left out of aria-hidden-focus)` : ""}`);
      const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      await page.emulateMedia({ colorScheme: "light" });
      assert(bad.length === 0, `serious or critical: ${bad.map((v) => v.id).join(", ")}`);
    },
  },
  {
    name: "phone (390 px): list and grid are two views; Aller à la cellule shows the grid, a marked cell its card",
    timeout: 60_000,
    async run({ page, resultsDir, axeSource }) {
      const size = page.viewportSize();
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        const views = page.getByRole("group", { name: "Affichage" });
        await views.waitFor();
        // The earlier « Aller à la cellule » left the grid as the view: back to the list.
        await views.getByRole("button", { name: "Remarques" }).click();
        assert(!(await page.getByRole("region", { name: "Aperçu de la feuille « APES 2023 » (lecture seule)" }).isVisible()), "the grid is shown beside the list");
        const grid = page.getByRole("region", { name: "Aperçu de la feuille « APES 2023 » (lecture seule)" });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(width <= 390, `the page is ${width} px wide at 390 px`);
        await page.screenshot({ path: path.join(resultsDir, "web-e2e-390.png") });
        const { violations } = await axe(page, axeSource);
        if (violations.length) console.log(`    axe (390 px) reports:\n    ${describe(violations)}`);
        assert(!violations.some((v) => v.impact === "serious" || v.impact === "critical"), "serious or critical violations at 390 px");
        await page.getByRole("button", { name: "Aller à la cellule G12 (IMP-SOLDE + FORMULE-FIGEE)" }).click();
        const cell = grid.locator('td[data-cell="G12"]');
        await eventually(async () => await cell.isVisible(), "the grid is not shown after Aller à la cellule");
        const box = await cell.boundingBox();
        assert(box && box.y >= 0 && box.y + box.height <= 844 && box.x >= 0 && box.x + box.width <= 390, `G12 is not in view: ${JSON.stringify(box)}`);
        assert(!(await page.getByRole("button", { name: "Suivant" }).isVisible()), "the list is still shown beside the grid");
        await page.screenshot({ path: path.join(resultsDir, "web-e2e-390-grid.png") });
        await cell.click();
        await eventually(
          async () => (await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("data-card"))) === "IMP-SOLDE+FORMULE-FIGEE|APES 2023|G12",
          "clicking the marked G12 did not focus its card",
        );
      } finally {
        await page.setViewportSize(size || { width: 1280, height: 900 });
      }
    },
  },
  {
    // Opens another file: it runs after the tests that need the example's findings.
    name: "Modèles: the filled copy opened in the page shows its Rapport C05-043A06 sheet (the README's screenshot)",
    timeout: 90_000,
    async run({ page, root, work, resultsDir }) {
      const file = path.join(work, "dossier-commission-permanente.rempli.xlsx");
      assert(fs.existsSync(file), "the Modèles test did not save the filled copy");
      await page.setInputFiles('input[type="file"]', file);
      await page.getByText("Classeur ouvert : dossier-commission-permanente.rempli.xlsx").waitFor({ timeout: 60_000 });
      const tab = page.getByRole("tab", { name: /^Rapport C05-043A06/ });
      await tab.click();
      await eventually(async () => (await tab.getAttribute("aria-selected")) === "true", "the Rapport C05-043A06 tab is not selected");
      const grid = page.getByRole("region", { name: "Aperçu de la feuille « Rapport C05-043A06 » (lecture seule)" });
      // The seed's sentence and the 2025 Lianes line's figures (CP 10 000, disponible 10 000, proposition 9 380).
      await eventually(async () => /à hauteur de 9\s380\s€/.test(await grid.innerText()), "the filled sheet does not show the seed's sentence");
      const shown = async (cell) => (await grid.locator(`td[data-cell="${cell}"]`).innerText()).replace(/[\s\u00a0\u202f]/g, "");
      assert((await shown("A4")) === "C05-043A06" && /^10000/.test(await shown("E4")) && /^9380/.test(await shown("F4")), "the filled line's figures are not shown");
      // The Solde =E4-F4 is written with no result: the grid shows the engine's value, as Excel would.
      assert((await shown("G4")) === "620,00", `the Solde shows ${JSON.stringify(await shown("G4"))}, not 620,00`);
      // The title and the sentence overflow into the empty cells to their right, not cut.
      for (const at of ["A1", "A6"]) {
        const cut = await grid.locator(`td[data-cell="${at}"] > span`).first().evaluate((el) => el.scrollWidth > el.clientWidth);
        assert(!cut, `the text of ${at} is cut off`);
      }
      // Re-checked in the page: the example's own findings, none more for the filled sheet.
      const summary = page.getByRole("region", { name: "Résumé" });
      await summary.getByText("8 erreurs").waitFor();
      await summary.getByText("1 avertissement").waitFor();
      // The README's image is rewritten only on request, so that a test run leaves the repository as it was.
      const images = process.env.POINTAGE_SCREENSHOTS === "1" ? path.join(root, "docs", "images") : resultsDir;
      fs.mkdirSync(images, { recursive: true });
      await grid.scrollIntoViewIfNeeded();
      // The sheet's tab and its filled rows (the table and the sentence), not the empty grid below.
      const tabs = await tab.locator("xpath=..").boundingBox();
      const view = await grid.boundingBox();
      const last = await grid.locator('td[data-cell="G6"]').boundingBox();
      assert(tabs && view && last, "no layout for the filled sheet");
      const top = Math.min(tabs.y, view.y) - 8;
      await page.screenshot({ path: path.join(images, "modele-rapport.png"), clip: { x: view.x - 8, y: top, width: view.width + 16, height: last.y + last.height + 12 - top } });
    },
  },
  {
    name: "a corrupt file, then an unsupported one: no spinner, no previous file name, no download",
    timeout: 60_000,
    async run({ page, work }) {
      for (const [name, bytes] of [
        ["abîmé.xlsx", Buffer.from("PK\u0003\u0004 not really a zip")],
        ["notes.xls", Buffer.from("ceci n'est pas un classeur")],
      ]) {
        const file = path.join(work, name);
        fs.writeFileSync(file, bytes);
        await page.setInputFiles('input[type="file"]', file);
        await eventually(async () => (await page.getByRole("alert").count()) + (await page.getByText(/abîmé|lisible|classeur/i).count()) > 0, `no message for ${name}`);
        await eventually(async () => (await page.getByText("Ouverture du fichier…").count()) === 0, `the spinner is left for ${name}`);
        await eventually(async () => (await page.getByText(/Classeur ouvert/).count()) === 0, `a file name is left for ${name}`);
        assert((await page.getByRole("button", { name: "Télécharger la copie contrôlée" }).count()) === 0, `a download is left for ${name}`);
      }
    },
  },
  {
    name: "task pane (Office.js stand-in): English, dark theme, Excel's refusal explained",
    timeout: 60_000,
    async run({ context, origin, axeSource, resultsDir, officeStub }) {
      const pane = await openPane(context, origin, officeStub, "lang=en&theme=dark&excel=edit");
      try {
        assert((await pane.evaluate(() => document.documentElement.lang)) === "en", "the pane is not in English");
        const background = await pane.$eval(".fui-FluentProvider", (el) => getComputedStyle(el).backgroundColor);
        const [r, g, b] = background.match(/\d+/g).map(Number);
        assert(r + g + b < 200, `the pane is not dark: ${background}`);
        await pane.getByRole("button", { name: "Check the workbook" }).click();
        await pane.getByText("The check did not complete").waitFor({ timeout: 15_000 });
        await pane.getByText("Finish editing the cell, then run the check again.").waitFor();
        await pane.screenshot({ path: path.join(resultsDir, "taskpane-e2e-dark.png") });
        const { violations } = await axe(pane, axeSource);
        if (violations.length) console.log(`    axe (task pane, dark) reports:\n    ${describe(violations)}`);
        else console.log("    axe (task pane, dark): no violation");
        assert(!violations.some((v) => v.impact === "serious" || v.impact === "critical"), "serious or critical violations");
        assert(pane.errors.length === 0, `page errors: ${pane.errors.join(" | ")}`);
      } finally {
        await pane.close();
      }
    },
  },
  {
    name: "task pane (Office.js stand-in): check, go to the cell, confirm and write the fix, out of date, marks, report, ignore",
    timeout: 90_000,
    async run({ context, origin, axeSource, resultsDir, officeStub }) {
      const pane = await openPane(context, origin, officeStub, "lang=fr");
      const wb = (fn) => pane.evaluate(fn);
      try {
        await pane.getByRole("button", { name: "Contrôler le classeur" }).click();
        const item = pane.getByRole("listitem", { name: /^Erreur .*G3 IMP-SOLDE$/ });
        try {
          await item.waitFor({ timeout: 20_000 });
        } catch (e) {
          console.log(`    the pane shows: ${(await pane.locator("body").innerText()).slice(0, 1500).replace(/\n+/g, " | ")}\n    page errors: ${pane.errors.join(" | ")}`);
          throw e;
        }
        // Issue 12: the results state, errors only (warnings toggled off, infos folded), light theme.
        const warnings = pane.getByRole("region", { name: "Résumé" }).getByRole("button", { name: /avertissements?$/ });
        await warnings.click();
        await eventually(async () => (await warnings.getAttribute("aria-pressed")) === "false", "the warnings filter did not toggle");
        await pane.screenshot({ path: path.join(resultsDir, "taskpane-e2e-errors.png") });
        const results = await axe(pane, axeSource);
        if (results.violations.length) console.log(`    axe (task pane, results, light) reports:\n    ${describe(results.violations)}`);
        else console.log("    axe (task pane, results, light): no violation");
        assert(!results.violations.some((v) => v.impact === "serious" || v.impact === "critical"), "serious or critical violations on the pane's results");
        await warnings.click();

        await item.getByRole("button", { name: "Aller à la cellule G3 (IMP-SOLDE)" }).click();
        await eventually(async () => {
          const s = await wb(() => window.__pointageWorkbook.selection);
          return s && s.sheet === "Rapport APES" && /G3$/.test(s.address);
        }, "Excel's selection is not G3");

        await item.getByRole("button", { name: "Corriger G3 (IMP-SOLDE)" }).click();
        const dialog = pane.getByRole("dialog", { name: "Corriger 'Rapport APES'!G3 ?" });
        await dialog.waitFor();
        await dialog.getByText("=E3-F3", { exact: true }).waitFor();
        await dialog.getByText("dans la cellule 'Rapport APES'!G3, à la place de son contenu actuel.").waitFor();
        // Let the dialog's fade-in end before the screenshot and the contrast checks.
        await eventually(() => dialog.evaluate((el) => el.getAnimations({ subtree: true }).every((a) => a.playState !== "running")), "the dialog keeps animating");
        await pane.screenshot({ path: path.join(resultsDir, "taskpane-e2e-confirm.png") });
        const withDialog = await axe(pane, axeSource);
        if (withDialog.violations.length) console.log(`    axe (task pane, dialog) reports:\n    ${describe(withDialog.violations)}`);
        else console.log("    axe (task pane, confirmation dialog): no violation");
        assert(!withDialog.violations.some((v) => v.impact === "serious" || v.impact === "critical"), "serious or critical violations with the dialog open");
        await dialog.getByRole("button", { name: "Écrire" }).click();
        await pane.getByText("Correction écrite en 'Rapport APES'!G3.").waitFor();
        const formula = await wb(() => window.__pointageWorkbook.sheet("Rapport APES").cell("G3").formula);
        assert(formula === "=E3-F3", `G3 holds ${formula}`);
        // Excel recalculates the formula written (209 285 − 57 000); the re-check finds G3 right.
        const g3 = await wb(() => window.__pointageWorkbook.sheet("Rapport APES").cell("G3").value);
        assert(g3 === 152285, `G3 computes ${g3}`);
        await eventually(
          async () => /^Tableaux contrôlés à nouveau : 0 erreur/.test(await pane.evaluate(() => document.querySelector('[aria-live="polite"]').textContent)),
          "the fix was not re-checked to no error",
        );
        // Undone: the solde 1 000 € short is back, and so is its card, for what follows.
        await pane.getByRole("button", { name: "Annuler la correction" }).click();
        await item.waitFor();

        // Issue 12: a user's edit is re-checked (the changed range only), not left out of date.
        await wb(() => window.__pointageWorkbook.emitChanged("Rapport APES", "B2"));
        await eventually(
          async () => /^Tableaux contrôlés à nouveau/.test(await pane.evaluate(() => document.querySelector('[aria-live="polite"]').textContent)),
          "the edit was not re-checked",
        );

        const formats = () => wb(() => JSON.stringify([window.__pointageWorkbook.sheet("Rapport APES").formats(), window.__pointageWorkbook.sheet("Rapport APES").conditionalFormats]));
        const before = await formats();
        await pane.getByRole("button", { name: "Surligner" }).click();
        await pane.getByText("1 cellule surlignée.").waitFor();
        assert((await formats()) !== before, "Surligner left the sheet unmarked");
        await pane.getByRole("button", { name: "Effacer les marques" }).click();
        await pane.getByText("Marques effacées : les cellules ont retrouvé leur mise en forme d'origine.").waitFor();
        assert((await formats()) === before, "Effacer les marques did not restore the formats exactly");

        await pane.getByRole("button", { name: "Rapport de contrôle" }).click();
        await pane.getByText("Feuille « Contrôle » écrite dans le classeur.").waitFor();
        assert(await wb(() => !!window.__pointageWorkbook.find("Contrôle")), "no Contrôle sheet");

        await pane.getByRole("button", { name: "Ignorer G3 (IMP-SOLDE)" }).click();
        await pane.getByRole("button", { name: "Remarques ignorées (1)" }).waitFor();
        // Checked again, the workbook itself remembers the ignored finding.
        await pane.getByRole("button", { name: "Contrôler le classeur" }).click();
        await pane.getByRole("button", { name: "Remarques ignorées (1)" }).waitFor({ timeout: 20_000 });
        assert(!(await pane.getByText("Le classeur a changé depuis le contrôle : relancez-le.").isVisible()), "still out of date after a new check");
        await pane.screenshot({ path: path.join(resultsDir, "taskpane-e2e.png"), fullPage: true });
        const { violations } = await axe(pane, axeSource);
        if (violations.length) console.log(`    axe (task pane, results) reports:\n    ${describe(violations)}`);
        else console.log("    axe (task pane, results): no violation");
        assert(!violations.some((v) => v.impact === "serious" || v.impact === "critical"), "serious or critical violations");
        assert(pane.errors.length === 0, `page errors: ${pane.errors.join(" | ")}`);
      } finally {
        await pane.close();
      }
    },
  },
  {
    name: "task pane (Office.js stand-in), dark theme: the results state is axe-clean",
    timeout: 60_000,
    async run({ context, origin, axeSource, resultsDir, officeStub }) {
      const pane = await openPane(context, origin, officeStub, "lang=fr&theme=dark");
      try {
        await pane.getByRole("button", { name: "Contrôler le classeur" }).click();
        await pane.getByRole("listitem", { name: /^Erreur .*G3 IMP-SOLDE$/ }).waitFor({ timeout: 20_000 });
        await pane.screenshot({ path: path.join(resultsDir, "taskpane-e2e-results-dark.png") });
        const { violations } = await axe(pane, axeSource);
        if (violations.length) console.log(`    axe (task pane, results, dark) reports:\n    ${describe(violations)}`);
        else console.log("    axe (task pane, results, dark): no violation");
        assert(!violations.some((v) => v.impact === "serious" || v.impact === "critical"), "serious or critical violations on the pane's results (dark)");
      } finally {
        await pane.close();
      }
    },
  },
  {
    // Issue 12: jsdom cannot press Tab, so the pane's unit tests read tab indexes; here the keys are real.
    name: "task pane (Office.js stand-in), keyboard only: one Tab stop into the list, ArrowDown through every card, Enter selects its cell, Tab leaves",
    timeout: 90_000,
    async run({ context, origin, officeStub }) {
      const pane = await openPane(context, origin, officeStub, "lang=fr&workbook=review");
      const LIST = "Remarques, de la plus grave à la moins grave";
      /** Where the focus is: the card (its key), a card's button (its card's key and its name), or elsewhere. */
      const focus = () =>
        pane.evaluate((label) => {
          const el = document.activeElement;
          const list = document.querySelector(`ul[aria-label="${label}"]`);
          const card = el && el.closest("li[data-card]");
          if (!list || !el || !list.contains(el)) return { inList: false, what: el ? `${el.tagName} ${el.getAttribute("aria-label") || el.textContent.slice(0, 40)}` : "none" };
          return { inList: true, onCard: el === card, card: card && card.getAttribute("data-card"), current: card && card.getAttribute("aria-current") === "true" };
        }, LIST);
      try {
        await pane.getByRole("button", { name: "Contrôler le classeur" }).click();
        const list = pane.getByRole("list", { name: LIST });
        await list.waitFor({ timeout: 20_000 });
        // Infos shown too: every card of the workbook is walked.
        const infos = pane.getByRole("region", { name: "Résumé" }).getByRole("button", { name: /informations?$/ });
        await infos.click();
        await eventually(async () => (await infos.getAttribute("aria-pressed")) === "true", "the infos filter did not toggle");
        const keys = await list.evaluate((ul) => [...ul.children].map((li) => li.getAttribute("data-card")));
        // The stand-in's workbook, by hand: IMP-SOLDE G3, REP-POURCENT D7, REP-POURCENT-SOMME D10, then two infos.
        assert(keys.length === 5, `5 cards expected, the list shows ${JSON.stringify(keys)}`);
        assert(
          JSON.stringify(keys.slice(0, 3)) === JSON.stringify(["IMP-SOLDE|Rapport APES|G3", "REP-POURCENT|Convention 2025|D7", "REP-POURCENT-SOMME|Convention 2025|D10"]),
          `errors first expected: ${JSON.stringify(keys)}`,
        );

        // Tab from the filter into the list: the first stop in it is the first card itself.
        let stops = 0;
        let at = await focus();
        while (!at.inList && stops < 30) {
          await pane.keyboard.press("Tab");
          stops++;
          at = await focus();
        }
        assert(at.inList && at.onCard && at.card === keys[0] && at.current, `Tab did not land on the first card: ${JSON.stringify(at)} after ${stops} Tab`);

        // ArrowDown through every card; Enter on each selects its cell in Excel, focus stays on the card.
        for (let i = 0; i < keys.length; i++) {
          if (i > 0) await pane.keyboard.press("ArrowDown");
          at = await focus();
          assert(at.onCard && at.card === keys[i] && at.current, `ArrowDown ${i}: focus on ${JSON.stringify(at)}, not the card ${keys[i]}`);
          const [, sheet, cell] = keys[i].split("|");
          await pane.keyboard.press("Enter");
          await eventually(async () => {
            const s = await pane.evaluate(() => window.__pointageWorkbook.selection);
            return s && s.sheet === sheet && s.address === cell ? s : undefined;
          }, `Enter on ${keys[i]} did not select ${sheet}!${cell}`);
          at = await focus();
          assert(at.onCard && at.card === keys[i], `after Enter the focus left the card ${keys[i]}: ${JSON.stringify(at)}`);
        }
        // The last card stays the last.
        await pane.keyboard.press("ArrowDown");
        at = await focus();
        assert(at.onCard && at.card === keys[keys.length - 1], `ArrowDown past the last card moved to ${JSON.stringify(at)}`);

        // Tab leaves the list: only the current card's own buttons come first, never another card.
        const buttons = await pane.locator(`li[data-card="${keys[keys.length - 1]}"] button:not([disabled])`).count();
        let inside = 0;
        for (;;) {
          await pane.keyboard.press("Tab");
          at = await focus();
          if (!at.inList) break;
          inside++;
          assert(!at.onCard && at.card === keys[keys.length - 1], `Tab reached another card's control: ${JSON.stringify(at)}`);
          assert(inside <= buttons, `more Tab stops in the list than the current card's ${buttons} buttons`);
        }
        assert(inside === buttons, `the current card's ${buttons} buttons should each be one Tab stop, ${inside} were`);
        // Shift+Tab comes back to the current card's last button, not to the first card.
        await pane.keyboard.press("Shift+Tab");
        at = await focus();
        assert(at.inList && at.card === keys[keys.length - 1], `Shift+Tab did not come back to the current card: ${JSON.stringify(at)}`);
        console.log(`    ${keys.length} cards walked; ${stops} Tab into the list, ${inside + 1} to leave it`);
        assert(pane.errors.length === 0, `page errors: ${pane.errors.join(" | ")}`);
      } finally {
        await pane.close();
      }
    },
  },
  {
    name: "a budget prévisionnel (cerfa 12156) with a funder left out: BUD-EQUILIBRE, and the README's screenshot",
    timeout: 90_000,
    async run({ context, origin, work, resultsDir }) {
      // Typed as a treasurer types it, with the Commune's 3 000 € left out of 74: produits 15 695 € for charges of 18 695 €.
      const ExcelJS = require("exceljs");
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Budget de l'action");
      const charges = [
        ["60 – Achats", 2000], ["Prestations de services", 1200], ["Achats matières et fournitures", 800],
        ["61 – Services extérieurs", 1500], ["Locations", 1000], ["Assurance", 500],
        ["62 – Autres services extérieurs", 3195], ["Rémunérations intermédiaires et honoraires", 2000], ["Publicité, publication", 695], ["Déplacements, missions", 500],
        ["64 – Charges de personnel", 12000], ["Rémunération des personnels", 9000], ["Charges sociales", 3000],
      ];
      const produits = [
        ["70 – Vente de produits finis, de marchandises, prestations de services", 1500],
        ["74 – Subventions d'exploitation", 12000], ["État : DRAJES", 2000], ["Région(s) : Hauts-de-France", 3000], ["Département(s) : Pas-de-Calais", 7000],
        ["75 – Autres produits de gestion courante", 2195], ["dont cotisations, dons manuels ou legs", 2195],
      ];
      ws.getCell("A1").value = "BUDGET PRÉVISIONNEL DE L'ACTION";
      ws.mergeCells("A1:D1");
      ["CHARGES", "Montant", "PRODUITS", "Montant"].forEach((h, i) => (ws.getCell(3, i + 1).value = h));
      charges.forEach(([label, amount], i) => {
        ws.getRow(4 + i).getCell(1).value = label;
        Object.assign(ws.getRow(4 + i).getCell(2), { value: amount, numFmt: '#,##0 "€"' });
      });
      produits.forEach(([label, amount], i) => {
        ws.getRow(4 + i).getCell(3).value = label;
        Object.assign(ws.getRow(4 + i).getCell(4), { value: amount, numFmt: '#,##0 "€"' });
      });
      const total = 4 + charges.length;
      ws.getCell(total, 1).value = "TOTAL DES CHARGES";
      Object.assign(ws.getCell(total, 2), { value: 18695, numFmt: '#,##0 "€"' });
      ws.getCell(total, 3).value = "TOTAL DES PRODUITS";
      Object.assign(ws.getCell(total, 4), { value: 15695, numFmt: '#,##0 "€"' });
      ws.getColumn(1).width = 40;
      ws.getColumn(3).width = 60;
      const file = path.join(work, "budget-previsionnel-association.xlsx");
      await wb.xlsx.writeFile(file);

      // A page of its own: the tests after this one go on with the example workbook.
      const page = await context.newPage();
      try {
        page.setDefaultTimeout(20_000);
        await page.setViewportSize({ width: 1280, height: 860 });
        const errors = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(`${origin}/index.html`, { waitUntil: "load" });
        await page.setInputFiles('input[type="file"]', file);
        const summary = page.getByRole("region", { name: "Résumé" });
        await summary.getByText("1 erreur", { exact: true }).waitFor({ timeout: 60_000 });
        const item = page.getByRole("listitem", { name: /BUD-EQUILIBRE/ });
        await item.waitFor();
        const text = await item.innerText();
        assert(/15\s695,00\s€/.test(text) && /18\s695,00\s€/.test(text) && /3\s000,00\s€ aux produits/.test(text), `the finding does not give both totals and the gap: ${text}`);
        await page.getByRole("button", { name: /^Aller à la cellule D17/ }).click();
        const grid = page.getByRole("region", { name: "Aperçu de la feuille « Budget de l'action » (lecture seule)" });
        await eventually(async () => (await grid.locator('td[data-cell="D17"]').getAttribute("data-selected")) === "true", "D17 is not selected");
        assert(errors.length === 0, `page errors: ${errors.join(" | ")}`);
        // The README's image is rewritten only on request, so that a test run leaves the repository as it was.
        const images = process.env.POINTAGE_SCREENSHOTS === "1" ? path.join(__dirname, "../../docs/images") : resultsDir;
        fs.mkdirSync(images, { recursive: true });
        await page.screenshot({ path: path.join(images, "budget-previsionnel.png") });
      } finally {
        await page.close();
      }
    },
  },
  {
    name: "nothing left the page: no request elsewhere, no CSP violation, no script error",
    async run({ requests }) {
      assert(network.offsite.length === 0, `requests elsewhere: ${network.offsite.join(", ")}`);
      assert(network.pageErrors.length === 0, `page errors: ${network.pageErrors.join(" | ")}`);
      assert(network.console.length === 0, `console errors: ${network.console.join(" | ")}`);
      const unexpected = requests.filter((p) => !/^\/(index\.html|taskpane\.html|[\w.-]+\.js|assets\/[\w.-]+)?$/.test(p));
      assert(unexpected.length === 0, `unexpected requests to the server: ${unexpected.join(", ")}`);
    },
  },
];

module.exports = { tests };
