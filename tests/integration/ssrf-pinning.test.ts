/**
 * DNS rebinding against the SSRF guard: a name that resolves to a public address when checked and
 * to a private one when connected must be refused, and the private server must never be reached.
 * Names are resolved by a stand-in resolver; the only server is on 127.0.0.1.
 */
import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedFetchError, fetchFeed } from "../../functions/feeds/fetch.js";
import { BlockedAddressError, guardedLookup, type Resolver } from "../../functions/feeds/ssrf.js";
import { type FeedServer, serveFeeds } from "../helpers/feed-server.js";

/** A resolver that answers each lookup of a name with the next of `answers` (the last one repeats). */
function rebinding(...answers: string[]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    const address = answers[Math.min(calls.length, answers.length - 1)]!;
    calls.push(hostname);
    return [{ address, family: address.includes(":") ? 6 : 4 }];
  };
  return Object.assign(resolve, { calls });
}

describe("SSRF guard pinning", () => {
  let server: FeedServer;
  let port: string;
  beforeAll(async () => {
    server = await serveFeeds({
      "/page": { body: "<!doctype html><html><body><p>internal</p></body></html>", type: "text/html" },
    });
    port = new URL(server.url("/")).port;
  });
  afterAll(() => server.close());

  it("refuses a name that resolves to a public address when checked and to loopback when connected", async () => {
    // Prepare
    const resolve = rebinding("93.184.216.34", "127.0.0.1");
    const before = server.requests.length;

    // Act
    const fetching = fetchFeed(`http://rebind.example.test:${port}/page`, { guard: true, resolve });

    // Assess
    await expect(fetching).rejects.toBeInstanceOf(FeedFetchError);
    await fetching.catch((error: FeedFetchError) => {
      expect(error.reason).toBe("blocked address 127.0.0.1 (loopback)");
    });
    expect(resolve.calls).toEqual(["rebind.example.test", "rebind.example.test"]);
    expect(server.requests.length).toBe(before);
  });

  it("refuses loopback when the socket asks for every address at once (happy eyeballs)", async () => {
    // Prepare
    const lookup = guardedLookup(async () => [{ address: "127.0.0.1", family: 4 }]);
    const answers: Array<[Error | null, unknown]> = [];

    // Act
    await new Promise<void>((done) =>
      lookup("anything.example.test", { all: true }, (error, addresses) => {
        answers.push([error, addresses]);
        done();
      }),
    );

    // Assess: loopback is refused even though the caller asked for every address at once.
    expect(answers[0]?.[0]).toBeInstanceOf(BlockedAddressError);
  });

  it("answers the socket with the checked addresses, one or all as asked", async () => {
    // Prepare
    const lookup = guardedLookup(async () => [
      { address: "2001:4860:4860::8888", family: 6 },
      { address: "8.8.8.8", family: 4 },
    ]);
    const ask = (options: { all?: boolean; family?: number }) =>
      new Promise<unknown[]>((done) =>
        lookup("public.example.test", options, (...args: unknown[]) => done(args)),
      );

    // Act
    const all = await ask({ all: true });
    const one = await ask({ family: 4 });

    // Assess
    expect(all).toEqual([
      null,
      [
        { address: "2001:4860:4860::8888", family: 6 },
        { address: "8.8.8.8", family: 4 },
      ],
    ]);
    expect(one).toEqual([null, "8.8.8.8", 4]);
  });

  it("still refuses a private IP literal, which no socket lookup sees, before connecting", async () => {
    // Prepare
    const before = server.requests.length;

    // Act
    const fetching = fetchFeed(`http://127.0.0.1:${port}/page`, { guard: true });

    // Assess
    await expect(fetching).rejects.toThrow(/blocked address 127\.0\.0\.1 \(loopback\)/);
    expect(server.requests.length).toBe(before);
  });
});
