import { describe, expect, it } from "vitest";
import { renderAlert } from "../../functions/core/alerts.js";
import type { Article } from "../../functions/core/article.js";
import { extract } from "../../functions/core/extract/index.js";
import {
  eventDate,
  eventDateKnown,
  findIncident,
  mergeEvent,
  newIncident,
} from "../../functions/core/incidents.js";

// One strike told first by a regional administration's Telegram post in Ukrainian, then by an English outlet
// an hour later (both texts written for this test).
const post: Article = {
  id: "a1a1a1a1a1a1a1a1",
  url: "https://t.me/sw_kharkiv_test/412",
  source: "Харківська ОВА (test)",
  feedUrl: "https://t.me/s/sw_kharkiv_test",
  publishedAt: "2025-05-12T05:10:00Z",
  fetchedAt: "2025-05-12T05:12:00Z",
  title: "Удар по Харкову",
  body: "Внаслідок ракетного удару по Харкову загинули троє людей, ще 12 поранені, серед них двоє дітей. Пошкоджено житловий будинок.",
};
const article: Article = {
  id: "b2b2b2b2b2b2b2b2",
  url: "https://news.example/kharkiv-missile-strike",
  source: "Example News",
  feedUrl: "https://news.example/rss",
  publishedAt: "2025-05-12T06:20:00Z",
  fetchedAt: "2025-05-12T06:25:00Z",
  title: "Russian missile strike on Kharkiv kills three",
  body: "A Russian missile strike on an apartment building in Kharkiv killed three people and injured 14, including two children, regional governor Oleh Syniehubov said on Monday.",
};

describe("a Ukrainian post and an English article about one strike", () => {
  const [first] = extract(post);
  const [second] = extract(article);

  it("read the same place, in English, from both languages", () => {
    expect(first!.place.name).toBe("Kharkiv");
    expect(second!.place.name).toBe("Kharkiv");
    expect(first!.place.admin1).toBe(second!.place.admin1);
  });

  it("merge into one incident whose alert lists both sources and the higher toll", () => {
    const incident = newIncident(first!, post, post.fetchedAt);
    const match = findIncident(
      [incident],
      second!,
      eventDate(second!, article),
      eventDateKnown(second!, article),
    );
    expect(match?.id).toBe(incident.id);
    const merged = mergeEvent(incident, second!, article, article.fetchedAt);
    expect(merged.tollRose).toBe(true);
    expect(merged.incident.sources.map((source) => source.url)).toEqual([post.url, article.url]);
    expect(merged.incident.injured?.min).toBe(14);
    const alert = renderAlert(merged.incident, "update", 2);
    // The English name, with the Ukrainian post's own beside it.
    expect(alert.message.email).toContain("Kharkiv (Харків), Kharkiv Oblast");
    expect(alert.message.email).toContain(post.url);
    expect(alert.message.email).toContain(article.url);
  });
});
