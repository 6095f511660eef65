/**
 * Contracts of the web front in the synthesized stack (Template + Match): the page's bucket reached
 * only through CloudFront's origin access control, HTTPS and security headers with a CSP, the API
 * function behind a function URL only CloudFront may call, read-only on two tables and throttled,
 * the byDate index it reads, the URLs in the outputs, and cdk-nag's verdict.
 */
import { App, type CfnElement, type Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveConfigRegions } from "../../functions/core/regions.js";
import { INCIDENTS_TABLE, OUTBOX_TABLE } from "../../functions/tables.js";
import { BadTilesError, tileLayer } from "../../infra/constructs/web.js";
import { StrikeWatchStack } from "../../infra/stack.js";
import { SAMPLE_CONFIG, sampleStack } from "../infra/sample.js";

type ResponseHeaders = {
  Comment: string;
  SecurityHeadersConfig: {
    ContentSecurityPolicy: { ContentSecurityPolicy: string };
    StrictTransportSecurity: object;
    ContentTypeOptions: object;
    FrameOptions: object;
  };
};
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

let app: App;
let stack: Stack;
let template: Template;

beforeAll(() => {
  ({ app, stack } = sampleStack());
  template = Template.fromStack(stack);
});

function idOf(...path: string[]): string {
  let construct: IConstruct = stack;
  for (const part of path) construct = construct.node.findChild(part);
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}
const arn = (...path: string[]) => ({ "Fn::GetAtt": [idOf(...path), "Arn"] });

function distributionArn() {
  return {
    "Fn::Join": [
      "",
      [
        "arn:",
        { Ref: "AWS::Partition" },
        ":cloudfront::",
        { Ref: "AWS::AccountId" },
        ":distribution/",
        { Ref: idOf("Web", "Distribution") },
      ],
    ],
  };
}

function distribution(): Record<string, unknown> & {
  DefaultCacheBehavior: Record<string, unknown>;
  CacheBehaviors: Array<Record<string, unknown>>;
  Origins: Array<Record<string, unknown>>;
} {
  return template.toJSON().Resources[idOf("Web", "Distribution")].Properties.DistributionConfig;
}

describe("the page", () => {
  it("lives in a private, encrypted bucket that only the distribution may read, over TLS", () => {
    // Act
    const bucket = template.toJSON().Resources[idOf("Web", "Site")].Properties;
    const policy = template.findResources("AWS::S3::BucketPolicy");

    // Assess
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: "AES256",
    });
    const statements = Object.values(policy).flatMap(
      (resource) =>
        (resource as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument
          .Statement,
    );
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        expect.objectContaining({
          Effect: "Allow",
          Principal: { Service: "cloudfront.amazonaws.com" },
          Action: "s3:GetObject",
          Condition: {
            StringEquals: {
              "AWS:SourceArn": distributionArn(),
            },
          },
        }),
      ]),
    );
    template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: "s3",
        SigningBehavior: "always",
      }),
    });
  });

  it("is served over HTTPS only, index.html at the root, with security headers and a same-origin CSP", () => {
    // Act
    const config = distribution();
    const policies = template.findResources("AWS::CloudFront::ResponseHeadersPolicy");
    const page = Object.values(policies)
      .map(
        (resource) =>
          (resource as { Properties: { ResponseHeadersPolicyConfig: ResponseHeaders } }).Properties
            .ResponseHeadersPolicyConfig,
      )
      .find((policy) => String(policy.Comment).startsWith("StrikeWatch page"))!;

    // Assess
    expect(config.DefaultRootObject).toBe("index.html");
    expect(config.PriceClass).toBe("PriceClass_100");
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(behavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    const headers = page.SecurityHeadersConfig;
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 31_536_000,
      Override: true,
    });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: "DENY", Override: true });
  });

  it("is copied to the bucket at deploy, and a deploy invalidates CloudFront's copy", () => {
    template.hasResourceProperties("Custom::CDKBucketDeployment", {
      DestinationBucketName: { Ref: idOf("Web", "Site") },
      DistributionPaths: ["/*"],
      Prune: true,
      RetainOnDelete: false,
    });
  });
});

describe("the API", () => {
  it("answers /api/* and /feeds/* through the function URL, reads only, cached per query string", () => {
    // Act
    const config = distribution();
    const behaviors: Record<string, Record<string, unknown>> = Object.fromEntries(
      config.CacheBehaviors.map((behavior) => [String(behavior.PathPattern), behavior]),
    );
    const cache = template.toJSON().Resources[idOf("Web", "ApiCache")].Properties.CachePolicyConfig;

    // Assess
    expect(Object.keys(behaviors).sort()).toEqual(["/api/*", "/feeds/*"]);
    for (const behavior of Object.values(behaviors)) {
      expect(behavior.AllowedMethods).toEqual(["GET", "HEAD"]);
      expect(behavior.CachePolicyId).toEqual({ Ref: idOf("Web", "ApiCache") });
    }
    expect(cache.DefaultTTL).toBe(60);
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig).toEqual({
      QueryStringBehavior: "all",
    });
    template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: "lambda",
        SigningBehavior: "always",
      }),
    });
  });

  it("has a function URL only CloudFront may call (IAM auth, invoke allowed to the distribution alone)", () => {
    // Act
    const permissions = template.findResources("AWS::Lambda::Permission", {
      Properties: { Action: "lambda:InvokeFunctionUrl" },
    });

    // Assess
    template.hasResourceProperties("AWS::Lambda::Url", {
      AuthType: "AWS_IAM",
      TargetFunctionArn: arn("Api"),
    });
    expect(
      Object.values(permissions).map((resource) => (resource as { Properties: object }).Properties),
    ).toEqual([
      expect.objectContaining({
        Principal: "cloudfront.amazonaws.com",
        FunctionName: { "Fn::GetAtt": [idOf("Api", "FunctionUrl"), "FunctionArn"] },
        SourceArn: distributionArn(),
      }),
    ]);
  });

  it("runs the house defaults, throttled by reserved concurrency, told its two tables", () => {
    // Act
    const fn = template.toJSON().Resources[idOf("Api")].Properties;

    // Assess
    expect({ Runtime: fn.Runtime, Architectures: fn.Architectures, Handler: fn.Handler }).toEqual({
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Handler: "index.handler",
    });
    expect(fn.ReservedConcurrentExecutions).toBe(10);
    expect(fn.Environment.Variables).toMatchObject({
      [INCIDENTS_TABLE.envVar]: { Ref: idOf(INCIDENTS_TABLE.logicalName) },
      [OUTBOX_TABLE.envVar]: { Ref: idOf(OUTBOX_TABLE.logicalName) },
    });
  });

  it("may read incidents (items and the byDate index) and alert versions, and nothing else", () => {
    // Act
    const policies = template.findResources("AWS::IAM::Policy", {
      Properties: { Roles: [{ Ref: idOf("ApiRole") }] },
    });
    const statements = Object.values(policies).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
          .Statement,
    );
    const dynamo = statements
      .filter((statement) => [statement.Action].flat().some((action) => action.startsWith("dynamodb:")))
      .map((statement) => ({ actions: [statement.Action].flat(), resource: statement.Resource }));

    // Assess
    expect(dynamo).toEqual([
      { actions: ["dynamodb:GetItem", "dynamodb:Query"], resource: arn(INCIDENTS_TABLE.logicalName) },
      {
        actions: ["dynamodb:Query"],
        resource: { "Fn::Join": ["", [arn(INCIDENTS_TABLE.logicalName), "/index/byDate"]] },
      },
      { actions: ["dynamodb:Query"], resource: arn(OUTBOX_TABLE.logicalName) },
    ]);
    const others = statements
      .flatMap((statement) => [statement.Action].flat())
      .filter((action) => !action.startsWith("dynamodb:"));
    expect(others.every((action) => action.startsWith("logs:"))).toBe(true);
  });

  it("reads newest first from the Incidents table's byDate index (sk, date), all attributes projected", () => {
    const table = template.toJSON().Resources[idOf(INCIDENTS_TABLE.logicalName)].Properties;
    expect(table.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: "byDate",
        KeySchema: [
          { AttributeName: "sk", KeyType: "HASH" },
          { AttributeName: "date", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ]);
  });
});

describe("outputs", () => {
  it("give the page's, the API's and the feed's URLs", () => {
    // Act
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const domain = { "Fn::GetAtt": [idOf("Web", "Distribution"), "DomainName"] };

    // Assess
    expect(outputs.WebUrl?.Value).toEqual({ "Fn::Join": ["", ["https://", domain, "/"]] });
    expect(outputs.ApiUrl?.Value).toEqual({ "Fn::Join": ["", ["https://", domain, "/api/incidents"]] });
    expect(outputs.AlertsFeedUrl?.Value).toEqual({
      "Fn::Join": ["", ["https://", domain, "/feeds/alerts.atom"]],
    });
  });
});

describe("a tile server", () => {
  it("is off unless the deployer sets one, and then the CSP admits its origin only", () => {
    // Prepare
    const app = new App({
      context: {
        "aws:cdk:bundling-stacks": [],
        webTiles: "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        webTilesAttribution: "© Example tiles",
      },
    });
    const { subscriptions } = resolveConfigRegions(SAMPLE_CONFIG);

    // Act
    const tiled = Template.fromStack(
      new StrikeWatchStack(app, "Tiled", { config: SAMPLE_CONFIG, subscriptions }),
    );

    // Assess
    const csp = JSON.stringify(tiled.findResources("AWS::CloudFront::ResponseHeadersPolicy"));
    expect(csp).toContain("img-src 'self' data: https://*.tiles.example.org;");
    expect(tileLayer()).toBeUndefined();
    expect(() => tileLayer("http://tiles.example.org/{z}/{x}/{y}.png")).toThrow(BadTilesError);
    expect(() => tileLayer("https://tiles.example.org/tile.png")).toThrow(
      /webTiles: .* is not an https URL with \{z\}/,
    );
  });
});

describe("cdk-nag", () => {
  it.each([
    ["AwsSolutions", () => new AwsSolutionsChecks()],
    ["Serverless", () => new ServerlessChecks()],
  ])("finds nothing unacknowledged in the web front (%s)", (_pack, pack) => {
    // Act
    const report = pack().validateScope(app);

    // Assess
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it("acknowledges the web front's findings, each with its reason", () => {
    // Act
    const acknowledged: Array<[string, string, string]> = [];
    for (const construct of stack.node.findAll())
      for (const entry of construct.node.metadata)
        if (entry.type === "aws:cdk:acknowledged-rules")
          for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
            if (/\/(Web|Api|Custom::CDKBucketDeployment)/.test(construct.node.path))
              acknowledged.push([construct.node.path, id.replace(/^Annotation::/, ""), reason]);

    // Assess
    const ids = acknowledged.map(
      ([path, id]) => `${path.replace(/CDKBucketDeployment\w+/, "CDKBucketDeployment")} ${id}`,
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        "StrikeWatch/Web/Site AwsSolutions-S1",
        "StrikeWatch/Web/Distribution AwsSolutions-CFR1",
        "StrikeWatch/Web/Distribution AwsSolutions-CFR2",
        "StrikeWatch/Web/Distribution AwsSolutions-CFR3",
        "StrikeWatch/Web/Distribution AwsSolutions-CFR4",
        "StrikeWatch/Api Serverless-LambdaDLQ",
        "StrikeWatch/Api Serverless-LambdaTracing",
        "StrikeWatch/Custom::CDKBucketDeployment AwsSolutions-L1",
      ]),
    );
    expect(ids.filter((id) => id.startsWith("StrikeWatch/Api"))).toHaveLength(2);
    for (const [, , reason] of acknowledged) expect(reason.length).toBeGreaterThan(60);
  });
});
