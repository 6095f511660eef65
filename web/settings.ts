/**
 * The page's runtime settings (served as config.json) and the Content-Security-Policy that goes
 * with them; shared by the local server and the CloudFront response headers. No dependencies.
 */

/** A tile server the deployer turned on: an URL template ({z}/{x}/{y}) and its required attribution. */
export interface TileLayer {
  url: string;
  attribution: string;
}

/** What the page reads at start (config.json). No tiles: the bundled base layer alone, nothing fetched elsewhere. */
export interface PageSettings {
  tiles: TileLayer | null;
}

/** The Content-Security-Policy of the page: its own origin only, plus the tile server when one is on. */
export function contentSecurityPolicy(settings: PageSettings): string {
  // The tile server's origin; Leaflet's {s} subdomains ("https://{s}.tile.example.org") become a wildcard.
  const origin = settings.tiles ? /^https:\/\/[^/]+/.exec(settings.tiles.url)?.[0] : undefined;
  const tiles = origin ? ` ${origin.replace("{s}", "*")}` : "";
  return [
    "default-src 'self'",
    `img-src 'self' data:${tiles}`,
    "style-src 'self'",
    "script-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}
