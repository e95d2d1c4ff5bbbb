#!/usr/bin/env node
/**
 * End-to-end test of the browser page, in a real Chromium:
 *   1. builds the page with webpack (production: the browser page and the task pane) into a
 *      temporary folder;
 *   2. serves it from a tiny static HTTP server on 127.0.0.1 (no other network);
 *   3. runs test/e2e/web.e2e.js in Chromium (playwright-core driving the system's Chromium): the
 *      browser page, then the task pane under a stand-in for Office.js (test/e2e/officeStub.ts,
 *      built here; Microsoft's CDN is never asked);
 *   4. prints one line per test and a last line `N passed, N failed`; exits 1 on any failure.
 *
 * Usage: node scripts/e2e.js [--keep] [--no-build DIST]
 *   CHROMIUM_PATH  the browser to drive (default /usr/bin/chromium)
 *   E2E_TIMEOUT_MS the whole run's time limit (default 300000)
 *
 * Every wait is bounded; a missing Chromium fails at once with a clear message.
 */
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const http = require("http");
const { spawn } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 300_000);
const BUILD_TIMEOUT_MS = 240_000;

const args = process.argv.slice(2);
const keep = args.includes("--keep");
const noBuildAt = args.indexOf("--no-build");
const prebuilt = noBuildAt >= 0 ? path.resolve(args[noBuildAt + 1] || "dist") : undefined;

let passed = 0;
let failed = 0;
const cleanups = [];

function finish(code) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch {
      // Best effort: the run's result is already known.
    }
  }
}

/** Fails the whole run (counted as one failed test) and exits. */
async function abort(message) {
  failed++;
  console.error(`✗ ${message}`);
  await cleanup();
  finish(1);
}

const watchdog = setTimeout(() => {
  void abort(`the end-to-end run exceeded ${TOTAL_TIMEOUT_MS / 1000} s`);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

/** Runs webpack (the repository's config) for the browser page only. */
function build(outDir) {
  return new Promise((resolve, reject) => {
    const webpackCli = path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
    const child = spawn(process.execPath, [webpackCli, "--mode", "production", "--env", "entries=web,taskpane", "--output-path", outDir], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`webpack did not finish within ${BUILD_TIMEOUT_MS / 1000} s`));
    }, BUILD_TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`webpack exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/** Builds test/e2e/officeStub.ts (Office.js's stand-in, over the Excel adapter's test fake) for the browser. */
function buildOfficeStub(outDir) {
  const webpack = require("webpack");
  const config = {
    mode: "development",
    devtool: false,
    target: "web",
    entry: path.join(ROOT, "test", "e2e", "officeStub.ts"),
    output: { path: outDir, filename: "office-stub.js" },
    resolve: { extensions: [".ts", ".js"] },
    // The fake's Node-only measurer of Office.js's own request bytes (jsdom) stays out of the browser.
    plugins: [new webpack.NormalModuleReplacementPlugin(/^\.\/officejs$/, path.join(ROOT, "test", "e2e", "officejs.browser.ts"))],
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020" } } },
        },
      ],
    },
  };
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(fs.readFileSync(path.join(outDir, "office-stub.js"), "utf8"));
    });
  });
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".json": "application/json",
  ".css": "text/css",
};

/** A static server for one folder, on 127.0.0.1 and a free port. Logs the paths asked. */
function serve(dir) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname);
    const rel = decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname);
    const file = path.resolve(dir, "." + rel);
    if (!file.startsWith(path.resolve(dir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}`, requests });
    });
  });
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    // CI must run them (.ci/run installs Chromium); a newcomer's `npm test` says plainly it skipped them.
    if (process.env.CI !== "true") {
      console.log(`Browser tests skipped: Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH). CI runs them.`);
      clearTimeout(watchdog);
      return;
    }
    await abort(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    return;
  }
  let chromium;
  try {
    ({ chromium } = require("playwright-core"));
  } catch (e) {
    await abort(`playwright-core is not installed: ${e.message}`);
    return;
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-e2e-"));
  if (!keep) cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));
  else console.log(`(keeping ${work})`);

  let dist = prebuilt;
  if (!dist) {
    dist = path.join(work, "dist");
    const started = Date.now();
    try {
      await build(dist);
    } catch (e) {
      await abort(`build of the pages: ${e.message}`);
      return;
    }
    console.log(`(built the pages in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  if (!fs.existsSync(path.join(dist, "index.html"))) {
    await abort(`no index.html in ${dist}`);
    return;
  }

  let officeStub;
  try {
    officeStub = await withTimeout(buildOfficeStub(path.join(work, "stub")), BUILD_TIMEOUT_MS, "build of the Office.js stand-in");
  } catch (e) {
    await abort(`build of the Office.js stand-in: ${e.message}`);
    return;
  }

  const { server, origin, requests } = await serve(dist);
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));

  let context;
  try {
    context = await chromium.launchPersistentContext(path.join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      acceptDownloads: true,
      viewport: { width: 1440, height: 1000 },
      locale: "fr-FR",
      colorScheme: "light",
      timeout: 60_000,
    });
  } catch (e) {
    await abort(`Chromium did not start (${CHROMIUM}): ${e.message.split("\n")[0]}`);
    return;
  }
  cleanups.push(() => context.close());

  const { tests } = require(path.join(ROOT, "test", "e2e", "web.e2e.js"));
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(20_000);
  page.setDefaultNavigationTimeout(30_000);
  const env = {
    page,
    context,
    origin,
    requests,
    root: ROOT,
    work,
    resultsDir: path.join(ROOT, "test-results"),
    example: path.join(ROOT, "examples", "dossier-commission-permanente.xlsx"),
    axeSource: fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"),
    officeStub,
  };
  fs.mkdirSync(env.resultsDir, { recursive: true });

  for (const t of tests) {
    const started = Date.now();
    try {
      await withTimeout(t.run(env), t.timeout || 60_000, t.name);
      passed++;
      console.log(`✓ ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      const shot = path.join(env.resultsDir, `e2e-failure-${passed + failed}.png`);
      await withTimeout(page.screenshot({ path: shot, fullPage: true }), 15_000, "failure screenshot").catch(() => undefined);
      console.log(`✗ ${t.name} (screenshot: ${path.relative(ROOT, shot)})\n    ${String((e && e.stack) || e).split("\n").slice(0, 30).join("\n    ")}`);
      if (t.critical) {
        console.log("  (later tests depend on this one: stopping)");
        break;
      }
    }
  }

  await cleanup();
  clearTimeout(watchdog);
  finish(failed > 0 ? 1 : 0);
}

function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`"${name}" took more than ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

main().catch((e) => abort(`unexpected: ${(e && e.stack) || e}`));
