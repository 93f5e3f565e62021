/**
 * What a notification says (SPEC §14): the kinds of event a user can switch on and off, which kind
 * a task (待办) belongs to, and the text of the e-mail and of the group-robot message. Pure functions,
 * so the wording is tested without a mail server.
 */

/** The kinds of event, in the order the settings page lists them. */
export const NOTIFICATION_KINDS = ['approval', 'overdue', 'complaint', 'assignment', 'task'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const KIND_LABELS: Record<NotificationKind, string> = {
  approval: '待审批',
  overdue: '应收款提醒与逾期',
  complaint: '投诉分派与超时',
  assignment: '交办事项',
  task: '其他待办',
};

export const CHANNELS = ['email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Task kinds that ask the person to decide something (the 审批 inbox's kinds that make a task). */
const APPROVAL_TASKS = new Set(['contract.approval', 'contract.gm-approval', 'tier.assessment', 'duty.revision', 'research-report.review']);

/** The kind of event a task of `taskKind` reports. */
export function kindOfTask(taskKind: string): NotificationKind {
  if (APPROVAL_TASKS.has(taskKind)) return 'approval';
  if (taskKind.startsWith('receivable.')) return 'overdue';
  if (taskKind.startsWith('complaint.')) return 'complaint';
  if (taskKind.startsWith('assignment.')) return 'assignment';
  return 'task';
}

/** The console page of the record a task is about (the 待办 list when there is none). */
export function consolePath(taskKind: string, entity: string | null, entityId: string | null): string {
  if (!entity || !entityId) return '/tasks';
  if (entity === 'contract' && (taskKind === 'contract.approval' || taskKind === 'contract.gm-approval')) return `/approvals/contracts/${entityId}`;
  const base: Record<string, string> = {
    contract: '/contracts',
    receivable: '/receivables',
    customer: '/customers',
    prospect: '/prospects',
    complaint: '/complaints',
    assignment: '/assignments',
    training: '/trainings',
    'market-info': '/market-info',
    'research-report': '/research-reports',
    duty_revision: '/duties/revisions',
    tier_assessment: '/key-accounts/assessments',
  };
  return base[entity] ? `${base[entity]}/${entityId}` : '/tasks';
}

/** The task a message is made from, with its recipient. */
export interface TaskEvent {
  taskKind: string;
  title: string;
  entity: string | null;
  entityId: string | null;
  dueAt: Date | null;
  recipientName: string;
}

export interface Message {
  kind: NotificationKind;
  subject: string;
  /** Plain text: the e-mail's body; the webhook message is made from the same parts. */
  body: string;
  /** The console path of the record (joined to PUBLIC_URL when that is set). */
  path: string;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** `2026-12-01 18:00` in the business time zone. */
export function formatInstant(at: Date, tz: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The message of a task: subject `【职责 CRM】待审批：…`, a short body with the deadline and the link. */
export function composeMessage(e: TaskEvent, opts: { tz: string; publicUrl: string | null }): Message {
  const kind = kindOfTask(e.taskKind);
  const path = consolePath(e.taskKind, e.entity, e.entityId);
  const lines = [`${e.recipientName}，您好：`, '', e.title];
  if (e.dueAt) lines.push(`截止时间：${formatInstant(e.dueAt, opts.tz)}`);
  lines.push('');
  lines.push(opts.publicUrl ? `在职责 CRM 中查看：${opts.publicUrl}${path}` : '请登录职责 CRM，在「待办」中查看。');
  lines.push('', `（这是一条「${KIND_LABELS[kind]}」通知；可在职责 CRM 的「我的 → 通知设置」中按类型或渠道关闭。）`);
  return { kind, subject: cut(`【职责 CRM】${KIND_LABELS[kind]}：${e.title}`, 300), body: cut(lines.join('\n'), 4000), path };
}

/** What the sender has of a message when it sends it. */
export interface Outgoing {
  id: string;
  kind: NotificationKind;
  subject: string;
  body: string;
  recipientName: string;
  title: string;
  link: string | null;
}

/**
 * The group robot's JSON: 企业微信 `{msgtype: markdown, markdown: {content}}`, 钉钉
 * `{msgtype: markdown, markdown: {title, text}}`. The message names its recipient (a group robot
 * posts to a group) and carries its delivery id, so a reader or a relay can spot a repeat.
 */
export function webhookBody(o: Outgoing, kind: 'wecom' | 'dingtalk'): Record<string, unknown> {
  const lines = [`**${KIND_LABELS[o.kind]}** · ${o.recipientName}`, `> ${o.title}`];
  if (o.link) lines.push(`[在职责 CRM 中查看](${o.link})`);
  lines.push(kind === 'wecom' ? `<font color="comment">通知编号 ${o.id}</font>` : `###### 通知编号 ${o.id}`);
  const text = cut(lines.join('\n\n'), 3800);
  return kind === 'wecom' ? { msgtype: 'markdown', markdown: { content: text } } : { msgtype: 'markdown', markdown: { title: cut(o.subject, 60), text } };
}

/** The wait before attempt `attempts + 1`: `base · 2^(attempts − 1)`, at most an hour. */
export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(attempts - 1, 0), 3_600_000);
}
