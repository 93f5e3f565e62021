import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { CaseMap, ok, Person, Subject, World } from '../scope-world';
import { holders, uniqueName, uniquePhone } from './parties';

/** Imports from Excel: an import is read at the scope of its kind's create permission (the importer's own, for prospects). */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function oneRowFile(kind: 'customers' | 'prospects'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow([kind === 'customers' ? '客户名称' : '公司名称', '联系人', '联系电话']);
  ws.addRow([uniqueName('范围导入'), '导入人', uniquePhone()]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads a one-row file as `who` (a dry run) and waits until it is done, so the next import of the same person is not refused as busy. */
async function importAs(w: World, who: Person, kind: 'customers' | 'prospects'): Promise<Response> {
  const res = await w.t
    .http()
    .post(`/api/v1/imports/${kind}?dryRun=true`)
    .set('authorization', `Bearer ${who.token}`)
    .set('content-type', XLSX)
    .send(await oneRowFile(kind));
  if (res.status !== 202) return res;
  for (let i = 0; i < 200; i++) {
    const now = await w.as(who).get(`/imports/${kind}/${res.body.id}`);
    if (now.status !== 200 || now.body.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return res;
}

const importSubject = (kind: 'customers' | 'prospects'): Subject => ({
  table: 'imports',
  owners: holders(kind === 'customers' ? 'customer.create' : 'prospect.create'),
  async make(w, owner) {
    const res = ok(await importAs(w, owner, kind), `import ${kind}`, [202]);
    return { id: res.body.id as string };
  },
});

export const subjects: Record<string, Subject> = {
  'customer-import': importSubject('customers'),
  'prospect-import': importSubject('prospects'),
};

export const cases: CaseMap = {
  'POST /api/v1/imports/customers': { kind: 'open', reason: 'the 内勤 files customers for the whole company (SAL-6.3), as POST /customers', call: (w, a) => importAs(w, a, 'customers') },
  'GET /api/v1/imports/customers/template': { kind: 'open', reason: 'the template is the same for everyone', call: (w, a) => w.as(a).get('/imports/customers/template') },
  'GET /api/v1/imports/customers/:id': { kind: 'item', subject: 'customer-import', call: (w, a, m) => w.as(a).get(`/imports/customers/${m.id}`) },
  'GET /api/v1/imports/customers/:id/rows': { kind: 'item', subject: 'customer-import', call: (w, a, m) => w.as(a).get(`/imports/customers/${m.id}/rows`) },
  'POST /api/v1/imports/prospects': { kind: 'open', reason: 'registers prospects of the caller’s own (MKT-6.2), as POST /prospects', call: (w, a) => importAs(w, a, 'prospects') },
  'GET /api/v1/imports/prospects/template': { kind: 'open', reason: 'the template is the same for everyone', call: (w, a) => w.as(a).get('/imports/prospects/template') },
  'GET /api/v1/imports/prospects/:id': { kind: 'item', subject: 'prospect-import', call: (w, a, m) => w.as(a).get(`/imports/prospects/${m.id}`) },
  'GET /api/v1/imports/prospects/:id/rows': { kind: 'item', subject: 'prospect-import', call: (w, a, m) => w.as(a).get(`/imports/prospects/${m.id}/rows`) },
};
