import { useMemo } from "react";
import type { TableSummary } from "../../../core/engine";
import type { Finding } from "../../../core/findings";
import type { FindingListProps, FindingListState, SheetGroup, TableGroup } from "./FindingList.types";

/**
 * Groups findings by sheet (in the findings' order), then by table (in the workbook's order),
 * findings outside any table of their sheet last.
 */
export function groupFindings(findings: readonly Finding[], tables: readonly TableSummary[]): SheetGroup[] {
  const tableOrder = new Map(tables.map((t, i) => [t.id, i]));
  const tableById = new Map(tables.map((t) => [t.id, t]));
  const bySheet = new Map<string, Map<string, TableGroup>>();
  for (const f of findings) {
    let groups = bySheet.get(f.sheet);
    if (!groups) bySheet.set(f.sheet, (groups = new Map()));
    const table = f.table !== undefined ? tableById.get(f.table) : undefined;
    const own = table && table.sheet === f.sheet ? table : undefined;
    const key = own ? own.id : "";
    let group = groups.get(key);
    if (!group) groups.set(key, (group = own ? { table: own, findings: [] } : { findings: [] }));
    group.findings.push(f);
  }
  const rank = (g: TableGroup): number => (g.table ? (tableOrder.get(g.table.id) ?? 0) : Number.MAX_SAFE_INTEGER);
  return [...bySheet].map(([sheet, groups]) => ({ sheet, groups: [...groups.values()].sort((a, b) => rank(a) - rank(b)) }));
}

export function useFindingList(props: FindingListProps): FindingListState {
  const { findings, tables } = props;
  const sheets = useMemo(() => groupFindings(findings, tables), [findings, tables]);
  return { sheets };
}
