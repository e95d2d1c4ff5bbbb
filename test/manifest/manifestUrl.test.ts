/**
 * Where a build's manifests point (scripts/manifest-url.js, used by webpack.config.js): the
 * decision alone, without running webpack.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_URL, manifestUrl } = require("../../scripts/manifest-url") as {
  DEV_URL: string;
  manifestUrl(build: { dev: boolean; partial: boolean; pointageUrl?: string }): string | null;
};

describe("manifestUrl", () => {
  it("keeps localhost for development builds and the dev server, whatever POINTAGE_URL says", () => {
    expect(DEV_URL).toBe("https://localhost:3000/");
    expect(manifestUrl({ dev: true, partial: false })).toBe(DEV_URL);
    expect(manifestUrl({ dev: true, partial: false, pointageUrl: "https://addin.example.fr/pointage/" })).toBe(DEV_URL);
  });

  it("refuses a production build without POINTAGE_URL, rather than write a placeholder", () => {
    expect(() => manifestUrl({ dev: false, partial: false })).toThrow(/POINTAGE_URL is not set/);
    expect(() => manifestUrl({ dev: false, partial: false, pointageUrl: "  " })).toThrow(/POINTAGE_URL is not set/);
  });

  it("takes POINTAGE_URL for production, over https only, ending with /", () => {
    expect(manifestUrl({ dev: false, partial: false, pointageUrl: "https://addin.example.fr/pointage" })).toBe("https://addin.example.fr/pointage/");
    expect(manifestUrl({ dev: false, partial: false, pointageUrl: "https://addin.example.fr/" })).toBe("https://addin.example.fr/");
    expect(() => manifestUrl({ dev: false, partial: false, pointageUrl: "http://addin.example.fr/" })).toThrow(/https/);
    expect(() => manifestUrl({ dev: false, partial: false, pointageUrl: "addin.example.fr" })).toThrow(/not an address/);
  });

  it("writes no manifest for a build of some entries only (the browser page, the end-to-end test)", () => {
    expect(manifestUrl({ dev: false, partial: true })).toBeNull();
    expect(manifestUrl({ dev: true, partial: true })).toBeNull();
  });
});

describe("webpack.config.js", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require("../../webpack.config.js") as (env: object, options: object) => Promise<{ plugins: object[] }>;
  const saved = process.env.POINTAGE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.POINTAGE_URL;
    else process.env.POINTAGE_URL = saved;
  });

  it("stops a production build without POINTAGE_URL, and builds the browser page alone without it", async () => {
    delete process.env.POINTAGE_URL;
    await expect(config({ WEBPACK_BUILD: true }, { mode: "production" })).rejects.toThrow(/POINTAGE_URL is not set/);
    await expect(config({ WEBPACK_BUILD: true, entries: "web" }, { mode: "production" })).resolves.toBeDefined();
    process.env.POINTAGE_URL = "https://addin.example.fr/";
    await expect(config({ WEBPACK_BUILD: true }, { mode: "production" })).resolves.toBeDefined();
  });
});
