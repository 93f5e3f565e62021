import * as ExcelJS from 'exceljs';
import { toCsv } from '../common/csv';
import type { SalesFigures, SalesReport } from './sales-report.service';

const PERIOD_NAMES = { week: '周报', month: '月报', quarter: '季报', year: '年报' } as const;

const COLUMNS: Array<{ header: string; width: number; value: (f: SalesFigures) => string | number | null; money?: boolean }> = [
  { header: '签约合同数', width: 12, value: (f) => f.contractsSigned },
  { header: '签约金额（元）', width: 18, value: (f) => f.contractAmount, money: true },
  { header: '回款金额（元）', width: 18, value: (f) => f.paymentsReceived, money: true },
  { header: '应收金额（元）', width: 18, value: (f) => f.amountDue, money: true },
  { header: '已收金额（元）', width: 18, value: (f) => f.amountCollected, money: true },
  { header: '回款率', width: 10, value: (f) => f.collectionRate },
  { header: '新增潜在客户', width: 14, value: (f) => f.newProspects },
  { header: '拜访次数', width: 10, value: (f) => f.visits },
  { header: '新增投诉', width: 10, value: (f) => f.complaintsOpened },
  { header: '关闭投诉', width: 10, value: (f) => f.complaintsClosed },
];

function title(r: SalesReport): string {
  return `销售${PERIOD_NAMES[r.period]}（${r.from} 至 ${r.to}）`;
}

export function salesReportCsv(r: SalesReport): string {
  const groupHeader = r.groupBy === 'owner' ? '负责人' : '部门';
  return toCsv(
    [groupHeader, ...COLUMNS.map((c) => c.header)],
    [...r.groups.map((g) => [g.name, ...COLUMNS.map((c) => c.value(g))]), ['合计', ...COLUMNS.map((c) => c.value(r.total))]],
  );
}

/** A real workbook for Excel: a title row, Chinese headers, numbers as numbers, a total row. */
export async function salesReportXlsx(r: SalesReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '职责 CRM';
  wb.created = new Date();
  const ws = wb.addWorksheet('销售报表', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [{ width: 16 }, ...COLUMNS.map((c) => ({ width: c.width }))];
  ws.addRow([title(r)]).font = { bold: true, size: 14 };
  const header = ws.addRow([r.groupBy === 'owner' ? '负责人' : '部门', ...COLUMNS.map((c) => c.header)]);
  header.font = { bold: true };
  const cells = (f: SalesFigures) => COLUMNS.map((c) => {
    const v = c.value(f);
    // Money is exact in the API; in the workbook a number with two decimals is what people sum.
    return c.money && typeof v === 'string' ? Number(v) : c.header === '回款率' && typeof v === 'string' ? Number(v) : v;
  });
  for (const g of r.groups) ws.addRow([g.name, ...cells(g)]);
  ws.addRow(['合计', ...cells(r.total)]).font = { bold: true };
  COLUMNS.forEach((c, i) => {
    if (c.money) ws.getColumn(i + 2).numFmt = '#,##0.00';
    if (c.header === '回款率') ws.getColumn(i + 2).numFmt = '0.00%';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function reportFileName(r: SalesReport, ext: string): string {
  return `sales-${r.period}-${r.from}.${ext}`;
}
