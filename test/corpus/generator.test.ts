/**
 * The corpus generator's own test: reproducible, big enough, every kind × mistake × layout and
 * every number form present, and each twin's arithmetic recomputed here from the cells as
 * written (with this file's own reading of numbers, not the engine's): the clean twin breaks no
 * relation of DOMAIN.md, the other twin breaks exactly the injected ones.
 */
import {
  DEFAULT_SEED,
  HEADERS,
  MONEY_FORMS,
  PERCENT_FORMS,
  generateCorpus,
  type CellValue,
  type CorpusSheet,
  type CorpusWorkbook,
  type Truth,
} from "./generator";

const corpus = generateCorpus();

// --- reading cells, independently of src/ --------------------------------------------------

function parseA1(ref: string): { row: number; column: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad ref ${ref}`);
  let column = 0;
  for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

interface Read {
  value: CellValue;
  formula?: string;
  format: string;
}

function cellOf(wb: CorpusWorkbook, qualified: string): Read {
  const [sheetName, ref] = qualified.includes("!") ? qualified.split("!") : [undefined, qualified];
  return read(sheetNamed(wb, sheetName!), ref);
}

function sheetNamed(wb: CorpusWorkbook, name: string): CorpusSheet {
  const s = wb.snapshot.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`${wb.name}: no sheet ${name}`);
  return s;
}

function read(sheet: CorpusSheet, ref: string): Read {
  const { row, column } = parseA1(ref);
  const i = row - sheet.origin.row;
  const j = column - sheet.origin.column;
  const f = sheet.formulas[i]?.[j];
  return { value: sheet.values[i]?.[j] ?? "", formula: typeof f === "string" && f.startsWith("=") ? f : undefined, format: sheet.numberFormats[i]?.[j] ?? "General" };
}

/** Cents of a money cell: a number with at most 2 decimals, or French / English text. */
function money(c: Read): number {
  if (typeof c.value === "number") {
    const cents = Math.round(c.value * 100);
    if (Math.abs(cents - c.value * 100) > 1e-6) throw new Error(`more than 2 decimals: ${c.value}`);
    return cents;
  }
  let s = String(c.value).replace(/[\s\u00a0\u202f]/g, "");
  const cap = /(?:plafonnéeà|danslalimitede|plafond:)(.*)$/.exec(s);
  if (cap) s = cap[1];
  s = s.replace(/€$/, "");
  let sign = 1;
  if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1);
  }
  if (s.startsWith("-")) {
    sign = -1;
    s = s.slice(1);
  }
  let int: string;
  let frac = "";
  if (s.includes(",") && s.includes(".")) {
    [int, frac] = s.split(".");
    int = int.replace(/,/g, "");
  } else if (s.includes(",")) [int, frac] = s.split(",");
  else [int, frac = ""] = s.split(".");
  if (!/^\d+$/.test(int) || !/^\d{0,2}$/.test(frac)) throw new Error(`not an amount: ${JSON.stringify(c.value)}`);
  return sign * (Number(int) * 100 + Number(frac.padEnd(2, "0")));
}

function formatDecimals(fmt: string): number {
  const m = /\.(0+)/.exec(fmt);
  return m ? m[1].length : 0;
}

/** A % cell in points, with the decimals it shows. Plain numbers above 1.5 are points. */
function percent(c: Read): { points: number; decimals: number } {
  if (typeof c.value === "number") {
    if (c.format.includes("%")) return { points: c.value * 100, decimals: formatDecimals(c.format) };
    return { points: c.value, decimals: c.format === "General" ? (String(c.value).split(".")[1] ?? "").length : formatDecimals(c.format) };
  }
  const s = String(c.value).replace(/[\s\u00a0\u202f]/g, "");
  const m = /^(\d+)(?:,(\d+))?%$/.exec(s);
  if (!m) throw new Error(`not a percentage: ${JSON.stringify(c.value)}`);
  return { points: Number(`${m[1]}.${m[2] ?? "0"}`), decimals: (m[2] ?? "").length };
}

const near = (shown: { points: number; decimals: number }, exact: number) => Math.abs(shown.points - exact) <= 0.5 * 10 ** -shown.decimals + 1e-9;

// --- formulas: cached values must be what the formula computes -------------------------------

function refs(sheet: CorpusSheet, arg: string): number[] {
  const [a, b] = arg.split(":");
  const s = parseA1(a);
  const e = b ? parseA1(b) : s;
  const out: number[] = [];
  for (let r = s.row; r <= e.row; r++) {
    for (let c = s.column; c <= e.column; c++) {
      const v = read(sheet, `${String.fromCharCode(65 + c)}${r + 1}`).value;
      if (typeof v === "number") out.push(v);
    }
  }
  return out;
}

function evaluate(sheet: CorpusSheet, formula: string): number | undefined {
  const body = formula.slice(1);
  const sum = /^SUM\((.*)\)$/.exec(body);
  if (sum) return sum[1].split(",").reduce((t, arg) => t + refs(sheet, arg).reduce((x, y) => x + y, 0), 0);
  if (/^SUBTOTAL\(/.test(body)) return undefined; // structured reference: checked by the truths
  const bin = /^(\$?[A-Z]+\$?\d+)([-+*/])(\$?[A-Z]+\$?\d+)$/.exec(body);
  if (!bin) throw new Error(`unknown formula ${formula}`);
  const x = refs(sheet, bin[1].replace(/\$/g, ""))[0];
  const y = refs(sheet, bin[3].replace(/\$/g, ""))[0];
  switch (bin[2]) {
    case "-":
      return x - y;
    case "+":
      return x + y;
    case "*":
      return x * y;
    default:
      return x / y;
  }
}

// --- the relations of DOMAIN.md, recomputed ---------------------------------------------------

/** `RULE@Sheet!A1` for every relation the workbook breaks. */
function violations(wb: CorpusWorkbook): Set<string> {
  const out = new Set<string>();
  const flag = (rule: string, sheet: string, cell: string) => out.add(`${rule}@${sheet}!${cell}`);
  const at = (t: Truth, ref: string) => cellOf(wb, `${t.sheet}!${ref}`);
  const chains = new Map<string, { sheet: string; disponible: number; proposition: number; solde: number; cell: string }[]>();
  for (const t of wb.truths) {
    switch (t.kind) {
      case "imputation":
        for (const l of t.lines) {
          const [cp, d, p, s] = [l.cp, l.disponible, l.proposition, l.solde].map((ref) => money(at(t, ref)));
          expect(Math.min(cp, d, p)).toBeGreaterThanOrEqual(0);
          if (s !== d - p) flag("IMP-SOLDE", t.sheet, l.solde);
          if (p > d) flag("IMP-DEPASSEMENT", t.sheet, l.proposition);
          if (d > cp) flag("IMP-DISPO-CP", t.sheet, l.disponible);
          const key = `${l.code}|${cp}`;
          chains.set(key, [...(chains.get(key) ?? []), { sheet: t.sheet, disponible: d, proposition: p, solde: s, cell: l.proposition }]);
        }
        break;
      case "depense":
        for (const l of t.lines) {
          const [cp, dep] = [l.cp, l.depense].map((ref) => money(at(t, ref)));
          expect(Math.min(cp, dep)).toBeGreaterThanOrEqual(0);
          if (dep > cp) flag("DEL-CP", t.sheet, l.depense);
        }
        break;
      case "repartition": {
        const amounts = t.details.map((d) => money(at(t, d.amount)));
        expect(Math.min(...amounts)).toBeGreaterThanOrEqual(0);
        const sum = amounts.reduce((x, y) => x + y, 0);
        if (money(at(t, t.total.amount)) !== sum) flag("REP-TOTAL", t.sheet, t.total.amount);
        for (const s of t.subtotals) {
          if (money(at(t, s.amount)) !== s.details.reduce((x, ref) => x + money(at(t, ref)), 0)) flag("REP-SOUS-TOTAL", t.sheet, s.amount);
          if (s.percent && !near(percent(at(t, s.percent)), (money(at(t, s.amount)) / sum) * 100)) flag("REP-POURCENT", t.sheet, s.percent);
        }
        const shown = t.details.filter((d) => d.percent).map((d) => ({ d, p: percent(at(t, d.percent!)) }));
        for (const { d, p } of shown) if (!near(p, (money(at(t, d.amount)) / sum) * 100)) flag("REP-POURCENT", t.sheet, d.percent!);
        if (shown.length) {
          const decimals = Math.max(...shown.map((s) => s.p.decimals));
          const total = shown.reduce((x, s) => x + s.p.points, 0);
          if (Math.abs(total - 100) > shown.length * 0.5 * 10 ** -decimals + 1e-9) flag("REP-POURCENT-SOMME", t.sheet, t.total.percent ?? "");
          if (t.total.percent) expect(near(percent(at(t, t.total.percent)), 100)).toBe(true);
        }
        for (const ref of t.parts) expect(money(at(t, ref))).toBeGreaterThan(0);
        break;
      }
      case "convention": {
        const s = money(at(t, t.subvention));
        const c = money(at(t, t.coutTotal));
        if (!near(percent(at(t, t.taux)), (s / c) * 100)) flag("CONV-TAUX", t.sheet, t.taux);
        if (t.plafond && s > money(at(t, t.plafond))) flag("CONV-PLAFOND", t.sheet, t.subvention);
        break;
      }
      case "liste":
        for (const r of t.rows) {
          const a = t.relation === "produit" ? Number(at(t, r.a).value) : money(at(t, r.a));
          const b = money(at(t, r.b));
          let ok: boolean;
          if (t.relation === "quotient") ok = near(percent(at(t, r.result)), (b / a) * 100);
          else {
            const res = money(at(t, r.result));
            expect(res).toBeGreaterThanOrEqual(0);
            ok = res === (t.relation === "produit" ? a * b : t.relation === "difference" ? a - b : a + b);
          }
          if (!ok) flag("LIGNE-CALCUL", t.sheet, r.result);
        }
        break;
    }
  }
  // IMP-CUMUL and IMP-CHAINE over the workbook, in workbook order (the truths' order).
  for (const lines of chains.values()) {
    let total = 0;
    for (let i = 0; i < lines.length; i++) {
      total += lines[i].proposition;
      if (i > 0 && total > lines[0].disponible && total - lines[i].proposition <= lines[0].disponible) flag("IMP-CUMUL", lines[i].sheet, lines[i].cell);
      if (i > 0 && lines[i].disponible !== lines[i - 1].solde) flag("IMP-CHAINE", lines[i].sheet, lines[i].cell);
    }
  }
  return out;
}

// --- the tests ------------------------------------------------------------------------------

describe("corpus generator", () => {
  test("same seed, same corpus; another seed, another corpus", () => {
    expect(JSON.stringify(generateCorpus(DEFAULT_SEED))).toBe(JSON.stringify(corpus));
    expect(JSON.stringify(generateCorpus(DEFAULT_SEED + 1))).not.toBe(JSON.stringify(corpus));
  });

  test("at least 200 workbooks, in twins, with unique names", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((w) => w.name)).size).toBe(corpus.length);
    const byName = new Map(corpus.map((w) => [w.name, w]));
    for (const wb of corpus) {
      const twin = byName.get(wb.twin)!;
      expect(twin.twin).toBe(wb.name);
      expect(twin.clean).toBe(!wb.clean);
      expect(twin.snapshot.sheets.map((s) => s.name)).toEqual(wb.snapshot.sheets.map((s) => s.name));
      expect(twin.features).toEqual(wb.features);
      if (wb.clean) expect(wb.expected).toEqual([]);
      else expect(wb.expected.length).toBeGreaterThan(0);
    }
    const xlsx = corpus.filter((w) => w.xlsx).length;
    expect(xlsx).toBeGreaterThanOrEqual(corpus.length / 7);
    expect(xlsx).toBeLessThanOrEqual(corpus.length / 5);
  });

  test("every kind × mistake, every layout of its kind, every number form", () => {
    const mistakes = new Set(corpus.filter((w) => !w.clean).map((w) => `${w.kind}/${w.mistake}`));
    expect([...mistakes].sort()).toEqual(
      [
        "imputation/IMP-SOLDE",
        "imputation/IMP-DEPASSEMENT",
        "imputation/IMP-DISPO-CP",
        "imputation/IMP-CUMUL",
        "depense/DEL-CP",
        "repartition/REP-TOTAL",
        "repartition/REP-POURCENT",
        "repartition/REP-SOUS-TOTAL",
        "convention/CONV-TAUX",
        "convention/CONV-PLAFOND",
        "liste/LIGNE-PRODUIT",
        "liste/LIGNE-QUOTIENT",
        "liste/LIGNE-DIFFERENCE",
        "liste/LIGNE-SOMME",
      ].sort(),
    );
    const rules = new Set(corpus.flatMap((w) => w.expected.map((e) => e.rule)));
    for (const rule of ["IMP-SOLDE", "IMP-DEPASSEMENT", "IMP-DISPO-CP", "IMP-CUMUL", "DEL-CP", "REP-TOTAL", "REP-POURCENT", "REP-SOUS-TOTAL", "CONV-TAUX", "CONV-PLAFOND", "LIGNE-CALCUL"]) {
      expect(rules).toContain(rule);
    }
    const layouts = new Set(corpus.map((w) => w.category));
    for (const kind of ["imputation", "depense", "repartition", "liste"]) {
      for (const layout of ["simple", "decale", "deux-lignes", "cote-a-cote", "empiles", "tableau-excel", "colonnes-extra", "ordre"]) expect(layouts).toContain(`${kind} × ${layout}`);
    }
    for (const layout of ["simple", "decale", "cote-a-cote", "empiles", "colonnes-extra", "ordre", "dossier"]) expect(layouts).toContain(`convention × ${layout}`);
    for (const kind of ["imputation", "repartition", "liste", "depense"]) {
      const forms = new Set(corpus.filter((w) => w.kind === kind).map((w) => w.form.split("+")[0]));
      for (const f of MONEY_FORMS) expect(forms).toContain(f);
    }
    const percentForms = new Set(corpus.filter((w) => w.kind === "repartition").flatMap((w) => w.features));
    for (const f of PERCENT_FORMS.filter((p) => p !== "formule")) expect([...percentForms].some((x) => x.startsWith(`% ${f}`))).toBe(true);
    expect([...percentForms].some((x) => x.startsWith("% formules"))).toBe(true);
    // Excel tables with a totals row, merges, formulas
    expect(corpus.some((w) => w.xlsxTables.some((t) => t.totalsRow))).toBe(true);
    expect(corpus.some((w) => w.snapshot.sheets.some((s) => s.merges?.length))).toBe(true);
    expect(corpus.some((w) => w.snapshot.sheets.some((s) => s.formulas.some((r) => r.some((f) => typeof f === "string" && f.startsWith("=SUM(")))))).toBe(true);
    // The three spaces of French numbers and the other text forms of DOMAIN.md
    const texts = corpus.flatMap((w) => w.snapshot.sheets.flatMap((s) => s.values.flat())).filter((v): v is string => typeof v === "string");
    for (const re of [/^\d{1,3}( \d{3})+,\d\d$/, /^\d{1,3}(\u00a0\d{3})+,\d\d$/, /^\d{1,3}(\u202f\d{3})+,\d\d$/, /^\d[\d\s\u00a0\u202f]*,\d\d\s€$/, /^\d[\d\s\u00a0\u202f]*,\d\d€$/, /^\d{4,} €$/, /^\d{1,3}(,\d{3})+\.\d\d$/, /^\d+,\d\d ?%$/]) {
      expect(texts.some((t) => re.test(t))).toBe(true);
    }
  });

  test("every expected cell is a non-empty cell of its sheet", () => {
    for (const wb of corpus) {
      for (const e of wb.expected) {
        expect(/^[A-Z]+\d+$/.test(e.cell)).toBe(true);
        expect(cellOf(wb, `${e.sheet}!${e.cell}`).value).not.toBe("");
      }
    }
  });

  test("formulas: every cached value is what the formula computes", () => {
    for (const wb of corpus) {
      for (const sheet of wb.snapshot.sheets) {
        sheet.formulas.forEach((row, i) =>
          row.forEach((f, j) => {
            if (typeof f !== "string" || !f.startsWith("=")) return;
            const computed = evaluate(sheet, f);
            if (computed === undefined) return;
            const cached = sheet.values[i][j];
            if (typeof cached !== "number" || Math.abs(cached - computed) > 1e-6) throw new Error(`${wb.name} ${sheet.name} R${i}C${j}: ${f} = ${computed}, cached ${cached}`);
          }),
        );
      }
    }
  });

  test("clean twins break no relation; the other twins break exactly the injected ones", () => {
    const problems: string[] = [];
    for (const wb of corpus) {
      const found = [...violations(wb)].filter((v) => !v.startsWith("IMP-CHAINE") && !v.startsWith("REP-POURCENT-SOMME"));
      const chain = [...violations(wb)].filter((v) => v.startsWith("IMP-CHAINE"));
      if (wb.clean) {
        if (found.length || chain.length) problems.push(`${wb.name}: ${[...found, ...chain].join(", ")}`);
        continue;
      }
      const expected = wb.expected.filter((e) => e.rule !== "REP-PLAGE").map((e) => `${e.rule}@${e.sheet}!${e.cell}`);
      if (JSON.stringify([...found].sort()) !== JSON.stringify([...expected].sort())) problems.push(`${wb.name}: expected ${expected.join(", ")}, recomputed ${found.join(", ")}`);
      // REP-PLAGE: the TOTAL formula leaves out a detail row.
      for (const e of wb.expected.filter((x) => x.rule === "REP-PLAGE")) {
        const formula = cellOf(wb, `${e.sheet}!${e.cell}`).formula ?? "";
        const truth = wb.truths.find((t) => t.kind === "repartition" && t.sheet === e.sheet && t.total.amount === e.cell);
        if (!truth || truth.kind !== "repartition") throw new Error(`${wb.name}: no breakdown for ${e.cell}`);
        const covered = new Set(
          /^=SUM\((.*)\)$/
            .exec(formula)![1]
            .split(",")
            .flatMap((arg) => {
              const [a, b] = arg.split(":").map(parseA1);
              const out: string[] = [];
              for (let r = a.row; r <= (b ?? a).row; r++) out.push(`${arg.replace(/\d+.*$/, "")}${r + 1}`);
              return out;
            }),
        );
        expect(truth.details.some((d) => !covered.has(d.amount))).toBe(true);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("header wordings", () => {
  test("at least 8 wordings per role, and every one of them in some workbook of the corpus", () => {
    const texts = new Set(corpus.flatMap((w) => w.snapshot.sheets.flatMap((s) => s.values.flat())).filter((v): v is string => typeof v === "string"));
    const missing: string[] = [];
    for (const [role, wordings] of Object.entries(HEADERS)) {
      expect({ role, count: wordings.length >= 8 }).toEqual({ role, count: true });
      for (const w of wordings) if (![...texts].some((t) => t === w || t.endsWith(` ${w}`) || t.startsWith(`${w} `))) missing.push(`${role}: ${JSON.stringify(w)}`);
    }
    expect(missing).toEqual([]);
  });
});
