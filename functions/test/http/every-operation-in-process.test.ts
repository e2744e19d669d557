/**
 * What the app-wide middleware answers on every operation before routing and
 * authentication, checked on createApp() served in-process (the Functions
 * runtime parses bodies itself before our app runs, so through the emulator
 * these requests never reach it): a malformed JSON body is 400 MALFORMED_JSON
 * and an unsupported charset 415 UNSUPPORTED_ENCODING, on GET and DELETE too,
 * and the contract documents both for every operation.
 */
import { request } from 'node:http';
import { assertMatchesContract, concretePath, contractOperations, documentedStatuses } from '../../../test/contract';
import { serveInProcess, type InProcessApi } from '../../../test/in-process';

const operations = contractOperations();

let api: InProcessApi;
let baseUrl: string;

beforeAll(async () => {
  api = await serveInProcess();
  baseUrl = api.url;
});

afterAll(() => api.close());

/** Raw HTTP (fetch refuses bodies on GET, and these requests must carry one). */
function send(method: string, path: string, contentType: string, body: string): Promise<{ status: number; json: { code?: string } }> {
  return new Promise((done, fail) => {
    const req = request(
      `${baseUrl}${concretePath(path)}`,
      {
        method,
        headers: {
          'content-type': contentType,
          'content-length': String(Buffer.byteLength(body)),
          // A distinct client IP per request keeps the per-IP limit out of the way.
          'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string };
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
            assertMatchesContract(path, method, { status: res.statusCode ?? 0, headers }, json);
            done({ status: res.statusCode ?? 0, json });
          } catch (error) {
            fail(error);
          }
        });
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

describe.each(operations)('%s %s', (method, path) => {
  it('documents 400, 415, 429 and 500', () => {
    expect(documentedStatuses(path, method)).toEqual(expect.arrayContaining(['400', '415', '429', '500']));
  });

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const { status, json } = await send(method, path, 'application/json', '{"a": ');
    expect(status).toBe(400);
    expect(json).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('an unsupported charset → 415 UNSUPPORTED_ENCODING', async () => {
    const { status, json } = await send(method, path, 'application/json; charset=koi8-r', '{}');
    expect(status).toBe(415);
    expect(json).toMatchObject({ code: 'UNSUPPORTED_ENCODING' });
  });
});
