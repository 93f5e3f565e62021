import { NotificationSender } from '../../src/notifications/notification-sender';
import { ADMIN_PASSWORD } from '../setup/create-test-app';
import { MailPeer, RobotPeer } from '../e2e/notification-peers';
import { button, choose } from './support/antd';
import { checkPage, describeInBrowser, journey, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

/**
 * 通知设置 and 通知发件箱 (SPEC §14): the 销售部经理 turns e-mail and one kind of event off from 我的
 * on a phone; the admin finds a failed group-robot message in the outbox by its status, reads it
 * with its attempts in the drawer and sends it again. Each step is checked through the API.
 */
describeInBrowser('通知：设置与发件箱', () => {
  let w: ConsoleWorld;
  const mail = new MailPeer();
  const robot = new RobotPeer();
  const api = async (method: 'get' | 'post' | 'patch' | 'put', path: string, body?: object, user = 'admin') => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  let managerId = '';

  beforeAll(async () => {
    await mail.start();
    await robot.start();
    w = await startConsole({ env: { SMTP_URL: mail.url, NOTIFY_WEBHOOK_URL: robot.url, NOTIFY_MAX_ATTEMPTS: '2' } });
    const manager = (await api('get', '/users?q=sales.manager')).body.items.find((u: { username: string }) => u.username === 'sales.manager');
    managerId = manager.id;
    expect((await api('patch', `/users/${manager.id}`, { version: manager.version, email: 'chen.jing@zhize.test' })).status).toBe(200);
    // whatever the demo organisation's set-up wrote (when it was seeded with these channels) goes out first
    while ((await w.t.app.get(NotificationSender).drain()).sent > 0);
  }, 180_000);
  afterAll(async () => {
    await w?.close();
    await mail.close();
    await robot.close();
  });

  /** 吴昊 drafts a contract for one of his customers and submits it: a task, and its messages, for 陈静. */
  const submitContract = async (title: string): Promise<string> => {
    const customer = (await api('get', '/customers?pageSize=1', undefined, 'sales.rep.wu')).body.items[0];
    const k = await api('post', '/contracts', { customerId: customer.id, title, amount: '56000.00', startDate: '2026-01-01', endDate: '2026-12-31', paymentPlan: [{ dueDate: '2026-06-30', amount: '56000.00' }] }, 'sales.rep.wu');
    expect(k.status).toBe(201);
    expect((await api('post', `/contracts/${k.body.id}/submit`, {}, 'sales.rep.wu')).status).toBe(200);
    return k.body.id;
  };

  it('陈静 switches e-mail and 其他待办 off from 我的 on her phone; an approval request then reaches her by the group robot only', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.manager');
      await page.goto('/me');
      await page.getByTestId('me-notifications').click();
      await page.waitForURL((u) => u.pathname === '/me/notifications');
      await page.getByText('发送到 chen.jing@zhize.test').waitFor();
      const email = page.getByRole('switch', { name: '邮件' });
      expect(await email.getAttribute('aria-checked')).toBe('true');
      await email.click();
      await page.getByRole('switch', { name: '其他待办' }).click();
      expect(await page.getByRole('switch', { name: '待审批' }).getAttribute('aria-checked')).toBe('true');
      await button(page, '保存').click();
      await page.getByTestId('settings-saved').waitFor();
      expect(await smallTapTargets(page)).toEqual([]);
      await checkPage(page, 'notification-settings');
    });
    const saved = (await api('get', '/me/notification-settings', undefined, 'sales.manager')).body;
    expect({ emailEnabled: saved.emailEnabled, webhookEnabled: saved.webhookEnabled, kinds: saved.kinds }).toEqual({
      emailEnabled: false,
      webhookEnabled: true,
      kinds: { approval: true, overdue: true, complaint: true, assignment: true, task: false },
    });
    const contract = await submitContract('通知设置之后的合同');
    const ids = (await w.t.ds.query(`SELECT id FROM notification_outbox WHERE payload->>'entityId' = $1`, [contract])).map((r: { id: string }) => r.id);
    const rows = (await api('get', `/notifications/outbox?recipientId=${managerId}&pageSize=100`)).body.items.filter((i: { id: string }) => ids.includes(i.id));
    // the administrator sees whom and how, never what the message says (business data)
    expect(rows.every((r: Record<string, unknown>) => !('subject' in r) && !('body' in r))).toBe(true);
    expect(rows.map((r: { channel: string }) => r.channel)).toEqual(['webhook']);
    expect((await api('get', `/notifications/outbox/${rows[0].id}`)).body.path).toBe(`/approvals/contracts/${contract}`);
    expect(await w.t.app.get(NotificationSender).drain()).toMatchObject({ sent: 1, failed: 0 });
  });

  it('the admin filters the outbox to the failed messages, reads one with its attempts and sends it again', async () => {
    robot.failAll = true;
    const contract = await submitContract('群机器人故障时的合同');
    const sender = w.t.app.get(NotificationSender);
    for (let i = 0; i < 2; i++) {
      await w.t.ds.query(`UPDATE notification_outbox SET next_attempt_at = now() WHERE status = 'pending' AND payload->>'entityId' = $1`, [contract]);
      await sender.drain();
    }
    robot.failAll = false;
    const failed = (await api('get', '/notifications/outbox?status=failed')).body.items;
    expect(failed).toHaveLength(1);
    const id = failed[0].id as string;

    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '通知发件箱' }).click();
      await page.waitForURL((u) => u.pathname === '/notifications');
      await page.getByTestId('outbox-status').getByText('群机器人：企业微信').waitFor();
      await choose(page, '状态', '发送失败', { scope: page.getByRole('search') });
      await page.waitForURL((u) => u.searchParams.get('status') === 'failed');
      const row = page.locator('.ant-table-tbody tr.ant-table-row');
      await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1);
      expect(await row.innerText()).toContain('待审批');
      expect(await row.innerText()).not.toContain('群机器人故障时的合同');
      expect(await row.innerText()).toContain('2 / 2');
      await checkPage(page, 'notifications-outbox');

      await row.click();
      await page.waitForURL((u) => u.pathname === `/notifications/${id}` && u.searchParams.get('status') === 'failed');
      const drawer = page.getByRole('dialog', { name: '通知详情' });
      await drawer.getByTestId('message-private').waitFor();
      expect(await drawer.innerText()).not.toContain('群机器人故障时的合同');
      expect(await drawer.getByTestId('attempt').count()).toBe(2);
      expect(await drawer.getByTestId('attempt').first().innerText()).toContain('HTTP 500');
      await checkPage(page, 'notification-detail');
      await drawer.getByRole('button', { name: '重新发送' }).click();
      await drawer.getByText('已放回待发送').waitFor();
      await drawer.getByText('待发送', { exact: true }).waitFor();
    });
    const after = (await api('get', `/notifications/outbox/${id}`)).body;
    expect({ status: after.status, maxAttempts: after.maxAttempts }).toEqual({ status: 'pending', maxAttempts: 4 });
    expect((await sender.drain()).failed).toBe(0);
    expect((await api('get', `/notifications/outbox/${id}`)).body.status).toBe('sent');
    expect(robot.callsFor(id).map((c) => c.status)).toEqual([500, 500, 200]);
  });

  it('the outbox reads on a phone: cards, the filter drawer, the message in a bottom sheet', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD, '/notifications');
      await page.waitForURL((u) => u.pathname === '/notifications');
      await page.getByText('待审批 · 陈静').first().waitFor();
      await checkPage(page, 'notifications-outbox');
      await page.getByText('待审批 · 陈静').first().click();
      await page.getByRole('dialog', { name: '通知详情' }).getByTestId('attempt').first().waitFor();
      await checkPage(page, 'notification-detail');
    });
  });
});
