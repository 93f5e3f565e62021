import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backoffMs, composeMessage, consolePath, formatInstant, kindOfTask, webhookBody } from './notification-messages';

describe('notification messages', () => {
  it('files every task kind the product makes under the kind of event a user switches', () => {
    expect(kindOfTask('contract.approval')).toBe('approval');
    expect(kindOfTask('contract.gm-approval')).toBe('approval');
    expect(kindOfTask('tier.assessment')).toBe('approval');
    expect(kindOfTask('duty.revision')).toBe('approval');
    expect(kindOfTask('research-report.review')).toBe('approval');
    expect(kindOfTask('receivable.reminder')).toBe('overdue');
    expect(kindOfTask('receivable.collect')).toBe('overdue');
    expect(kindOfTask('receivable.escalation')).toBe('overdue');
    expect(kindOfTask('complaint.escalated')).toBe('complaint');
    expect(kindOfTask('complaint.assigned')).toBe('complaint');
    expect(kindOfTask('assignment.assigned')).toBe('assignment');
    expect(kindOfTask('assignment.returned')).toBe('assignment');
    expect(kindOfTask('assignment.overdue')).toBe('assignment');
    expect(kindOfTask('contract.sign')).toBe('task');
    expect(kindOfTask('contract.rejected')).toBe('task');
    expect(kindOfTask('key-account.visit')).toBe('task');
  });

  it('links an approval to its decision page and other records to their own page', () => {
    expect(consolePath('contract.approval', 'contract', 'c1')).toBe('/approvals/contracts/c1');
    expect(consolePath('contract.sign', 'contract', 'c1')).toBe('/contracts/c1');
    expect(consolePath('receivable.collect', 'receivable', 'r1')).toBe('/receivables/r1');
    expect(consolePath('assignment.returned', 'assignment', 'a1')).toBe('/assignments/a1');
    expect(consolePath('report.digest', null, null)).toBe('/tasks');
    expect(consolePath('x', 'unknown', 'u1')).toBe('/tasks');
  });

  it('writes a Chinese subject and a body with the recipient, the task, its deadline in business time and the link', () => {
    const m = composeMessage(
      { taskKind: 'contract.approval', title: '合同 HT-2026-000001「年度供货」（120000.00 元）待审核', entity: 'contract', entityId: 'c1', dueAt: new Date('2026-12-01T10:00:00Z'), recipientName: '陈静' },
      { tz: 'Asia/Shanghai', publicUrl: 'https://crm.example.com' },
    );
    expect(m.kind).toBe('approval');
    expect(m.subject).toBe('【职责 CRM】待审批：合同 HT-2026-000001「年度供货」（120000.00 元）待审核');
    expect(m.body).toContain('陈静，您好：');
    expect(m.body).toContain('截止时间：2026-12-01 18:00');
    expect(m.body).toContain('在职责 CRM 中查看：https://crm.example.com/approvals/contracts/c1');
    const noLink = composeMessage({ taskKind: 'report.digest', title: '上周销售周报已生成', entity: null, entityId: null, dueAt: null, recipientName: '王强' }, { tz: 'Asia/Shanghai', publicUrl: null });
    expect(noLink.body).not.toContain('http');
    expect(noLink.body).not.toContain('截止时间');
    expect(noLink.subject).toBe('【职责 CRM】其他待办：上周销售周报已生成');
  });

  it('keeps subjects within the column', () => {
    const m = composeMessage({ taskKind: 'task', title: '长'.repeat(400), entity: null, entityId: null, dueAt: null, recipientName: 'x' }, { tz: 'UTC', publicUrl: null });
    expect(m.subject.length).toBe(300);
    expect(m.subject.endsWith('…')).toBe(true);
  });

  it('formats an instant in the business time zone', () => {
    expect(formatInstant(new Date('2026-01-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-02-01 00:30');
    expect(formatInstant(new Date('2026-01-31T16:30:00Z'), 'UTC')).toBe('2026-01-31 16:30');
  });

  it('builds the 企业微信 and the 钉钉 robot JSON, naming the recipient and the delivery id', () => {
    const o = { id: 'd-1', kind: 'overdue' as const, subject: '【职责 CRM】应收款提醒与逾期：x', body: '…', recipientName: '李娜', title: '应收款已逾期', link: 'https://crm/receivables/r1' };
    const wecom = webhookBody(o, 'wecom') as { msgtype: string; markdown: { content: string } };
    expect(wecom.msgtype).toBe('markdown');
    expect(Object.keys(wecom.markdown)).toEqual(['content']);
    expect(wecom.markdown.content).toContain('李娜');
    expect(wecom.markdown.content).toContain('[在职责 CRM 中查看](https://crm/receivables/r1)');
    expect(wecom.markdown.content).toContain('d-1');
    const ding = webhookBody({ ...o, link: null }, 'dingtalk') as { msgtype: string; markdown: { title: string; text: string } };
    expect(ding.msgtype).toBe('markdown');
    expect(ding.markdown.title).toBe(o.subject);
    expect(ding.markdown.text).toContain('应收款已逾期');
    expect(ding.markdown.text).not.toContain('查看](');
  });

  it('backs off exponentially from the base, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(0, 1000)).toBe(1000);
    expect(backoffMs(20, 30_000)).toBe(3_600_000);
  });
});

/** Every source file under src/ (the console aside). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'web' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

describe('the outbox is written wherever tasks are made', () => {
  it('every file that inserts tasks also writes their notifications in the same code path', () => {
    const makers = sources(join(__dirname, '..')).filter((f) => /INSERT INTO tasks\b/.test(readFileSync(f, 'utf8')));
    expect(makers.length).toBeGreaterThanOrEqual(8);
    const silent = makers.filter((f) => !readFileSync(f, 'utf8').includes('outbox.enqueueTasks('));
    expect(silent).toEqual([]);
  });
});
