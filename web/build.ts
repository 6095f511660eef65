/**
 * Builds the page: web/src/main.ts bundled and minified by esbuild (Leaflet and the styles inside),
 * index.html, the base layer (basemap.geojson) and the runtime settings (config.json: the optional
 * tile server). In memory for `strikewatch serve`, or written to a folder for the S3 deployment.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import type { PageSettings } from "./settings.js";

export type { PageSettings, TileLayer } from "./settings.js";
export { contentSecurityPolicy } from "./settings.js";

/** The web/ folder. */
export const WEB_DIR = dirname(fileURLToPath(import.meta.url));

/** One file of the built page. */
export interface WebFile {
  path: string;
  type: string;
  body: Uint8Array;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".geojson": "application/geo+json",
  ".svg": "image/svg+xml",
};

const typeOf = (path: string) => TYPES[path.slice(path.lastIndexOf("."))] ?? "application/octet-stream";

/** The page's files, keyed by URL path ("/", "/app.js", …). */
export function buildWeb(settings: PageSettings = { tiles: null }): Map<string, WebFile> {
  const result = buildSync({
    entryPoints: [join(WEB_DIR, "src/main.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    target: ["es2022"],
    outdir: "/",
    entryNames: "app",
    write: false,
    legalComments: "eof",
    // Leaflet's stylesheet names marker and layer-control images the page does not use.
    loader: { ".png": "empty", ".svg": "empty" },
    logLevel: "silent",
  });
  const files = new Map<string, WebFile>();
  const add = (path: string, body: Uint8Array | string) =>
    files.set(path, {
      path,
      type: typeOf(path === "/" ? ".html" : path),
      body: typeof body === "string" ? new TextEncoder().encode(body) : body,
    });
  for (const output of result.outputFiles) add(output.path, output.contents);
  add("/", readFileSync(join(WEB_DIR, "index.html")));
  add("/basemap.geojson", readFileSync(join(WEB_DIR, "basemap.geojson")));
  add("/favicon.svg", readFileSync(join(WEB_DIR, "favicon.svg")));
  add("/config.json", `${JSON.stringify(settings)}\n`);
  return files;
}

/** Writes the built page to `outdir` (index.html for "/"); returns the files written. */
export function writeWeb(outdir: string, settings?: PageSettings): WebFile[] {
  const files = [...buildWeb(settings).values()];
  for (const file of files) {
    const target = join(outdir, file.path === "/" ? "index.html" : file.path.slice(1));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.body);
  }
  return files;
}
