import { createTransport } from 'nodemailer';
import type { NotifyConfig } from '../../config/configuration';
import { webhookBody, type Outgoing } from './notification-messages';

/**
 * The two ways a message leaves (SPEC §14): e-mail over SMTP (nodemailer, `SMTP_URL`) and a POST
 * to a group robot (`NOTIFY_WEBHOOK_URL`). Each call either resolves with the peer's answer or
 * throws; both stop at the configured time limit. Every message carries its outbox id — the
 * e-mail's Message-ID `<id@zhize-crm>` and the header `X-Zhize-Delivery` — so a peer that sees it
 * twice can tell.
 */

export const DELIVERY_HEADER = 'X-Zhize-Delivery';
export const messageIdOf = (id: string) => `<${id}@zhize-crm>`;

export async function sendEmail(cfg: NotifyConfig, to: string, o: Outgoing): Promise<string> {
  if (!cfg.smtpUrl) throw new Error('未配置 SMTP_URL');
  const t = cfg.timeoutMs;
  // one connection per message: nothing is left open between the sender's runs
  const transport = createTransport({ url: cfg.smtpUrl, connectionTimeout: t, greetingTimeout: t, socketTimeout: t, socketCloseTimeout: 0 });
  try {
    const info = await transport.sendMail({
      from: cfg.smtpFrom,
      to,
      subject: o.subject,
      text: o.body,
      messageId: messageIdOf(o.id),
      headers: { [DELIVERY_HEADER]: o.id },
      signal: AbortSignal.timeout(t),
    });
    return String(info.response ?? '已接受').slice(0, 500);
  } catch (err) {
    throw new Error(`邮件发送失败：${describe(err)}`);
  } finally {
    transport.close();
  }
}

export async function postWebhook(cfg: NotifyConfig, o: Outgoing): Promise<string> {
  if (!cfg.webhookUrl) throw new Error('未配置 NOTIFY_WEBHOOK_URL');
  let res: Response;
  let text: string;
  try {
    res = await fetch(cfg.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DELIVERY_HEADER]: o.id },
      body: JSON.stringify(webhookBody(o, cfg.webhookKind)),
      redirect: 'error',
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    text = (await res.text()).slice(0, 400);
  } catch (err) {
    throw new Error(`Webhook 请求失败：${describe(err)}`);
  }
  if (!res.ok) throw new Error(`Webhook 返回 HTTP ${res.status}：${text}`);
  // 企业微信 and 钉钉 answer 200 with {errcode, errmsg}; anything but errcode 0 is a refusal
  let errcode: unknown;
  try {
    errcode = (JSON.parse(text) as { errcode?: unknown }).errcode;
  } catch {
    errcode = undefined;
  }
  if (errcode !== undefined && errcode !== 0) throw new Error(`Webhook 机器人拒绝了消息：${text}`);
  return `HTTP ${res.status} ${text}`.slice(0, 500);
}

/** A transport error in a line: the time limit, the network code, or the peer's words. */
function describe(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'ETIMEDOUT') return '超时';
  // fetch reports 'fetch failed' and puts the reason in its cause
  if (e.cause?.code || e.cause?.message) return `${e.cause.code ?? ''} ${e.cause.message ?? ''}`.trim().slice(0, 500);
  if (e.code) return `${e.code} ${e.message ?? ''}`.trim().slice(0, 500);
  return String(e.message ?? err).slice(0, 500);
}
