import { Button, Card, Checkbox, Drawer, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useIsPhone } from '../../lib/responsive';
import { useTrainingStep, type Training } from './api';
import { PASS_SCORE } from './vocab';

interface Row {
  userId: string;
  attended: boolean;
  score?: number | null;
  feedback?: string;
}

/**
 * 记录培训情况: a row per invitee — came or not, the score (0–100, optional; only for those who
 * came) and their feedback. The figures of the evaluation are computed from this by the API. What
 * was typed stays when the API refuses it.
 */
export function HoldDrawer({ t, open, onClose }: { t: Training; open: boolean; onClose: () => void }) {
  const isPhone = useIsPhone();
  const step = useTrainingStep(t.id);
  const [form] = Form.useForm<{ attendance: Row[] }>();
  const rows = Form.useWatch('attendance', form) ?? [];

  useEffect(() => {
    if (!open) return;
    step.reset();
    form.setFieldsValue({ attendance: t.attendees.map((a) => ({ userId: a.userId, attended: a.attended ?? true, score: a.score, feedback: a.feedback ?? undefined })) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, t]);

  const submit = (v: { attendance: Row[] }) =>
    step.mutate(
      {
        kind: 'hold',
        attendance: v.attendance.map((r) => ({
          userId: r.userId,
          attended: r.attended,
          ...(r.attended && r.score !== null && r.score !== undefined ? { score: r.score } : {}),
          ...(r.feedback?.trim() ? { feedback: r.feedback.trim() } : {}),
        })),
      },
      { onSuccess: onClose },
    );

  return (
    <Drawer title={t.status === 'held' ? '更正培训情况' : '记录培训情况'} open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 600}>
      <ProblemAlert error={step.error} />
      <Typography.Paragraph type="secondary">逐人记录是否参加、考核成绩（0–100，{PASS_SCORE} 分及格，不考核可不填）与反馈。评估之前可以更正。</Typography.Paragraph>
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} name="hold" requiredMark={false}>
        <Form.List name="attendance">
          {(fields) =>
            fields.map((f) => {
              const a = t.attendees[f.name];
              const came = rows[f.name]?.attended ?? true;
              return (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid="attendance-row" title={`${a.displayName} · ${a.roleName}`}>
                  <Form.Item name={[f.name, 'userId']} hidden>
                    <Input />
                  </Form.Item>
                  <Flex gap={12} vertical={isPhone} align={isPhone ? 'stretch' : 'start'}>
                    <Form.Item name={[f.name, 'attended']} valuePropName="checked" style={{ marginTop: isPhone ? 0 : 30 }}>
                      <Checkbox aria-label={`${a.displayName} 参加`} style={{ minHeight: 44, alignItems: 'center' }}>
                        参加
                      </Checkbox>
                    </Form.Item>
                    <Form.Item name={[f.name, 'score']} label={`${a.displayName} 成绩`} style={{ flex: 1 }}>
                      <InputNumber min={0} max={100} precision={0} disabled={!came} style={{ width: '100%' }} placeholder={came ? '不考核可不填' : '未参加'} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'feedback']} label={`${a.displayName} 反馈`} style={{ flex: 2 }} rules={[{ max: 1000, message: '最多 1000 字' }]}>
                      <Input maxLength={1000} autoComplete="off" />
                    </Form.Item>
                  </Flex>
                </Card>
              );
            })
          }
        </Form.List>
        <Button type="primary" htmlType="submit" size="large" block loading={step.isPending}>
          保存培训情况
        </Button>
      </Form>
    </Drawer>
  );
}
