/**
 * The « Modèles » panel's state: the workbook read once (again after each fill, which changed
 * it), the template and line picked, the fill computed by the engine for the preview, and the
 * two actions, each one host call with the plan the preview showed.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Lang } from "../../../core/findings";
import type { WorkbookSnapshot } from "../../../core/model";
import { insertTemplatePlan, listLines, listTemplates, planFill, type FillPlan, type FillResult, type LineInfo, type TemplateInfo } from "../../../core/fill";
import { toPaneError, type PaneError } from "../../checkView";
import { stringsFor, type Strings } from "../../strings";
import type { TemplatesProps } from "./Templates.types";

export interface TemplatesNotice {
  intent: "success" | "error";
  text: string;
  detail?: string;
}

export interface TemplatesState {
  lang: Lang;
  strings: Strings;
  reading: boolean;
  readError?: PaneError;
  snapshot?: WorkbookSnapshot;
  templates: TemplateInfo[];
  template?: TemplateInfo;
  lines: LineInfo[];
  lineId?: string;
  result?: FillResult;
  /** Why nothing can be written, when the host has no `applyFillPlan`. */
  unavailable?: string;
  busy: boolean;
  notice?: TemplatesNotice;
  read(): Promise<void>;
  pickTemplate(id: string): void;
  pickLine(id: string): void;
  fill(): Promise<void>;
  insert(): Promise<void>;
}

function errorNotice(e: unknown, strings: Strings): TemplatesNotice {
  const err = toPaneError(e, strings);
  return { intent: "error", text: err.message, detail: err.detail };
}

export function useTemplates(props: TemplatesProps): TemplatesState {
  const { host, downloadName } = props;
  const lang: Lang = props.lang ?? "fr";
  const strings = stringsFor(lang);
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | undefined>();
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<PaneError | undefined>();
  const [templateId, setTemplateId] = useState<string | undefined>();
  const [lineId, setLineId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<TemplatesNotice | undefined>();
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const read = useCallback(async () => {
    setReading(true);
    setReadError(undefined);
    try {
      const next = await host.readWorkbook();
      if (mounted.current) setSnapshot(next);
    } catch (e) {
      if (mounted.current) setReadError(toPaneError(e, strings));
    } finally {
      if (mounted.current) setReading(false);
    }
  }, [host, strings]);

  // The panel reads the workbook when it first appears.
  useEffect(() => {
    void read();
  }, [read]);

  const templates = useMemo(() => (snapshot ? listTemplates(snapshot) : []), [snapshot]);
  const lines = useMemo(() => (snapshot ? listLines(snapshot, lang) : []), [snapshot, lang]);
  const template = templates.find((t) => t.id === templateId) ?? templates[0];
  const needsLine = !!template?.needsLine;
  const line = needsLine ? (lines.find((l) => l.id === lineId) ?? lines[0]) : undefined;

  // The preview is the fill itself: what « Remplir » writes is the plan shown here.
  const result = useMemo(
    () => (snapshot && template ? planFill(snapshot, { template: template.id, line: line?.id, lang }) : undefined),
    [snapshot, template, line, lang],
  );

  const unavailable = host.applyFillPlan ? undefined : strings.templatesUnavailable;

  const apply = useCallback(
    async (plan: FillPlan) => {
      if (!host.applyFillPlan) return;
      setBusy(true);
      setNotice(undefined);
      try {
        const { sheetName } = await host.applyFillPlan(plan);
        if (!mounted.current) return;
        setNotice({ intent: "success", text: downloadName ? strings.templatesCreatedFile(sheetName, downloadName) : strings.templatesCreated(sheetName) });
        // The workbook has a new sheet: the next plan must see it (its name is then taken).
        if (host.kind !== "file") await read();
      } catch (e) {
        if (mounted.current) setNotice(errorNotice(e, strings));
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [downloadName, host, read, strings],
  );

  const fill = useCallback(async () => {
    if (result?.ok) await apply(result.plan);
  }, [apply, result]);

  const insert = useCallback(async () => {
    if (!snapshot || !template?.builtin) return;
    let plan: FillPlan;
    try {
      plan = insertTemplatePlan(template.id, snapshot, lang);
    } catch (e) {
      setNotice(errorNotice(e, strings));
      return;
    }
    await apply(plan);
  }, [apply, lang, snapshot, strings, template]);

  const pickTemplate = useCallback((id: string) => {
    setTemplateId(id);
    setNotice(undefined);
  }, []);
  const pickLine = useCallback((id: string) => {
    setLineId(id);
    setNotice(undefined);
  }, []);

  return {
    lang,
    strings,
    reading,
    readError,
    snapshot,
    templates,
    template,
    lines,
    lineId: line?.id,
    result,
    unavailable,
    busy,
    notice,
    read,
    pickTemplate,
    pickLine,
    fill,
    insert,
  };
}
