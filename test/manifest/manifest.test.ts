/**
 * The add-in only manifest (manifest.xml): localisation, permissions, requirement sets, the ribbon
 * button, resource ids, icons. When xmllint and ../shared/schemas/office-manifest are there, the
 * manifest is also validated against Microsoft's XSDs through scripts/validate-manifest.sh.
 *
 * The manifest is read with a tiny XML parser below (elements, attributes, text; names kept as
 * written, prefix included): enough for a file we write ourselves, and no dependency.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const SCHEMAS = path.resolve(ROOT, "../shared/schemas/office-manifest");
const VALIDATE = path.join(ROOT, "scripts/validate-manifest.sh");

// ---------------------------------------------------------------------------------------------
// Tiny XML parser.

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (e[0] !== "#") return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function parseXml(source: string): XmlElement {
  const src = source.replace(/^\uFEFF/, "");
  const documentNode: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [documentNode];
  const token =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let last = 0;
  for (let m = token.exec(src); m !== null; m = token.exec(src)) {
    if (m.index !== last) throw new Error(`XML illisible à la position ${last}`);
    last = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) {
      top.text += m[1];
    } else if (m[2] !== undefined) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> ferme <${top.name}>`);
      stack.pop();
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? "").matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? "");
      }
      const element: XmlElement = { name: m[3], attrs, children: [], text: "" };
      top.children.push(element);
      if (m[5] !== "/") stack.push(element);
    } else if (m[6] !== undefined) {
      top.text += decodeEntities(m[6]);
    }
  }
  if (last !== src.length) throw new Error(`XML illisible à la position ${last}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> n'est pas fermé`);
  return documentNode;
}

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

function child(element: XmlElement, name: string): XmlElement {
  const found = children(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> a ${found.length} <${name}>, attendu 1`);
  return found[0];
}

function descendants(element: XmlElement, predicate: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (predicate(c)) out.push(c);
      walk(c);
    }
  };
  walk(element);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The manifest.

const app = child(parseXml(fs.readFileSync(MANIFEST, "utf8")), "OfficeApp");
const versionOverrides = child(app, "VersionOverrides");
const resources = child(versionOverrides, "Resources");

type ResourceKind = "bt:Images" | "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings";
const RESOURCE_KINDS: ResourceKind[] = ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"];
const resourceList = RESOURCE_KINDS.flatMap((kind) =>
  children(resources, kind).flatMap((group) => group.children.map((element) => ({ kind, element }))),
);
const resourceById = new Map(resourceList.map((r) => [r.element.attrs.id, r]));

function resource(id: string, kind: ResourceKind): XmlElement {
  const found = resourceById.get(id);
  if (!found) throw new Error(`resid « ${id} » absent de <Resources>`);
  if (found.kind !== kind) throw new Error(`resid « ${id} » est dans <${found.kind}>, attendu <${kind}>`);
  return found.element;
}

function overrideValue(element: XmlElement, locale: string): string | undefined {
  const name = element.name.startsWith("bt:") ? "bt:Override" : "Override";
  return children(element, name).find((o) => o.attrs.Locale === locale)?.attrs.Value;
}

/** The French (default) and English texts of a string resource. */
function strings(id: string, kind: "bt:ShortStrings" | "bt:LongStrings"): { fr: string; en?: string } {
  const element = resource(id, kind);
  return { fr: element.attrs.DefaultValue, en: overrideValue(element, "en-US") };
}

function assetPath(url: string): string {
  const m = /^https:\/\/localhost:3000\/(assets\/[^?#]+)$/.exec(url);
  if (!m) throw new Error(`${url} n'est pas servi depuis assets/`);
  return path.join(ROOT, m[1]);
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(b.toString("ascii", 12, 16)).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const ribbonHost = child(child(versionOverrides, "Hosts"), "Host");
const desktop = child(ribbonHost, "DesktopFormFactor");
const extensionPoint = child(desktop, "ExtensionPoint");
const homeTab = child(extensionPoint, "OfficeTab");
const group = child(homeTab, "Group");
const button = child(group, "Control");

// ---------------------------------------------------------------------------------------------

describe("manifest.xml", () => {
  it("is a task pane add-in with a fixed id and version", () => {
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(app.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(child(app, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child(app, "Version").text).toBe("1.0.0.0");
    expect(child(app, "ProviderName").text).toBe("Pointage");
  });

  it("is in French by default, with the agreed name and description", () => {
    expect(child(app, "DefaultLocale").text).toBe("fr-FR");
    expect(child(app, "DisplayName").attrs.DefaultValue).toBe("Pointage");
    expect(child(app, "Description").attrs.DefaultValue).toBe(
      "Contrôle des tableaux budgétaires : soldes, crédits, totaux, pourcentages, taux d'intervention.",
    );
  });

  it("has an en-US override for every localised string", () => {
    const localised = [
      child(app, "DisplayName"),
      child(app, "Description"),
      ...children(resources, "bt:ShortStrings").flatMap((g) => g.children),
      ...children(resources, "bt:LongStrings").flatMap((g) => g.children),
    ];
    expect(localised.length).toBeGreaterThanOrEqual(8);
    const missing = localised
      .filter((e) => !overrideValue(e, "en-US")?.trim())
      .map((e) => e.attrs.id ?? e.name);
    expect(missing).toEqual([]);
  });

  it("runs in Excel only, reads and writes the workbook, needs ExcelApi 1.9", () => {
    expect(children(child(app, "Hosts"), "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(child(app, "Permissions").text).toBe("ReadWriteDocument");
    const sets = child(child(app, "Requirements"), "Sets");
    expect(children(sets, "Set").map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([["ExcelApi", "1.9"]]);
  });

  it("opens taskpane.html by default and from a Pointage button on the Home tab", () => {
    expect(child(child(app, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toBe(
      "https://localhost:3000/taskpane.html",
    );
    expect(versionOverrides.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
    expect(ribbonHost.attrs["xsi:type"]).toBe("Workbook");
    expect(extensionPoint.attrs["xsi:type"]).toBe("PrimaryCommandSurface");
    expect(homeTab.attrs.id).toBe("TabHome");

    expect(strings(child(group, "Label").attrs.resid, "bt:ShortStrings")).toEqual({ fr: "Pointage", en: "Pointage" });
    expect(button.attrs["xsi:type"]).toBe("Button");
    expect(strings(child(button, "Label").attrs.resid, "bt:ShortStrings")).toEqual({ fr: "Pointage", en: "Pointage" });
    const supertip = child(button, "Supertip");
    expect(strings(child(supertip, "Title").attrs.resid, "bt:ShortStrings")).toEqual({
      fr: "Contrôler le classeur",
      en: "Check the workbook",
    });
    expect(strings(child(supertip, "Description").attrs.resid, "bt:LongStrings").fr).toBe(
      "Ouvre le volet Pointage : vérifie soldes, crédits, totaux et pourcentages de tous les tableaux du classeur.",
    );

    const action = child(button, "Action");
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(child(action, "TaskpaneId").text.trim()).not.toBe("");
    expect(resource(child(action, "SourceLocation").attrs.resid, "bt:Urls").attrs.DefaultValue).toBe(
      "https://localhost:3000/taskpane.html",
    );
  });

  it("declares the function file commands.html, which exists in src/commands", () => {
    const url = resource(child(desktop, "FunctionFile").attrs.resid, "bt:Urls").attrs.DefaultValue;
    expect(url).toBe("https://localhost:3000/commands.html");
    expect(fs.existsSync(path.join(ROOT, "src/commands/commands.html"))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, "src/commands/commands.ts"))).toBe(true);
  });

  it("resolves every resid, in the right kind of resource, and uses every resource", () => {
    const ids = resourceList.map((r) => r.element.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);

    const kindOf: Record<string, ResourceKind> = {
      "bt:Image": "bt:Images",
      Label: "bt:ShortStrings",
      Title: "bt:ShortStrings",
      Description: "bt:LongStrings",
      LearnMoreUrl: "bt:Urls",
      FunctionFile: "bt:Urls",
      SourceLocation: "bt:Urls",
    };
    const references = descendants(versionOverrides, (e) => e.attrs.resid !== undefined);
    expect(references.length).toBeGreaterThan(0);
    for (const ref of references) {
      expect([ref.name, ref.attrs.resid, resourceById.get(ref.attrs.resid)?.kind]).toEqual([
        ref.name,
        ref.attrs.resid,
        kindOf[ref.name],
      ]);
    }
    const used = new Set(references.map((r) => r.attrs.resid));
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });

  it("points every icon at a PNG of the declared size in assets/", () => {
    const icons = descendants(versionOverrides, (e) => e.name === "bt:Image" && e.attrs.size !== undefined);
    expect(new Set(icons.map((i) => i.attrs.size))).toEqual(new Set(["16", "32", "64", "80"]));
    for (const icon of icons) {
      const file = assetPath(resource(icon.attrs.resid, "bt:Images").attrs.DefaultValue);
      const size = Number(icon.attrs.size);
      expect([path.basename(file), pngSize(file)]).toEqual([path.basename(file), { width: size, height: size }]);
    }
    // Add-in icons of a task pane add-in: 32×32 and, for high DPI, 64×64.
    expect(pngSize(assetPath(child(app, "IconUrl").attrs.DefaultValue))).toEqual({ width: 32, height: 32 });
    expect(pngSize(assetPath(child(app, "HighResolutionIconUrl").attrs.DefaultValue))).toEqual({ width: 64, height: 64 });
    // The support page is served from assets/ too.
    expect(fs.existsSync(assetPath(child(app, "SupportUrl").attrs.DefaultValue))).toBe(true);
  });

  it("ships the icons that scripts/make-icons.js draws", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ROOT, `assets/icon-${size}.png`))).toEqual({ width: size, height: size });
    }
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts/make-icons.js"), "--check"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// XSD validation, when the tools are there.

function xsdUnavailable(): string | undefined {
  if (!fs.existsSync(path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"))) {
    return `${path.relative(ROOT, SCHEMAS)} est absent`;
  }
  const xmllint = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (xmllint.error) return "xmllint est introuvable (apt-get install -y libxml2-utils)";
  return undefined;
}

const skipReason = xsdUnavailable();
const itXsd = skipReason ? it.skip : it;

describe("manifest.xml against Microsoft's XSDs (scripts/validate-manifest.sh)", () => {
  beforeAll(() => {
    if (skipReason) console.info(`Validation XSD du manifeste ignorée : ${skipReason}.`);
  });

  itXsd(`validates${skipReason ? ` (ignoré : ${skipReason})` : ""}`, () => {
    const run = spawnSync("bash", [VALIDATE, "manifest.xml"], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("conforme au schéma OfficeAppManifestV1_1.xsd");
    expect(run.stdout).toContain("Manifeste valide.");
    expect(run.status).toBe(0);
  });

  itXsd(`rejects a broken manifest${skipReason ? ` (ignoré : ${skipReason})` : ""}`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-manifest-"));
    try {
      fs.symlinkSync(path.join(ROOT, "assets"), path.join(dir, "assets"), "dir");
      const source = fs.readFileSync(MANIFEST, "utf8");

      // An undefined resid: the XSD accepts it, the script's own check does not.
      const badResid = path.join(dir, "bad-resid.xml");
      fs.writeFileSync(badResid, source.replace('resid="Taskpane.Url"', 'resid="Taskpane.Nowhere"'));
      let run = spawnSync("bash", [VALIDATE, badResid], { encoding: "utf8" });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("Taskpane.Nowhere");

      // An element out of order: the XSD rejects it.
      const badOrder = path.join(dir, "bad-order.xml");
      fs.writeFileSync(
        badOrder,
        source
          .replace("<Permissions>ReadWriteDocument</Permissions>", "")
          .replace("<DefaultSettings>", "<Permissions>ReadWriteDocument</Permissions>\n  <DefaultSettings>"),
      );
      run = spawnSync("bash", [VALIDATE, badOrder], { encoding: "utf8" });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("non conforme au schéma");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
