import { Button, Drawer, Empty, Form, Input, InputNumber, List, Radio, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { Section } from '../../components/RecordPage';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useEvaluate, useEvaluations, type EvaluationInput, type Prospect } from './api';
import { placeErrors } from './ProspectFields';
import { CONCLUSION_COLORS, CONCLUSION_NAMES, STATUS_NAMES, TAG_TEXT } from './vocab';

/** 评估、验资: the prospect's evaluations, newest first, and the form for those who may evaluate. */
export function EvaluationSection({ prospect, nameOf }: { prospect: Prospect; nameOf: (id: string | null) => string }) {
  const list = useEvaluations(prospect.id);
  const evaluate = useEvaluate(prospect.id);
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EvaluationInput>();
  const closed = prospect.status === 'converted' || prospect.status === 'disqualified';

  const submit = (v: EvaluationInput) =>
    evaluate.mutate(v, {
      onSuccess: () => {
        setOpen(false);
        form.resetFields();
      },
      onError: (e) => placeErrors(form, e),
    });

  return (
    <Section
      title="评估验资"
      extra={
        <Action permission="prospect.evaluate" when={!closed} onClick={() => setOpen(true)}>
          评估验资
        </Action>
      }
    >
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Skeleton active />
      ) : (
        <List
          dataSource={list.data.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未评估" /> }}
          renderItem={(e) => (
            <List.Item key={e.id} data-testid="evaluation">
              <div style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag color={CONCLUSION_COLORS[e.conclusion]} style={{ color: TAG_TEXT[CONCLUSION_COLORS[e.conclusion]] }}>{CONCLUSION_NAMES[e.conclusion]}</Tag>
                  <span>评分 {e.score}</span>
                  <span>· 注册资本 {formatMoney(e.registeredCapital)}</span>
                  <span>· {e.capitalVerified ? '已验资' : '未验资'}</span>
                </Space>
                <Typography.Paragraph style={{ margin: '4px 0' }}>{e.notes}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {nameOf(e.evaluatorId)} · {formatDateTime(e.createdAt)}
                  {e.statusBefore !== e.statusAfter && ` · ${STATUS_NAMES[e.statusBefore]} → ${STATUS_NAMES[e.statusAfter]}`}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      <Drawer
        title="评估验资"
        open={open}
        onClose={() => setOpen(false)}
        placement={isPhone ? 'bottom' : 'right'}
        size={isPhone ? '90%' : 480}
        destroyOnHidden={false}
      >
        <ProblemAlert error={evaluate.error} />
        <Form
          form={form}
          layout="vertical"
          size={isPhone ? 'large' : 'middle'}
          initialValues={{ capitalVerified: false, conclusion: 'pending' }}
          onFinish={submit}
        >
          <Form.Item label="注册资本（元）" name="registeredCapital" rules={[moneyRule]}>
            <MoneyInput />
          </Form.Item>
          <Form.Item label="已验资" name="capitalVerified" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
          <Form.Item label="评分（0–100）" name="score" rules={[{ required: true, message: '请输入评分' }]}>
            <InputNumber min={0} max={100} precision={0} inputMode="numeric" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="评估结论" name="conclusion" rules={[{ required: true }]} extra="通过：转为「已评估合格」；不通过：转为「已淘汰」">
            <Radio.Group optionType="button" buttonStyle="solid" options={(['pass', 'fail', 'pending'] as const).map((c) => ({ value: c, label: CONCLUSION_NAMES[c] }))} />
          </Form.Item>
          <Form.Item label="评估说明" name="notes" rules={[{ required: true, whitespace: true, message: '请填写评估说明' }, { max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={evaluate.isPending}>
            提交评估
          </Button>
        </Form>
      </Drawer>
    </Section>
  );
}
