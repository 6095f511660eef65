/**
 * Subscriber records: validation, masking, and which alerts a subscriber wants, decided by the
 * same filter policy SNS applies to an email or SMS subscription of the configuration.
 */
import { describe, expect, it } from "vitest";
import type { RenderedAlert } from "../../functions/core/alerts.js";
import { UnknownRegionError } from "../../functions/core/regions.js";
import {
  buildSubscriber,
  checkDestinationUrl,
  maskDestination,
  matchesFilterPolicy,
  SubscriptionInputError,
  subscriberFilterPolicy,
  wantsAlert,
} from "../../functions/subscriptions/model.js";
import { parseSecret } from "../../functions/subscriptions/ports.js";

const attributes = (
  places: string[],
  killed: number,
  injured: number,
): Pick<RenderedAlert, "attributes"> => ({
  attributes: { places, killed, injured, victims: "civilian", kind: "new" },
});
/** wantsAlert of a subscriber with these regions and thresholds (its policy made as subscribe makes it). */
const wants = (
  record: { regions: string[]; minKilled?: number; minInjured?: number },
  alert: Pick<RenderedAlert, "attributes">,
) => wantsAlert({ filterPolicy: subscriberFilterPolicy(record) }, alert);
const KHARKIV = ["Saltivskyi district", "Kharkiv", "Kharkiv Oblast", "UA"];
const BELGOROD = ["Belgorod", "Belgorod Oblast", "RU"];

describe("wantsAlert", () => {
  it("matches a region on any of the alert's places: a district, its city, its oblast, its country", () => {
    expect(wants({ regions: ["Kharkiv Oblast"] }, attributes(KHARKIV, 1, 0))).toBe(true);
    expect(wants({ regions: ["Kharkiv"] }, attributes(KHARKIV, 1, 0))).toBe(true);
    expect(wants({ regions: ["Ukraine"] }, attributes(KHARKIV, 1, 0))).toBe(true);
    expect(wants({ regions: ["Ukraine"] }, attributes(BELGOROD, 1, 0))).toBe(false);
    expect(wants({ regions: ["Sumy Oblast", "Belgorod Oblast"] }, attributes(BELGOROD, 1, 0))).toBe(true);
  });

  it("needs either threshold when both are set, and the one when only one is", () => {
    const both = { regions: ["Ukraine"], minKilled: 2, minInjured: 10 };
    expect(wants(both, attributes(KHARKIV, 2, 0))).toBe(true);
    expect(wants(both, attributes(KHARKIV, 0, 10))).toBe(true);
    expect(wants(both, attributes(KHARKIV, 1, 9))).toBe(false);
    expect(wants({ regions: ["Ukraine"], minInjured: 5 }, attributes(KHARKIV, 3, 4))).toBe(false);
  });

  it("evaluates the policy SNS gets for the same subscriber", () => {
    // Prepare
    const policy = subscriberFilterPolicy({ regions: ["Kharkiv Oblast"], minKilled: 1 });

    // Assess
    expect(policy).toEqual({ places: ["Kharkiv Oblast"], killed: [{ numeric: [">=", 1] }] });
    expect(matchesFilterPolicy(policy, attributes(KHARKIV, 1, 0).attributes)).toBe(true);
    expect(matchesFilterPolicy(policy, attributes(KHARKIV, 0, 50).attributes)).toBe(false);
  });
});

describe("buildSubscriber", () => {
  const options = {
    id: "webhook-1",
    now: new Date("2026-11-30T00:00:00Z"),
    secretName: (id: string) => `/p/${id}`,
  };

  it("resolves region spellings and keeps the secret out of the record", () => {
    // Act
    const built = buildSubscriber(
      {
        kind: "webhook",
        target: "https://r.example/h?key=abc",
        regions: ["Kharkov Oblast", "Kharkiv Oblast"],
        minKilled: 1,
      },
      options,
    );

    // Assess
    expect(built.record).toEqual({
      id: "webhook-1",
      kind: "webhook",
      regions: ["Kharkiv Oblast"],
      minKilled: 1,
      filterPolicy: { places: ["Kharkiv Oblast"], killed: [{ numeric: [">=", 1] }] },
      destination: "https://r.example/…",
      secretName: "/p/webhook-1",
      createdAt: "2026-11-30T00:00:00.000Z",
    });
    expect(built.secret?.url).toBe("https://r.example/h?key=abc");
    expect(built.generatedSecret).toBe(built.secret?.signingSecret);
  });

  it("fails on an unknown region with the nearest names", () => {
    expect(() =>
      buildSubscriber({ kind: "email", target: "a@b.org", regions: ["Kharkov Oblastt"] }, options),
    ).toThrow(UnknownRegionError);
  });

  it("refuses a negative threshold and a Telegram token of the wrong shape", () => {
    expect(() =>
      buildSubscriber({ kind: "email", target: "a@b.org", regions: ["Ukraine"], minKilled: -1 }, options),
    ).toThrow(/--min-killed: must be a whole number/);
    expect(() =>
      buildSubscriber(
        { kind: "telegram", target: "-100123", regions: ["Ukraine"], telegramToken: "nope" },
        options,
      ),
    ).toThrow(SubscriptionInputError);
  });
});

describe("destinations", () => {
  it("masks addresses and numbers, and shows a webhook by its host only", () => {
    expect(maskDestination("email", "desk@example.org")).toBe("d***@example.org");
    expect(maskDestination("sms", "+380501234567")).toBe("+380*******67");
    expect(maskDestination("discord", "https://discord.com/api/webhooks/1/token")).toBe(
      "https://discord.com/…",
    );
  });

  it("accepts https, and plain http on loopback only, without credentials in the URL", () => {
    expect(checkDestinationUrl("--webhook", "https://r.example/x").host).toBe("r.example");
    expect(checkDestinationUrl("--webhook", "http://127.0.0.1:8080/x").port).toBe("8080");
    expect(() => checkDestinationUrl("--webhook", "http://r.example/x")).toThrow(/must be an https:\/\/ URL/);
    expect(() => checkDestinationUrl("--webhook", "https://u:p@r.example/x")).toThrow(/user:password/);
    expect(() => checkDestinationUrl("--webhook", "not a url")).toThrow(/not an absolute URL/);
  });
});

describe("parseSecret", () => {
  it("reads a JSON secret, a bare bot token, and never echoes a malformed one", () => {
    expect(parseSecret("n", '{"url":"https://x","signingSecret":"s"}')).toEqual({
      url: "https://x",
      signingSecret: "s",
    });
    expect(parseSecret("n", "123:abc\n")).toEqual({ token: "123:abc" });
    expect(() => parseSecret("n", '{"url": "https://secret')).toThrow(/^secret n is not valid JSON$/);
  });
});
