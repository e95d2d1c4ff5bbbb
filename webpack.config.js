/**
 * Builds the add-in's pages and the browser page, in the shape of Microsoft's task-pane template:
 *   taskpane.html  the task pane (Office.js from Microsoft's CDN, then the `taskpane` bundle)
 *   commands.html  the add-in's function file (Office.js, then the `commands` bundle)
 *   index.html     the browser page (the `web` bundle only: never Office.js, no network)
 * plus assets/ and the manifest(s), whose https://localhost:3000/ URLs a production build
 * rewrites to POINTAGE_URL; without it a production build stops (scripts/manifest-url.js).
 *
 * One TypeScript loader (ts-loader, transpileOnly: `npm run typecheck` does the type checking).
 * `--env entries=web` builds the browser page alone (the end-to-end test does); with `webpack
 * serve`, `--env http` serves plain HTTP on 127.0.0.1 (the browser page needs no certificate;
 * Office needs HTTPS, the default, with office-addin-dev-certs' certificates).
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DEV_URL, manifestUrl } = require("./scripts/manifest-url");

/** The browser page may load its own files and nothing else: no fetch, no XHR, no WebSocket. */
const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Griffel (Fluent UI's CSS-in-JS) inserts <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "worker-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

/** In development the dev server's live reload needs its WebSocket. */
const WEB_CSP_DEV = WEB_CSP.replace("connect-src 'none'", "connect-src 'self' wss://localhost:* ws://localhost:* ws://127.0.0.1:*");

async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const only = env.entries ? String(env.entries).split(",") : undefined;
  const wants = (name) => !only || only.includes(name);
  // Null: this build writes no manifest (some entries only).
  const addinUrl = manifestUrl({ dev, partial: only !== undefined, pointageUrl: process.env.POINTAGE_URL });

  const entry = {};
  if (wants("taskpane")) entry.taskpane = "./src/taskpane/index.tsx";
  if (wants("commands")) entry.commands = "./src/commands/commands.ts";
  if (wants("web")) entry.web = "./src/web/index.tsx";

  const pages = [];
  if (wants("taskpane")) {
    pages.push(new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }));
  }
  if (wants("commands")) {
    pages.push(new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }));
  }
  if (wants("web")) {
    pages.push(
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/web/index.html",
        chunks: ["web"],
        csp: dev ? WEB_CSP_DEV : WEB_CSP,
      }),
    );
  }

  const config = {
    devtool: "source-map",
    entry,
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
      alias: {
        // ExcelJS's browser build bundles its own polyfills (stream, buffer…), so no Node fallbacks are needed.
        exceljs$: path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.min.js"),
      },
      fallback: {
        // Referenced by JSZip's and ExcelJS's Node paths, never reached in the browser build.
        fs: false,
        path: false,
        os: false,
        crypto: false,
      },
    },
    module: {
      // ExcelJS's prebuilt bundle needs no parsing for imports.
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              // ES modules let webpack drop what Fluent UI's and the icons' packages do not use.
              compilerOptions: { module: "es2020", sourceMap: true },
            },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          // React and Fluent UI, shared by the task pane and the browser page.
          ui: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|@floating-ui|tabster|keyborg|@swc|rtl-css-js|stylis|use-sync-external-store)[\\/]/,
            name: "ui",
            chunks: (chunk) => chunk.name !== "commands",
            priority: 20,
            enforce: true,
          },
          // ExcelJS and JSZip: the browser page only.
          xlsx: {
            test: /[\\/]node_modules[\\/](exceljs|jszip|pako|lie|immediate|setimmediate|readable-stream|process-nextick-args|core-util-is|isarray|safe-buffer|string_decoder|util-deprecate|inherits)[\\/]/,
            name: "xlsx",
            chunks: (chunk) => chunk.name === "web",
            priority: 10,
            enforce: true,
          },
        },
      },
    },
    performance: {
      // ExcelJS alone is about 1 MB minified: say so once rather than on every build.
      maxAssetSize: 1_200_000,
      maxEntrypointSize: 2_500_000,
      hints: dev ? false : "warning",
    },
    plugins: [
      ...pages,
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext][query]" },
          ...(addinUrl === null
            ? []
            : [
                {
                  from: "manifest*.xml",
                  to: "[name][ext]",
                  transform(content) {
                    return addinUrl === DEV_URL ? content : content.toString().split(DEV_URL).join(addinUrl);
                  },
                },
              ]),
        ],
      }),
    ],
    devServer: {
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: env.http
        ? { type: "http" }
        : {
            type: "https",
            options: env.WEBPACK_BUILD || options.https !== undefined ? options.https : await getHttpsOptions(),
          },
      host: env.http ? "127.0.0.1" : "localhost",
      port: process.env.npm_package_config_dev_server_port || 3000,
    },
  };

  // A plain build needs no certificates.
  if (env.WEBPACK_BUILD) delete config.devServer;
  return config;
};
