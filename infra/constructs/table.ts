/** DynamoDB tables built from the specs in functions/tables.ts, so infra and the local store agree. */
import { RemovalPolicy } from "aws-cdk-lib";
import {
  type Attribute,
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import type { TableSpec } from "../../functions/tables.js";

function stringKey(name: string): Attribute {
  return { name, type: AttributeType.STRING };
}

/**
 * A table from its spec (keys, GSIs, TTL, stream) with the house data-safety defaults: on-demand,
 * point-in-time recovery, AWS-managed KMS encryption, and retained when the stack is deleted.
 * Carries its spec so bind helpers use the spec's env var name.
 */
export class SpecTable extends Table {
  constructor(
    scope: Construct,
    readonly spec: TableSpec,
  ) {
    super(scope, spec.logicalName, {
      partitionKey: stringKey(spec.partitionKey),
      ...(spec.sortKey ? { sortKey: stringKey(spec.sortKey) } : {}),
      ...(spec.ttlAttribute ? { timeToLiveAttribute: spec.ttlAttribute } : {}),
      ...(spec.stream ? { stream: StreamViewType[spec.stream] } : {}),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of spec.indexes ?? []) {
      this.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        ...(index.sortKey ? { sortKey: stringKey(index.sortKey) } : {}),
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
