/**
 * Environment of a Lambda, read once at cold start. A missing or malformed variable fails the
 * cold start with its name, instead of a call failing later with `TableName: undefined`.
 */

/** A required environment variable is missing or malformed. */
export class EnvError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`environment variable ${variable} ${reason}`);
    this.name = "EnvError";
  }
}

/** The values of `names`, in order, each required and non-empty. */
export function requireEnv<const Names extends readonly string[]>(
  names: Names,
  env: Record<string, string | undefined> = process.env,
): { [K in keyof Names]: string } {
  return names.map((name) => {
    const value = env[name];
    if (value === undefined || value.trim() === "") throw new EnvError(name, "is not set");
    return value;
  }) as { [K in keyof Names]: string };
}

/** A required variable holding JSON. */
export function requireJsonEnv<T>(name: string, env: Record<string, string | undefined> = process.env): T {
  const [raw] = requireEnv([name], env);
  try {
    return JSON.parse(raw) as T;
  } catch (error) {
    throw new EnvError(name, `is not valid JSON: ${(error as Error).message}`);
  }
}

/** A required variable holding a positive number (hours, seconds). */
export function requirePositiveNumberEnv(
  name: string,
  env: Record<string, string | undefined> = process.env,
): number {
  const [raw] = requireEnv([name], env);
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new EnvError(name, `must be a positive number, not ${JSON.stringify(raw)}`);
  return value;
}
