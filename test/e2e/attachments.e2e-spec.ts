import { createHash, randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { grantFor } from '../../src/access/policy';
import { ROLES } from '../../src/access/roles';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { FileCase, files } from '../setup/files';
import { ALL_SUBJECTS } from '../setup/scope-cases';
import { Person, PersonKey, World } from '../setup/scope-world';
import { bearer } from '../setup/users';

/**
 * Attachments (SPEC §14): upload, list, download and delete on contracts, visits, complaints and
 * key-account assessments; the type told from the bytes (every refused kind leaves nothing
 * behind); the 20 MiB limit; the parent's scope on every operation; a signed contract's files kept;
 * the audit trail.
 */

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const isProblem = (res: Response) => /^application\/problem\+json/.test(String(res.headers['content-type'])) && res.body?.status === res.status;

/** Collects a binary response body as a Buffer. */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('attachments', () => {
  let t: TestApp;
  let w: World;

  const as = (who: Person | PersonKey) => {
    const p = typeof who === 'string' ? w.person(who) : who;
    const auth = bearer(p.token);
    return {
      upload: (parentType: string, parentId: string, body: Buffer, name = 'file.bin') =>
        t.http().post(`/api/v1/attachments?parentType=${parentType}&parentId=${parentId}`).set('authorization', auth).attach('file', body, name),
      list: (parentType: string, parentId: string) => t.http().get(`/api/v1/attachments?parentType=${parentType}&parentId=${parentId}`).set('authorization', auth),
      download: (id: string) => t.http().get(`/api/v1/attachments/${id}`).set('authorization', auth).buffer(true).parse(binary),
      remove: (id: string) => t.http().delete(`/api/v1/attachments/${id}`).set('authorization', auth),
    };
  };
  const counts = async () => (await w.sql(`SELECT (SELECT count(*) FROM attachments)::int AS a, (SELECT count(*) FROM attachment_chunks)::int AS c, (SELECT count(*) FROM audit_log WHERE entity = 'attachment')::int AS audit`))[0];

  beforeAll(async () => {
    t = await createTestApp();
    w = await World.build(t);
  }, 120_000);
  afterAll(() => t?.close());

  describe('a visit photo', () => {
    let visit: { id: string };
    beforeAll(async () => {
      visit = await ALL_SUBJECTS.visit.make(w, w.person('market.specialist'), 'default');
    });

    it('is uploaded, listed and downloaded byte for byte, with its type from the bytes and a safe name', async () => {
      const photo = files.jpeg();
      const up = await as('market.specialist').upload('visit', visit.id, photo, '客户门店 照片.JPG');
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({ parentType: 'visit', parentId: visit.id, fileName: '客户门店 照片.jpg', contentType: 'image/jpeg', sizeBytes: photo.length, sha256: sha(photo), canDelete: true });

      const list = await as('market.specialist').list('visit', visit.id);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 1, canUpload: true, locked: false, limitBytes: 20 * 1024 * 1024 });
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([up.body.id]);
      expect(list.body.items[0].uploaderName).toBe('范围测试 market.specialist');

      const down = await as('market.specialist').download(up.body.id);
      expect(down.status).toBe(200);
      expect(Buffer.compare(down.body, photo)).toBe(0);
      expect(down.headers['content-type']).toBe('image/jpeg');
      expect(down.headers['content-length']).toBe(String(photo.length));
      expect(down.headers['x-content-type-options']).toBe('nosniff');
      expect(down.headers['content-disposition']).toBe(`attachment; filename="____ __.jpg"; filename*=UTF-8''${encodeURIComponent('客户门店 照片.jpg')}`);
    });

    it('a file of several chunks comes back whole', async () => {
      const big = Buffer.concat([files.pdf(), randomBytes(700_000)]);
      const up = await as('market.specialist').upload('visit', visit.id, big, 'scan.pdf');
      expect(up.status).toBe(201);
      expect((await w.sql(`SELECT count(*)::int AS n FROM attachment_chunks WHERE attachment_id = $1`, [up.body.id]))[0].n).toBe(3);
      const down = await as('market.specialist').download(up.body.id);
      expect(sha(down.body)).toBe(sha(big));
    });

    it.each(['html', 'exe', 'svg', 'gif', 'text', 'zip', 'xlsm', 'jar', 'truncatedZip'] as FileCase[])('refuses %s, whatever its name, and keeps nothing', async (kind) => {
      const before = await counts();
      const res = await as('market.specialist').upload('visit', visit.id, files[kind](), kind === 'exe' ? 'photo.png' : `file.${kind === 'html' ? 'pdf' : 'xlsx'}`);
      expect(res.status).toBe(415);
      expect(isProblem(res)).toBe(true);
      expect(res.body.code).toBe('ATTACHMENT_TYPE_REFUSED');
      expect(await counts()).toEqual(before);
    });

    it.each(['png', 'webp', 'pdf', 'xlsx', 'docx'] as FileCase[])('accepts %s', async (kind) => {
      const res = await as('market.specialist').upload('visit', visit.id, files[kind](), 'whatever.bin');
      expect(res.status).toBe(201);
      expect(res.body.fileName).toMatch(new RegExp(`^whatever\\.${kind === 'jpeg' ? 'jpg' : kind}$`));
    });

    it('refuses an empty file, a request without a file, a bad parent and a file past 20 MiB — keeping nothing', async () => {
      const before = await counts();
      const empty = await as('market.specialist').upload('visit', visit.id, Buffer.alloc(0), 'empty.png');
      expect([empty.status, empty.body.code]).toEqual([400, 'ATTACHMENT_EMPTY']);
      const json = await t.http().post(`/api/v1/attachments?parentType=visit&parentId=${visit.id}`).set('authorization', bearer(w.person('market.specialist').token)).send({ file: 'x' });
      expect([json.status, json.body.code]).toEqual([400, 'ATTACHMENT_MISSING']);
      const badType = await as('market.specialist').upload('customer', visit.id, files.png());
      expect([badType.status, badType.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const tooBig = await as('market.specialist').upload('visit', visit.id, Buffer.concat([files.pdf(), Buffer.alloc(20 * 1024 * 1024)]), 'huge.pdf');
      expect([tooBig.status, tooBig.body.code]).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
      expect(await counts()).toEqual(before);
    });

    it('a multipart body is refused by every route that does not take files', async () => {
      const res = await t.http().post('/api/v1/visits').set('authorization', bearer(w.person('market.specialist').token)).attach('file', files.png(), 'a.png');
      expect([res.status, res.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    });

    it('follows the visit’s scope: a peer gets 404 for everything, a role without visit.read a 403', async () => {
      const [first] = (await as('market.specialist').list('visit', visit.id)).body.items;
      const peer = as('market.specialist#2');
      expect((await peer.list('visit', visit.id)).status).toBe(404);
      expect((await peer.download(first.id)).status).toBe(404);
      expect((await peer.remove(first.id)).status).toBe(404);
      expect((await peer.upload('visit', visit.id, files.png())).status).toBe(404);
      // the supervisor reads the team's visits, but only the visitor adds or removes their files
      const sup = as('market.supervisor');
      const list = await sup.list('visit', visit.id);
      expect(list.status).toBe(200);
      expect(list.body.canUpload).toBe(false);
      expect(list.body.items.every((a: { canDelete: boolean }) => !a.canDelete)).toBe(true);
      expect((await sup.download(first.id)).status).toBe(200);
      expect((await sup.remove(first.id)).status).toBe(grantFor('market.supervisor', 'visit.create') ? 404 : 403);
      const outsider = ROLES.find((r) => r !== 'admin' && !grantFor(r, 'visit.read'));
      const forbidden = outsider ? await as(outsider).list('visit', visit.id) : await as('admin').list('visit', visit.id);
      expect([forbidden.status, forbidden.body.code, forbidden.body.permission]).toEqual([403, 'PERMISSION_DENIED', 'visit.read']);
      expect((await as('admin').download(first.id)).status).toBe(403);
    });

    it('is deleted by its visitor, with the audit trail of both acts', async () => {
      const up = await as('market.specialist').upload('visit', visit.id, files.png(), 'gone.png');
      const del = await as('market.specialist').remove(up.body.id);
      expect(del.status).toBe(204);
      expect((await as('market.specialist').download(up.body.id)).status).toBe(404);
      expect((await w.sql(`SELECT count(*)::int AS n FROM attachment_chunks WHERE attachment_id = $1`, [up.body.id]))[0].n).toBe(0);
      const audit = await w.sql(`SELECT action, actor_id, before, after FROM audit_log WHERE entity = 'attachment' AND entity_id = $1 ORDER BY id`, [up.body.id]);
      expect(audit.map((a) => a.action)).toEqual(['attachment.upload', 'attachment.delete']);
      expect(audit[0].after).toMatchObject({ parentType: 'visit', parentId: visit.id, fileName: 'gone.png', contentType: 'image/png' });
      expect(audit[1].before).toMatchObject({ fileName: 'gone.png', sha256: up.body.sha256 });
      expect(audit.every((a) => a.actor_id === w.person('market.specialist').id)).toBe(true);
    });
  });

  describe('a contract’s scans (合同档案)', () => {
    it('the drafter attaches to a draft; once signed, the 内勤 still files scans but no one deletes them', async () => {
      const contract = await ALL_SUBJECTS.contract.make(w, w.person('sales.rep'), 'approved');
      const draftScan = await as('sales.rep').upload('contract', contract.id, files.pdf(), '报价单.pdf');
      expect(draftScan.status).toBe(201);
      const clerkBefore = await as('sales.clerk').list('contract', contract.id);
      expect(clerkBefore.body).toMatchObject({ canUpload: true, locked: false });

      expect((await t.http().post(`/api/v1/contracts/${contract.id}/sign`).set('authorization', bearer(w.person('sales.rep').token)).send({ signedAt: '2026-11-20' })).status).toBe(200);
      const signedScan = await as('sales.clerk').upload('contract', contract.id, files.pdf(), '合同-签字扫描件.pdf');
      expect(signedScan.status).toBe(201);
      expect(signedScan.body.canDelete).toBe(false);

      const list = await as('sales.rep').list('contract', contract.id);
      expect(list.body).toMatchObject({ total: 2, locked: true });
      expect(list.body.items.map((a: { canDelete: boolean }) => a.canDelete)).toEqual([false, false]);
      for (const [who, id] of [['sales.clerk', signedScan.body.id], ['sales.rep', draftScan.body.id]] as const) {
        const res = await as(who).remove(id);
        expect([res.status, res.body.code]).toEqual([409, 'ATTACHMENT_LOCKED']);
      }
      expect((await as('sales.rep').list('contract', contract.id)).body.total).toBe(2);
      // another department's 经理 reads contracts of their own department only: not this one, nor its files
      expect(grantFor('market.manager', 'contract.read')?.scope).toBe('department');
      expect((await as('market.manager').download(signedScan.body.id)).status).toBe(404);
      expect((await as('market.manager').list('contract', contract.id)).status).toBe(404);
    });
  });

  describe('complaint evidence and assessment material', () => {
    it('the reporter attaches evidence to a complaint; the key-account specialist material to an assessment', async () => {
      const complaint = await ALL_SUBJECTS.complaint.make(w, w.person('key_account.specialist'), 'default');
      const evidence = await as('key_account.specialist').upload('complaint', complaint.id, files.png(), '破损照片.png');
      expect(evidence.status).toBe(201);
      expect((await as('key_account.manager').list('complaint', complaint.id)).body.total).toBe(1);
      expect((await as('key_account.specialist#2').list('complaint', complaint.id)).status).toBe(grantFor('key_account.specialist', 'complaint.read')?.scope === 'own' ? 404 : 200);

      const assessment = await ALL_SUBJECTS.assessment.make(w, w.person('key_account.specialist'), 'default');
      const material = await as('key_account.specialist').upload('assessment', assessment.id, files.xlsx(), '年度采购额.xlsx');
      expect(material.status).toBe(201);
      expect(material.body.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const mgr = await as('key_account.manager').list('assessment', assessment.id);
      expect(mgr.status).toBe(200);
      expect(mgr.body.canUpload).toBe(true);
    });
  });
});
