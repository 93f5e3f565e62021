import { CarOutlined, EditOutlined, SwapOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, List, Modal, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { AttributionLink } from '../../components/Attribution';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RecordPage, Section } from '../../components/RecordPage';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useConvert, useOwnerName, useProspect, useProspectVisits, type Prospect } from './api';
import { EvaluationSection } from './EvaluationSection';
import { AssignModal, ProspectEditDrawer } from './ProspectEditDrawer';
import { StatusTag } from './StatusTag';

const METHOD: Record<string, string> = { phone: '电话', in_person: '上门', video: '视频', other: '其他' };

function VisitsSection({ prospect }: { prospect: Prospect }) {
  const session = useSession();
  const visits = useProspectVisits(prospect.id, session.can('visit.read'));
  const navigate = useNavigate();
  if (!session.can('visit.read') && !session.can('visit.create')) return null;
  return (
    <Section
      title="拜访记录"
      extra={
        <Action permission="visit.create" when={prospect.status !== 'converted'} icon={<CarOutlined />} onClick={() => navigate(`/visits/new?prospectId=${prospect.id}`)}>
          记录拜访
        </Action>
      }
    >
      {visits.error ? (
        <ProblemAlert error={visits.error} />
      ) : !session.can('visit.read') ? null : visits.isPending ? (
        <Skeleton active />
      ) : (
        <List
          dataSource={visits.data.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无拜访记录" /> }}
          renderItem={(v) => (
            <li key={v.id} style={{ listStyle: 'none', borderBottom: '1px solid #f0f0f0' }}>
              <Link to={`/visits/${v.id}`} style={{ display: 'block', padding: '10px 0', minHeight: 44, color: 'inherit' }}>
                <Typography.Text strong>
                  {formatDateTime(v.visitedAt)} · {METHOD[v.method] ?? v.method}
                </Typography.Text>
                <div>{v.purpose}</div>
                <div style={{ color: '#595959', fontSize: 13 }}>
                  {v.visitorName} · {v.summary}
                </div>
              </Link>
            </li>
          )}
        />
      )}
      {visits.data && visits.data.total > visits.data.items.length && (
        <Link to={`/visits?prospectId=${prospect.id}`}>查看全部 {visits.data.total} 条</Link>
      )}
    </Section>
  );
}

/** 潜在客户: fields, status and owner; edit, assign, evaluate, convert; its evaluations and visits. */
export default function ProspectDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const flash = location.state as { created?: boolean; claimed?: boolean } | null;
  const session = useSession();
  const query = useProspect(id);
  const nameOf = useOwnerName(true);
  const convert = useConvert(id);
  const [editing, setEditing] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [converting, setConverting] = useState(false);
  const p = query.data;
  const open = p && p.status !== 'converted';

  return (
    <RecordPage
      loading={query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
      title={p?.companyName}
      tags={p && <StatusTag status={p.status} />}
      subTitle={p && `负责人：${nameOf(p.ownerId)}`}
      actions={
        p && (
          <Space wrap>
            <Action permission="prospect.update" when={open} icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Action>
            <Action permission="prospect.assign" when={open} icon={<UserSwitchOutlined />} onClick={() => setAssigning(true)}>
              分派
            </Action>
            <Action permission="prospect.convert" when={p.status === 'qualified'} type="primary" icon={<SwapOutlined />} onClick={() => setConverting(true)}>
              转为客户
            </Action>
          </Space>
        )
      }
      fields={
        p && [
          { label: '统一社会信用代码', value: p.uscc ?? '—' },
          { label: '联系人', value: p.contactName },
          { label: '联系电话', value: <a href={`tel:${p.contactPhone}`}>{p.contactPhone}</a> },
          { label: '地区', value: p.region ?? '—' },
          { label: '行业', value: p.industry ?? '—' },
          { label: '来源', value: p.source ?? '—' },
          ...(p.campaignId ? [{ label: '推广活动', value: <AttributionLink kind="campaign" id={p.campaignId} /> }] : []),
          ...(p.channelId ? [{ label: '渠道', value: <AttributionLink kind="channel" id={p.channelId} /> }] : []),
          { label: '负责人', value: nameOf(p.ownerId) },
          { label: '注册资本', value: formatMoney(p.registeredCapital) },
          { label: '验资', value: p.capitalVerified ? '已验资' : '未验资' },
          { label: '最近跟进', value: formatDateTime(p.lastActivityAt) },
          { label: '登记时间', value: formatDateTime(p.createdAt) },
          ...(p.customerId ? [{ label: '客户档案', value: <Link to={`/customers/${p.customerId}`}>查看客户</Link> }] : []),
          { label: '备注', value: p.notes ?? '—', wide: true },
        ]
      }
    >
      {p && (
        <>
          {flash?.created && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              title="登记成功"
              description="接下来可以记录一次拜访。"
              action={
                session.can('visit.create') && (
                  <Button type="primary" onClick={() => navigate(`/visits/new?prospectId=${p.id}`)}>
                    记录拜访
                  </Button>
                )
              }
            />
          )}
          {flash?.claimed && <Alert type="success" showIcon style={{ marginBottom: 16 }} title="认领成功，您现在是该潜在客户的负责人" />}
          <EvaluationSection prospect={p} nameOf={nameOf} />
          <VisitsSection prospect={p} />
          <ProspectEditDrawer prospect={p} open={editing} onClose={() => setEditing(false)} onReload={() => query.refetch()} />
          <Modal
            title="转为客户"
            open={converting}
            okText="转为客户"
            okButtonProps={{ loading: convert.isPending }}
            onOk={() => convert.mutate(undefined, { onSuccess: (c) => navigate(`/customers/${c.id}`) })}
            onCancel={() => setConverting(false)}
            afterOpenChange={(o) => !o && convert.reset()}
          >
            <ProblemAlert error={convert.error} />
            <p>将以「{p.companyName}」的信息建立客户档案，负责人和部门不变；潜在客户变为「已转为客户」，不能再编辑。</p>
          </Modal>
          {session.can('prospect.assign') && <AssignModal prospect={p} open={assigning} onClose={() => setAssigning(false)} />}
        </>
      )}
    </RecordPage>
  );
}
