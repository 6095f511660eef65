/** The error every refusal of a feed body comes as: its `reason` is what the user reads. */

/** The feed text could not be read as a feed; `reason` says why ("empty body", "malformed XML: …"). */
export class FeedParseError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "FeedParseError";
  }
}
