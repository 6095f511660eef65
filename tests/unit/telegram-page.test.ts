import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { articleId } from "../../functions/core/article.js";
import { normalizeItem } from "../../functions/core/normalize.js";
import { FeedParseError } from "../../functions/feeds/errors.js";
import { postItem, postTitle, TELEGRAM_TITLE_MAX } from "../../functions/feeds/telegram.js";
import { parseTelegramPage, type TelegramPost } from "../../functions/feeds/telegram-page.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/telegram");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

const newest = parseTelegramPage(fixture("sw_kharkiv_test.html"), "sw_kharkiv_test");
const post = (id: number): TelegramPost => {
  const found = newest.posts.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`post ${id} not parsed`);
  return found;
};

describe("parseTelegramPage", () => {
  it("reads the channel's posts oldest first, leaving out service messages and posts without text", () => {
    // 301 is a service message, 303 a photo without a caption, 307 a sticker.
    expect(newest.posts.map((candidate) => candidate.id)).toEqual([302, 304, 305, 306, 308, 309]);
    expect(newest.skipped).toBe(3);
    expect(newest.title).toBe("Харківська ОВА · тестовий канал");
  });

  it("keeps the post's line breaks: <br> is a new line, <br><br> a blank one; an emoji keeps its character", () => {
    expect(post(302).text).toBe(
      "⚠️ Увага! Повітряна тривога в Харківській області.\n\nЗагроза застосування керованих авіабомб. Перебувайте в укриттях до відбою.",
    );
  });

  it("takes an album's caption as the post's text", () => {
    expect(post(304).text).toBe(
      "Наслідки нічної атаки на Основ'янський район.\nПошкоджено склад і два приватні будинки. За попередніми даними, обійшлося без постраждалих.",
    );
  });

  it("names where a forwarded post came from, outside its text", () => {
    expect(post(305)).toMatchObject({
      forwardedFrom: "ДСНС Харківщини · тест",
      text: "Рятувальники ліквідували пожежу на площі 300 м² у Чугуєві. Постраждалих немає.",
    });
  });

  it("reads only the post's own text: not the reply it quotes, the link's preview, the views or the footer", () => {
    expect(post(306).text).toBe("Відбій повітряної тривоги в Харкові та області.");
    expect(post(308).text).toBe(
      'Графік відключень від "Харківобленерго" на завтра & адреси пунктів незламності — за посиланням.',
    );
    for (const candidate of newest.posts) expect(candidate.text).not.toMatch(/views|Опис сторінки|K$/);
  });

  it("gives each post its link on t.me and its time", () => {
    expect(post(309)).toMatchObject({
      channel: "sw_kharkiv_test",
      url: "https://t.me/sw_kharkiv_test/309",
      date: "2026-11-28T10:03:21+00:00",
    });
    expect(post(309).text.split("\n")).toEqual([
      "Внаслідок ракетного удару по Харкову загинули троє людей, ще 12 поранені, серед них двоє дітей.",
      "",
      "Ракета влучила у двір житлового будинку в Київському районі. На місці працюють рятувальники, медики та поліція.",
      "",
      "#Харків",
    ]);
  });

  it("finds the link to older posts, and only a link back (data-before), not one forward", () => {
    expect(newest.before).toBe(301);
    const older = parseTelegramPage(fixture("sw_kharkiv_test.before-301.html"), "sw_kharkiv_test");
    expect(older.before).toBeUndefined();
    expect(older.posts.map((candidate) => candidate.id)).toEqual([292, 296, 299]);
    expect(older.skipped).toBe(1);
  });

  it("matches the channel whatever its case, takes the header's title without og:title, skips polls", () => {
    const page = parseTelegramPage(fixture("sw_belgorod_test.html"), "sw_belgorod_test");
    expect(page.title).toBe("Оперштаб «Приграничье» · тестовый канал");
    expect(page.posts.map((candidate) => [candidate.id, candidate.url])).toEqual([
      [7710, "https://t.me/SW_Belgorod_Test/7710"],
      [7712, "https://t.me/SW_Belgorod_Test/7712"],
    ]);
    expect(page.posts[0]?.text).toBe(
      "Обновление по ситуации\nВ Шебекино дрон атаковал легковой автомобиль. Ранен мужчина 45 лет, его доставили в городскую больницу.\nАвтомобиль посечён осколками.",
    );
    expect(page.posts[1]?.text).toBe(
      '❗️Ракетная опасность. Пройдите в укрытие и оставайтесь там до сигнала "Отбой".',
    );
    expect(page.skipped).toBe(1);
    expect(page.before).toBe(7710);
  });

  it("leaves out a message of another channel and reads an image's alt text", () => {
    const html = `<section class="tgme_channel_history">
      <div class="tgme_widget_message" data-post="someone_else/5"><div class="tgme_widget_message_text">Чужий допис</div></div>
      <div class="tgme_widget_message" data-post="sw_kharkiv_test/6"><div class="tgme_widget_message_text">Вогонь <img class="emoji" alt="🔥"> загашено</div></div>
    </section>`;
    const page = parseTelegramPage(html, "sw_kharkiv_test");
    expect(page.posts.map((candidate) => [candidate.id, candidate.text])).toEqual([
      [6, "Вогонь 🔥 загашено"],
    ]);
    expect(page.skipped).toBe(1);
    expect(page.posts[0]?.date).toBeUndefined();
  });

  it("accepts a channel's empty history and refuses a page that is no channel preview", () => {
    expect(
      parseTelegramPage('<section class="tgme_channel_history"></section>', "sw_kharkiv_test").posts,
    ).toEqual([]);
    expect(() => parseTelegramPage(fixture("not-a-channel.html"), "sw_missing_test")).toThrow(FeedParseError);
    expect(() => parseTelegramPage(fixture("not-a-channel.html"), "sw_missing_test")).toThrow(
      /not a public channel preview/,
    );
  });
});

describe("postTitle", () => {
  it("takes the first line when more lines follow, else the first sentence", () => {
    expect(postTitle("Ракетний удар по Харкову\nЗагинули троє людей.")).toBe("Ракетний удар по Харкову");
    expect(postTitle("Ракетная опасность. Пройдите в укрытие.")).toBe("Ракетная опасность.");
    expect(postTitle("Без крапки в кінці")).toBe("Без крапки в кінці");
    expect(postTitle("  \n ")).toBeUndefined();
  });

  it("caps a long title at a word, with an ellipsis", () => {
    const long = `${"слово ".repeat(60).trim()}.`;
    const title = postTitle(long)!;
    expect(title.length).toBeLessThanOrEqual(TELEGRAM_TITLE_MAX);
    expect(title).toMatch(/^слово( слово)+…$/);
  });
});

describe("postItem through the normalizer", () => {
  it("makes an article like an RSS item's: the post link as URL and id, its time, its lines, the channel as source", () => {
    const article = normalizeItem(
      postItem(post(309)),
      {
        feedUrl: "https://t.me/s/sw_kharkiv_test",
        title: newest.title!,
        link: "https://t.me/sw_kharkiv_test",
      },
      "2026-11-28T10:05:00.000Z",
    );
    expect(article).toEqual({
      id: articleId("https://t.me/sw_kharkiv_test/309", undefined),
      url: "https://t.me/sw_kharkiv_test/309",
      source: "Харківська ОВА · тестовий канал",
      feedUrl: "https://t.me/s/sw_kharkiv_test",
      title:
        "Внаслідок ракетного удару по Харкову загинули троє людей, ще 12 поранені, серед них двоє дітей.",
      publishedAt: "2026-11-28T10:03:21.000Z",
      fetchedAt: "2026-11-28T10:05:00.000Z",
      body: [
        "Внаслідок ракетного удару по Харкову загинули троє людей, ще 12 поранені, серед них двоє дітей.",
        "Ракета влучила у двір житлового будинку в Київському районі. На місці працюють рятувальники, медики та поліція.",
        "#Харків",
      ].join("\n"),
    });
  });

  it("keeps characters that look like markup as text, and a forwarded post's origin as its author", () => {
    const item = postItem({
      id: 1,
      channel: "sw_kharkiv_test",
      url: "https://t.me/sw_kharkiv_test/1",
      text: "Рівень <b> не тег & не сутність &amp;\nДругий рядок",
      forwardedFrom: "ДСНС Харківщини · тест",
    });
    const article = normalizeItem(
      item,
      { feedUrl: "https://t.me/s/sw_kharkiv_test" },
      "2026-11-28T10:05:00.000Z",
    );
    expect(article.body).toBe("Рівень <b> не тег & не сутність &amp;\nДругий рядок");
    expect(article.author).toBe("ДСНС Харківщини · тест");
    expect(article.publishedAt).toBeUndefined();
  });
});
