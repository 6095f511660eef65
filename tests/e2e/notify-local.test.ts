/**
 * The "Done when" of issue 11's subscribers: local HTTP servers on 127.0.0.1 stand in for Slack,
 * Discord, the Telegram Bot API and a webhook receiver; `strikewatch subscribe` adds one subscriber
 * of each against a local data dir; `strikewatch run` on the seeds delivers each of the seeds'
 * alerts to each, in its own documented format (the webhook's signature verified with its secret);
 * a second run sends nothing new; a failing destination stops none of the others.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../functions/local/cli.js";
import { LOCAL_SECRETS_FILE, TELEGRAM_TOKEN_ENV } from "../../functions/local/subscribe.js";
import { verifySignature } from "../../functions/notify/sign.js";
import { ENV } from "../../functions/tables.js";

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A stand-in service: records every request; `answer` decides the response (200 by default). */
interface StandIn {
  base: string;
  received: Received[];
  close(): Promise<void>;
}

async function standIn(
  answer: (request: Received, index: number, response: ServerResponse) => void = (_r, _i, response) =>
    response.writeHead(200, { "content-type": "text/plain" }).end("ok"),
): Promise<StandIn> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = {
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      answer(entry, received.length - 1, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
const CHAT = "-1001234567890";
const ALL_SEED_REGIONS = "Kharkiv Oblast,Poltava Oblast,Sumy Oblast,Belgorod Oblast";

let data: string;
let slack: StandIn;
let discord: StandIn;
let telegram: StandIn;
let webhook: StandIn;
let broken: StandIn;
let signingSecret: string;
let firstRun: Awaited<ReturnType<typeof cli>>;
let secondRun: Awaited<ReturnType<typeof cli>>;

beforeAll(async () => {
  data = await mkdtemp(join(tmpdir(), "sw-notify-"));
  // Slack asks once to slow down (429, Retry-After: 0): the notifier waits and sends again.
  slack = await standIn((_request, index, response) =>
    index === 0
      ? response.writeHead(429, { "retry-after": "0" }).end("rate_limited")
      : response.writeHead(200, { "content-type": "text/plain" }).end("ok"),
  );
  discord = await standIn((_request, _index, response) => response.writeHead(204).end());
  telegram = await standIn((request, _index, response) =>
    response.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        ok: true,
        result: { message_id: 1, chat: { id: JSON.parse(request.body).chat_id } },
      }),
    ),
  );
  webhook = await standIn();
  // A receiver that is gone for good: its subscriber fails, the others do not notice.
  broken = await standIn((_request, _index, response) => response.writeHead(410).end("gone"));
  vi.stubEnv(TELEGRAM_TOKEN_ENV, TOKEN);
  vi.stubEnv(ENV.telegramApiBase, telegram.base);

  const added = [
    await cli(
      "subscribe",
      "--slack",
      `${slack.base}/services/T000/B000/XXXX`,
      "--regions",
      ALL_SEED_REGIONS,
      "--data",
      data,
    ),
    await cli(
      "subscribe",
      "--discord",
      `${discord.base}/api/webhooks/42/tok`,
      "--regions",
      ALL_SEED_REGIONS,
      "--data",
      data,
    ),
    await cli(
      "subscribe",
      "--telegram",
      CHAT,
      "--regions",
      ALL_SEED_REGIONS,
      "--name",
      "desk",
      "--data",
      data,
    ),
    await cli(
      "subscribe",
      "--webhook",
      `${webhook.base}/hook`,
      "--regions",
      ALL_SEED_REGIONS,
      "--data",
      data,
      "--json",
    ),
    await cli("subscribe", "--webhook", `${broken.base}/gone`, "--regions", "Ukraine", "--data", data),
  ];
  for (const result of added) expect(result, result.err.join("\n")).toMatchObject({ code: 0 });
  signingSecret = JSON.parse(added[3]!.out[0]!).signingSecret;

  firstRun = await cli("run", "--data", data, "--allow-private", "--json");
  secondRun = await cli("run", "--data", data, "--allow-private", "--json");
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([slack, discord, telegram, webhook, broken].map((server) => server?.close()));
  await rm(data, { recursive: true, force: true });
});

const alertsOf = (run: { out: string[] }) =>
  run.out.map((line) => JSON.parse(line)).filter((record) => record.type === "alert");

describe("strikewatch run delivers the seeds' alerts to local subscribers", () => {
  it("publishes the seeds' six alerts and reports a notification per alert and destination", () => {
    // Prepare
    const records = firstRun.out.map((line) => JSON.parse(line));

    // Act
    const notified = records.filter((record) => record.type === "notified");

    // Assess
    expect(firstRun.code).toBe(0);
    expect(alertsOf(firstRun)).toHaveLength(6);
    expect(notified).toHaveLength(6 * 4);
    expect(new Set(notified.map((record) => record.kind))).toEqual(
      new Set(["slack", "discord", "telegram", "webhook"]),
    );
  });

  it("posts Slack incoming-webhook JSON: a text fallback and Block Kit blocks, after one 429", () => {
    // Prepare
    const bodies = slack.received.map((request) => JSON.parse(request.body));

    // Act
    const delivered = bodies.slice(1);

    // Assess
    expect(slack.received).toHaveLength(7);
    expect(slack.received.every((request) => request.path === "/services/T000/B000/XXXX")).toBe(true);
    expect(slack.received[0]!.headers["content-type"]).toMatch(/^application\/json/);
    expect(bodies[0]).toEqual(bodies[1]);
    for (const body of delivered) {
      expect(typeof body.text).toBe("string");
      expect(body.blocks[0]).toMatchObject({ type: "header", text: { type: "plain_text" } });
      expect(body.blocks[0].text.text.length).toBeLessThanOrEqual(150);
      expect(body.blocks[1].type).toBe("section");
      expect(body.blocks[1].fields.map((field: { text: string }) => field.text.split("\n")[0])).toEqual(
        expect.arrayContaining(["*When*", "*Where*", "*Toll*", "*Victims*"]),
      );
      expect(body.blocks.at(-1).type).toBe("context");
    }
    expect(delivered.map((body) => body.text).join("\n")).toMatch(/Poltava/);
  });

  it("executes the Discord webhook with one embed within Discord's limits and no mentions", () => {
    // Prepare
    const bodies = discord.received.map((request) => JSON.parse(request.body));

    // Act
    const embeds = bodies.map((body) => body.embeds[0]);

    // Assess
    expect(bodies).toHaveLength(6);
    for (const body of bodies) {
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.embeds).toHaveLength(1);
    }
    for (const embed of embeds) {
      expect(embed.title.length).toBeLessThanOrEqual(256);
      expect(embed.description.length).toBeLessThanOrEqual(4096);
      expect(embed.fields.length).toBeLessThanOrEqual(25);
      expect(typeof embed.color).toBe("number");
      expect(embed.footer.text).toMatch(/^StrikeWatch incident /);
    }
  });

  it("calls Telegram's sendMessage with the bot token in the path, the chat id and escaped HTML", () => {
    // Prepare
    const bodies = telegram.received.map((request) => JSON.parse(request.body));

    // Act
    const paths = new Set(telegram.received.map((request) => request.path));

    // Assess
    expect(bodies).toHaveLength(6);
    expect([...paths]).toEqual([`/bot${TOKEN}/sendMessage`]);
    for (const body of bodies) {
      expect(body).toMatchObject({
        chat_id: Number(CHAT),
        parse_mode: "HTML",
        disable_web_page_preview: true,
      });
      expect(body.text.length).toBeLessThanOrEqual(4096);
      // Only the tags we write; every other "<" is escaped.
      expect(body.text.replace(/<\/?(b|i|code|a)( href="[^"]*")?>/g, "")).not.toMatch(/[<>]/);
    }
  });

  it("posts the generic webhook JSON, signed with the subscriber's secret and carrying a delivery id", () => {
    // Prepare
    const now = new Date();

    // Act
    const verdicts = webhook.received.map((request) =>
      verifySignature(signingSecret, request.body, String(request.headers["x-strikewatch-signature"]), now),
    );

    // Assess
    expect(webhook.received).toHaveLength(6);
    expect(verdicts).toEqual(Array(6).fill(true));
    for (const request of webhook.received) {
      const body = JSON.parse(request.body);
      expect(request.headers["x-strikewatch-delivery"]).toBe(body.deliveryId);
      expect(body).toMatchObject({ type: "alert", kind: "new", version: 1 });
      expect(body.deliveryId).toBe(`${body.incidentId}.v1.${body.deliveryId.split(".").at(-1)}`);
      expect(body.incident.sources.every((source: { url: string }) => !source.url.includes(data))).toBe(true);
    }
    expect(
      verifySignature(
        "another secret entirely",
        webhook.received[0]!.body,
        String(webhook.received[0]!.headers["x-strikewatch-signature"]),
        now,
      ),
    ).toBe(false);
  });

  it("reports the destination that failed and still delivered to every other", () => {
    // Prepare
    const errors = firstRun.out
      .map((line) => JSON.parse(line))
      .filter((record) => record.type === "notify-error");

    // Assess: it follows Ukraine, so Belgorod's alert is not its.
    expect(broken.received).toHaveLength(5);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatchObject({
      kind: "webhook",
      status: "failed",
      attempts: 1,
      error: "HTTP 410 Gone",
    });
    expect(JSON.stringify(errors)).not.toContain(broken.base);
  });

  it("sends nothing new on a second run of the same store", () => {
    expect(secondRun.code).toBe(0);
    expect(alertsOf(secondRun)).toHaveLength(0);
    expect(
      secondRun.out.map((line) => JSON.parse(line)).filter((record) => record.type === "notified"),
    ).toEqual([]);
    expect(discord.received).toHaveLength(6);
    expect(webhook.received).toHaveLength(6);
  });
});

describe("strikewatch subscriptions on a local store", () => {
  it("lists each subscriber with its regions and a masked destination, never a secret", async () => {
    // Act
    const { code, out } = await cli("subscriptions", "--data", data, "--json");
    const listed = out.map((line) => JSON.parse(line));

    // Assess
    expect(code).toBe(0);
    expect(listed.map((record) => record.kind)).toEqual([
      "slack",
      "discord",
      "telegram",
      "webhook",
      "webhook",
    ]);
    expect(listed[0].destination).toBe(`${slack.base}/…`);
    expect(listed[2]).toMatchObject({
      destination: `chat ${CHAT}`,
      name: "desk",
      regions: ALL_SEED_REGIONS.split(","),
    });
    const text = out.join("\n");
    for (const secret of ["XXXX", "/api/webhooks/42/tok", TOKEN, signingSecret, "/hook"])
      expect(text).not.toContain(secret);
  });

  it("keeps the secrets in a file only its owner may read", async () => {
    // Act
    const file = join(data, LOCAL_SECRETS_FILE);
    const mode = (await stat(file)).mode & 0o777;
    const secrets = JSON.parse(await readFile(file, "utf8"));

    // Assess
    expect(mode).toBe(0o600);
    expect(Object.values(secrets)).toHaveLength(5);
    expect(JSON.stringify(secrets)).toContain(TOKEN);
  });

  it("removes a subscriber and its secret", async () => {
    // Prepare
    const id = (await cli("subscriptions", "--data", data, "--json")).out
      .map((line) => JSON.parse(line))
      .at(-1).id;

    // Act
    const removed = await cli("subscriptions", "--remove", id, "--data", data);
    const after = await cli("subscriptions", "--data", data, "--json");
    const secrets = JSON.parse(await readFile(join(data, LOCAL_SECRETS_FILE), "utf8"));

    // Assess
    expect(removed).toMatchObject({ code: 0, out: [`removed ${id}`] });
    expect(after.out).toHaveLength(4);
    expect(Object.keys(secrets)).toHaveLength(4);
    expect(await cli("subscriptions", "--remove", id, "--data", data)).toMatchObject({ code: 1 });
  });

  it("refuses a misspelt region with the nearest names, and stores nothing", async () => {
    // Act
    const result = await cli(
      "subscribe",
      "--slack",
      `${slack.base}/x`,
      "--regions",
      "Kharkov Oblastt",
      "--data",
      data,
    );

    // Assess
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toMatch(/unknown region "Kharkov Oblastt".*did you mean Kharkiv Oblast/);
    expect((await cli("subscriptions", "--data", data, "--json")).out).toHaveLength(4);
  });
});
