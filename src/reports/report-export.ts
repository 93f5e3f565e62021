import { toCsv } from '../common/csv';
import { writeXlsx, type XlsxColumn } from '../common/xlsx';
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

/** 指标完成率 as a last column, when a row of the report has targets for its period (empty for the others and the total). */
const ATTAINMENT_HEADER = '指标完成率';
const hasAttainment = (r: SalesReport) => r.groups.some((g) => g.attainment);
const attainmentCell = (g: SalesReport['groups'][number]) => g.attainment?.rate ?? null;

export function salesReportCsv(r: SalesReport): string {
  const groupHeader = r.groupBy === 'owner' ? '负责人' : '部门';
  const extra = hasAttainment(r);
  return toCsv(
    [groupHeader, ...COLUMNS.map((c) => c.header), ...(extra ? [ATTAINMENT_HEADER] : [])],
    [
      ...r.groups.map((g) => [g.name, ...COLUMNS.map((c) => c.value(g)), ...(extra ? [attainmentCell(g)] : [])]),
      ['合计', ...COLUMNS.map((c) => c.value(r.total)), ...(extra ? [null] : [])],
    ],
  );
}

/** A real workbook for Excel: a title row, Chinese headers, numbers as numbers, a total row. */
export function salesReportXlsx(r: SalesReport): Promise<Buffer> {
  const format = (c: (typeof COLUMNS)[number]): XlsxColumn['format'] => (c.money ? 'money' : c.header === '回款率' ? 'percent' : undefined);
  const extra = hasAttainment(r);
  return writeXlsx({
    name: '销售报表',
    title: title(r),
    columns: [
      { header: r.groupBy === 'owner' ? '负责人' : '部门', width: 16 },
      ...COLUMNS.map((c) => ({ header: c.header, width: c.width, format: format(c) })),
      ...(extra ? [{ header: ATTAINMENT_HEADER, width: 12, format: 'percent' as const }] : []),
    ],
    rows: r.groups.map((g) => [g.name, ...COLUMNS.map((c) => c.value(g)), ...(extra ? [attainmentCell(g)] : [])]),
    total: ['合计', ...COLUMNS.map((c) => c.value(r.total)), ...(extra ? [null] : [])],
  });
}

export function reportFileName(r: SalesReport, ext: string): string {
  return `sales-${r.period}-${r.from}.${ext}`;
}
