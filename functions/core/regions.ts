/**
 * Watched regions and subscriptions resolved against the gazetteer at load, so a misspelt region
 * fails with the nearest known names instead of silently watching nothing.
 */
import type { WatchedRegion } from "./alerts.js";
import type { Config, Subscription } from "./config.js";
import { type GazEntry, lookupRegion, suggestRegions } from "./extract/gazetteer.js";

/** A region name the gazetteer does not know; the message suggests the nearest names. */
export class UnknownRegionError extends Error {
  constructor(
    readonly path: string,
    readonly region: string,
    readonly suggestions: string[],
  ) {
    super(
      `${path}: unknown region "${region}"${suggestions.length > 0 ? ` — ${region}? did you mean ${suggestions.join(", or ")}` : ""}`,
    );
    this.name = "UnknownRegionError";
  }
}

function toWatched(entry: GazEntry): WatchedRegion {
  return { name: entry.name, precision: entry.precision, country: entry.country, admin1: entry.admin1 };
}

/** Resolves one region name; throws UnknownRegionError naming `path` when unknown. */
export function resolveRegion(name: string, path: string): WatchedRegion {
  const entry = lookupRegion(name);
  if (!entry) throw new UnknownRegionError(path, name, suggestRegions(name, 3));
  return toWatched(entry);
}

/** The value a region takes in the `places` message attribute, and so in filter policies. */
export function regionToken(region: WatchedRegion): string {
  return region.precision === "country" ? region.country : region.name;
}

/** A subscription with its regions resolved. */
export interface ResolvedSubscription {
  protocol: "email" | "sms";
  endpoint: string;
  regions: WatchedRegion[];
  minKilled?: number;
  minInjured?: number;
}

/** The config's watched regions and subscriptions, resolved. Throws UnknownRegionError on the first unknown name. */
export function resolveConfigRegions(config: Config): {
  watched: WatchedRegion[];
  subscriptions: ResolvedSubscription[];
} {
  const watched = config.watchedRegions.map((name, index) => resolveRegion(name, `watchedRegions[${index}]`));
  const subscriptions = config.subscriptions.map((subscription: Subscription, index) => ({
    protocol: "email" in subscription ? ("email" as const) : ("sms" as const),
    endpoint: "email" in subscription ? subscription.email : subscription.sms,
    regions: subscription.regions.map((name, at) =>
      resolveRegion(name, `subscriptions[${index}].regions[${at}]`),
    ),
    ...(subscription.minKilled !== undefined ? { minKilled: subscription.minKilled } : {}),
    ...(subscription.minInjured !== undefined ? { minInjured: subscription.minInjured } : {}),
  }));
  return { watched, subscriptions };
}

/**
 * The SNS filter policy of a subscription: its regions on `places`; its thresholds on `killed` /
 * `injured` (either one is enough when both are set).
 */
export function filterPolicy(
  subscription: Pick<ResolvedSubscription, "regions" | "minKilled" | "minInjured">,
): Record<string, unknown> {
  const policy: Record<string, unknown> = { places: [...new Set(subscription.regions.map(regionToken))] };
  const killed =
    subscription.minKilled !== undefined
      ? { killed: [{ numeric: [">=", subscription.minKilled] }] }
      : undefined;
  const injured =
    subscription.minInjured !== undefined
      ? { injured: [{ numeric: [">=", subscription.minInjured] }] }
      : undefined;
  if (killed && injured) policy.$or = [killed, injured];
  else Object.assign(policy, killed ?? injured ?? {});
  return policy;
}
