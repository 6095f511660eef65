import { promises as dns } from "node:dns";
import { describe, expect, it, vi } from "vitest";
import { assertPublicAddress, BlockedAddressError, classifyAddress } from "../../functions/feeds/ssrf.js";

async function blockedReason(url: string): Promise<string> {
  const error = await assertPublicAddress(url).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BlockedAddressError)) throw new Error(`expected BlockedAddressError for ${url}`);
  return error.reason;
}

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.1.2", "loopback"],
    ["10.0.0.5", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "CGNAT"],
    ["100.127.255.255", "CGNAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.5", "private"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:c0a8:0101::1", "private"],
    ["not-an-ip", "not an IP address"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(classifyAddress(address)).toBeUndefined();
    },
  );
});

describe("assertPublicAddress", () => {
  it.each([
    ["http://127.0.0.1:8080/feed", "blocked address 127.0.0.1 (loopback)"],
    ["http://[::1]/", "blocked address ::1 (loopback)"],
    ["http://169.254.169.254/latest/meta-data/", "blocked address 169.254.169.254 (link-local)"],
    ["http://[::ffff:10.0.0.5]/", "blocked address ::ffff:a00:5 (private)"],
    ["http://2130706433/", "blocked address 127.0.0.1 (loopback)"],
    ["http://0x7f.1/", "blocked address 127.0.0.1 (loopback)"],
    ["http://0.0.0.0/", "blocked address 0.0.0.0 (unspecified)"],
    ["http://localhost/", "(loopback)"],
    ["ftp://example.org/file", "scheme ftp: not allowed"],
    ["file:///etc/passwd", "scheme file: not allowed"],
    ["not a url", "not an absolute URL"],
  ])("%s → %s", async (url, reason) => {
    expect(await blockedReason(url)).toContain(reason);
  });

  it("passes a public address", async () => {
    await expect(assertPublicAddress("https://93.184.216.34/news")).resolves.toBeUndefined();
  });

  it("blocks a host when any one of its addresses is private", async () => {
    vi.spyOn(dns, "lookup").mockResolvedValue([
      { address: "93.184.216.34", family: 4 },
      { address: "10.1.2.3", family: 4 },
    ] as never);

    expect(await blockedReason("https://news.example.org/a")).toBe("blocked address 10.1.2.3 (private)");
  });

  it("lets loopback through only with allowPrivateNetwork", async () => {
    await expect(
      assertPublicAddress("http://127.0.0.1/", { allowPrivateNetwork: true }),
    ).resolves.toBeUndefined();
    expect(await blockedReason("gopher://127.0.0.1/")).toBe("scheme gopher: not allowed");
  });
});
