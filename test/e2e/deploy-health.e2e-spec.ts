import { ConfigError, loadConfig } from '../../config/configuration';
import { MIGRATIONS } from '../../migrations';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken } from '../setup/users';

/**
 * What a load balancer and an orchestrator ask of an instance (SPEC §13): /health/live (the
 * process answers, no database), /health/ready (the database answers and every migration of this
 * build is applied, else 503), both without a token and outside /api/v1; and req.ip taken from
 * X-Forwarded-For only when TRUST_PROXY names the proxy.
 */
describe('health checks and the proxy in front (SPEC §13)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
  });
  afterAll(() => t?.close());

  const lastMigration = () => (new MIGRATIONS[MIGRATIONS.length - 1]() as { name: string }).name;

  it('GET /health/live is 200 without a token and reads no database', async () => {
    const res = await t.http().get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('GET /health/ready is 200 once every migration of this build is applied', async () => {
    const res = await t.http().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', database: { status: 'up', kind: t.embedded ? 'embedded' : 'postgres' }, migrations: { status: 'applied' } });
  });

  it('the checks live outside /api/v1, like /health', async () => {
    for (const path of ['/api/v1/health/live', '/api/v1/health/ready']) {
      const res = await t.http().get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await t.http().get('/health')).body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('a migration of this build missing from the database makes the instance not ready (503), while it stays live', async () => {
    const name = lastMigration();
    const [row] = await t.ds.query('SELECT id, timestamp, name FROM schema_migrations WHERE name = $1', [name]);
    expect(row).toBeDefined();
    await t.ds.query('DELETE FROM schema_migrations WHERE name = $1', [name]);
    try {
      const res = await t.http().get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'not_ready', database: { status: 'up', kind: expect.any(String) }, migrations: { status: 'pending', pending: [name] } });
      expect((await t.http().get('/health/live')).status).toBe(200);
    } finally {
      await t.ds.query('INSERT INTO schema_migrations (id, timestamp, name) VALUES ($1, $2, $3)', [row.id, row.timestamp, row.name]);
    }
    expect((await t.http().get('/health/ready')).status).toBe(200);
  });

  describe('req.ip behind a proxy (TRUST_PROXY)', () => {
    /** Creates a user as admin with the given X-Forwarded-For and returns the address the audit row recorded. */
    const auditedIp = async (app: TestApp, forwardedFor: string) => {
      const admin = await adminToken(app);
      const res = await app
        .http()
        .post('/api/v1/users')
        .set('authorization', `Bearer ${admin}`)
        .set('x-forwarded-for', forwardedFor)
        .send({ username: `ip_${Date.now()}_${Math.floor(Math.random() * 1e6)}`, displayName: '代理测试', role: 'sales.rep', password: 'Proxy-Test-Pass-2026' });
      expect(res.status).toBe(201);
      const rows: { ip: string }[] = await app.ds.query('SELECT ip FROM audit_log WHERE request_id = $1', [res.headers['x-request-id']]);
      expect(rows).toHaveLength(1);
      return rows[0].ip;
    };

    it('without TRUST_PROXY a client cannot choose its address: X-Forwarded-For is ignored', async () => {
      expect(await auditedIp(t, '203.0.113.7')).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    });

    it.each([
      ['naming the proxy', 'loopback'],
      ['as one hop (docker-compose.yml)', '1'],
    ])('with TRUST_PROXY %s, req.ip is the client the proxy saw — not what the client wrote before it', async (_label, trust) => {
      const behind = await createTestApp({ env: { LOG_LEVEL: 'silent', TRUST_PROXY: trust } });
      try {
        expect(await auditedIp(behind, '203.0.113.7')).toBe('203.0.113.7');
        // a forged first entry: the proxy appended the real peer, and only the proxy is trusted
        expect(await auditedIp(behind, '198.51.100.66, 203.0.113.8')).toBe('203.0.113.8');
      } finally {
        await behind.close();
      }
    });

    it('TRUST_PROXY, LOG_FORMAT and SHUTDOWN_TIMEOUT_SECONDS are validated with the rest of the configuration', () => {
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({}).logFormat).toBe('text');
      expect(loadConfig({}).shutdownTimeoutMs).toBe(20_000);
      for (const [name, value] of [
        ['TRUST_PROXY', 'yes-please'],
        ['TRUST_PROXY', '10.0.0.0/33'],
        ['TRUST_PROXY', '0'],
        ['LOG_FORMAT', 'xml'],
        ['SHUTDOWN_TIMEOUT_SECONDS', '0'],
      ]) {
        let error: unknown;
        try {
          loadConfig({ [name]: value });
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).message).toContain(name);
      }
    });
  });

  it('with the database gone, /health/ready is 503 and /health/live still 200', async () => {
    const other = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
    try {
      await other.ds.destroy();
      const ready = await other.http().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not_ready', database: { status: 'down' }, migrations: { status: 'unknown' } });
      expect((await other.http().get('/health/live')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
