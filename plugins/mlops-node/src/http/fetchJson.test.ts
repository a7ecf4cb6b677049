import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  fetchJson,
  HttpFailure,
  isConnectionReset,
  networkErrorCode,
  parseErrorBody,
} from './fetchJson';

const URL_ = 'https://upstream.example.com/api/thing';
const server = setupServer();
registerMswTestHooks(server);

/** Runs a call and gives the failure `toError` received (or the body on success). */
async function outcome(request: Parameters<typeof fetchJson>[0]) {
  let failure: HttpFailure | undefined;
  try {
    const answer = await fetchJson(request, f => {
      failure = f;
      return new Error(f.kind);
    });
    return { answer };
  } catch (error) {
    return { failure, error };
  }
}

describe('fetchJson', () => {
  it("returns the status and the parsed body, sending JSON and the caller's headers", async () => {
    let seen: Request | undefined;
    server.use(
      http.post(URL_, async ({ request }) => {
        seen = request.clone();
        return HttpResponse.json({ ok: 1 }, { status: 201 });
      }),
    );
    await expect(
      outcome({
        url: URL_,
        method: 'POST',
        body: { a: 1 },
        headers: { Authorization: 'Bearer t' },
      }),
    ).resolves.toEqual({ answer: { status: 201, body: { ok: 1 } } });
    expect(seen!.headers.get('content-type')).toBe('application/json');
    expect(seen!.headers.get('accept')).toBe('application/json');
    expect(seen!.headers.get('authorization')).toBe('Bearer t');
    await expect(seen!.json()).resolves.toEqual({ a: 1 });
  });

  it('gives no body for an empty answer and for an accepted status', async () => {
    server.use(
      http.get(URL_, () => new HttpResponse(null, { status: 200 })),
      http.get(`${URL_}/absent`, () =>
        HttpResponse.json({ kind: 'Status' }, { status: 404 }),
      ),
    );
    await expect(outcome({ url: URL_ })).resolves.toEqual({
      answer: { status: 200, body: undefined },
    });
    await expect(
      outcome({ url: `${URL_}/absent`, acceptStatus: [404] }),
    ).resolves.toEqual({
      answer: { status: 404, body: undefined },
    });
  });

  it('hands an error status with its body text to toError, never the request headers', async () => {
    server.use(
      http.get(URL_, () =>
        HttpResponse.json({ message: 'nope' }, { status: 403 }),
      ),
    );
    const { failure, error } = await outcome({
      url: URL_,
      headers: { Authorization: 'Bearer secret' },
    });
    expect(failure).toEqual({
      kind: 'status',
      status: 403,
      text: '{"message":"nope"}',
    });
    expect(JSON.stringify(failure)).not.toContain('secret');
    expect((error as Error).message).toBe('status');
  });

  it('says invalid-json for a 2xx body that is not JSON', async () => {
    server.use(
      http.get(
        URL_,
        () => new HttpResponse('<html>proxy</html>', { status: 200 }),
      ),
    );
    expect((await outcome({ url: URL_ })).failure).toEqual({
      kind: 'invalid-json',
      status: 200,
    });
  });

  it('tells its own timeout from the caller aborting', async () => {
    server.use(
      http.get(URL_, async () => {
        await delay(2000);
        return HttpResponse.json({});
      }),
    );
    expect((await outcome({ url: URL_, timeoutMs: 20 })).failure).toEqual({
      kind: 'timeout',
      timeoutMs: 20,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(
      (await outcome({ url: URL_, signal: controller.signal })).failure,
    ).toEqual({
      kind: 'aborted',
    });
  });

  it('reports a connection failure as network', async () => {
    server.use(http.get(URL_, () => HttpResponse.error()));
    expect((await outcome({ url: URL_ })).failure).toMatchObject({
      kind: 'network',
    });
  });
});

describe('networkErrorCode and isConnectionReset', () => {
  it('finds the Node code undici nests in cause', () => {
    const nested = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }),
    });
    expect(networkErrorCode(nested)).toBe('ECONNRESET');
    expect(networkErrorCode(new Error('plain'))).toBeUndefined();
    expect(isConnectionReset('ECONNRESET')).toBe(true);
    expect(isConnectionReset('UND_ERR_SOCKET')).toBe(true);
    expect(isConnectionReset('ECONNREFUSED')).toBe(false);
    expect(isConnectionReset(undefined)).toBe(false);
  });

  it('parses error bodies, undefined when they are not JSON objects', () => {
    expect(parseErrorBody('{"error_code":"X"}')).toEqual({ error_code: 'X' });
    expect(parseErrorBody('<html>')).toBeUndefined();
    expect(parseErrorBody('"text"')).toBeUndefined();
  });
});
