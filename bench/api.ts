/**
 * API latency on the local store (`npm run bench:api`): the seeds run into a fresh store, plus 300
 * incidents spread over 30 days and six places, served by `strikewatch serve`'s server on
 * 127.0.0.1; 200 sequential requests per endpoint over HTTP, median and p95 printed. A figure,
 * never pass/fail.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoIncidentStore } from "../functions/adapters/incident-dynamo.js";
import type { Incident } from "../functions/core/incidents.js";
import { main } from "../functions/local/cli.js";
import { startServer } from "../functions/local/serve.js";
import { startLocalStore } from "../functions/local/store.js";
import { INCIDENTS_TABLE } from "../functions/tables.js";

// The pinned SDK's notice about future Node versions is for developers upgrading it (see README).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const REQUESTS = 200;
const PLACES = [
  { name: "Kharkiv", admin1: "Kharkiv Oblast", country: "UA", lat: 49.98, lon: 36.25, precision: "city" },
  { name: "Sumy", admin1: "Sumy Oblast", country: "UA", lat: 50.91, lon: 34.8, precision: "city" },
  { name: "Odesa", admin1: "Odesa Oblast", country: "UA", lat: 46.48, lon: 30.73, precision: "city" },
  { name: "Kyiv", admin1: "Kyiv", country: "UA", lat: 50.45, lon: 30.52, precision: "city" },
  {
    name: "Zaporizhzhia",
    admin1: "Zaporizhzhia Oblast",
    country: "UA",
    lat: 47.84,
    lon: 35.14,
    precision: "city",
  },
  { name: "Belgorod", admin1: "Belgorod Oblast", country: "RU", lat: 50.6, lon: 36.6, precision: "city" },
] as const;

function incident(n: number): Incident {
  const date = new Date(Date.UTC(2026, 10, 30) - Math.floor(n / 10) * 86_400_000).toISOString().slice(0, 10);
  const at = `${date}T12:00:00.000Z`;
  return {
    id: `b${n.toString(16).padStart(15, "0")}`,
    place: { ...PLACES[n % PLACES.length]! },
    date,
    dateKnown: true,
    dateStated: true,
    kind: "strike",
    weapons: ["drone"],
    targets: ["residential building"],
    killed: { min: n % 6, approximate: false },
    injured: { min: n % 17, approximate: false },
    childrenKilled: null,
    childrenInjured: null,
    casualties: null,
    victims: n % 5 === 0 ? "unknown" : "civilian",
    evidence: [`A drone hit a residential building (bench incident ${n}).`],
    sources: [
      {
        articleId: `c${n}`.padEnd(16, "0"),
        source: "Bench",
        url: `https://bench.example/${n}`,
        attributedTo: null,
        seenAt: at,
      },
    ],
    alertVersion: 0,
    revision: 0,
    createdAt: at,
    updatedAt: at,
  };
}

const dir = await mkdtemp(join(tmpdir(), "strikewatch-bench-api-"));
try {
  const quiet = { out: () => {}, err: (line: string) => console.error(line) };
  if ((await main(["run", "--data", dir], quiet)) !== 0) throw new Error("the seeds run failed");
  const store = await startLocalStore({ dataDir: dir });
  const incidents = new DynamoIncidentStore(store.doc, store.tableName(INCIDENTS_TABLE));
  for (let n = 0; n < 300; n += 1) await incidents.save(incident(n));
  const server = await startServer(store, { port: 0 });
  const first = (await (await fetch(`${server.url}api/incidents?region=Poltava%20Oblast`)).json()) as {
    incidents: Array<{ id: string }>;
  };
  const endpoints = [
    "api/incidents",
    "api/incidents?region=Kharkiv%20Oblast&limit=20",
    "api/incidents?region=Ukraine&minKilled=3&limit=20",
    `api/incidents/${first.incidents[0]!.id}`,
    "api/incidents.geojson?since=2026-11-20",
    "feeds/alerts.atom?region=Kharkiv%20Oblast",
  ];
  console.log(
    `API latency over HTTP on 127.0.0.1, local store (dynalite), ${REQUESTS} sequential requests each:`,
  );
  for (const endpoint of endpoints) {
    const times: number[] = [];
    let bytes = 0;
    for (let request = 0; request < REQUESTS; request += 1) {
      const started = performance.now();
      const response = await fetch(`${server.url}${endpoint}`);
      bytes = (await response.arrayBuffer()).byteLength;
      times.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`${endpoint}: HTTP ${response.status}`);
    }
    times.sort((a, b) => a - b);
    const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))]!;
    console.log(
      `  ${endpoint.padEnd(52)} median ${at(0.5).toFixed(1).padStart(6)} ms   p95 ${at(0.95).toFixed(1).padStart(6)} ms   ${(bytes / 1024).toFixed(1)} KB`,
    );
  }
  await server.close();
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
