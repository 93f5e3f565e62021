import { AuditOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Segmented } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ErrorResult';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { PartyPicker, parseParty } from '../../components/PartyPicker';
import { useUrlParams } from '../../components/url-state';
import { download } from '../../lib/api/client';
import { formatDateTime, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { ReviewTag, TargetTag } from './tags';
import { fetchVisits, METHOD_LABEL, METHODS, usePartyName, visitCsvPath, visitQuery, type Visit } from './api';

const FILTERS: FilterSpec[] = [
  { name: 'from', label: '拜访日期从', kind: 'date' },
  { name: 'to', label: '至', kind: 'date' },
  { name: 'method', label: '拜访方式', kind: 'select', options: METHODS.map((m) => ({ value: m, label: METHOD_LABEL[m] })) },
  {
    name: 'reviewed',
    label: '审阅',
    kind: 'select',
    options: [
      { value: 'false', label: '待审阅' },
      { value: 'true', label: '已审阅' },
    ],
  },
];

const COLUMNS: ColumnsType<Visit> = [
  { title: '拜访时间', dataIndex: 'visitedAt', key: 'visitedAt', sorter: true, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
  {
    title: '拜访对象',
    key: 'target',
    render: (_, v) => (
      <>
        <TargetTag visit={v} />
        {v.targetName}
      </>
    ),
  },
  { title: '拜访方式', dataIndex: 'method', render: (m: Visit['method']) => METHOD_LABEL[m] },
  { title: '拜访目的', dataIndex: 'purpose', ellipsis: true },
  { title: '拜访人', dataIndex: 'visitorName', render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span> },
  { title: '审阅', key: 'reviewed', render: (_, v) => <ReviewTag visit={v} /> },
];

/** 拜访记录: a field role starts on its own visits; a wider reader may switch to all it may see. */
export default function VisitListPage() {
  const session = useSession();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const me = session.me.user.id;
  const scope = session.grant('visit.read')?.scope;
  const fieldRole = session.can('visit.create');
  const wider = scope !== undefined && scope !== 'own';
  const defaults = { scope: fieldRole ? 'mine' : 'all' };
  const { params, update } = useUrlParams(defaults);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);

  // A link from a customer page names the party by id only: fetch its name for the picker.
  const party = parseParty(params.party);
  const partyName = usePartyName(party?.kind, party?.id);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await download(visitCsvPath(visitQuery(params, me)), `拜访记录-${todayInBusinessTz()}.csv`);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  const intro = (
    <>
      <Form layout={isPhone ? 'vertical' : 'inline'} style={{ marginBottom: 12 }}>
        {fieldRole && wider && (
          <Form.Item label="范围" htmlFor="visit-scope" style={{ marginBottom: 8 }}>
            <Segmented
              id="visit-scope"
              aria-label="范围"
              value={params.scope}
              onChange={(v) => update({ scope: String(v) })}
              options={[
                { value: 'mine', label: '我的拜访' },
                { value: 'all', label: '全部可见' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item label="拜访对象" htmlFor="visit-party-filter" style={{ marginBottom: 8, minWidth: isPhone ? undefined : 280, flex: isPhone ? undefined : 1, maxWidth: 420 }}>
          <PartyPicker
            id="visit-party-filter"
            kinds={['customer', 'prospect']}
            value={params.party}
            initial={party && partyName.data ? { ...party, name: partyName.data } : undefined}
            placeholder="全部（输入名称搜索）"
            onChange={(v) => update({ party: v })}
          />
        </Form.Item>
      </Form>
      <ProblemAlert error={exportError} />
    </>
  );

  return (
    <ListPage<Visit>
      title="拜访记录"
      resource="visits"
      defaults={defaults}
      fetch={(p) => fetchVisits(visitQuery(p, me))}
      columns={COLUMNS}
      filters={FILTERS}
      intro={intro}
      to={(v) => `/visits/${v.id}`}
      emptyText={params.scope === 'mine' ? '还没有拜访记录，点“记录拜访”开始' : params.reviewed === 'false' ? '没有待审阅的拜访记录' : '暂无拜访记录'}
      card={(v) => ({
        title: (
          <>
            <TargetTag visit={v} />
            {v.targetName}
          </>
        ),
        description: (
          <>
            <div>
              {formatDateTime(v.visitedAt)} · {METHOD_LABEL[v.method]}
              {params.scope !== 'mine' ? ` · ${v.visitorName}` : ''}
            </div>
            <div style={{ overflowWrap: 'anywhere' }}>{v.purpose}</div>
          </>
        ),
        extra: <ReviewTag visit={v} />,
      })}
      actions={
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()}>
            导出 CSV
          </Button>
          {/* 检查拜访工作: the team's visits not yet reviewed, in one tap */}
          <Action permission="visit.review" when={!(params.reviewed === 'false' && params.scope === 'all')} icon={<AuditOutlined />} onClick={() => update({ scope: 'all', reviewed: 'false' })}>
            待我审阅
          </Action>
          <Action permission="visit.create" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/visits/new')}>
            记录拜访
          </Action>
        </Flex>
      }
    />
  );
}
