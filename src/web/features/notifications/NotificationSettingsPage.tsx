import { Alert, Button, Card, Form, Skeleton, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useNotificationSettings, useSaveNotificationSettings, type SettingsInput } from './api';
import { KINDS } from './vocab';

/**
 * One switch with its visible label and a line of help. The whole row is the switch's label, so a
 * tap anywhere on it (at least 56 px high, the page's width) toggles it.
 */
function SwitchRow({ id, label, help, checked, disabled, onChange }: { id: string; label: string; help: string; checked: boolean; disabled?: boolean; onChange: (v: boolean) => void }) {
  return (
    <label htmlFor={id} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, padding: '10px 0', borderBottom: '1px solid #f0f0f0', minHeight: 56, cursor: 'pointer' }}>
      <span style={{ minWidth: 0 }}>
        <span id={`${id}-label`} style={{ display: 'block', fontWeight: 500 }}>
          {label}
        </span>
        <span id={`${id}-help`} style={{ display: 'block', color: '#595959', fontSize: 13 }}>
          {help}
        </span>
      </span>
      {/* the row is the tap target */}
      <span data-tap-exempt style={{ flex: 'none' }}>
        <Switch id={id} aria-labelledby={`${id}-label`} aria-describedby={`${id}-help`} checked={checked} disabled={disabled} onChange={onChange} checkedChildren="开" unCheckedChildren="关" />
      </span>
    </label>
  );
}

/**
 * 通知设置: which channels (邮件, 群机器人) and which kinds of event reach me, saved as a whole. A
 * channel the server cannot send through, or e-mail without an address, says so instead of pretending.
 */
export default function NotificationSettingsPage() {
  const settings = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const isPhone = useIsPhone();
  const [draft, setDraft] = useState<SettingsInput | null>(null);
  const [saved, setSaved] = useState(false);
  const data = settings.data;
  useEffect(() => {
    if (data && !draft) setDraft({ emailEnabled: data.emailEnabled, webhookEnabled: data.webhookEnabled, kinds: { ...data.kinds } });
  }, [data, draft]);

  const change = (patch: Partial<SettingsInput>) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };
  const submit = () => {
    if (!draft) return;
    save.mutate(draft, { onSuccess: () => setSaved(true) });
  };

  const emailHelp = !data?.available.email
    ? '服务器尚未配置邮件（SMTP_URL），暂不发送邮件'
    : data.email
      ? `发送到 ${data.email}`
      : '您还没有邮箱地址，请联系系统管理员在用户管理中填写';
  const webhookHelp = data?.available.webhook ? '发到公司的企业微信/钉钉群，消息中会写明您的姓名' : '服务器尚未配置群机器人（NOTIFY_WEBHOOK_URL），暂不发送';

  return (
    <>
      <PageHeader title="通知设置" back subTitle="待办、审批、逾期提醒和交办事项除了出现在「待办」里，还可以通过邮件和群机器人通知您" />
      <ProblemAlert error={settings.error ?? save.error} />
      {!draft || !data ? (
        <Skeleton active />
      ) : (
        <Form layout="vertical" onFinish={submit} style={{ maxWidth: 720 }}>
          <Card size="small" title="接收渠道" style={{ marginBottom: 16 }}>
            <SwitchRow id="notify-email" label="邮件" help={emailHelp} checked={draft.emailEnabled} onChange={(v) => change({ emailEnabled: v })} />
            <SwitchRow id="notify-webhook" label="群机器人" help={webhookHelp} checked={draft.webhookEnabled} onChange={(v) => change({ webhookEnabled: v })} />
          </Card>
          <Card size="small" title="通知类型" style={{ marginBottom: 16 }}>
            {KINDS.map((k) => (
              <SwitchRow key={k.key} id={`notify-kind-${k.key}`} label={k.label} help={k.help} checked={draft.kinds[k.key]} onChange={(v) => change({ kinds: { ...draft.kinds, [k.key]: v } })} />
            ))}
          </Card>
          {saved && (
            <Alert
              data-testid="settings-saved"
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              title="通知设置已保存"
              description={`今后的通知按新的设置发送（保存于 ${formatDateTime(data.updatedAt)}）。已写入发件箱的通知不受影响。`}
            />
          )}
          <Button type="primary" htmlType="submit" size="large" block={isPhone} loading={save.isPending}>
            保存
          </Button>
        </Form>
      )}
    </>
  );
}
