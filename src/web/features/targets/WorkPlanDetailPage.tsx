import { CheckCircleOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { Empty, List, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RecordPage, Section } from '../../components/RecordPage';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useUpdateWorkPlan, useWorkPlan, type WorkPlan } from './api';
import { RateBar } from './Attainment';
import { showValue } from './format';
import { MEASURE_OF, periodName } from './vocab';
import { PlanStatus } from './WorkPlanListPage';

type Item = WorkPlan['items'][number];

/** "0.8200" of actual ÷ planned, by integer hundredths (no floats). */
function itemRate(i: Item): string | null {
  if (!i.measure || !i.plannedValue || i.actual === null) return null;
  const units = (v: string) => {
    const [a, b = ''] = v.replace('-', '').split('.');
    return (BigInt(a) * 100n + BigInt((b + '00').slice(0, 2))) * (v.startsWith('-') ? -1n : 1n);
  };
  const planned = units(i.plannedValue);
  if (planned === 0n) return null;
  const scaled = (units(i.actual) * 20000n + planned) / (planned * 2n);
  return `${scaled / 10000n}.${(scaled % 10000n).toString().padStart(4, '0')}`;
}

function ItemRow({ i, n }: { i: Item; n: number }) {
  return (
    <List.Item data-testid="plan-item">
      <div style={{ width: '100%' }}>
        <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <strong>{n}.</strong> {i.content}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {i.measure ? `${MEASURE_OF[i.measure].label}：计划 ${showValue(i.measure, i.plannedValue)}，已完成 ${showValue(i.measure, i.actual)}` : '不对应考核项'}
          {i.dueDate ? ` · 期限 ${formatDate(i.dueDate)}` : ''}
        </Typography.Text>
        {i.measure && i.plannedValue && <RateBar rate={itemRate(i)} label={MEASURE_OF[i.measure].label} />}
      </div>
    </List.Item>
  );
}

/** 工作计划: its items with what the person's records add up to so far; 下达执行, 关闭 and 修改 for its writers. */
export default function WorkPlanDetailPage() {
  const { id = '' } = useParams();
  const q = useWorkPlan(id);
  const update = useUpdateWorkPlan(id);
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const p = q.data;
  const size = isPhone ? ('large' as const) : undefined;
  const setStatus = (status: 'active' | 'closed') => p && update.mutate({ version: p.version, status });
  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={p?.title}
      tags={p && <PlanStatus p={p} />}
      actions={
        p && (
          <Space wrap>
            <Action permission="workplan.write" when={p.status !== 'closed'} size={size} icon={<EditOutlined />} onClick={() => navigate(`/work-plans/${p.id}/edit`)}>
              修改
            </Action>
            <Action permission="workplan.write" when={p.status === 'draft'} type="primary" size={size} icon={<SendOutlined />} loading={update.isPending} onClick={() => setStatus('active')}>
              下达执行
            </Action>
            <Action permission="workplan.write" when={p.status !== 'closed'} size={size} icon={<CheckCircleOutlined />} loading={update.isPending} onClick={() => setStatus('closed')}>
              关闭计划
            </Action>
          </Space>
        )
      }
      fields={
        p && [
          { label: '计划人', value: p.ownerName },
          { label: '起草人', value: p.authorName },
          { label: '期间', value: `${periodName(p.period)}（${p.from} 至 ${p.to}）` },
          { label: '更新于', value: formatDateTime(p.updatedAt) },
        ]
      }
    >
      <ProblemAlert error={update.error} onReload={() => void q.refetch().then(() => update.reset())} />
      {p && (
        <Section title={`计划事项（${p.items.length}）`}>
          {p.items.length === 0 ? <Empty description="还没有事项" /> : <List dataSource={p.items} renderItem={(i, n) => <ItemRow i={i} n={n + 1} />} />}
        </Section>
      )}
    </RecordPage>
  );
}
