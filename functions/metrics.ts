/**
 * CloudWatch metrics through the Embedded Metric Format, written by Powertools Metrics, so functions
 * need no PutMetricData permission. Powertools writes the EMF document to stdout through its own
 * Console, not through the `console` that Lambda's JSON log format patches: under that format a
 * `console.log` line becomes the `message` string of Lambda's own JSON record, where CloudWatch
 * does not look for metrics. tests/handlers/metrics.test.ts renders both as Lambda would.
 */
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { METRICS_NAMESPACE } from "./tables.js";

/** The unit of a value: counts unless said otherwise. */
export type Unit = "Count" | "Seconds";

/** One Powertools Metrics per service, made on first use and kept for the life of the process. */
const instances = new Map<string, Metrics>();

function metricsOf(service: string): Metrics {
  let metrics = instances.get(service);
  if (!metrics) {
    metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
    instances.set(service, metrics);
  }
  return metrics;
}

/**
 * Writes `values` (name → value) as one EMF document of `service` (namespace METRICS_NAMESPACE,
 * dimension `service`) to stdout. With `log`, the document goes to `log` instead (measurements).
 */
export function emitMetrics(
  service: string,
  values: Record<string, number>,
  log?: (line: string) => void,
  units: Partial<Record<string, Unit>> = {},
): void {
  const metrics = log
    ? new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service })
    : metricsOf(service);
  for (const [name, value] of Object.entries(values)) {
    metrics.addMetric(name, units[name] === "Seconds" ? MetricUnit.Seconds : MetricUnit.Count, value);
  }
  if (!log) {
    metrics.publishStoredMetrics();
    return;
  }
  log(JSON.stringify(metrics.serializeMetrics()));
  metrics.clearMetrics();
}
