/**
 * Delivery with faults injected: retries with backoff and jitter on 429, 5xx and network errors,
 * Retry-After honoured and bounded, permanent errors not retried; one failing destination never
 * stops another; delivery marks keep a retried alert from reaching a destination twice; regions and
 * thresholds decide who gets what; and the SSRF guard refuses private addresses.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RenderedAlert, renderAlert } from "../../functions/core/alerts.js";
import { extract } from "../../functions/core/extract/index.js";
import { newIncident } from "../../functions/core/incidents.js";
import {
  guardedTransport,
  PostError,
  type PostResponse,
  type Transport,
} from "../../functions/notify/http.js";
import { deliveryIdOf, type NotifierDeps, notifyAlert } from "../../functions/notify/notifier.js";
import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  type RetryEnvironment,
  requestedWaitMs,
  sendWithRetry,
} from "../../functions/notify/retry.js";
import {
  type SubscriberRecord,
  type SubscriberSecret,
  subscriberFilterPolicy,
} from "../../functions/subscriptions/model.js";
import {
  type DeliveryMarks,
  SecretNotFoundError,
  type SecretStore,
} from "../../functions/subscriptions/ports.js";
import { seedArticle } from "../helpers/seeds.js";

/** Sleeps recorded, none taken; jitter fixed at its middle. */
function fakeEnvironment(): RetryEnvironment & { slept: number[] } {
  const slept: number[] = [];
  return { slept, sleep: async (ms) => void slept.push(ms), random: () => 0.5 };
}

/** Answers from a script, one per attempt; an Error is thrown as a network failure. */
function scripted(...answers: Array<Partial<PostResponse> | Error>): {
  attempt: () => Promise<PostResponse>;
  calls: number;
} {
  const state = {
    calls: 0,
    attempt: async (): Promise<PostResponse> => {
      const answer = answers[Math.min(state.calls, answers.length - 1)]!;
      state.calls += 1;
      if (answer instanceof Error) throw answer;
      return { status: 200, body: "", ...answer };
    },
  };
  return state;
}

describe("backoffMs", () => {
  it("doubles from the base, caps, and jitters the upper half only", () => {
    const policy = DEFAULT_RETRY_POLICY;
    expect(backoffMs(1, policy, () => 0)).toBe(250);
    expect(backoffMs(1, policy, () => 1)).toBe(500);
    expect(backoffMs(3, policy, () => 0.5)).toBe(1500);
    expect(backoffMs(10, policy, () => 1)).toBe(policy.capMs);
  });
});

describe("requestedWaitMs", () => {
  it("reads Retry-After seconds, Discord's retry_after and Telegram's parameters.retry_after", () => {
    expect(requestedWaitMs({ status: 429, retryAfter: "3", body: "" })).toBe(3000);
    expect(
      requestedWaitMs({ status: 429, body: '{"message":"You are being rate limited.","retry_after":0.25}' }),
    ).toBe(250);
    expect(
      requestedWaitMs({ status: 429, body: '{"ok":false,"error_code":429,"parameters":{"retry_after":7}}' }),
    ).toBe(7000);
    expect(requestedWaitMs({ status: 503, body: "<html>" })).toBeUndefined();
  });
});

describe("sendWithRetry", () => {
  it("retries 5xx and network errors with growing waits until the destination answers", async () => {
    // Prepare
    const environment = fakeEnvironment();
    const destination = scripted(
      { status: 503 },
      new PostError("network error ECONNRESET", true),
      { status: 500 },
      { status: 200 },
    );

    // Act
    const outcome = await sendWithRetry(destination.attempt, DEFAULT_RETRY_POLICY, environment);

    // Assess
    expect(outcome).toEqual({ ok: true, attempts: 4, status: 200 });
    expect(environment.slept).toEqual([375, 750, 1500]);
  });

  it("waits as long as Retry-After asks when that is longer than its backoff", async () => {
    // Prepare
    const environment = fakeEnvironment();
    const destination = scripted({ status: 429, retryAfter: "4" }, { status: 204 });

    // Act
    const outcome = await sendWithRetry(destination.attempt, DEFAULT_RETRY_POLICY, environment);

    // Assess
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(environment.slept).toEqual([4000]);
  });

  it("gives up at once when asked to wait longer than the bound (the queue retries later)", async () => {
    // Prepare
    const environment = fakeEnvironment();
    const destination = scripted({ status: 429, retryAfter: "3600" });

    // Act
    const outcome = await sendWithRetry(destination.attempt, DEFAULT_RETRY_POLICY, environment);

    // Assess
    expect(outcome).toMatchObject({ ok: false, attempts: 1, retryable: true });
    expect(outcome.ok ? "" : outcome.error).toMatch(/HTTP 429 Too Many Requests; asked to wait 3600 s/);
    expect(environment.slept).toEqual([]);
  });

  it("does not retry a permanent refusal (404, 400, a blocked address)", async () => {
    for (const answer of [
      { status: 404 },
      { status: 400 },
      new PostError("refused: blocked address 10.0.0.1 (private)", false),
    ]) {
      // Prepare
      const environment = fakeEnvironment();
      const destination = scripted(answer);

      // Act
      const outcome = await sendWithRetry(destination.attempt, DEFAULT_RETRY_POLICY, environment);

      // Assess
      expect(outcome).toMatchObject({ ok: false, attempts: 1, retryable: false });
      expect(destination.calls).toBe(1);
    }
  });

  it("stops after the policy's attempts", async () => {
    // Prepare
    const destination = scripted({ status: 502 });

    // Act
    const outcome = await sendWithRetry(destination.attempt, DEFAULT_RETRY_POLICY, fakeEnvironment());

    // Assess
    expect(outcome).toEqual({
      ok: false,
      attempts: 4,
      error: "HTTP 502 Bad Gateway after 4 attempts",
      retryable: true,
    });
  });
});

/** Marks and secrets in memory. */
function memoryPorts(secrets: Record<string, SubscriberSecret>) {
  const marks = new Map<string, Set<string>>();
  const markPorts: DeliveryMarks = {
    delivered: async (incidentId, version) => new Set(marks.get(`${incidentId}#${version}`) ?? []),
    mark: async (incidentId, version, subscriberId) => {
      const key = `${incidentId}#${version}`;
      marks.set(key, new Set([...(marks.get(key) ?? []), subscriberId]));
    },
  };
  const secretPorts: SecretStore = {
    get: async (name) => {
      const secret = secrets[name];
      if (!secret) throw new SecretNotFoundError(name);
      return secret;
    },
    put: async () => undefined,
    remove: async () => undefined,
  };
  return { marks, markPorts, secretPorts };
}

function subscriber(
  id: string,
  kind: SubscriberRecord["kind"],
  regions: string[],
  extra: Partial<Omit<SubscriberRecord, "filterPolicy">> = {},
): SubscriberRecord {
  return {
    id,
    kind,
    regions,
    filterPolicy: subscriberFilterPolicy({ regions, ...extra }),
    destination: "…",
    secretName: `s/${id}`,
    createdAt: "2026-11-30T00:00:00Z",
    ...extra,
  };
}

function kharkivAlert(): RenderedAlert {
  const article = seedArticle("000");
  return renderAlert(newIncident(extract(article)[0]!, article, "2026-11-22T04:00:00.000Z"), "new", 1);
}

describe("notifyAlert", () => {
  const secrets: Record<string, SubscriberSecret> = {
    "s/slack-1": { url: "https://hooks.slack.test/good" },
    "s/webhook-bad": { url: "https://receiver.test/down", signingSecret: "0123456789abcdef0123" },
    "s/discord-1": { url: "https://discord.test/api/webhooks/1/x" },
    "s/telegram-1": { token: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi" },
    "s/sumy": { url: "https://hooks.slack.test/sumy" },
  };
  const subscribers = [
    subscriber("slack-1", "slack", ["Kharkiv Oblast"]),
    subscriber("webhook-bad", "webhook", ["Ukraine"]),
    subscriber("discord-1", "discord", ["Kharkiv"], { minKilled: 1 }),
    subscriber("telegram-1", "telegram", ["Ukraine"], { chatId: "-100200" }),
    subscriber("sumy", "slack", ["Sumy Oblast"]),
    subscriber("high-bar", "slack", ["Ukraine"], { minKilled: 10, minInjured: 100 }),
    subscriber("lost", "webhook", ["Ukraine"]),
    subscriber("email-1", "email", ["Ukraine"], { secretName: undefined }),
  ];

  it("sends to every destination that wants the alert, side by side, whatever one of them does", async () => {
    // Prepare
    const { marks, markPorts, secretPorts } = memoryPorts(secrets);
    const posted: string[] = [];
    const transport: Transport = async (url) => {
      posted.push(new URL(url).host + new URL(url).pathname);
      if (url.includes("receiver.test")) throw new PostError("network error ECONNREFUSED", true);
      return { status: 200, body: '{"ok":true}' };
    };
    const deps: NotifierDeps = {
      marks: markPorts,
      secrets: secretPorts,
      transport,
      environment: fakeEnvironment(),
      telegramApiBase: "https://tg.test",
    };
    const alert = kharkivAlert();

    // Act
    const deliveries = await notifyAlert(alert, subscribers, deps);

    // Assess
    const byId = Object.fromEntries(deliveries.map((delivery) => [delivery.subscriberId, delivery]));
    expect(Object.keys(byId).sort()).toEqual(["discord-1", "lost", "slack-1", "telegram-1", "webhook-bad"]);
    expect(byId["slack-1"]).toMatchObject({
      status: "sent",
      attempts: 1,
      deliveryId: deliveryIdOf(alert, "slack-1"),
    });
    expect(byId["discord-1"]?.status).toBe("sent");
    expect(byId["telegram-1"]?.status).toBe("sent");
    expect(byId["webhook-bad"]).toMatchObject({
      status: "failed",
      attempts: 4,
      error: "network error ECONNREFUSED after 4 attempts",
    });
    expect(byId.lost).toMatchObject({
      status: "failed",
      attempts: 0,
      error: expect.stringMatching(/^secret unavailable: SecretNotFoundError/),
    });
    expect(posted).toContain("tg.test/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi/sendMessage");
    expect(posted.filter((url) => url.startsWith("receiver.test"))).toHaveLength(4);
    expect([...(marks.get(`${alert.incidentId}#1`) ?? [])].sort()).toEqual([
      "discord-1",
      "slack-1",
      "telegram-1",
    ]);
    expect(JSON.stringify(deliveries)).not.toMatch(/hooks\.slack\.test|receiver\.test|ABCDEFGHIJ/);
  });

  it("on a retry of the same alert, skips those that received it and tries only the one that failed", async () => {
    // Prepare
    const { markPorts, secretPorts } = memoryPorts(secrets);
    let receiverUp = false;
    const posted: string[] = [];
    const transport: Transport = async (url) => {
      posted.push(new URL(url).host);
      if (url.includes("receiver.test") && !receiverUp) return { status: 503, body: "" };
      return { status: 200, body: "" };
    };
    const deps: NotifierDeps = {
      marks: markPorts,
      secrets: secretPorts,
      transport,
      environment: fakeEnvironment(),
    };
    const alert = kharkivAlert();
    const live = subscribers.filter((record) => record.id !== "lost");
    await notifyAlert(alert, live, deps);
    posted.length = 0;
    receiverUp = true;

    // Act
    const retried = await notifyAlert(alert, live, deps);

    // Assess
    expect(posted).toEqual(["receiver.test"]);
    expect(
      retried
        .filter((delivery) => delivery.status === "already-sent")
        .map((delivery) => delivery.subscriberId)
        .sort(),
    ).toEqual(["discord-1", "slack-1", "telegram-1"]);
    expect(retried.find((delivery) => delivery.subscriberId === "webhook-bad")?.status).toBe("sent");
  });

  it("signs webhook bodies anew on each attempt and sends the same delivery id every time", async () => {
    // Prepare
    const { markPorts, secretPorts } = memoryPorts(secrets);
    const seen: Array<Record<string, string>> = [];
    let clock = Date.parse("2026-11-30T12:00:00Z");
    const transport: Transport = async (url, request) => {
      if (url.includes("receiver.test")) seen.push(request.headers);
      return { status: seen.length === 1 ? 500 : 200, body: "" };
    };
    const deps: NotifierDeps = {
      marks: markPorts,
      secrets: secretPorts,
      transport,
      environment: fakeEnvironment(),
      now: () => {
        clock += 1000;
        return new Date(clock);
      },
    };

    // Act
    await notifyAlert(kharkivAlert(), [subscribers[1]!], deps);

    // Assess
    expect(seen).toHaveLength(2);
    expect(seen[0]!["X-StrikeWatch-Delivery"]).toBe(seen[1]!["X-StrikeWatch-Delivery"]);
    expect(seen[0]!["X-StrikeWatch-Signature"]).not.toBe(seen[1]!["X-StrikeWatch-Signature"]);
  });
});

describe("guardedTransport", () => {
  let server: Server;
  let base: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        bodies.push(body);
        response.writeHead(429, { "retry-after": "2" }).end("slow down");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses a loopback destination without the test allowance, before any byte is sent", async () => {
    // Act
    const refused = await guardedTransport()(`${base}/hook`, { headers: {}, body: "{}" }).catch(
      (error) => error,
    );

    // Assess
    expect(refused).toBeInstanceOf(PostError);
    expect(refused).toMatchObject({
      retryable: false,
      reason: expect.stringMatching(/^refused: blocked address 127\.0\.0\.1 \(loopback\)/),
    });
    expect(bodies).toEqual([]);
  });

  it("refuses a name that resolves to a private address, at connect time", async () => {
    // Act
    const refused = await guardedTransport({ resolve: async () => [{ address: "10.1.2.3", family: 4 }] })(
      "https://hooks.example.test/x",
      { headers: {}, body: "{}" },
    ).catch((error) => error);

    // Assess
    expect(refused).toMatchObject({
      retryable: false,
      reason: expect.stringMatching(/10\.1\.2\.3 \(private\)/),
    });
  });

  it("posts JSON and reports the status and Retry-After when loopback is allowed", async () => {
    // Act
    const response = await guardedTransport({ allowPrivateNetwork: true })(`${base}/hook`, {
      headers: { "X-Test": "1" },
      body: '{"a":1}',
    });

    // Assess
    expect(response).toEqual({ status: 429, retryAfter: "2", body: "slow down" });
    expect(bodies).toEqual(['{"a":1}']);
  });
});
