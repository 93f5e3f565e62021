import { DownloadOutlined } from '@ant-design/icons';
import { Card, DatePicker, Flex, Form, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useUrlParams } from '../../components/url-state';
import { download } from '../../lib/api/client';
import { dayjs, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { salesReportUrl, useSalesReport, type GroupBy, type Period, type ReportParams } from './api';
import { ReportTable } from './ReportTable';
import { ReportTabs } from './ReportTabs';

const PERIODS: { value: Period; label: string }[] = [
  { value: 'week', label: '周报' },
  { value: 'month', label: '月报' },
  { value: 'quarter', label: '季报' },
  { value: 'year', label: '年报' },
];
const GROUPS: { value: GroupBy; label: string }[] = [
  { value: 'owner', label: '按负责人' },
  { value: 'department', label: '按部门' },
];
/** How the picker names the chosen period. */
const PICKER_FORMAT: Record<Period, string> = { week: 'gggg 年第 w 周', month: 'YYYY 年 M 月', quarter: 'YYYY 年第 Q 季度', year: 'YYYY 年' };

const isPeriod = (v: string | undefined): v is Period => PERIODS.some((p) => p.value === v);
const isDate = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid();

/**
 * 销售统计报表 (SAL-8.2): a week, month, quarter or year in business time, per owner or per
 * department, with the total — the period, day and grouping in the URL; the API's CSV and XLSX.
 */
export default function SalesReportPage() {
  const isPhone = useIsPhone();
  const { params, update } = useUrlParams();
  const p: ReportParams = {
    period: isPeriod(params.period) ? params.period : 'month',
    date: isDate(params.date) ? params.date : todayInBusinessTz(),
    groupBy: params.groupBy === 'department' ? 'department' : 'owner',
  };
  const q = useSalesReport(p);
  const report = q.data;
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState<'csv' | 'xlsx' | null>(null);

  const save = async (format: 'csv' | 'xlsx') => {
    setDownloadError(null);
    setDownloading(format);
    try {
      // the API names the file by the period's first day; until the report is here, by the chosen day
      await download(salesReportUrl(p, format), `sales-${p.period}-${report?.from ?? p.date}.${format}`);
    } catch (e) {
      setDownloadError(e);
    } finally {
      setDownloading(null);
    }
  };
  const size = isPhone ? 'large' : undefined;

  return (
    <>
      <ReportTabs />
      <PageHeader
        title="销售报表"
        extra={
          <Flex gap={8} wrap>
            <Action permission="report.sales" size={size} icon={<DownloadOutlined />} loading={downloading === 'csv'} onClick={() => void save('csv')}>
              导出 CSV
            </Action>
            <Action permission="report.sales" size={size} icon={<DownloadOutlined />} loading={downloading === 'xlsx'} onClick={() => void save('xlsx')}>
              导出 Excel
            </Action>
          </Flex>
        }
      />
      <Form layout={isPhone ? 'vertical' : 'inline'} style={{ marginBottom: 12, rowGap: 8 }} role="search" aria-label="报表条件">
        <Form.Item label="报表期间" style={{ marginBottom: 8 }}>
          <Segmented<Period> aria-label="报表期间" size={size} options={PERIODS} value={p.period} onChange={(v) => update({ period: v })} />
        </Form.Item>
        <Form.Item label="日期" htmlFor="report-date" style={{ marginBottom: 8 }}>
          <DatePicker
            id="report-date"
            picker={p.period}
            format={PICKER_FORMAT[p.period]}
            value={dayjs(p.date)}
            allowClear={false}
            inputReadOnly={isPhone}
            size={size}
            style={{ minWidth: 180 }}
            onChange={(d) => d && update({ date: d.format('YYYY-MM-DD') })}
          />
        </Form.Item>
        <Form.Item label="分组" style={{ marginBottom: 8 }}>
          <Segmented<GroupBy> aria-label="分组" size={size} options={GROUPS} value={p.groupBy} onChange={(v) => update({ groupBy: v })} />
        </Form.Item>
      </Form>
      <ProblemAlert error={q.error ?? downloadError} />
      <Card size="small">
        <Typography.Paragraph type="secondary" data-testid="report-range" style={{ marginBottom: 12 }}>
          {report ? `统计期间：${report.from} 至 ${report.to}（含）` : '正在统计…'}
        </Typography.Paragraph>
        <ReportTable report={report} loading={q.isFetching} />
      </Card>
    </>
  );
}
