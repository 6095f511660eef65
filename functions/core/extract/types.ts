/** Types of what the extractor finds in an article. Pure data, no behaviour. */

/** ISO 3166-1 alpha-2 code of the countries the gazetteer covers. */
export type CountryCode = "UA" | "RU" | string;

/** How precisely a place is known: a district of a city, a city/town, a region (oblast), a country. */
export type Precision = "district" | "city" | "admin1" | "country";

/** A resolved place. `admin1` is the oblast / federal subject in its English press spelling ("Kharkiv Oblast"). */
export interface Place {
  name: string;
  admin1: string | null;
  country: CountryCode;
  lat: number;
  lon: number;
  precision: Precision;
  /** The city a district belongs to, when precision is "district". */
  city?: string;
  /** The name as a Ukrainian or Russian report wrote it, in the nominative ("Харків", "Белгород"); English keeps `name`. */
  local?: string;
}

/** A casualty count. "at least 36" → {min: 36}; "dozens" → {min: 24, approximate: true}; "10-12" → {min: 10, max: 12}. */
export interface Count {
  min: number;
  max?: number;
  approximate: boolean;
}

export type Victims = "civilian" | "military" | "mixed" | "unknown";

/** One strike on one place, as one article tells it. */
export interface StrikeEvent {
  place: Place;
  /** YYYY-MM-DD of the strike: as the text states it ("on Saturday", "overnight"), else the article's date, else null. */
  date: string | null;
  /** True when `date` comes from the text itself; false when it is only the publication date (or null). */
  dateStated?: boolean;
  /**
   * "strike": one attack on one place. "daily": a region's toll over a day or a period ("over the past
   * day, Russian shelling killed six civilians in the Donetsk region"); it never merges into a strike.
   */
  kind?: "strike" | "daily";
  weapons: string[];
  targets: string[];
  killed: Count | null;
  injured: Count | null;
  childrenKilled: Count | null;
  childrenInjured: Count | null;
  /** Killed and injured together, when the text gives only the sum ("hundreds dead and wounded"). */
  casualties: Count | null;
  victims: Victims;
  /** Who makes the claim: "RIA Novosti", "the Russian defense ministry", "Governor Oleh Synyehubov". */
  attributedTo: string | null;
  /** The sentences the event was read from, verbatim. */
  evidence: string[];
}
