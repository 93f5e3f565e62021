import { Card, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSalesReport } from './api';
import { REPORT_PERIODS, ReportControls, SalesDownloads, useReportParams } from './ReportControls';
import { ReportTable } from './ReportTable';
import { ReportTabs } from './ReportTabs';

/**
 * 销售统计报表 (SAL-8.2): a week, month, quarter or year in business time, per owner or per
 * department, with the total — the period, day and grouping in the URL; the API's CSV and XLSX.
 */
export default function SalesReportPage() {
  const { p, update } = useReportParams();
  const q = useSalesReport(p);
  const report = q.data;
  const [downloadError, setDownloadError] = useState<unknown>(null);

  return (
    <>
      <ReportTabs />
      {/* the API names the file by the period's first day; until the report is here, by the chosen day */}
      <PageHeader title="销售报表" extra={<SalesDownloads p={p} from={report?.from} onError={setDownloadError} />} />
      <ReportControls p={p} update={update} label="报表条件" periodLabel="报表期间" periods={REPORT_PERIODS} dateId="report-date" />
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
