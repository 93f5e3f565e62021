import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Select, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useIsPhone } from '../../lib/responsive';
import { useSaveScheme, useScheme, type Criterion, type PeriodType, type Scheme } from './api';
import { PERIOD_TYPE_LABEL, SOURCE_LABEL, SOURCES, weightSum } from './figures';

interface FormValues {
  name: string;
  periodType: PeriodType;
  criteria: Array<Partial<Criterion>>;
}

const NEW: FormValues = {
  name: '',
  periodType: 'quarter',
  criteria: [
    { name: '指标完成率', weight: 40, source: 'target_attainment' },
    { name: '回款率', weight: 30, source: 'collection_rate' },
    { name: '工作态度', weight: 30, source: 'manual' },
  ],
};

const fromScheme = (s: Scheme): FormValues => ({ name: s.name, periodType: s.periodType, criteria: s.criteria.map((c) => ({ name: c.name, weight: c.weight, source: c.source })) });

/** 权重合计, live: green at exactly 100, red otherwise (the API refuses anything else with 422). */
function WeightTotal({ sum }: { sum: number }) {
  const ok = sum === 100;
  return (
    <div role="status" aria-live="polite" data-testid="weight-sum" style={{ fontSize: 16, fontWeight: 600, color: ok ? '#135200' : '#a8071a', marginBottom: 12 }}>
      权重合计 {sum} / 100{ok ? '' : sum < 100 ? `（还差 ${100 - sum}）` : `（超出 ${sum - 100}）`}
    </div>
  );
}

/**
 * 起草 / 修改考核方案: a name, the period it reviews, and the weighted criteria — each with where its
 * measured figure comes from. The weights must sum to 100, shown as they are typed.
 */
export default function SchemeFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const q = useScheme(id ?? '');
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveScheme(id);
  const [base, setBase] = useState<Scheme | null>(null);
  const [tried, setTried] = useState(false);
  const criteria = Form.useWatch('criteria', form) ?? [];
  const sum = weightSum(criteria);
  const size = isPhone ? ('large' as const) : undefined;

  useEffect(() => {
    if (editing && q.data && !base) {
      setBase(q.data);
      form.setFieldsValue(fromScheme(q.data));
    }
  }, [editing, q.data, base, form]);

  if (editing && q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (editing && q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;

  const reload = async () => {
    const fresh = (await q.refetch()).data;
    if (fresh) {
      setBase(fresh);
      form.setFieldsValue(fromScheme(fresh));
      save.reset();
    }
  };

  const submit = (v: FormValues) => {
    setTried(true);
    if (weightSum(v.criteria) !== 100) return;
    const body = { name: v.name.trim(), periodType: v.periodType, criteria: v.criteria.map((c) => ({ name: (c.name ?? '').trim(), weight: c.weight!, source: c.source! })) };
    save.mutate({ ...body, version: base?.version }, { onSuccess: (s) => navigate(`/review-schemes/${s.id}`, { replace: editing }) });
  };

  return (
    <>
      <PageHeader back title={editing ? `修改考核方案` : '起草考核方案'} subTitle="经总经理批准后生效（SAL-4.9）" />
      {base?.status === 'rejected' && base.decisionComment && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="总经理的驳回意见" description={base.decisionComment} />
      )}
      <ProblemAlert error={save.error} onReload={editing ? () => void reload() : undefined} />
      <Form<FormValues> form={form} layout="vertical" initialValues={NEW} onFinish={submit} requiredMark={false} style={{ maxWidth: 880 }}>
        <Form.Item name="name" label="方案名称" rules={[{ required: true, whitespace: true, message: '请填写方案名称' }, { max: 100, message: '最多 100 字' }]}>
          <Input size={size} placeholder="如：销售部 2027 年季度考核方案" />
        </Form.Item>
        <Form.Item name="periodType" label="考核周期" htmlFor="scheme-period-type" rules={[{ required: true, message: '请选择考核周期' }]}>
          <Select id="scheme-period-type" size={size} options={Object.entries(PERIOD_TYPE_LABEL).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Card size="small" title="考核指标与权重" style={{ marginBottom: 16 }}>
          <WeightTotal sum={sum} />
          <Form.List name="criteria">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} wrap align="start" data-testid="criterion-row" style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }}>
                    <Form.Item
                      name={[f.name, 'name']}
                      label={`指标 ${i + 1}`}
                      rules={[{ required: true, whitespace: true, message: '请填写指标名称' }, { max: 50, message: '最多 50 字' }]}
                      style={{ flex: '2 1 180px', marginBottom: 8 }}
                    >
                      <Input size={size} aria-label={`指标 ${i + 1} 名称`} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'source']}
                      label="实测来源"
                      htmlFor={`criterion-source-${i}`}
                      rules={[{ required: true, message: '请选择来源' }]}
                      style={{ flex: '2 1 160px', marginBottom: 8 }}
                    >
                      <Select id={`criterion-source-${i}`} size={size} options={SOURCES.map((s) => ({ value: s, label: SOURCE_LABEL[s] }))} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'weight']}
                      label="权重"
                      rules={[{ required: true, message: '请填写权重' }]}
                      style={{ flex: '1 1 100px', marginBottom: 8 }}
                    >
                      <InputNumber size={size} min={1} max={100} precision={0} aria-label={`指标 ${i + 1} 权重`} suffix="%" style={{ width: '100%' }} />
                    </Form.Item>
                    <Button
                      aria-label={`删除指标 ${i + 1}`}
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 1}
                      onClick={() => remove(f.name)}
                      style={{ marginTop: isPhone ? 0 : 30, minWidth: 44, minHeight: 44 }}
                    />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} size={size} disabled={fields.length >= 20} onClick={() => add({ name: '', weight: undefined, source: 'manual' })} block={isPhone}>
                  添加指标
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        {tried && sum !== 100 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title="各项权重之和必须正好为 100" />}
        <Button type="primary" htmlType="submit" size="large" block={isPhone} loading={save.isPending}>
          {editing ? '保存修改' : '保存草稿'}
        </Button>
      </Form>
    </>
  );
}
