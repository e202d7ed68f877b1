import { createHash } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { KeyCache } from '../../src/keys/cache.js';
import { runKeysCommand } from '../../src/keys/cli.js';
import { sampleArticle } from '../support/fixtures.js';
import { startTestApp, useTestApp, withKey } from '../support/app.js';

const t = useTestApp();

async function createKey(scopes: string[], name?: string): Promise<{ id: string; key: string; prefix: string }> {
  const res = await t
    .api()
    .post('/v1/keys')
    .send({ scopes, ...(name ? { name } : {}) })
    .expect(201);
  expect(res.headers['cache-control']).toBe('no-store');
  return res.body;
}

function expectProblem(res: request.Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type, status });
}

/** A 401 says where keys come from: the keys command, with the service's database, or POST /v1/keys. */
function expectWhereKeysComeFrom(detail: string) {
  expect(detail).toContain('`npm run --silent keys -- create --scopes read,write`');
  expect(detail).toContain('the database the service uses');
  expect(detail).toContain('POST /v1/keys');
}

describe('authentication', () => {
  it('asks for a key with 401 and WWW-Authenticate: Bearer', async () => {
    for (const [method, path] of [
      ['get', '/v1/articles'],
      ['post', '/v1/articles'],
      ['get', '/v1/keys'],
      ['post', '/v1/extract'],
    ] as const) {
      const res = await request(t.app.server)
        [method](path)
        .send(method === 'post' ? sampleArticle() : undefined);
      expectProblem(res, 401, 'http://localhost:3000/problems/unauthorized');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="quotes"');
      expectWhereKeysComeFrom(res.body.detail);
    }
  });

  it.each([
    ['an unknown key', 'Bearer qak_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['another scheme', `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['an empty bearer', 'Bearer '],
    ['a key with spaces inside', 'Bearer two words'],
  ])('refuses %s with 401 invalid_token', async (_name, header) => {
    const res = await request(t.app.server).get('/v1/articles').set('authorization', header);
    expectProblem(res, 401, 'http://localhost:3000/problems/unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="quotes", error="invalid_token"$/);
    expect(res.body.detail).toMatch(/^The API key is not valid: it is malformed, unknown or revoked\. /);
    expectWhereKeysComeFrom(res.body.detail);
  });

  it('keeps health, the OpenAPI document and the docs public', async () => {
    await request(t.app.server).get('/health/live').expect(200);
    await request(t.app.server).get('/health/ready').expect(200);
    await request(t.app.server).get('/openapi.json').expect(200);
    await request(t.app.server).get('/docs/').expect(200);
  });
});

describe('scopes', () => {
  it('lets a read key read and extract, and refuses it writes with 403', async () => {
    const { key } = await createKey(['read'], 'reader');
    await withKey(t.app, key).get('/v1/articles').expect(200);
    await withKey(t.app, key).post('/v1/extract').send({ text: '"Yes," she said.' }).expect(200);
    const before = await t.app.db.prisma.article.count();
    const res = await withKey(t.app, key).post('/v1/articles').send(sampleArticle());
    expectProblem(res, 403, 'http://localhost:3000/problems/forbidden');
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope", scope="write"');
    expectProblem(await withKey(t.app, key).get('/v1/keys'), 403, 'http://localhost:3000/problems/forbidden');
    expect(await t.app.db.prisma.article.count()).toBe(before);
  });

  it('lets a write key write, and nothing more than its scopes say', async () => {
    const { key } = await createKey(['write']);
    const created = await withKey(t.app, key).post('/v1/articles').send(sampleArticle()).expect(201);
    expectProblem(
      await withKey(t.app, key).get(`/v1/articles/${created.body.id}`),
      403,
      'http://localhost:3000/problems/forbidden',
    );
    await withKey(t.app, key).delete(`/v1/articles/${created.body.id}`).expect(204);
    expectProblem(
      await withKey(t.app, key)
        .post('/v1/keys')
        .send({ scopes: ['admin'] }),
      403,
      'http://localhost:3000/problems/forbidden',
    );
  });

  it('lets an admin key manage keys, and a revoked key stops working at once', async () => {
    const admin = await createKey(['admin']);
    const made = await withKey(t.app, admin.key)
      .post('/v1/keys')
      .send({ name: 'to revoke', scopes: ['read', 'read'] })
      .expect(201);
    expect(made.body).toMatchObject({ name: 'to revoke', scopes: ['read'], revokedAt: null });
    expect(made.body.key).toMatch(/^qak_[A-Za-z0-9_-]{43}$/);
    expect(made.body.key.startsWith(made.body.prefix)).toBe(true);
    await withKey(t.app, made.body.key).get('/v1/articles').expect(200);

    const listed = await withKey(t.app, admin.key).get('/v1/keys').query({ limit: 100 }).expect(200);
    const entry = listed.body.items.find((k: { id: string }) => k.id === made.body.id);
    expect(entry).toMatchObject({ prefix: made.body.prefix, scopes: ['read'] });
    expect(JSON.stringify(listed.body)).not.toContain(made.body.key);

    const revoked = await withKey(t.app, admin.key).delete(`/v1/keys/${made.body.id}`).expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const again = await withKey(t.app, admin.key).delete(`/v1/keys/${made.body.id}`).expect(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expectProblem(
      await withKey(t.app, made.body.key).get('/v1/articles'),
      401,
      'http://localhost:3000/problems/unauthorized',
    );
    expectProblem(
      await t.api().delete('/v1/keys/00000000-0000-4000-8000-000000000000'),
      404,
      'http://localhost:3000/problems/not-found',
    );
  });

  it('looks a stored key up once, and forgets it when the keys change in any process', async () => {
    await expect.poll(() => t.app.apiKeys.keepsCallers).toBe(true);
    const pool = t.app.db.primary.pool;
    const forget = vi.spyOn(KeyCache.prototype, 'forget');
    const { id, key } = await createKey(['read']);
    // The key's own change notice can arrive after the create request has answered,
    // and would wipe what the first request keeps. Notices arrive in commit order, so
    // once a notice sent now is heard, the key's has been too: the cache forgets once
    // for the create itself and once for each notice.
    await pool.query('NOTIFY api_keys');
    await expect.poll(() => forget.mock.calls.length).toBeGreaterThanOrEqual(3);
    forget.mockRestore();
    await withKey(t.app, key).get('/v1/articles').expect(200);
    // A revocation the service is not told of: the caller it kept still answers, so the key was not read again.
    await pool.query('ALTER TABLE api_keys DISABLE TRIGGER api_keys_changed');
    try {
      await pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
    } finally {
      await pool.query('ALTER TABLE api_keys ENABLE TRIGGER api_keys_changed');
    }
    await withKey(t.app, key).get('/v1/articles').expect(200);
    // A change from another connection, as the keys command makes it: announced on commit, and heard.
    await pool.query('UPDATE api_keys SET name = name WHERE id = $1', [id]);
    await expect.poll(async () => (await withKey(t.app, key).get('/v1/articles')).status, { timeout: 2000 }).toBe(401);
  });

  it('stores keys hashed: the database never holds a key', async () => {
    const { id, key } = await createKey(['read']);
    const rows = await t.app.db.prisma.$queryRaw<
      Record<string, unknown>[]
    >`SELECT * FROM api_keys WHERE id = ${id}::uuid`;
    expect(rows[0]!.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(key.slice(12));
  });

  it('validates key requests', async () => {
    expectProblem(
      await t.api().post('/v1/keys').send({ scopes: [] }),
      400,
      'http://localhost:3000/problems/validation',
    );
    expectProblem(
      await t
        .api()
        .post('/v1/keys')
        .send({ scopes: ['root'] }),
      400,
      'http://localhost:3000/problems/validation',
    );
    expectProblem(
      await t.api().get('/v1/keys').query({ cursor: 'nope' }),
      400,
      'http://localhost:3000/problems/invalid-cursor',
    );
  });
});

describe('PUBLIC_READ=true', () => {
  it('answers reads without a key but still needs one for writes, and refuses bad keys', async () => {
    const open = await startTestApp({ PUBLIC_READ: 'true' });
    try {
      await request(open.app.server).get('/v1/articles').expect(200);
      await request(open.app.server).get('/v1/speakers').query({ q: 'x' }).expect(200);
      expectProblem(
        await request(open.app.server).post('/v1/articles').send(sampleArticle()),
        401,
        'http://localhost:3000/problems/unauthorized',
      );
      expectProblem(await request(open.app.server).get('/v1/keys'), 401, 'http://localhost:3000/problems/unauthorized');
      expectProblem(
        await request(open.app.server).get('/v1/articles').set('authorization', 'Bearer wrong'),
        401,
        'http://localhost:3000/problems/unauthorized',
      );
      expect(await open.app.db.prisma.article.count()).toBe(0);
    } finally {
      await open.close();
    }
  });
});

describe('the keys command', () => {
  function capture() {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } },
    };
  }
  const env = () => ({ DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' });

  it('creates a key that works over HTTP, lists it, and revokes it', async () => {
    const created = capture();
    expect(await runKeysCommand(['create', '--scopes', 'read,write', '--name', 'newsroom'], created.io, env())).toBe(0);
    const key = created.out.stdout.trim();
    expect(key).toMatch(/^qak_[A-Za-z0-9_-]{43}$/);
    expect(created.out.stderr).not.toContain(key);
    // It says which database it wrote to, without the password of its URL.
    const shown = new URL(t.db.url);
    shown.password = '';
    expect(created.out.stderr).toContain(`in the database ${shown.toString()} (DATABASE_URL).`);
    if (new URL(t.db.url).password) expect(created.out.stderr).not.toContain(`:${new URL(t.db.url).password}@`);
    await withKey(t.app, key).get('/v1/articles').expect(200);
    await withKey(t.app, key)
      .post('/v1/speakers')
      .send({ name: `Cli Speaker ${Date.now()}` })
      .expect(201);

    const listed = capture();
    expect(await runKeysCommand(['list'], listed.io, env())).toBe(0);
    const lines = listed.out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const mine = lines.find((k) => k.name === 'newsroom');
    expect(mine).toMatchObject({ scopes: ['read', 'write'], revokedAt: null });
    expect(listed.out.stdout).not.toContain(key);

    expect(listed.out.stderr).toMatch(/^\d+ keys? in the database postgres(ql)?:\/\/.+ \(DATABASE_URL\)\.\n$/);

    const revoked = capture();
    expect(await runKeysCommand(['revoke', mine.id], revoked.io, env())).toBe(0);
    expect(revoked.out.stderr).toContain(`Revoked key ${mine.id}`);
    expect(revoked.out.stderr).toContain('in the database');
    expectProblem(await withKey(t.app, key).get('/v1/articles'), 401, 'http://localhost:3000/problems/unauthorized');
  });

  it.each([
    [['create'], 2],
    [['create', '--scopes', 'read,root'], 2],
    [['create', '--scopes', 'read', '--colour', 'red'], 2],
    [['revoke'], 2],
    [['revoke', 'not-an-id'], 2],
    [['launch'], 2],
    [[], 2],
    [['revoke', '00000000-0000-4000-8000-000000000000'], 1],
  ])('answers %j with exit code %i and a message', async (argv, code) => {
    const run = capture();
    expect(await runKeysCommand(argv, run.io, env())).toBe(code);
    expect(run.out.stderr.length).toBeGreaterThan(0);
    expect(run.out.stdout).toBe('');
  });

  it('names the database it searched for a key it does not find', async () => {
    const run = capture();
    expect(await runKeysCommand(['revoke', '00000000-0000-4000-8000-000000000000'], run.io, env())).toBe(1);
    expect(run.out.stderr).toMatch(/\(searched the database postgres(ql)?:\/\/.+ \(DATABASE_URL\)\)\n$/);
  });

  it('shows in its usage how to pass options through npm', async () => {
    const run = capture();
    expect(await runKeysCommand(['create'], run.io, env())).toBe(2);
    expect(run.out.stderr).toContain('npm run --silent keys -- create --scopes read,write');
  });
});
