/** The API's query parameters: each mistake refused with the parameter's name; regions resolved as the config's. */
import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  DEFAULT_LIMIT,
  decodeCursor,
  encodeCursor,
  FEED_PARAMETERS,
  parseQuery,
} from "../../functions/api/query.js";

const parse = (search: string, allowed?: readonly string[]) =>
  parseQuery(new URLSearchParams(search), allowed);

/** The BadRequestError a query throws (fails the test when it throws none). */
function refusal(search: string, allowed?: readonly string[]): BadRequestError {
  try {
    parse(search, allowed);
  } catch (error) {
    if (error instanceof BadRequestError) return error;
    throw error;
  }
  throw new Error(`${search} was accepted`);
}

describe("parseQuery", () => {
  it("reads every filter", () => {
    // Act
    const query = parse(
      "region=Kharkov&since=2026-11-01&until=2026-11-30&minKilled=1&minInjured=5&victims=civilian,mixed&kind=strike&limit=20",
    );

    // Assess
    expect(query).toEqual({
      region: { name: "Kharkiv", precision: "city", country: "UA", admin1: "Kharkiv Oblast" },
      since: "2026-11-01",
      until: "2026-11-30",
      minKilled: 1,
      minInjured: 5,
      victims: ["civilian", "mixed"],
      kind: "strike",
      limit: 20,
    });
  });

  it("pages by DEFAULT_LIMIT when no limit is given", () => {
    expect(parse("")).toEqual({ limit: DEFAULT_LIMIT });
  });

  it.each([
    ["region=Kharkov%20Oblastt", "region", /unknown region "Kharkov Oblastt"; did you mean Kharkiv Oblast/],
    ["region=", "region", /1 to 100 characters/],
    ["since=2026-02-30", "since", /since must be a date as YYYY-MM-DD, not "2026-02-30"/],
    ["until=yesterday", "until", /until must be a date/],
    ["since=2026-11-30&until=2026-11-01", "until", /until \(2026-11-01\) is before since \(2026-11-30\)/],
    ["minKilled=-1", "minKilled", /minKilled must be a whole number from 0 to 100000, not "-1"/],
    ["minInjured=2.5", "minInjured", /minInjured must be a whole number/],
    [
      "victims=civilians",
      "victims",
      /comma-separated list of civilian, mixed, military, unknown, not "civilians"/,
    ],
    ["kind=weekly", "kind", /kind must be strike or daily/],
    ["limit=0", "limit", /limit must be a whole number from 1 to 200/],
    ["limit=201", "limit", /from 1 to 200/],
    ["cursor=abc", "cursor", /cursor is not one this API returned/],
    ["minkilled=1", "minkilled", /unknown parameter "minkilled"; this endpoint takes region, since/],
    ["region=Kyiv&region=Kharkiv", "region", /region is given more than once/],
  ])("refuses %s, naming %s", (search, parameter, message) => {
    // Act
    const error = refusal(search);

    // Assess
    expect(error.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
  });

  it("suggests the nearest region names for a misspelling", () => {
    const suggestions = refusal("region=Kharkov%20Oblastt").suggestions;
    expect(suggestions).toHaveLength(3);
    expect(suggestions?.slice(0, 2)).toEqual(["Kharkiv Oblast", "Kherson Oblast"]);
  });

  it("refuses paging parameters on the feed", () => {
    expect(refusal("limit=5", FEED_PARAMETERS).parameter).toBe("limit");
    expect(parse("region=Sumy%20Oblast", FEED_PARAMETERS).region?.name).toBe("Sumy Oblast");
  });
});

describe("cursors", () => {
  it("round-trip a position and refuse one this API did not make", () => {
    // Prepare
    const position = { date: "2026-11-29", id: "0123456789abcdef" };

    // Act
    const cursor = encodeCursor(position);

    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
    const forged = Buffer.from("2026-11-29|INC#x", "utf8").toString("base64url");
    expect(() => decodeCursor(forged)).toThrow(BadRequestError);
  });
});
