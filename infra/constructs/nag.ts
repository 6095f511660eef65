/** Helpers for cdk-nag acknowledgements, which cdk-nag 3 reads from `Validations.of(scope).acknowledge`. */
import { type CfnElement, Stack, Validations } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/** How cdk-nag names a resource's ARN in a finding id, e.g. `<Outbox27BBF20A.Arn>`. */
export function nagArn(resource: IConstruct): string {
  const element = resource.node.defaultChild as CfnElement;
  return `<${Stack.of(resource).getLogicalId(element)}.Arn>`;
}

/** Acknowledges one cdk-nag finding (`AwsSolutions-IAM5[...]`) on `scope` and below, with the reason it is accepted. */
export function acknowledge(scope: IConstruct, finding: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: finding, reason });
}
