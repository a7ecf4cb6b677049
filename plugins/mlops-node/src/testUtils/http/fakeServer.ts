import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { http, type RequestHandler } from 'msw';

/** A fake upstream as a Fetch API handler: `undefined` when the request is not its own. @public */
export type FakeUpstreamHandler = (
  request: Request,
) => Promise<Response | undefined>;

/** A fake upstream served on loopback HTTP, for code that runs in another process. @public */
export interface ListeningFake {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
}

/** msw handlers answering every request under `baseUrl` with the fake. */
export function mswHandlers(
  baseUrl: string,
  handle: FakeUpstreamHandler,
): RequestHandler[] {
  return [
    http.all(`${baseUrl.replace(/\/+$/, '')}/*`, ({ request }) =>
      handle(request),
    ),
  ];
}

/**
 * Serves a fake on a free loopback port with Node's HTTP server, so a backend
 * started in another process (the benchmark, the replica test) can call it.
 * Requests the fake does not answer get a 404.
 */
/** @public */
export async function listenOnLoopback(
  handle: FakeUpstreamHandler,
): Promise<ListeningFake> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(key, value);
    }
    const hasBody =
      req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0;
    const request = new Request(
      `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`,
      {
        method: req.method,
        headers,
        body: hasBody ? Buffer.concat(chunks) : undefined,
      },
    );
    const response =
      (await handle(request)) ?? new Response('not found', { status: 404 });
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, {
      'Content-Type':
        response.headers.get('content-type') ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback server that resets every connection, counting them. @public */
export interface ResettingServer extends ListeningFake {
  /** Connections accepted (and reset) so far. */
  readonly connections: number;
}

/**
 * A loopback TCP server that destroys every connection on arrival: the
 * connection reset a fake HTTP answer (or msw) cannot produce.
 *
 * @public
 */
export async function listenResetting(): Promise<ResettingServer> {
  let connections = 0;
  const server = createTcpServer(socket => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** A JSON response with the status given. */
export const json = (body: unknown, status = 200) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
