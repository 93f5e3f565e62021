import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ConfigError, ensureEmbeddedJwtSecret, loadConfig } from '../../config/configuration';
import { buildApp } from '../app.factory';
import { businessDate } from '../common/time';
import { companyName, DEMO_PASSWORD, DEMO_USERS, personName, pick, REGIONS, rng, SOURCES } from './demo-data';

type Json = Record<string, any>;

export interface DemoSummary {
  seeded: boolean;
  users: number;
  prospects: number;
  visits: number;
  contracts: Record<string, number>;
  overdueReceivables: number;
  keyAccounts: number;
}

/**
 * `npm run seed:demo`: a living demo organisation, made through the product's own API (so every
 * rule holds): all roles with a reporting line, a few hundred prospects, visits, contracts in every
 * state, payments, overdue receivables, key accounts and complaints. Run once on a database; a
 * second run sees the demo users and stops.
 */
export async function seedDemo(app: NestFastifyApplication, opts: { adminUsername: string; adminPassword: string; businessTz: string }, log: (line: string) => void = () => {}): Promise<DemoSummary> {
  const ds = app.get(DataSource);
  const fastify = app.getHttpAdapter().getInstance();
  const r = rng();
  const tz = opts.businessTz;
  const today = businessDate(new Date(), tz);
  const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const at = (n: number, hour = 10) => `${daysAgo(n)}T${String(hour).padStart(2, '0')}:00:00+08:00`;

  async function call(token: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object, expect = [200, 201]): Promise<Json> {
    const res = await fastify.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
    if (!expect.includes(res.statusCode)) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json();
  }

  {
    const existing = await ds.query(`SELECT 1 FROM users WHERE username = 'gm.wang'`);
    if (existing.length) return { seeded: false, users: 0, prospects: 0, visits: 0, contracts: {}, overdueReceivables: 0, keyAccounts: 0 };
    const admin: string = (await call(null, 'POST', '/auth/login', { username: opts.adminUsername, password: opts.adminPassword })).accessToken;

    // ── people ─────────────────────────────────────────────────────────
    const id: Record<string, string> = {};
    const tok: Record<string, string> = {};
    for (const u of DEMO_USERS) {
      const created = await call(admin, 'POST', '/users', {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        password: DEMO_PASSWORD,
        ...(u.supervisor ? { supervisorId: id[u.supervisor] } : {}),
      });
      id[u.username] = created.id;
      tok[u.username] = (await call(null, 'POST', '/auth/login', { username: u.username, password: DEMO_PASSWORD })).accessToken;
    }
    log(`用户 ${DEMO_USERS.length} 个`);

    // ── key-account tiers ──────────────────────────────────────────────
    const tiers = [
      { code: 'A', name: 'A 级大客户', rank: 1, minAnnualAmount: '5000000.00', visitIntervalDays: 14, complaintResponseHours: 8 },
      { code: 'B', name: 'B 级大客户', rank: 2, minAnnualAmount: '1000000.00', visitIntervalDays: 30, complaintResponseHours: 24 },
      { code: 'C', name: 'C 级大客户', rank: 3, minAnnualAmount: '300000.00', visitIntervalDays: 60, complaintResponseHours: 48 },
    ];
    for (const t of tiers) await call(tok['ka.manager'], 'POST', '/key-accounts/tiers', t);

    // ── prospects (潜在客户登记备案), evaluations, visits, conversions ────────
    let n = 0;
    const phone = () => `13${String(600000000 + ++n).padStart(9, '0')}`;
    const registrants: [string, number][] = [
      ['mkt.spec.sun', 130],
      ['mkt.spec.zhou', 120],
      ['mkt.sup.zhao', 20],
      ['ka.spec.ma', 20],
      ['ka.spec.guo', 20],
    ];
    const prospects: { id: string; owner: string }[] = [];
    for (const [who, count] of registrants) {
      for (let i = 0; i < count; i++) {
        const p = await call(tok[who], 'POST', '/prospects', {
          companyName: companyName(r, n + 1),
          contactName: personName(r),
          contactPhone: phone(),
          region: pick(r, REGIONS),
          industry: pick(r, ['制造业', '零售', '医疗', '物流', '能源', '教育', '建筑']),
          source: pick(r, SOURCES),
        });
        prospects.push({ id: p.id, owner: who });
        // registered over the last four months
        const age = Math.floor(r() * 120);
        await ds.query(`UPDATE prospects SET created_at = $2, last_activity_at = $2 WHERE id = $1`, [p.id, at(age, 9)]);
      }
    }
    const visit = (who: string, target: Json, daysBack: number) =>
      call(tok[who], 'POST', '/visits', {
        ...target,
        visitedAt: at(Math.max(1, daysBack), 9 + Math.floor(r() * 8)),
        method: pick(r, ['phone', 'in_person', 'in_person', 'video'] as const),
        purpose: pick(r, ['初次拜访，了解需求', '介绍新产品', '跟进报价', '回访使用情况', '商务洽谈']),
        summary: pick(r, ['客户对产品感兴趣，要求提供报价', '客户暂无采购计划，保持联系', '客户反馈交期偏长，希望改进', '已约定下次面谈时间', '客户内部在走审批流程']),
        ...(r() < 0.4 ? { suggestions: '希望增加本地化售后服务' } : {}),
      });
    let visits = 0;
    for (const p of prospects.filter((x, i) => i % 3 !== 0 && x.owner !== 'mkt.sup.zhao')) {
      await visit(p.owner, { prospectId: p.id }, Math.floor(r() * 60));
      visits++;
    }
    const market = prospects.filter((p) => p.owner.startsWith('mkt.spec'));
    for (const [i, p] of market.slice(0, 40).entries()) {
      const conclusion = i % 4 === 3 ? 'fail' : 'pass';
      await call(tok['mkt.sup.zhao'], 'POST', `/prospects/${p.id}/evaluations`, {
        registeredCapital: `${(1 + Math.floor(r() * 50)) * 100000}.00`,
        capitalVerified: true,
        score: conclusion === 'pass' ? 70 + Math.floor(r() * 30) : 30 + Math.floor(r() * 20),
        conclusion,
        notes: conclusion === 'pass' ? '资信良好，具备合作条件' : '资金实力不足，暂不合作',
      });
      if (conclusion === 'pass' && i < 20) await call(tok['mkt.manager'], 'POST', `/prospects/${p.id}/convert`);
    }
    // key-account prospects: evaluated by the specialists, converted by the key-account manager
    const kaCustomers: { id: string; owner: string }[] = [];
    for (const p of prospects.filter((x) => x.owner.startsWith('ka.spec')).slice(0, 12)) {
      await call(tok[p.owner], 'POST', `/prospects/${p.id}/evaluations`, { capitalVerified: true, score: 88, conclusion: 'pass', notes: '潜在大客户，符合开发条件' });
      const c = await call(tok['ka.manager'], 'POST', `/prospects/${p.id}/convert`);
      kaCustomers.push({ id: c.id, owner: p.owner });
    }
    log(`潜在客户 ${prospects.length} 家`);

    // ── customers (客户档案) and 责任分区 ─────────────────────────────────
    const reps = ['sales.rep.wu', 'sales.rep.zheng', 'sales.rep.he'];
    const salesCustomers: { id: string; owner: string }[] = [];
    for (let i = 0; i < 45; i++) {
      const c = await call(tok['sales.clerk'], 'POST', '/customers', {
        name: companyName(r, 1000 + i),
        contactName: personName(r),
        contactPhone: phone(),
        address: `${pick(r, ['高新区', '经开区', '工业园', '科技园'])}${10 + Math.floor(r() * 200)}号`,
        region: pick(r, REGIONS),
        industry: pick(r, ['制造业', '零售', '医疗', '物流', '能源']),
      });
      const owner = reps[i % reps.length];
      await call(tok['sales.manager'], 'POST', `/customers/${c.id}/assign`, { ownerId: id[owner] });
      salesCustomers.push({ id: c.id, owner });
      for (let k = 0; k < 2 + Math.floor(r() * 3); k++) {
        await visit(owner, { customerId: c.id }, Math.floor(r() * 90));
        visits++;
      }
    }

    // ── contracts in every state, payments, overdue receivables ────────
    const plan = (amount: number, signedDaysAgo: number, lines: number) => {
      const each = Math.floor(amount / lines);
      return Array.from({ length: lines }, (_, i) => ({
        dueDate: daysAgo(signedDaysAgo - 30 * (i + 1)),
        amount: `${i === lines - 1 ? amount - each * (lines - 1) : each}.00`,
      }));
    };
    const draft = async (who: string, customerId: string, amount: number, signedDaysAgo: number, title: string) =>
      call(tok[who], 'POST', '/contracts', {
        customerId,
        title,
        amount: `${amount}.00`,
        startDate: daysAgo(signedDaysAgo),
        endDate: daysAgo(signedDaysAgo - 365),
        paymentPlan: plan(amount, signedDaysAgo, 3),
      });
    const counts: Record<string, number> = {};
    const bump = (s: string) => (counts[s] = (counts[s] ?? 0) + 1);
    for (const [i, c] of salesCustomers.entries()) {
      const stage = ['signed', 'signed', 'paid', 'partly', 'draft', 'pending', 'rejected', 'approved', 'terminated', 'archived'][i % 10];
      const amount = (5 + Math.floor(r() * 60)) * 10000;
      const signedDaysAgo = 40 + Math.floor(r() * 120);
      const k = await draft(c.owner, c.id, amount, signedDaysAgo, `${pick(r, ['年度采购', '设备供应', '技术服务', '耗材供应'])}合同`);
      if (stage === 'draft') {
        bump('draft');
        continue;
      }
      await call(tok[c.owner], 'POST', `/contracts/${k.id}/submit`);
      if (stage === 'pending') {
        bump('pending_approval');
        continue;
      }
      if (stage === 'rejected') {
        await call(tok['sales.manager'], 'POST', `/contracts/${k.id}/reject`, { comment: '付款周期过长，请与客户重新商定' });
        bump('rejected');
        continue;
      }
      await call(tok['sales.manager'], 'POST', `/contracts/${k.id}/approve`, { comment: '同意' });
      if (stage === 'approved') {
        bump('approved');
        continue;
      }
      await call(tok[c.owner], 'POST', `/contracts/${k.id}/sign`, { signedAt: daysAgo(signedDaysAgo) });
      if (stage === 'paid' || stage === 'partly' || stage === 'archived') {
        const full = stage !== 'partly';
        await call(tok['sales.clerk'], 'POST', '/payments', {
          contractId: k.id,
          amount: full ? `${amount}.00` : `${Math.floor(amount / 3)}.00`,
          receivedAt: daysAgo(Math.max(1, signedDaysAgo - 35)),
          method: 'bank_transfer',
          reference: `回单-${k.number}`,
        });
      }
      if (stage === 'terminated') await call(tok['sales.manager'], 'POST', `/contracts/${k.id}/terminate`, { reason: '客户经营调整，双方协商终止' });
      if (stage === 'archived') await call(tok['sales.clerk'], 'POST', `/contracts/${k.id}/archive`, { location: `档案室 ${pick(r, ['A', 'B', 'C'])} 柜 ${1 + Math.floor(r() * 5)} 层` });
      bump(stage === 'paid' || stage === 'archived' ? 'completed' : stage === 'terminated' ? 'terminated' : 'signed');
    }
    // one above the 总经理's threshold, waiting for the gm
    const big = salesCustomers[0];
    const bigK = await draft(big.owner, big.id, 1_800_000, 30, '生产线改造总包合同');
    await call(tok[big.owner], 'POST', `/contracts/${bigK.id}/submit`);
    await call(tok['sales.manager'], 'POST', `/contracts/${bigK.id}/approve`, { comment: '金额较大，报总经理审批' });
    bump('pending_gm');
    log(`合同 ${Object.entries(counts).map(([s, c]) => `${s} ${c}`).join('，')}`);

    // ── key accounts: proposals approved by the 大客户经理 ─────────────────
    for (const [i, c] of kaCustomers.entries()) {
      const a = await call(tok[c.owner], 'POST', '/key-accounts/assessments', {
        customerId: c.id,
        proposedTierCode: ['A', 'B', 'C'][i % 3],
        reason: '客户年采购规模大，合作意向强，建议纳入大客户管理',
      });
      if (i < 9) await call(tok['ka.manager'], 'POST', `/key-accounts/assessments/${a.id}/approve`, { assigneeId: id[c.owner], comment: '同意' });
    }
    for (const c of kaCustomers.slice(0, 9)) await visit(c.owner, { customerId: c.id }, 20 + Math.floor(r() * 40));

    // ── complaints (投诉) ───────────────────────────────────────────────
    const complaint = (who: string, customerId: string, severity: string) =>
      call(tok[who], 'POST', '/complaints', {
        customerId,
        channel: pick(r, ['phone', 'email', 'visit'] as const),
        category: pick(r, ['product', 'service', 'delivery', 'billing'] as const),
        severity,
        description: pick(r, ['到货包装破损，部分产品受潮', '发票信息有误，需要重开', '售后响应慢，设备停机两天', '交货比合同约定晚了一周', '产品批次质量不稳定']),
      });
    for (const [i, c] of salesCustomers.slice(0, 12).entries()) {
      const p = await complaint(i % 2 ? c.owner : 'sales.assistant', c.id, pick(r, ['low', 'medium', 'high', 'critical']));
      if (i % 4 === 0) continue; // stays open
      await call(tok['sales.assistant'], 'POST', `/complaints/${p.id}/assign`, { assigneeId: id['sales.assistant'] });
      if (i % 4 === 1) continue; // in progress
      const compensate = i % 4 === 2;
      await call(tok[compensate ? 'sales.manager' : 'sales.assistant'], 'POST', `/complaints/${p.id}/resolve`, {
        resolution: '补发货物并致歉',
        measures: '更换承运商，出货前增加抽检',
        ...(compensate ? { compensationAmount: '3000.00' } : {}),
      });
      if (!compensate) await call(tok['sales.assistant'], 'POST', `/complaints/${p.id}/close`, { satisfaction: 3 + Math.floor(r() * 3) });
    }
    for (const c of kaCustomers.slice(0, 4)) await complaint(c.owner, c.id, 'high');
    // one long overdue, so the SLA escalation has something to flag
    await ds.query(`UPDATE complaints SET due_at = now() - interval '2 days' WHERE id = (SELECT id FROM complaints WHERE status = 'open' ORDER BY created_at LIMIT 1)`);

    // ── the daily jobs, as of today ─────────────────────────────────────
    for (const job of ['receivables.overdue-scan', 'complaints.sla-escalation', 'key-accounts.visit-reminders', 'prospects.stale-check']) {
      await call(admin, 'POST', `/jobs/${job}/run`, { asOf: today });
    }

    const [{ overdue }] = await ds.query(`SELECT count(*)::int AS overdue FROM receivables WHERE status = 'overdue'`);
    log(`拜访记录 ${visits} 条，逾期应收 ${overdue} 笔，大客户 ${kaCustomers.slice(0, 9).length} 家`);
    return { seeded: true, users: DEMO_USERS.length, prospects: prospects.length, visits, contracts: counts, overdueReceivables: overdue, keyAccounts: 9 };
  }
}

async function main(): Promise<void> {
  let config = loadConfig({ LOG_LEVEL: 'error', ...process.env, SCHEDULER: 'off' });
  if (!config.databaseUrl) config = ensureEmbeddedJwtSecret(config);
  if (!config.adminPassword) throw new Error('请通过 ADMIN_PASSWORD 提供管理员密码（空数据库上用它创建管理员；已有数据库上用它登录以创建演示账号）');
  const { app, close } = await buildApp(config);
  try {
    const summary = await seedDemo(app, { adminUsername: config.adminUsername, adminPassword: config.adminPassword, businessTz: config.businessTz }, (l) =>
      process.stdout.write(`${l}\n`),
    );
    if (!summary.seeded) {
      process.stdout.write('演示数据已存在（找到用户 gm.wang），未做任何修改。\n');
      return;
    }
    process.stdout.write(`\n演示账号（密码均为 ${DEMO_PASSWORD}）：\n`);
    for (const u of DEMO_USERS) process.stdout.write(`  ${u.username.padEnd(18)} ${u.displayName}  ${u.role}\n`);
  } finally {
    await close();
  }
}

// Run as a script (`npm run seed:demo`), not when imported by a test.
if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `演示数据生成失败: ${(err as Error).message}`);
    process.exit(1);
  });
}
