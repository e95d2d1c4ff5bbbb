/**
 * Where the add-in's manifests point, decided once for webpack.config.js:
 *  - a build of some entries only (`--env entries=web`, the end-to-end test's) is no add-in
 *    build: it writes no manifest (null);
 *  - a development build or the dev server keeps the manifests' https://localhost:3000/;
 *  - a production build needs POINTAGE_URL, an https:// address (a trailing / is added): without
 *    it the build stops, rather than ship a manifest that points at a placeholder.
 */
const DEV_URL = "https://localhost:3000/";

/**
 * @param {{ dev: boolean, partial: boolean, pointageUrl?: string }} build
 * @returns {string | null} the URL written into the manifests, or null for no manifest
 */
function manifestUrl({ dev, partial, pointageUrl }) {
  if (partial) return null;
  if (dev) return DEV_URL;
  const given = (pointageUrl ?? "").trim();
  if (given === "") {
    throw new Error(
      "POINTAGE_URL is not set: a production build writes the add-in's manifest, which must point at where dist/ is served " +
        "(POINTAGE_URL=https://… npm run build). The browser page alone builds without it: npm run build -- --env entries=web.",
    );
  }
  let url;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`POINTAGE_URL is not an address: ${given}`);
  }
  if (url.protocol !== "https:") throw new Error(`POINTAGE_URL must be an https:// address (Office loads add-ins over HTTPS only): ${given}`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

module.exports = { DEV_URL, manifestUrl };
