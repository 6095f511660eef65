/** The local AlertPublisher: keeps what would have gone to SNS, in order, so the runner can print it. */
import type { RenderedAlert } from "../core/alerts.js";
import type { AlertPublisher } from "../ports.js";

/** Records published alerts; `failNext` makes the next publishes throw (for trying out retries). */
export class LocalPublisher implements AlertPublisher {
  readonly published: Array<{ messageId: string; alert: RenderedAlert }> = [];
  failNext = 0;

  async publish(alert: RenderedAlert): Promise<string> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error("local publisher told to fail");
    }
    const messageId = `local-${this.published.length + 1}`;
    this.published.push({ messageId, alert });
    return messageId;
  }
}
