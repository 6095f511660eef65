/**
 * SecretStore on SSM Parameter Store: one SecureString per chat or webhook subscriber, under
 * `/strikewatch/<deployment>/subscribers/<id>`, encrypted with the account's AWS-managed key
 * (alias/aws/ssm). The notifier may read that path only; the CLI (the operator's credentials)
 * creates and deletes. Values are never logged or put in an error message.
 */
import {
  DeleteParameterCommand,
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  type SSMClient,
} from "@aws-sdk/client-ssm";
import { parseSecret, SecretNotFoundError, type SecretStore } from "../subscriptions/ports.js";
import type { SubscriberSecret } from "../subscriptions/record.js";

/** Subscribers' secrets as SecureString parameters. */
export class SsmSecretStore implements SecretStore {
  constructor(private readonly ssm: SSMClient) {}

  async put(name: string, secret: SubscriberSecret): Promise<void> {
    await this.ssm.send(
      new PutParameterCommand({
        Name: name,
        Type: "SecureString",
        Value: JSON.stringify(secret),
        Overwrite: false,
        Description: "StrikeWatch subscriber secret (strikewatch subscribe)",
      }),
    );
  }

  async get(name: string): Promise<SubscriberSecret> {
    try {
      const { Parameter } = await this.ssm.send(
        new GetParameterCommand({ Name: name, WithDecryption: true }),
      );
      if (Parameter?.Value === undefined) throw new SecretNotFoundError(name);
      return parseSecret(name, Parameter.Value);
    } catch (error) {
      if (error instanceof ParameterNotFound) throw new SecretNotFoundError(name);
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.ssm.send(new DeleteParameterCommand({ Name: name }));
    } catch (error) {
      if (!(error instanceof ParameterNotFound)) throw error;
    }
  }
}
