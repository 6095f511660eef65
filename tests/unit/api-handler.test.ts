/**
 * The API Lambda handler as Lambda runs it: environment read at cold start, a function URL event in,
 * a function URL result out, the real SDK client pointed at dynalite (AWS_ENDPOINT_URL_DYNAMODB).
 */
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DynamoIncidentStore } from "../../functions/adapters/incident-dynamo.js";
import type { Incident } from "../../functions/core/incidents.js";
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";
import { INCIDENTS_TABLE, OUTBOX_TABLE } from "../../functions/tables.js";

const INCIDENT: Incident = {
  id: "0123456789abcdef",
  place: {
    name: "Kharkiv",
    admin1: "Kharkiv Oblast",
    country: "UA",
    lat: 49.98,
    lon: 36.25,
    precision: "city",
  },
  date: "2026-11-29",
  dateKnown: true,
  dateStated: true,
  kind: "strike",
  weapons: ["guided aerial bomb"],
  targets: ["residential building"],
  killed: { min: 2, approximate: false },
  injured: { min: 14, approximate: false },
  childrenKilled: null,
  childrenInjured: null,
  casualties: null,
  victims: "civilian",
  evidence: ["A guided bomb hit a residential building in Kharkiv, killing two and injuring 14."],
  sources: [
    {
      articleId: "fedcba9876543210",
      source: "Example News",
      url: "https://news.example.org/kharkiv",
      attributedTo: "the regional governor",
      seenAt: "2026-11-29T09:00:00.000Z",
    },
  ],
  alertVersion: 0,
  revision: 0,
  createdAt: "2026-11-29T09:00:00.000Z",
  updatedAt: "2026-11-29T09:00:00.000Z",
};

/** A function URL event as Lambda delivers it (only what the handler reads is meaningful). */
function event(method: string, rawPath: string, rawQueryString = ""): LambdaFunctionURLEvent {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    headers: { host: "abc.lambda-url.eu-central-1.on.aws", "if-none-match": '"stale"' },
    isBase64Encoded: false,
    requestContext: {
      accountId: "123456789012",
      apiId: "abc",
      domainName: "abc.lambda-url.eu-central-1.on.aws",
      domainPrefix: "abc",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test" },
      requestId: "r",
      routeKey: "$default",
      stage: "$default",
      time: "29/Nov/2026:10:00:00 +0000",
      timeEpoch: 0,
    },
  };
}

describe("the API handler", () => {
  let store: LocalStore;
  let handler: (event: LambdaFunctionURLEvent) => Promise<LambdaFunctionURLResult>;

  beforeAll(async () => {
    store = await startLocalStore();
    await new DynamoIncidentStore(store.doc, store.tableName(INCIDENTS_TABLE)).save(INCIDENT);
    vi.stubEnv(INCIDENTS_TABLE.envVar, store.tableName(INCIDENTS_TABLE));
    vi.stubEnv(OUTBOX_TABLE.envVar, store.tableName(OUTBOX_TABLE));
    vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", store.endpoint);
    vi.stubEnv("AWS_REGION", "local");
    vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
    ({ handler } = await import("../../functions/handlers/api.js"));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await store.close();
  });

  it("answers a list from the tables named in its environment", async () => {
    // Act
    const result = (await handler(event("GET", "/api/incidents", "region=Kharkiv&minKilled=1"))) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(result.headers["cache-control"]).toBe("public, max-age=60");
    expect(JSON.parse(result.body).incidents.map((incident: { id: string }) => incident.id)).toEqual([
      INCIDENT.id,
    ]);
  });

  it("keeps the Atom feed's links relative: the viewer's host is not known behind CloudFront", async () => {
    // Act
    const result = (await handler(event("GET", "/feeds/alerts.atom", "region=Kharkiv%20Oblast"))) as {
      body: string;
    };

    // Assess
    expect(result.body).toContain(
      '<link rel="self" type="application/atom+xml" href="/feeds/alerts.atom?region=Kharkiv+Oblast"/>',
    );
    expect(result.body).not.toContain("lambda-url");
  });

  it("answers a bad parameter with a 400 and a write with a 405", async () => {
    const bad = (await handler(event("GET", "/api/incidents", "minKilled=lots"))) as {
      statusCode: number;
      body: string;
    };
    const post = (await handler(event("POST", "/api/incidents"))) as { statusCode: number };
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.parameter).toBe("minKilled");
    expect(post.statusCode).toBe(405);
  });
});
