#!/usr/bin/env bash
# Offline validation of the add-in only (XML) manifest.
#
#   bash scripts/validate-manifest.sh [manifest.xml]      (npm run validate)
#
# 1. well-formedness (xmllint);
# 2. structure against Microsoft's XSDs (OfficeAppManifestV1_1.xsd, which imports the basic types
#    and the VersionOverrides schemas by relative path, so xmllint finds them next to it: no
#    catalog needed; --nonet makes sure nothing is fetched);
# 3. what the XSDs cannot say: every resid is defined once in <Resources>, every icon or page
#    served from https://localhost:<port>/assets/… exists under assets/, and every icon used with
#    <bt:Image size="N"> is a PNG of N×N pixels.
#
# The schemas live outside the project, in ../shared/schemas/office-manifest (override with
# POINTAGE_MANIFEST_SCHEMAS=/path). Without them the XSD step is skipped (exit 0) and only the
# local checks run. `office-addin-manifest validate` needs Microsoft's online service; this does not.
#
# Exit status: 0 valid (or XSD skipped), 1 invalid or xmllint missing, 2 usage error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCHEMA_LABEL="../shared/schemas/office-manifest"
SCHEMA_DIR="${POINTAGE_MANIFEST_SCHEMAS:-$ROOT/$SCHEMA_LABEL}"
SCHEMA="$SCHEMA_DIR/OfficeAppManifestV1_1.xsd"

if [ $# -gt 1 ]; then
  echo "Usage : bash scripts/validate-manifest.sh [manifest.xml]" >&2
  exit 2
fi
MANIFEST="${1:-manifest.xml}"
if [ ! -f "$MANIFEST" ]; then
  echo "Manifeste introuvable : $MANIFEST" >&2
  exit 2
fi

# Local checks (resid, assets, icon sizes), in Node so that no extra tool is needed.
local_checks() {
  node - "$MANIFEST" <<'NODE'
const fs = require("fs");
const path = require("path");

const manifestPath = process.argv[2];
const manifestDir = path.dirname(path.resolve(manifestPath));
// Comments may hold commented-out XML: ignore them.
const xml = fs.readFileSync(manifestPath, "utf8").replace(/<!--[\s\S]*?-->/g, "");
const errors = [];

// Resource ids: defined once, and every resid used is defined.
const resources = xml.match(/<Resources>[\s\S]*<\/Resources>/);
const defined = new Map();
if (resources) {
  for (const m of resources[0].matchAll(/<bt:(Image|Url|String)\b[^>]*\bid="([^"]*)"/g)) {
    if (defined.has(m[2])) errors.push(`resid « ${m[2]} » défini deux fois dans <Resources>`);
    defined.set(m[2], m[1]);
  }
}
const used = new Set([...xml.matchAll(/\bresid="([^"]*)"/g)].map((m) => m[1]));
for (const id of used) {
  if (!defined.has(id)) errors.push(`resid « ${id} » utilisé mais absent de <Resources>`);
}

// Files served by the dev server from assets/ must exist.
const assetUrl = /^https:\/\/localhost(?::\d+)?\/(assets\/[^?#"]+)/;
function assetFile(url) {
  const m = assetUrl.exec(url);
  return m ? path.join(manifestDir, decodeURIComponent(m[1])) : undefined;
}
const urls = [...xml.matchAll(/\b(?:DefaultValue|Value)="([^"]*)"/g)].map((m) => m[1]);
let assetCount = 0;
for (const url of new Set(urls)) {
  const file = assetFile(url);
  if (file === undefined) continue;
  assetCount++;
  if (!fs.existsSync(file)) errors.push(`${url} : fichier ${path.relative(manifestDir, file)} absent`);
}

// Icons: <bt:Image size="N" resid="R"> → the image R must be an N×N PNG.
function pngSize(file) {
  const b = fs.readFileSync(file);
  const signature = "89504e470d0a1a0a";
  if (b.length < 24 || b.subarray(0, 8).toString("hex") !== signature || b.toString("ascii", 12, 16) !== "IHDR") {
    return undefined;
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
const imageUrl = new Map(
  [...xml.matchAll(/<bt:Image\b[^>]*\bid="([^"]*)"[^>]*\bDefaultValue="([^"]*)"/g)].map((m) => [m[1], m[2]]),
);
const checkedIcons = new Set();
for (const m of xml.matchAll(/<bt:Image\b[^>]*\bsize="(\d+)"[^>]*\bresid="([^"]*)"/g)) {
  const [size, id] = [Number(m[1]), m[2]];
  if (checkedIcons.has(`${id}@${size}`)) continue;
  checkedIcons.add(`${id}@${size}`);
  const file = imageUrl.has(id) ? assetFile(imageUrl.get(id)) : undefined;
  if (!file || !fs.existsSync(file)) continue; // already reported, or not a local asset
  const dims = pngSize(file);
  if (!dims) errors.push(`${path.relative(manifestDir, file)} (${id}) n'est pas un PNG`);
  else if (dims.width !== size || dims.height !== size) {
    errors.push(`${path.relative(manifestDir, file)} (${id}) fait ${dims.width}×${dims.height}, attendu ${size}×${size}`);
  }
}

if (errors.length > 0) {
  for (const e of errors) console.error(`  ✗ ${e}`);
  process.exit(1);
}
console.log(
  `  ✓ ${used.size} resid utilisés, tous définis (${defined.size} ressources) ; ` +
    `${assetCount} fichiers assets/ présents ; ${checkedIcons.size} icônes aux bonnes dimensions`,
);
NODE
}

echo "Manifeste : $MANIFEST"

if ! command -v xmllint >/dev/null 2>&1; then
  if [ ! -d "$SCHEMA_DIR" ]; then
    # Nothing to validate against anyway: run what can run without xmllint.
    local_checks
    echo "Validation du manifeste ignorée : $SCHEMA_LABEL est absent (schémas XSD de Microsoft introuvables ; seules les vérifications des resid et des icônes ont été faites)."
    exit 0
  fi
  echo "xmllint est introuvable : il faut le paquet libxml2-utils." >&2
  echo "  Debian/Ubuntu : sudo apt-get install -y libxml2-utils" >&2
  echo "  macOS : xmllint est livré avec le système (sinon brew install libxml2)." >&2
  exit 1
fi

# 1. Well-formed XML.
if ! xmllint --noout --nonet "$MANIFEST"; then
  echo "  ✗ XML mal formé" >&2
  exit 1
fi
echo "  ✓ XML bien formé"

# 2. XSD.
if [ ! -d "$SCHEMA_DIR" ] || [ ! -f "$SCHEMA" ]; then
  local_checks
  echo "Validation du manifeste ignorée : $SCHEMA_LABEL est absent (schémas XSD de Microsoft introuvables ; seules la syntaxe XML, les resid et les icônes ont été vérifiées)."
  exit 0
fi
if ! output="$(xmllint --noout --nonet --schema "$SCHEMA" "$MANIFEST" 2>&1)"; then
  echo "$output" | sed 's/^/    /' >&2
  echo "  ✗ non conforme au schéma OfficeAppManifestV1_1.xsd" >&2
  exit 1
fi
echo "  ✓ conforme au schéma OfficeAppManifestV1_1.xsd ($SCHEMA_LABEL)"

# 3. Resource ids and assets.
local_checks
echo "Manifeste valide."
