import { Button, Card, DatePicker, Flex, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ErrorResult';
import { PHONE_TAP } from '../../components/phone-tap';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/RecordPage';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { dayjs, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { ActivitySummary, Attainment } from './ActivitySummary';
import { fetchDraft, useSubmitWorkReport, type Period, type WorkReportDraft } from './api';
import { PERIOD } from './vocab';

interface Values {
  period: Period;
  date: Dayjs;
  summary?: string;
  plan?: string;
  issues?: string;
}

/**
 * 写周报/月报: pick the period, "生成草稿" fills the summary from my own activity, I edit it and
 * add the plan and issues, then submit. A failed submit keeps the text.
 */
export default function WorkReportFormPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const submit = useSubmitWorkReport();
  const [draft, setDraft] = useState<WorkReportDraft | null>(null);
  const [generating, setGenerating] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const generate = async () => {
    setError(null);
    const { period, date } = form.getFieldsValue(['period', 'date']) as Values;
    setGenerating(true);
    try {
      const d = await fetchDraft(period, (date ?? dayjs(todayInBusinessTz())).format('YYYY-MM-DD'));
      setDraft(d);
      form.setFieldValue('summary', d.summary);
      void form.validateFields(['summary']);
    } catch (e) {
      setError(e);
    } finally {
      setGenerating(false);
    }
  };

  const onFinish = async (v: Values) => {
    setError(null);
    try {
      const r = await submit.mutateAsync({
        period: v.period,
        date: v.date.format('YYYY-MM-DD'),
        summary: (v.summary ?? '').trim(),
        plan: v.plan?.trim() || undefined,
        issues: v.issues?.trim() || undefined,
      });
      navigate(`/work-reports/${r.id}`, { replace: true });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const errs = Object.entries(fieldErrors(e.problem));
        if (errs.length) form.setFields(errs.map(([name, errors]) => ({ name: name as keyof Values, errors })));
      }
    }
  };

  return (
    <>
      <PageHeader back title="写工作报告" />
      <ProblemAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ period: 'week', date: dayjs(todayInBusinessTz()) }}
        size={isPhone ? 'large' : undefined}
        onValuesChange={(changed) => {
          // Another period makes the generated activity stale.
          if ('period' in changed || 'date' in changed) setDraft(null);
        }}
        onFinish={(v) => void onFinish(v)}
      >
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={8} vertical={isPhone} align={isPhone ? 'stretch' : 'end'}>
            <Form.Item name="period" label="报告类型" style={{ marginBottom: 8 }}>
              <Radio.Group optionType="button" buttonStyle="solid" options={Object.entries(PERIOD).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="date" label="期间内任一天" rules={[{ required: true, message: '请选择日期' }]} style={{ marginBottom: 8, flex: 1 }}>
              <DatePicker style={{ width: '100%' }} allowClear={false} styles={isPhone ? PHONE_TAP.picker : undefined} />
            </Form.Item>
            <Button onClick={() => void generate()} loading={generating} size="large" style={{ marginBottom: 8 }}>
              生成草稿
            </Button>
          </Flex>
          {draft && (
            <Typography.Text type="secondary" data-testid="draft-period">
              {PERIOD[draft.period]}期间：{draft.from} ~ {draft.to}，草稿已按我的拜访、登记、合同、催收和回款记录生成，可修改后提交。
            </Typography.Text>
          )}
        </Card>
        {draft && (
          <Section title="本期活动">
            <ActivitySummary activity={draft.activity} />
          </Section>
        )}
        {draft?.attainment && (
          <Section title={`${draft.attainment.period} 个人指标完成情况`}>
            <Attainment attainment={draft.attainment} />
          </Section>
        )}
        <Card size="small">
          <Form.Item name="summary" label="工作总结" rules={[{ required: true, whitespace: true, message: '请填写工作总结，或先生成草稿' }, { max: 4000, message: '最多 4000 字' }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item name="plan" label="下期计划" rules={[{ max: 4000, message: '最多 4000 字' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} placeholder="如：下周跟进华强科技的报价" />
          </Form.Item>
          <Form.Item name="issues" label="问题与建议" rules={[{ max: 4000, message: '最多 4000 字' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
          <Action permission="workreport.submit" type="primary" htmlType="submit" size="large" block={isPhone} loading={submit.isPending}>
            提交报告
          </Action>
        </Card>
      </Form>
    </>
  );
}
