import { DatePicker, Flex, Form, Segmented } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { PHONE_TAP } from '../../components/phone-tap';
import { useUrlParams } from '../../components/url-state';
import { dayjs, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import type { GroupBy } from './api';
import { GROUPS, PHONE_SEGMENTS } from './ReportControls';
import { AgingPanel, CollectionRatePanel, OverdueCustomersPanel } from './ReceivablePanels';
import { ReportTabs } from './ReportTabs';

const isDate = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid();

/**
 * 应收看板 (receivable.read beyond one's own: SAL-5.4, SAL-4.3, SAL-6.5): the aging of the
 * caller's scope, 回款率 of the last six months per owner or department, and the customers
 * overdue longest, each opening its oldest overdue receivable with its 催收 log. The date and grouping in the URL.
 */
export default function ReceivablesDashboardPage() {
  const isPhone = useIsPhone();
  const { params, update } = useUrlParams();
  const today = todayInBusinessTz();
  const asOf = isDate(params.asOf) ? params.asOf : today;
  const groupBy: GroupBy = params.groupBy === 'department' ? 'department' : 'owner';
  const size = isPhone ? 'large' : undefined;
  return (
    <>
      <ReportTabs />
      <PageHeader title="应收看板" />
      <Form layout={isPhone ? 'vertical' : 'inline'} style={{ marginBottom: 12, rowGap: 8 }} role="search" aria-label="看板条件">
        <Form.Item label="账龄基准日" htmlFor="aging-asof" style={{ marginBottom: 8 }}>
          <DatePicker
            id="aging-asof"
            value={dayjs(asOf)}
            allowClear={false}
            inputReadOnly={isPhone}
          styles={isPhone ? PHONE_TAP.picker : undefined}
            size={size}
            style={{ minWidth: 160 }}
            onChange={(d) => d && update({ asOf: d.format('YYYY-MM-DD') })}
          />
        </Form.Item>
        <Form.Item label="回款率分组" style={{ marginBottom: 8 }}>
          <Segmented<GroupBy> aria-label="回款率分组" size={size} styles={isPhone ? PHONE_SEGMENTS : undefined} options={GROUPS} value={groupBy} onChange={(v) => update({ groupBy: v })} />
        </Form.Item>
      </Form>
      <Flex vertical gap={16}>
        <AgingPanel asOf={asOf} />
        <CollectionRatePanel today={today} groupBy={groupBy} />
        <OverdueCustomersPanel asOf={asOf} />
      </Flex>
    </>
  );
}
