/**
 * The synthesized bundles, run as Lambda runs them: the stack is synthesized once with real
 * bundling (local esbuild), and each function's asset is imported by a fresh Node process whose
 * environment is the function's environment from the template, with table names, the queue URL
 * and the topic ARN pointing at loopback: dynalite for DynamoDB, tiny stubs for SQS and SNS.
 *
 * The bundles carry the AWS SDK themselves, so the cloud assembly's temp directory (outside the
 * project, with no node_modules above it) offers them nothing: a dependency missing from a bundle
 * fails here as it would in Lambda.
 */
import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { builtinModules } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { CfnElement } from "aws-cdk-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleFromSeed } from "../../functions/core/article.js";
import { feedSources } from "../../functions/core/config.js";
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";
import { ARTICLES_TABLE, ENV, FEEDS_TABLE, OUTBOX_TABLE, TABLES } from "../../functions/tables.js";
import { PROJECT_ROOT } from "../../infra/constructs/function.js";
import { type FeedServer, serveFeeds } from "../helpers/feed-server.js";
import { SAMPLE_CONFIG, sampleStack } from "./sample.js";

const run = promisify(execFile);

const FUNCTIONS = ["Dispatch", "Poll", "Analyze"] as const;
type FunctionName = (typeof FUNCTIONS)[number];

const REGION = "eu-central-1";
const TOPIC_ARN = `arn:aws:sns:${REGION}:000000000000:StrikeWatch-Alerts`;
const RESULT_MARK = "@@handler-result ";

/** Optional packages a dependency requires inside try/catch with a bundled fallback (linkedom: canvas). */
const OPTIONAL_REQUIRES = new Set(["canvas"]);

/** Imports a bundle and calls its handler with the event in a file, as the Lambda runtime would. */
const RUNNER = `import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [bundle, eventFile] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
const context = { awsRequestId: "bundle-test", functionName: "bundle-test", getRemainingTimeInMillis: () => 30000 };
const result = await handler(JSON.parse(readFileSync(eventFile, "utf8")), context);
process.stdout.write("\\n${RESULT_MARK}" + JSON.stringify(result) + "\\n");
`;

/** A recorded request to a stub: the SQS JSON target or SNS query action, and its parameters. */
interface StubCall {
  action: string;
  params: Record<string, unknown>;
}

/** A loopback HTTP server answering AWS API calls through `answer`, recording each call. */
async function awsStub(
  answer: (call: StubCall, response: ServerResponse) => void,
  parse: (request: IncomingMessage, body: string) => StubCall,
): Promise<{ url: string; calls: StubCall[]; close(): Promise<void> }> {
  const calls: StubCall[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      const call = parse(request, body);
      calls.push(call);
      answer(call, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** SQS speaks AWS JSON 1.0 (`x-amz-target: AmazonSQS.<Action>`); SendMessageBatch answers with MD5s the SDK checks. */
function sqsStub() {
  return awsStub(
    (call, response) => {
      if (call.action !== "AmazonSQS.SendMessageBatch") {
        response.writeHead(400, { "content-type": "application/x-amz-json-1.0" }).end("{}");
        return;
      }
      const entries = call.params.Entries as Array<{ Id: string; MessageBody: string }>;
      const md5 = (text: string) => createHash("md5").update(text).digest("hex");
      response.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
      response.end(
        JSON.stringify({
          Successful: entries.map((entry) => ({
            Id: entry.Id,
            MessageId: randomUUID(),
            MD5OfMessageBody: md5(entry.MessageBody),
          })),
          Failed: [],
        }),
      );
    },
    (request, body) => ({ action: String(request.headers["x-amz-target"]), params: JSON.parse(body) }),
  );
}

/** SNS speaks the query protocol: a form-encoded POST, answered in XML. */
function snsStub() {
  return awsStub(
    (_call, response) => {
      response.writeHead(200, { "content-type": "text/xml" });
      response.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    },
    (_request, body) => {
      const params = Object.fromEntries(new URLSearchParams(body));
      return { action: String(params.Action), params };
    },
  );
}

/** The message attributes of an SNS query-protocol Publish, name → string value. */
function messageAttributes(params: Record<string, unknown>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let entry = 1; params[`MessageAttributes.entry.${entry}.Name`] !== undefined; entry++) {
    attributes[String(params[`MessageAttributes.entry.${entry}.Name`])] = String(
      params[`MessageAttributes.entry.${entry}.Value.StringValue`],
    );
  }
  return attributes;
}

let outdir: string;
let store: LocalStore;
let sqs: Awaited<ReturnType<typeof sqsStub>>;
let sns: Awaited<ReturnType<typeof snsStub>>;
let feedServer: FeedServer;
const bundles = {} as Record<FunctionName, string>;
const environments = {} as Record<FunctionName, Record<string, string>>;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), "strikewatch-bundles-"));
  writeFileSync(join(outdir, "run-handler.mjs"), RUNNER);
  [store, sqs, sns, feedServer] = await Promise.all([
    startLocalStore(),
    sqsStub(),
    snsStub(),
    serveFeeds({ "/feed.xml": { body: readFileSync(new URL("fixtures/feed.xml", import.meta.url)) } }),
  ]);

  const { app, stack } = sampleStack({ bundle: true, outdir });
  const template = app.synth().getStackByName(stack.stackName).template;
  const logicalId = (path: string) =>
    stack.getLogicalId(stack.node.findChild(path).node.defaultChild as CfnElement);
  const local: Record<string, string> = {
    [logicalId("FeedQueue")]: `${sqs.url}/000000000000/StrikeWatch-FeedQueue`,
    [stack.getLogicalId(
      stack.node.findChild("Alerts").node.findChild("Topic").node.defaultChild as CfnElement,
    )]: TOPIC_ARN,
    ...Object.fromEntries(TABLES.map((spec) => [logicalId(spec.logicalName), store.tableName(spec)])),
  };
  for (const fn of FUNCTIONS) {
    const properties = template.Resources[logicalId(fn)].Properties;
    bundles[fn] = join(outdir, `asset.${String(properties.Code.S3Key).replace(/\.zip$/, "")}`, "index.mjs");
    environments[fn] = Object.fromEntries(
      Object.entries(properties.Environment.Variables as Record<string, string | { Ref: string }>).map(
        ([name, value]) => {
          if (typeof value === "string") return [name, value];
          const resolved = local[value.Ref];
          if (resolved === undefined)
            throw new Error(`${fn}: no local stand-in for ${name} = Ref ${value.Ref}`);
          return [name, resolved];
        },
      ),
    );
  }
}, 90_000);

afterAll(async () => {
  await Promise.all([store?.close(), sqs?.close(), sns?.close(), feedServer?.close()]);
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** The environment of a fresh Lambda-like process: the function's own plus the SDK's endpoints and dummy credentials. */
function lambdaEnv(fn: FunctionName): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: "bundle-test",
    AWS_SECRET_ACCESS_KEY: "bundle-test",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
    AWS_ENDPOINT_URL_SQS: sqs.url,
    AWS_ENDPOINT_URL_SNS: sns.url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...environments[fn],
    // Seed 001 is news of February 2025: past the deployed age bound, so the bundle is told a century.
    ...(fn === "Analyze" ? { [ENV.alertMaxAgeHours]: String(100 * 365 * 24) } : {}),
  };
}

/** Runs a function's bundle in a fresh Node process with `event`; returns the handler's result. */
async function invoke(fn: FunctionName, event: unknown): Promise<unknown> {
  const eventFile = join(outdir, `${fn}-event-${randomUUID()}.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const { stdout } = await run(process.execPath, [join(outdir, "run-handler.mjs"), bundles[fn], eventFile], {
    cwd: outdir,
    env: lambdaEnv(fn),
    timeout: 30_000,
  });
  const line = stdout.split("\n").find((candidate) => candidate.startsWith(RESULT_MARK));
  if (!line) throw new Error(`${fn} printed no result:\n${stdout}`);
  return JSON.parse(line.slice(RESULT_MARK.length));
}

async function scan(tableName: string): Promise<Array<Record<string, unknown>>> {
  return (await store.doc.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
}

/** Wall time of one run of node with `args`, in ms. */
async function timeNode(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  await run(process.execPath, args, { cwd: outdir, env });
  return performance.now() - start;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

describe("bundles", () => {
  it.each(FUNCTIONS)("%s imports only Node built-ins from outside its bundle", (fn) => {
    // Prepare
    const code = readFileSync(bundles[fn], "utf8");
    const builtins = new Set(builtinModules);
    // esbuild routes the require() calls it could not bundle through one shim: `x=(t=>typeof require<"u"?require…`.
    const shim = /([\w$]+)=\(\w+=>typeof require<"u"\?require/.exec(code)?.[1];

    // Act
    const imports = [
      ...code.matchAll(/\bimport\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+|[\w$]+)\s*from\s*["']([^"']+)["']/g),
    ];
    const call = new RegExp(`(?<![\\w$.])${shim?.replaceAll("$", "\\$")}\\("([^"]+)"\\)`, "g");
    const requires = shim ? [...code.matchAll(call)] : [];
    const specifiers = [...imports, ...requires].map((match) => match[1] ?? "");
    const outside = specifiers.filter(
      (specifier) =>
        !specifier.startsWith("node:") && !builtins.has(specifier) && !OPTIONAL_REQUIRES.has(specifier),
    );

    // Assess
    expect(specifiers.some((specifier) => specifier.startsWith("@aws-sdk/"))).toBe(false);
    expect([...new Set(outside)]).toEqual([]);
  });

  it("reports each bundle's size and cold import time", async () => {
    // Prepare: one untimed import each, so the SDK's files are in the page cache for every bundle alike.
    const importArgs = (fn: FunctionName) => [
      "--input-type=module",
      "-e",
      `await import(${JSON.stringify(pathToFileURL(bundles[fn]).href)})`,
    ];
    for (const fn of FUNCTIONS) await timeNode(importArgs(fn), lambdaEnv(fn));

    // Act: `node -e 0` and the import alternate, so both see the same machine load.
    const figures = [];
    for (const fn of FUNCTIONS) {
      const baseline: number[] = [];
      const imports: number[] = [];
      for (let round = 0; round < 5; round++) {
        baseline.push(await timeNode(["-e", "0"], lambdaEnv(fn)));
        imports.push(await timeNode(importArgs(fn), lambdaEnv(fn)));
      }
      figures.push({
        fn,
        kb: statSync(bundles[fn]).size / 1024,
        importMs: median(imports),
        baseMs: median(baseline),
      });
    }

    // Assess: figures for the closing note; timing is never asserted.
    for (const { fn, kb, importMs, baseMs } of figures) {
      console.log(
        `${fn}: bundle ${kb.toFixed(1)} KB, cold import ${importMs.toFixed(0)} ms = ${(importMs / baseMs).toFixed(2)}× node -e 0 (${baseMs.toFixed(0)} ms)`,
      );
      expect(kb).toBeGreaterThan(1);
    }
  }, 180_000);
});

describe("dispatch bundle", () => {
  it("sends the due feeds to the feed queue and counts the failing ones", async () => {
    // Prepare
    const [due, backingOff] = feedSources(SAMPLE_CONFIG.feeds);
    const now = Date.now();
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName(FEEDS_TABLE),
        Item: {
          feedUrl: backingOff?.url,
          consecutiveFailures: 4,
          lastErrorAt: new Date(now - 2 * 3_600_000).toISOString(),
          nextPollAt: new Date(now + 3_600_000).toISOString(),
        },
      }),
    );

    // Act
    const result = await invoke("Dispatch", { feeds: SAMPLE_CONFIG.feeds });

    // Assess
    expect(result).toEqual({ dispatched: 1, failing: 1 });
    const batches = sqs.calls.filter((call) => call.action === "AmazonSQS.SendMessageBatch");
    expect(batches.map((call) => call.params)).toEqual([
      {
        QueueUrl: environments.Dispatch.FEED_QUEUE_URL,
        Entries: [{ Id: "0", MessageBody: JSON.stringify(due) }],
      },
    ]);
  });
});

describe("poll bundle", () => {
  it("fetches the queued feed and stores its article; a bad message alone fails", async () => {
    // Prepare
    const feedUrl = feedServer.url("/feed.xml");
    const record = (messageId: string, body: string) => ({
      messageId,
      receiptHandle: `${messageId}-receipt`,
      body,
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(Date.now()) },
      messageAttributes: {},
      md5OfBody: createHash("md5").update(body).digest("hex"),
      eventSource: "aws:sqs",
      eventSourceARN: `arn:aws:sqs:${REGION}:000000000000:StrikeWatch-FeedQueue`,
      awsRegion: REGION,
    });
    const event = {
      Records: [
        record("m-1", JSON.stringify({ url: feedUrl, name: "Fixture Wire" })),
        record("m-2", "not json"),
      ],
    };

    // Act
    const result = await invoke("Poll", event);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "m-2" }] });
    expect(feedServer.requests).toContain("/feed.xml");
    const articles = await scan(store.tableName(ARTICLES_TABLE));
    expect(articles).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        url: expect.stringContaining("https://wire.example.org/ukraine/2025/02/01/poltava-strike"),
        title: "Missile strike on Poltava destroys apartment building",
        source: "Fixture Wire",
        feedUrl,
        body: expect.stringContaining("At least 3 people were killed and 10 injured"),
        expiresAt: expect.any(Number),
      }),
    ]);
    const states = await scan(store.tableName(FEEDS_TABLE));
    expect(states.find((state) => state.feedUrl === feedUrl)).toMatchObject({
      consecutiveFailures: 0,
      lastSuccessAt: expect.any(String),
    });
  });
});

describe("analyze bundle", () => {
  it("turns a stream INSERT of seed 001 into SNS alerts, Poltava among them, and marks them sent", async () => {
    // Prepare
    const fileName = "001_d1335562950f1f2a.txt";
    const article = {
      ...articleFromSeed(fileName, readFileSync(join(PROJECT_ROOT, "seeds", fileName), "utf8"), {
        source: "Fixture Wire",
        feedUrl: "https://wire.example.org/ukraine",
        fetchedAt: "2025-02-02T06:00:00.000Z",
      }),
      publishedAt: "2025-02-02T05:30:00.000Z",
    };
    const image = marshall({ ...article, expiresAt: 1_800_000_000 }, { removeUndefinedValues: true });
    const event = {
      Records: [
        {
          eventID: "c81e728d9d4c2f636f067f89cc14862c",
          eventName: "INSERT",
          eventVersion: "1.1",
          eventSource: "aws:dynamodb",
          awsRegion: REGION,
          dynamodb: {
            ApproximateCreationDateTime: 1_738_476_000,
            Keys: { id: { S: article.id } },
            NewImage: image,
            SequenceNumber: "4421584500000000017450439091",
            SizeBytes: 4096,
            StreamViewType: "NEW_IMAGE",
          },
          eventSourceARN: `arn:aws:dynamodb:${REGION}:000000000000:table/Articles/stream/2025-02-02T00:00:00.000`,
        },
      ],
    };

    // Act
    const result = await invoke("Analyze", event);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const publishes = sns.calls.filter((call) => call.action === "Publish");
    expect(publishes.length).toBeGreaterThanOrEqual(1);
    for (const { params } of publishes) {
      expect(params).toMatchObject({ TopicArn: TOPIC_ARN, MessageStructure: "json" });
      expect(Object.keys(JSON.parse(String(params.Message))).sort()).toEqual(["default", "email", "sms"]);
    }
    const poltava = publishes.find(({ params }) =>
      String(JSON.parse(String(params.Message)).sms).startsWith("Strike Poltava"),
    );
    expect(poltava).toBeDefined();
    const message = JSON.parse(String(poltava?.params.Message));
    expect(message.sms.length).toBeLessThanOrEqual(160);
    expect(message.sms).toMatch(/3 killed/);
    expect(message.sms).toMatch(/10 injured/);
    const attributes = messageAttributes(poltava?.params ?? {});
    expect(JSON.parse(attributes.places ?? "[]")).toContain("Poltava");
    expect(attributes).toMatchObject({ killed: "3", injured: "10", kind: "new" });
    const outbox = await scan(store.tableName(OUTBOX_TABLE));
    expect(outbox).toHaveLength(publishes.length);
    for (const record of outbox) {
      expect(record.pending).toBeUndefined();
      expect(record.messageId).toEqual(expect.any(String));
    }
  });
});
