import { CaseMap, ok, Subject } from '../scope-world';
import { listed } from './parties';

/**
 * 渠道与推广活动: the scope cases of /channels (with their maintenance plans) and /campaigns. A
 * channel belongs to whoever opened it, in their department — channel.read by department,
 * channel.manage own (大客户专员), team (大客户主管) or department (市场主管); its plans go with it.
 * A campaign belongs to its planner — campaign.read and campaign.manage by department.
 */

let serial = 0;
const name = (what: string) => `范围测试${what} ${(serial += 1)}`;
const plan = () => ({ title: name('维护方案'), periodFrom: '2026-12-01', periodTo: '2026-12-31', actions: '走访与培训' });

export const subjects: Record<string, Subject> = {
  /** A channel opened by its owner; `inactive` stopped; `plan` with a planned maintenance plan. */
  channel: {
    table: 'channels',
    owners: ['market.supervisor', 'market.supervisor#2', 'key_account.supervisor', 'key_account.supervisor#2', 'key_account.specialist', 'key_account.specialist#2'],
    async make(w, owner, state) {
      const res = ok(await w.as(owner).post('/channels', { name: name('渠道'), kind: 'agent' }), `channel of ${owner.key}`);
      const id = res.body.id as string;
      if (state === 'inactive') ok(await w.as(owner).post(`/channels/${id}/deactivate`), 'deactivate');
      if (state !== 'plan') return { id, version: state === 'inactive' ? 2 : 1 };
      const p = ok(await w.as(owner).post(`/channels/${id}/plans`, plan()), 'plan');
      return { id, version: 1, planId: p.body.id as string, planVersion: p.body.version as number };
    },
  },
  /** A campaign planned by its owner (a 主管); `running` once started. */
  campaign: {
    table: 'campaigns',
    owners: ['market.supervisor', 'market.supervisor#2', 'key_account.supervisor', 'key_account.supervisor#2'],
    async make(w, owner, state) {
      const res = ok(await w.as(owner).post('/campaigns', { name: name('推广活动'), startDate: '2026-12-01', endDate: '2026-12-31', budget: '10000.00' }), `campaign of ${owner.key}`);
      const id = res.body.id as string;
      if (state === 'running') ok(await w.as(owner).post(`/campaigns/${id}/start`), 'start');
      return { id, version: state === 'running' ? 2 : 1 };
    },
  },
};

export const cases: CaseMap = {
  'POST /api/v1/channels': { kind: 'open', reason: 'a new channel of the caller’s own', call: (w, a) => w.as(a).post('/channels', { name: name('新渠道'), kind: 'online' }) },
  'GET /api/v1/channels': { kind: 'list', subject: 'channel', call: (w, a, m) => w.as(a).get(`/channels?ownerId=${m.owner.id}&pageSize=100`), contains: listed },
  'GET /api/v1/channels/:id': { kind: 'item', subject: 'channel', call: (w, a, m) => w.as(a).get(`/channels/${m.id}`) },
  'PATCH /api/v1/channels/:id': { kind: 'item', subject: 'channel', fresh: true, call: (w, a, m) => w.as(a).patch(`/channels/${m.id}`, { version: m.version as number, region: '华东' }) },
  'POST /api/v1/channels/:id/deactivate': { kind: 'item', subject: 'channel', fresh: true, call: (w, a, m) => w.as(a).post(`/channels/${m.id}/deactivate`) },
  'POST /api/v1/channels/:id/activate': { kind: 'item', subject: 'channel', state: 'inactive', fresh: true, call: (w, a, m) => w.as(a).post(`/channels/${m.id}/activate`) },
  'GET /api/v1/channels/:id/evaluation': { kind: 'item', subject: 'channel', call: (w, a, m) => w.as(a).get(`/channels/${m.id}/evaluation`) },
  'GET /api/v1/channels/:id/plans': { kind: 'item', subject: 'channel', state: 'plan', call: (w, a, m) => w.as(a).get(`/channels/${m.id}/plans`) },
  'POST /api/v1/channels/:id/plans': { kind: 'item', subject: 'channel', fresh: true, call: (w, a, m) => w.as(a).post(`/channels/${m.id}/plans`, plan()) },
  'PATCH /api/v1/channels/:id/plans/:planId': {
    kind: 'item',
    subject: 'channel',
    state: 'plan',
    fresh: true,
    call: (w, a, m) => w.as(a).patch(`/channels/${m.id}/plans/${String(m.planId)}`, { version: m.planVersion as number, actions: '走访、培训与联合推广' }),
  },
  'POST /api/v1/channels/:id/plans/:planId/complete': {
    kind: 'item',
    subject: 'channel',
    state: 'plan',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/channels/${m.id}/plans/${String(m.planId)}/complete`, { result: '走访 5 家' }),
  },
  'POST /api/v1/channels/:id/plans/:planId/cancel': {
    kind: 'item',
    subject: 'channel',
    state: 'plan',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/channels/${m.id}/plans/${String(m.planId)}/cancel`, {}),
  },

  'POST /api/v1/campaigns': {
    kind: 'open',
    reason: 'a new campaign planned by the caller',
    call: (w, a) => w.as(a).post('/campaigns', { name: name('新推广活动'), startDate: '2026-12-01', endDate: '2026-12-31', budget: '5000.00' }),
  },
  'GET /api/v1/campaigns': { kind: 'list', subject: 'campaign', call: (w, a, m) => w.as(a).get(`/campaigns?ownerId=${m.owner.id}&pageSize=100`), contains: listed },
  'GET /api/v1/campaigns/:id': { kind: 'item', subject: 'campaign', call: (w, a, m) => w.as(a).get(`/campaigns/${m.id}`) },
  'GET /api/v1/campaigns/:id/evaluation': { kind: 'item', subject: 'campaign', call: (w, a, m) => w.as(a).get(`/campaigns/${m.id}/evaluation`) },
  'PATCH /api/v1/campaigns/:id': { kind: 'item', subject: 'campaign', fresh: true, call: (w, a, m) => w.as(a).patch(`/campaigns/${m.id}`, { version: m.version as number, budget: '12000.00' }) },
  'POST /api/v1/campaigns/:id/start': { kind: 'item', subject: 'campaign', fresh: true, call: (w, a, m) => w.as(a).post(`/campaigns/${m.id}/start`) },
  'POST /api/v1/campaigns/:id/finish': {
    kind: 'item',
    subject: 'campaign',
    state: 'running',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/campaigns/${m.id}/finish`, { conclusion: '范围测试总结' }),
  },
  'POST /api/v1/campaigns/:id/cancel': { kind: 'item', subject: 'campaign', fresh: true, call: (w, a, m) => w.as(a).post(`/campaigns/${m.id}/cancel`, { reason: '范围测试取消' }) },
};
