/**
 * Where people look: the page on S3 behind CloudFront (origin access control, HTTPS only, security
 * headers with a Content-Security-Policy), and the read-only API as a Lambda behind a function URL
 * that only CloudFront may call (origin access control signs its requests), cached a minute at the
 * edge and throttled by reserved concurrency. The API may read the incident and outbox tables and
 * nothing else.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { FunctionUrlOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { type CfnFunction, FunctionUrlAuthType } from "aws-cdk-lib/aws-lambda";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct, type IConstruct } from "constructs";
import { contentSecurityPolicy, type TileLayer, writeWeb } from "../../web/build.js";
import { bindTable } from "./bind.js";
import { StrikeWatchFunction } from "./function.js";
import { acknowledge, nagArn } from "./nag.js";
import type { SpecTable } from "./table.js";

/** Seconds CloudFront keeps an API answer by default: the API's own max-age (functions/api/routes.ts). */
const API_MAX_AGE = Duration.seconds(60);

/** What the web front needs. */
export interface WebProps {
  incidents: SpecTable;
  outbox: SpecTable;
  /** Concurrent API invocations at most: past it viewers get 429s, and CloudFront's cache absorbs the rest. */
  reservedConcurrency: number;
  /** A public tile server's URL ({z}/{x}/{y}, https) under the bundled base layer; off by default; the CSP admits only it. */
  tiles?: string;
  /** Whose tiles they are, as the tile server requires it shown (default: its host). */
  tilesAttribution?: string;
}

/** A tile server URL the page cannot use. */
export class BadTilesError extends Error {
  constructor(url: string) {
    super(
      `webTiles: ${url} is not an https URL with {z}, {x} and {y} (e.g. https://tile.example.org/{z}/{x}/{y}.png)`,
    );
    this.name = "BadTilesError";
  }
}

/** The page's tile layer from the deployer's settings; undefined when none is set. */
export function tileLayer(url?: string, attribution?: string): TileLayer | undefined {
  if (url === undefined || url === "") return undefined;
  if (!/^https:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(url)) throw new BadTilesError(url);
  return { url, attribution: attribution ?? /^https:\/\/([^/]+)/.exec(url)?.[1] ?? url };
}

/** The page, the API and the feeds, served from one CloudFront distribution. */
export class Web extends Construct {
  readonly distribution: Distribution;
  readonly api: StrikeWatchFunction;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const settings = { tiles: tileLayer(props.tiles, props.tilesAttribution) ?? null };

    this.api = new StrikeWatchFunction(scope, "Api", {
      handlerFile: "functions/handlers/api.ts",
      description: "The read-only API and alert feeds of the page (behind CloudFront)",
      memorySize: 512,
      timeout: Duration.seconds(10),
    });
    (this.api.node.defaultChild as CfnFunction).reservedConcurrentExecutions = props.reservedConcurrency;
    // byDate: every incident newest first (functions/tables.ts); bindTable refuses an index the spec lacks.
    bindTable(this.api, props.incidents, { items: ["GetItem", "Query"], indexes: { byDate: ["Query"] } });
    bindTable(this.api, props.outbox, { items: ["Query"] });
    const url = this.api.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM });

    this.bucket = new Bucket(this, "Site", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const security = {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(365),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: {
        referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        override: true,
      },
    };
    const pageHeaders = new ResponseHeadersPolicy(this, "PageHeaders", {
      comment: "StrikeWatch page: HSTS, no sniffing, no framing, CSP to its own origin",
      securityHeadersBehavior: {
        ...security,
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(settings), override: true },
      },
    });
    const apiHeaders = new ResponseHeadersPolicy(this, "ApiHeaders", {
      comment: "StrikeWatch API: HSTS, no sniffing, no framing, no active content",
      securityHeadersBehavior: {
        ...security,
        contentSecurityPolicy: {
          contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'",
          override: true,
        },
      },
    });
    // Every filter is in the query string, so the whole query string is the cache key; nothing else is.
    const apiCache = new CachePolicy(this, "ApiCache", {
      comment: "StrikeWatch API: a minute at the edge, per query string",
      defaultTtl: API_MAX_AGE,
      minTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const apiRequest = new OriginRequestPolicy(this, "ApiRequest", {
      comment: "StrikeWatch API: the query string only (no viewer headers, no cookies)",
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
    });
    const apiBehavior = {
      origin: FunctionUrlOrigin.withOriginAccessControl(url),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: apiCache,
      originRequestPolicy: apiRequest,
      responseHeadersPolicy: apiHeaders,
      compress: true,
    };
    this.distribution = new Distribution(this, "Distribution", {
      comment: "StrikeWatch page, API and feeds",
      defaultRootObject: "index.html",
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeaders,
        compress: true,
      },
      additionalBehaviors: { "/api/*": apiBehavior, "/feeds/*": apiBehavior },
    });

    // The page is built at synth (esbuild) and copied to the bucket; a deploy invalidates the cache.
    const built = mkdtempSync(join(tmpdir(), "strikewatch-web-"));
    writeWeb(built, settings);
    const deployment = new BucketDeployment(this, "Deploy", {
      sources: [Source.asset(built)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ["/*"],
      prune: true,
      retainOnDelete: false,
      memoryLimit: 256,
    });
    this.acknowledgeFindings(deployment);
  }

  /** The page's address. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }

  private acknowledgeFindings(deployment: BucketDeployment): void {
    acknowledge(
      this.bucket,
      "AwsSolutions-S1",
      "The site bucket holds only the page's static files, written by the deployment and read by CloudFront alone (origin access control); its changes are CloudFormation's, so server access logs would record nothing a deploy does not.",
    );
    acknowledge(
      this.distribution,
      "AwsSolutions-CFR1",
      "No geo restriction: the page is public information about strikes on civilians, meant for anyone, including people in the regions it covers.",
    );
    acknowledge(
      this.distribution,
      "AwsSolutions-CFR2",
      "No WAF (USD 5 a month and up): the content is public and read-only, API answers are cached a minute per query at the edge, and the API's reserved concurrency caps what a flood can cost.",
    );
    acknowledge(
      this.distribution,
      "AwsSolutions-CFR3",
      "No CloudFront access logs: they would record readers' addresses, which this public page has no use for; CloudFront's own request and error metrics are kept.",
    );
    acknowledge(
      this.distribution,
      "AwsSolutions-CFR4",
      "The distribution uses CloudFront's default *.cloudfront.net certificate, for which CloudFront fixes the TLS policy; HTTPS is enforced (HTTP redirects). A deployer with a custom domain sets TLSv1.2_2021 with its certificate.",
    );
    // The BucketDeployment's provider function and role are CDK's own (one per stack).
    const stack = Stack.of(this);
    const qualifier = String(this.node.tryGetContext("@aws-cdk/core:bootstrapQualifier") ?? "hnb659fds");
    const provider = stack.node.children.find((child: IConstruct) =>
      child.node.id.startsWith("Custom::CDKBucketDeployment"),
    );
    if (!provider) return;
    for (const [finding, reason] of [
      [
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        "CDK's BucketDeployment provider (deploy time only) logs through the AWS-managed basic execution policy; it is not a StrikeWatch function.",
      ],
      [
        "AwsSolutions-IAM5[Action::s3:GetBucket*]",
        "CDK's BucketDeployment provider copies the page from the CDK asset bucket to the site bucket; CDK grants it these read and write action groups on those two buckets only.",
      ],
      [
        "AwsSolutions-IAM5[Action::s3:GetObject*]",
        "CDK's BucketDeployment provider reads the page's asset from the CDK asset bucket (grant made by CDK, on that bucket only).",
      ],
      [
        "AwsSolutions-IAM5[Action::s3:List*]",
        "CDK's BucketDeployment provider lists the asset and site buckets to sync and prune them (grant made by CDK, on those buckets only).",
      ],
      [
        "AwsSolutions-IAM5[Action::s3:DeleteObject*]",
        "CDK's BucketDeployment provider removes files of an earlier page from the site bucket (prune), on that bucket only.",
      ],
      [
        "AwsSolutions-IAM5[Action::s3:Abort*]",
        "CDK's BucketDeployment provider aborts a failed multipart upload into the site bucket, on that bucket only.",
      ],
      [
        "AwsSolutions-IAM5[Resource::*]",
        "CDK's BucketDeployment provider creates the CloudFront invalidation after a deploy; cloudfront:CreateInvalidation takes no resource-level condition in CDK's grant.",
      ],
      [
        "AwsSolutions-L1",
        "CDK's BucketDeployment provider runs on the runtime CDK pins for it (Python, with the AWS CLI inside), at deploy time only; it is upgraded with aws-cdk-lib.",
      ],
      [
        "Serverless-LambdaDLQ",
        "CDK's BucketDeployment provider is a CloudFormation custom resource: a failure fails the deploy, which is its report.",
      ],
      [
        "Serverless-LambdaTracing",
        "CDK's BucketDeployment provider runs once per deploy; a failed copy fails the deploy with its log.",
      ],
      [
        "Serverless-LambdaLatestVersion",
        "CDK's BucketDeployment provider runs on the runtime version CDK pins for it; it is upgraded with aws-cdk-lib.",
      ],
      [
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
        "CDK's BucketDeployment provider reads the page's zipped asset from the CDK bootstrap asset bucket, whose objects CDK names by content hash.",
      ],
      [
        `AwsSolutions-IAM5[Resource::${nagArn(this.bucket)}/*]`,
        "CDK's BucketDeployment provider writes and prunes the page's files in the site bucket, which holds nothing else.",
      ],
    ] as const)
      acknowledge(provider, finding, reason);
    void deployment;
  }
}
