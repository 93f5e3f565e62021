import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig, type NotifyConfig } from '../../config/configuration';
import { messageIdOf, postWebhook, sendEmail } from './channels';
import type { Outgoing } from './notification-messages';

const out: Outgoing = { id: '0b7c2d4e-1111-4222-8333-944455556666', kind: 'approval', subject: '【职责 CRM】待审批：合同 HT-2026-000001', body: '陈静，您好：\n\n合同待审核', recipientName: '陈静', title: '合同待审核', link: null };

/** A robot that answers each call with `reply` (or never, for `null`), keeping what it got. */
async function robot(reply: { status: number; body: string } | null) {
  const got: { headers: IncomingHttpHeaders; body: any }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      if (reply) res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send?key=secret`;
  return { got, url, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

const cfg = (more: Partial<NotifyConfig>): NotifyConfig => ({ ...loadConfig({}).notify, timeoutMs: 500, ...more });

describe('the group-robot webhook', () => {
  it('posts the 企业微信 markdown with the delivery header, and takes errcode 0 as delivered', async () => {
    const r = await robot({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    try {
      await expect(postWebhook(cfg({ webhookUrl: r.url }), out)).resolves.toContain('HTTP 200');
      expect(r.got[0].headers['x-zhize-delivery']).toBe(out.id);
      expect(r.got[0].body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('合同待审核') } });
      await postWebhook(cfg({ webhookUrl: r.url, webhookKind: 'dingtalk' }), out);
      expect(r.got[1].body.markdown).toEqual({ title: out.subject, text: expect.stringContaining('陈静') });
    } finally {
      await r.close();
    }
  });

  it('fails on a refusal inside a 200 (errcode ≠ 0), on an HTTP error, on silence past the time limit, and on no server', async () => {
    const refused = await robot({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    const broken = await robot({ status: 502, body: 'bad gateway' });
    const silent = await robot(null);
    try {
      await expect(postWebhook(cfg({ webhookUrl: refused.url }), out)).rejects.toThrow(/机器人拒绝了消息.*93000/);
      await expect(postWebhook(cfg({ webhookUrl: broken.url }), out)).rejects.toThrow('Webhook 返回 HTTP 502：bad gateway');
      const started = Date.now();
      await expect(postWebhook(cfg({ webhookUrl: silent.url, timeoutMs: 300 }), out)).rejects.toThrow('Webhook 请求失败：超时');
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await Promise.all([refused.close(), broken.close(), silent.close()]);
    }
    const gone = await robot(null);
    const url = gone.url;
    await gone.close();
    await expect(postWebhook(cfg({ webhookUrl: url }), out)).rejects.toThrow(/Webhook 请求失败：ECONNREFUSED/);
  });
});

describe('e-mail', () => {
  /** An SMTP server that takes mail, or holds its answer to DATA. */
  async function smtp(hold: boolean) {
    const raw: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          raw.push(Buffer.concat(chunks).toString('utf8'));
          if (!hold) callback(null);
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    return { raw, url, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it('sends with the outbox id as Message-ID and header; a server that never answers DATA is a failure at the time limit', async () => {
    const ok = await smtp(false);
    const held = await smtp(true);
    try {
      await expect(sendEmail(cfg({ smtpUrl: ok.url, smtpFrom: '职责 CRM <crm@zhize.test>' }), 'chen@zhize.test', out)).resolves.toMatch(/^250/);
      expect(ok.raw[0]).toContain(`Message-ID: ${messageIdOf(out.id)}`);
      expect(ok.raw[0]).toContain(`X-Zhize-Delivery: ${out.id}`);
      const started = Date.now();
      await expect(sendEmail(cfg({ smtpUrl: held.url, timeoutMs: 400 }), 'chen@zhize.test', out)).rejects.toThrow(/^邮件发送失败：/);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(held.raw).toHaveLength(1); // it got the whole message; the sender was never told it was taken
    } finally {
      await Promise.all([ok.close(), held.close()]);
    }
  });
});
