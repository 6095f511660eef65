/** AlertPublisher on SNS: one publish per alert, MessageStructure "json", with filterable attributes. */
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { RenderedAlert } from "../core/alerts.js";
import type { AlertPublisher } from "../ports.js";

/** The SNS PublishCommand input of an alert (exported for tests and the local printer). */
export function publishInput(topicArn: string, alert: RenderedAlert) {
  return {
    TopicArn: topicArn,
    MessageStructure: "json",
    Subject: alert.subject,
    Message: JSON.stringify(alert.message),
    MessageAttributes: {
      places: { DataType: "String.Array", StringValue: JSON.stringify(alert.attributes.places) },
      killed: { DataType: "Number", StringValue: String(alert.attributes.killed) },
      injured: { DataType: "Number", StringValue: String(alert.attributes.injured) },
      victims: { DataType: "String", StringValue: alert.attributes.victims },
      kind: { DataType: "String", StringValue: alert.attributes.kind },
    },
  };
}

/** Publishes alerts to one topic. SDK errors (throttling, 5xx after the SDK's retries) propagate. */
export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(alert: RenderedAlert): Promise<string> {
    const { MessageId } = await this.sns.send(new PublishCommand(publishInput(this.topicArn, alert)));
    if (!MessageId) throw new Error("SNS returned no MessageId");
    return MessageId;
  }
}
