import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSalesReport } from './api';
import { ReportControls, SalesDownloads, useReportParams } from './ReportControls';
import { ReportTabs } from './ReportTabs';
import { SalesPanels } from './SalesPanels';

/**
 * 销售看板 (report.sales, SAL-4.10, SAL-5.7): the trend over the last periods of the chosen kind
 * and the chosen period per owner or department, in the caller's scope; the API's CSV and XLSX.
 */
export default function SalesDashboardPage() {
  const { p, update } = useReportParams();
  const current = useSalesReport(p);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  return (
    <>
      <ReportTabs />
      <PageHeader title="销售看板" extra={<SalesDownloads p={p} from={current.data?.from} onError={setDownloadError} />} />
      <ReportControls p={p} update={update} />
      <ProblemAlert error={downloadError} />
      <SalesPanels params={p} />
    </>
  );
}
