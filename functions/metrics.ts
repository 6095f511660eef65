/**
 * CloudWatch metrics through the Embedded Metric Format: one JSON log line per set of values, which
 * CloudWatch turns into metrics, so functions need no PutMetricData permission.
 */
import { METRICS_NAMESPACE } from "./tables.js";

/** Writes `values` (name → count) as EMF metrics of `service`. */
export function emitMetrics(
  service: string,
  values: Record<string, number>,
  log: (line: string) => void = console.log,
): void {
  log(
    JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [["service"]],
            Metrics: Object.keys(values).map((name) => ({ Name: name, Unit: "Count" })),
          },
        ],
      },
      service,
      ...values,
    }),
  );
}
