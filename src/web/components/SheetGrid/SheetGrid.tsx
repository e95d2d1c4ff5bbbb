import * as React from "react";
import { CounterBadge, Tab, TabList, mergeClasses, tokens } from "@fluentui/react-components";
import { a1, columnLetter } from "../../../core/address";
import type { Severity } from "../../../core/findings";
import { stringsFor } from "../../../taskpane/strings";
import { cellText } from "./cellText";
import { useSheetGridStyles } from "./SheetGrid.styles";
import type { SheetGridProps } from "./SheetGrid.types";
import { COLUMN_WIDTH, ROW_HEIGHT, useSheetGrid } from "./useSheetGrid";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const BADGE_COLOR = { error: "danger", warning: "important", info: "informative" } as const;

/** Width of a text overflowing into `extra` empty cells: its cell and theirs, inside the paddings. */
const overflowWidth = (extra: number): string => `calc(${(extra + 1) * COLUMN_WIDTH}px - 2 * ${tokens.spacingHorizontalXS})`;

/**
 * A read-only view of the workbook: sheet tabs, A/B/C column headers, row numbers, the cells at
 * fault marked by severity and the selected cell outlined. Only a window of rows around the
 * scroll position is in the DOM, so large sheets stay fast. Cell values are text, never HTML.
 * As in Excel, a formula stored without a result shows what the engine computed, and a text
 * overflows into the empty cells to its right (the cell itself holds the whole text).
 */
export function SheetGrid(props: SheetGridProps): React.JSX.Element {
  const { lang, height } = props;
  const strings = stringsFor(lang);
  const styles = useSheetGridStyles();
  const state = useSheetGrid(props);
  const { active, visibleRows: rows, selected } = state;

  const columns = Array.from({ length: state.shownColumns }, (_, c) => c);
  const rowIndexes = Array.from({ length: rows.last - rows.first }, (_, i) => rows.first + i);
  const sheet = active;

  return (
    <div className={styles.root}>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={state.activeName}
        onTabSelect={(_, data) => state.setActiveName(String(data.value))}
        aria-label={strings.webSheets}
      >
        {state.sheets.map((s) => {
          const { count, severity } = state.markCounts.get(s.name) ?? { count: 0, severity: "info" as const };
          const hidden = s.visibility && s.visibility !== "Visible" ? ` (${strings.webHiddenSheet})` : "";
          return (
            <Tab key={s.name} value={s.name} aria-label={count ? `${s.name}${hidden}, ${strings.webMarkedCount(count)}` : undefined}>
              {s.name}
              {hidden}
              {count > 0 && (
                <>
                  {" "}
                  <CounterBadge count={count} size="small" color={BADGE_COLOR[severity]} appearance="filled" aria-hidden="true" />
                </>
              )}
            </Tab>
          );
        })}
      </TabList>

      {sheet && (
        <div
          ref={state.scrollRef}
          className={styles.scroller}
          style={height !== undefined ? { height: `${height}px`, flexGrow: 0 } : undefined}
          tabIndex={0}
          role="region"
          aria-label={strings.webGridLabel(sheet.name)}
          onScroll={state.onScroll}
          data-sheet={sheet.name}
        >
          {state.rowCount === 0 ? (
            <p className={styles.empty}>{strings.webEmptySheet}</p>
          ) : (
            <table className={styles.table} aria-rowcount={state.rowCount + 1} aria-colcount={state.shownColumns + 1}>
              <caption className={styles.caption}>{strings.webGridLabel(sheet.name)}</caption>
              <thead>
                <tr aria-rowindex={1}>
                  <th scope="col" className={mergeClasses(styles.columnHeader, styles.corner)}>
                    <span className={styles.visuallyHidden}>#</span>
                  </th>
                  {columns.map((c) => (
                    <th
                      key={c}
                      scope="col"
                      className={mergeClasses(styles.columnHeader, selected?.column === c && styles.selectedHeader)}
                    >
                      {columnLetter(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.first > 0 && (
                  <tr aria-hidden="true" style={{ height: `${rows.first * ROW_HEIGHT}px` }}>
                    <td className={styles.spacer} colSpan={columns.length + 1} />
                  </tr>
                )}
                {rowIndexes.map((r) => {
                  const cells = state.rowCells(r);
                  return (
                    <tr key={r} aria-rowindex={r + 2}>
                      <th scope="row" className={mergeClasses(styles.rowHeader, selected?.row === r && styles.selectedHeader)}>
                        {r + 1}
                      </th>
                      {columns.map((c) => {
                        const { value, format, overflow, under } = cells[c];
                        const text = cellText(value, format, lang);
                        const mark = state.marks.get(`${r},${c}`);
                        const unreadRange = state.unreadAt(r, c);
                        const isSelected = selected?.row === r && selected.column === c;
                        return (
                          <td
                            key={c}
                            data-cell={a1(r, c)}
                            data-severity={mark?.severity}
                            data-unread={unreadRange}
                            data-selected={isSelected ? "true" : undefined}
                            data-overflow={overflow > 0 ? overflow : undefined}
                            onClick={mark && props.onMarkClick ? () => props.onMarkClick!(sheet.name, a1(r, c)) : undefined}
                            title={mark ? mark.messages.join("\n") : unreadRange ? strings.webUnreadTitle(unreadRange) : undefined}
                            className={mergeClasses(
                              styles.cell,
                              typeof value === "number" && styles.number,
                              overflow > 0 && styles.overflowing,
                              (overflow > 0 || under === "through") && styles.noRightLine,
                              unreadRange && styles.unread,
                              mark && styles[mark.severity],
                              isSelected && styles.selected,
                            )}
                          >
                            {overflow > 0 ? (
                              <span className={styles.overflowText} style={{ maxWidth: overflowWidth(overflow) }}>
                                {text}
                              </span>
                            ) : (
                              text
                            )}
                            {mark && <span className={styles.visuallyHidden}> ({strings.severityLabel[mark.severity]})</span>}
                            {unreadRange && <span className={styles.visuallyHidden}> ({strings.webUnread})</span>}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
                {rows.last < state.rowCount && (
                  <tr aria-hidden="true" style={{ height: `${(state.rowCount - rows.last) * ROW_HEIGHT}px` }}>
                    <td className={styles.spacer} colSpan={columns.length + 1} />
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </div>
      )}
      {state.shownColumns < state.columnCount && <p className={styles.note}>{strings.webColumnsCut(state.shownColumns, state.columnCount)}</p>}
      <ul className={styles.legend} aria-label={strings.webLegend}>
        {SEVERITIES.map((s) => (
          <li key={s}>
            <span className={mergeClasses(styles.swatch, styles[s])} aria-hidden="true" />
            {strings.severityLabel[s]}
          </li>
        ))}
        {state.hasUnread && (
          <li>
            <span className={mergeClasses(styles.swatch, styles.unread)} aria-hidden="true" />
            {strings.webUnread}
          </li>
        )}
      </ul>
      <p role="status" className={styles.visuallyHidden}>
        {state.announcement}
      </p>
    </div>
  );
}
