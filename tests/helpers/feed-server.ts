/** Test helper: a tiny HTTP server on 127.0.0.1 serving fixture feeds by path. Never the internet. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A route: a body with a content type, or a handler for odd behaviour (status codes, slowness). */
export type Route =
  | { body: string | Buffer; type?: string; status?: number }
  | ((request: IncomingMessage, response: ServerResponse) => void);

/** A running fixture server; `url(path)` gives the absolute URL of a route. */
export interface FeedServer {
  url(path: string): string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves `routes` on 127.0.0.1 at a random port; unknown paths answer 404. */
export async function serveFeeds(routes: Record<string, Route>): Promise<FeedServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? "");
    const route = routes[request.url ?? ""];
    if (!route) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (typeof route === "function") {
      route(request, response);
      return;
    }
    response.writeHead(route.status ?? 200, {
      "content-type": route.type ?? "application/rss+xml; charset=utf-8",
    });
    response.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
