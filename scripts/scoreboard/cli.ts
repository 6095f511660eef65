/**
 * Runs the strikewatch CLI as a child process and reads its --json lines (the public contract of
 * functions/local/output.ts), and serves a folder of feeds on 127.0.0.1 for it to poll.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** The alert line of `strikewatch run --json`. */
export interface AlertLine {
  type: "alert";
  kind: "new" | "update";
  incidentId: string;
  place?: { name?: string; admin1?: string | null; country?: string };
  killed?: { min: number; approximate?: boolean } | null;
  articleIds?: string[];
  subject?: string;
}

/** The article line of `strikewatch run --json`. */
export interface ArticleLine {
  type: "article";
  id: string;
  url: string;
  title: string | null;
}

/** What one CLI run printed, read. */
export interface CliRun {
  code: number | null;
  alerts: AlertLine[];
  articles: ArticleLine[];
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node bin/strikewatch.mjs …args` in `root` and parses its JSON lines. */
export function runCli(root: string, args: string[]): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "bin/strikewatch.mjs"), ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const records = stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .flatMap((line): Array<{ type?: string }> => {
          try {
            return [JSON.parse(line) as { type?: string }];
          } catch {
            return [];
          }
        });
      resolve({
        code,
        alerts: records.filter((r): r is AlertLine => r.type === "alert"),
        articles: records.filter((r): r is ArticleLine => r.type === "article"),
        stdout,
        stderr,
        ms: performance.now() - started,
      });
    });
  });
}

/** A folder served read-only on 127.0.0.1 at an ephemeral port. */
export interface Served {
  base: string;
  close(): Promise<void>;
}

/** Serves the files of `dir` (one level, no subfolders) as RSS. */
export async function serveFolder(dir: string): Promise<Served> {
  const server: Server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? "/").slice(1).split("?")[0] ?? "");
    if (!/^[\w.-]+$/.test(name)) {
      response.writeHead(404).end();
      return;
    }
    readFile(join(dir, name)).then(
      (body) => response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
