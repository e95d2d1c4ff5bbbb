/**
 * Writes association budgets as treasurers type them (cerfa 12156 budget prévisionnel, cerfa 15059
 * compte rendu financier) into real .xlsx files with ExcelJS: account numbers glued to labels
 * (`60-Achats`, `60 – Achats`, `Achats (60)`), amounts typed as text (`1 200,00 €`), merged
 * titles, charges beside or above produits, group lines followed by their funders and `dont` lines.
 *
 * Independent of the engine on purpose: this file imports nothing from `src/`. Every amount is
 * integer cents; group amounts and TOTALs are worked out here, as the treasurer's own formulas
 * would, unless a case types another figure on purpose. It returns the A1 address of each named
 * cell, so that tests say where a finding must sit without asking the engine.
 */
import * as ExcelJS from "exceljs";

export interface Line {
  label: string;
  /** Cents; undefined: no amount (a heading, a group whose amount is its lines'). */
  cents?: number;
  /** Compte rendu: réalisé, in cents. */
  realise?: number;
  /** Typed écart or %, overriding what the generator would compute (a mistake on purpose). */
  ecart?: number;
  pourcent?: string;
  /**
   * A funder written on two levels: the lines written right under this one (`Pas-de-Calais` under
   * `Département(s)`), parts of its amount, never added to the group.
   */
  under?: Line[];
}

export interface Group {
  line: Line;
  /** Write the group line with its amount (the sum of its lines unless `line.cents` is set), or as a heading. */
  stated: boolean;
  details: Line[];
  /** `dont …` lines under the group line (parts, never added). */
  parts?: Line[];
}

export interface Side {
  header: string;
  groups: Group[];
  /** The TOTAL line's label and, when set, a typed TOTAL (else the sum of the groups). */
  total: string;
  totalCents?: number;
  totalRealise?: number;
  /**
   * `Sous-total` lines: one after the group of index `after`, adding the groups since the previous
   * one, unless `cents` types another figure on purpose.
   */
  subtotals?: { after: number; label: string; cents?: number }[];
  /** The contributions en nature under the TOTAL. */
  nature?: { groups: Group[]; total: string; totalCents?: number };
}

export type AmountStyle = "number" | "text" | "text-euro";

export interface BudgetSpec {
  sheet: string;
  title: string;
  layout: "side" | "stacked";
  amountStyle: AmountStyle;
  charges: Side;
  produits: Side;
  /** A compte rendu financier: Prévu | Réalisé | Écart | % columns. */
  compteRendu?: boolean;
}

type Cell = string | number | { formula: string; result: number } | null;

/** `0-based row, column` → A1. */
export function a1(row: number, column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

/** Cents as the treasurer types them: `1 200,00 €` (narrow no-break space), `1 200 €`, or a number. */
export function typed(cents: number, style: AmountStyle): string | number {
  if (style === "number") return cents / 100;
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  const rest = String(abs % 100).padStart(2, "0");
  const body = style === "text" ? `${euros},${rest} €` : `${euros} €`;
  return negative ? `-${body}` : body;
}

/** What a group adds: its stated amount, or the sum of its lines. */
export function groupCents(g: Group, key: "cents" | "realise" = "cents"): number {
  const own = g.line[key];
  if (own !== undefined) return own;
  return g.details.reduce((s, d) => s + (d[key] ?? 0), 0);
}

export function sideCents(side: { groups: Group[] }, key: "cents" | "realise" = "cents"): number {
  return side.groups.reduce((s, g) => s + groupCents(g, key), 0);
}

/** Rounds realise ÷ prevu × 100 half-up to `decimals`, in BigInt: `80,24 %`. */
export function percentText(realise: number, prevu: number, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const num = BigInt(realise) * 100n * scale;
  const den = BigInt(prevu);
  const q = (2n * num + den) / (2n * den);
  const s = q.toString().padStart(decimals + 1, "0");
  const int = s.slice(0, s.length - decimals);
  return decimals ? `${int},${s.slice(s.length - decimals)} %` : `${int} %`;
}

export interface Written {
  /** Named cells: `total:charges`, `total:produits`, `group:<label>`, `line:<label>` (amount column), `ecart:<label>`, `pourcent:<label>`. */
  cells: Record<string, string>;
}

/** Puts a side's rows into `grid` from (row, column); returns the next free row. */
function writeSide(spec: BudgetSpec, side: Side, grid: Cell[][], row: number, column: number, cells: Record<string, string>): number {
  const style = spec.amountStyle;
  const put = (r: number, c: number, v: Cell) => {
    (grid[r] ??= [])[c] = v;
  };
  const amounts = (r: number, line: Line, name: string, prevu: number | undefined, realise: number | undefined) => {
    if (prevu !== undefined) put(r, column + 1, typed(prevu, style));
    cells[name] = a1(r, column + 1);
    if (!spec.compteRendu) return;
    if (realise !== undefined) put(r, column + 2, typed(realise, style));
    if (prevu !== undefined && realise !== undefined) {
      put(r, column + 3, typed(line.ecart ?? realise - prevu, style));
      cells[`ecart:${line.label}`] = a1(r, column + 3);
      if (prevu !== 0) {
        put(r, column + 4, line.pourcent ?? percentText(realise, prevu, 2));
        cells[`pourcent:${line.label}`] = a1(r, column + 4);
      }
    }
  };
  put(row, column, side.header);
  if (spec.compteRendu) ["Prévu", "Réalisé", "Écart", "% de réalisation"].forEach((h, i) => put(row, column + 1 + i, h));
  else put(row, column + 1, "Montant");
  row++;
  const writeGroups = (groups: Group[]) => {
    for (const g of groups) {
      put(row, column, g.line.label);
      amounts(row, g.line, `group:${g.line.label}`, g.stated ? groupCents(g) : undefined, g.stated && spec.compteRendu ? groupCents(g, "realise") : undefined);
      row++;
      for (const p of g.parts ?? []) {
        put(row, column, p.label);
        amounts(row, p, `line:${p.label}`, p.cents, p.realise);
        row++;
      }
      for (const d of g.details) {
        put(row, column, d.label);
        amounts(row, d, `line:${d.label}`, d.cents, d.realise);
        row++;
        for (const u of d.under ?? []) {
          put(row, column, u.label);
          amounts(row, u, `line:${u.label}`, u.cents, u.realise);
          row++;
        }
      }
    }
  };
  if (side.subtotals?.length) {
    // Each run of groups, then its sub-total over them.
    let from = 0;
    for (const st of side.subtotals) {
      writeGroups(side.groups.slice(from, st.after + 1));
      put(row, column, st.label);
      amounts(row, { label: st.label }, `subtotal:${st.label}`, st.cents ?? sideCents({ groups: side.groups.slice(from, st.after + 1) }), undefined);
      row++;
      from = st.after + 1;
    }
    writeGroups(side.groups.slice(from));
  } else writeGroups(side.groups);
  put(row, column, side.total);
  const totalLine: Line = { label: side.total };
  amounts(row, totalLine, `total:${side.header}`, side.totalCents ?? sideCents(side), spec.compteRendu ? side.totalRealise ?? sideCents(side, "realise") : undefined);
  row++;
  if (side.nature) {
    row++;
    writeGroups(side.nature.groups);
    put(row, column, side.nature.total);
    amounts(row, { label: side.nature.total }, `nature:${side.header}`, side.nature.totalCents ?? sideCents(side.nature), undefined);
    row++;
  }
  return row;
}

/** The budget's grid and named cells, without writing a file. */
export function layoutBudget(spec: BudgetSpec): { grid: Cell[][]; merges: string[]; cells: Record<string, string> } {
  const grid: Cell[][] = [];
  const cells: Record<string, string> = {};
  const width = spec.compteRendu ? 5 : 2;
  grid[0] = [spec.title];
  const merges: string[] = [`A1:${a1(0, spec.layout === "side" ? 2 * width - 1 : width - 1)}`];
  if (spec.layout === "side") {
    const end = writeSide(spec, spec.charges, grid, 2, 0, cells);
    writeSide(spec, spec.produits, grid, 2, width, cells);
    void end;
  } else {
    const next = writeSide(spec, spec.charges, grid, 2, 0, cells);
    writeSide(spec, spec.produits, grid, next + 1, 0, cells);
  }
  return { grid, merges, cells };
}

export async function budgetWorkbook(specs: BudgetSpec[], extra: { sheet: string; rows: Cell[][] }[] = []): Promise<{ bytes: Uint8Array; cells: Record<string, string> }> {
  const wb = new ExcelJS.Workbook();
  const cells: Record<string, string> = {};
  for (const spec of specs) {
    const ws = wb.addWorksheet(spec.sheet);
    const { grid, merges, cells: named } = layoutBudget(spec);
    grid.forEach((row, r) =>
      (row ?? []).forEach((v, c) => {
        if (v === null || v === undefined) return;
        ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }),
    );
    for (const m of merges) ws.mergeCells(m);
    for (const [k, v] of Object.entries(named)) cells[k] = `${spec.sheet}!${v}`;
  }
  for (const e of extra) {
    const ws = wb.addWorksheet(e.sheet);
    e.rows.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
  }
  const buffer = await wb.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), cells };
}

// ---------------------------------------------------------------------------------------------
// The budget prévisionnel of an action: charges of 18 695 €, the Département's 7 000 € among the
// funders (the seeds' 2023 Lianes coopération figures: 7 000 € on a coût total of 18 695 €).

export type LabelStyle = "dash" | "glued" | "space" | "trailing";

/** `60 – Achats`, `60-Achats`, `60 Achats`, `Achats (60)`. */
export function groupLabel(account: string, name: string, style: LabelStyle): string {
  switch (style) {
    case "dash":
      return `${account} – ${name}`;
    case "glued":
      return `${account}-${name}`;
    case "space":
      return `${account} ${name}`;
    case "trailing":
      return `${name} (${account})`;
  }
}

const E = (euros: number) => euros * 100;

export function actionBudget(options: { labels?: LabelStyle; stated?: boolean; drop?: string; nature?: boolean; realise?: boolean } = {}): { charges: Side; produits: Side } {
  const l = (a: string, n: string) => groupLabel(a, n, options.labels ?? "dash");
  const stated = options.stated ?? true;
  const r = (euros: number, real: number): Line => ({ label: "", cents: E(euros), realise: options.realise ? E(real) : undefined });
  const line = (label: string, euros: number, real = euros): Line => ({ ...r(euros, real), label });
  const charges: Side = {
    header: "CHARGES",
    total: "TOTAL DES CHARGES",
    groups: [
      { line: { label: l("60", "Achats") }, stated, details: [line("Prestations de services", 1200, 1000), line("Achats matières et fournitures", 800, 700)] },
      { line: { label: l("61", "Services extérieurs") }, stated, details: [line("Locations", 1000, 1000), line("Assurance", 500, 500)] },
      { line: { label: l("62", "Autres services extérieurs") }, stated, details: [line("Rémunérations intermédiaires et honoraires", 2000, 1500), line("Publicité, publication", 695, 300), line("Déplacements, missions", 500, 0)] },
      { line: { label: l("64", "Charges de personnel") }, stated, details: [line("Rémunération des personnels", 9000, 7500), line("Charges sociales", 3000, 2500)] },
    ],
  };
  const funders = [line("État : DRAJES", 2000, 2000), line("Région(s) : Hauts-de-France", 3000, 3000), line("Département(s) : Pas-de-Calais", 7000, 7000), line("Commune(s) : Lens", 3000, 305)].filter((f) => f.label !== options.drop);
  const produits: Side = {
    header: "PRODUITS",
    total: "TOTAL DES PRODUITS",
    groups: [
      { line: { label: l("70", "Vente de produits finis, de marchandises, prestations de services") }, stated: true, details: [], ...{} },
      { line: { label: l("74", "Subventions d'exploitation") }, stated, details: funders },
      { line: { label: l("75", "Autres produits de gestion courante") }, stated: true, details: [], parts: [line("dont cotisations, dons manuels ou legs", 2195, 1195)] },
    ],
  };
  // Group lines without details carry their own amount.
  produits.groups[0].line.cents = E(1500);
  produits.groups[2].line.cents = E(2195);
  if (options.realise) {
    produits.groups[0].line.realise = E(1500);
    produits.groups[2].line.realise = E(1195);
  }
  if (options.nature) {
    charges.nature = {
      total: "TOTAL",
      groups: [{ line: { label: l("86", "Emplois des contributions volontaires en nature") }, stated, details: [line("860 – Secours en nature", 0), line("861 – Mise à disposition gratuite de biens et prestations", 500), line("864 – Personnel bénévole", 2000)] }],
    };
    produits.nature = {
      total: "TOTAL",
      groups: [{ line: { label: l("87", "Contributions volontaires en nature") }, stated, details: [line("870 – Bénévolat", 2000), line("871 – Prestations en nature", 500), line("875 – Dons en nature", 0)] }],
    };
  }
  return { charges, produits };
}
