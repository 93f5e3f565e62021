import { DownloadOutlined } from '@ant-design/icons';
import { DatePicker, Flex, Form, Segmented } from 'antd';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { PHONE_TAP } from '../../components/phone-tap';
import { useUrlParams } from '../../components/url-state';
import { download } from '../../lib/api/client';
import { dayjs, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { salesReportUrl, type GroupBy, type Period, type ReportParams } from './api';

export const PERIODS: { value: Period; label: string }[] = [
  { value: 'week', label: '周' },
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季' },
  { value: 'year', label: '年' },
];
export const GROUPS: { value: GroupBy; label: string }[] = [
  { value: 'owner', label: '按负责人' },
  { value: 'department', label: '按部门' },
];
/** A segmented choice with 44 px tall options on a phone (each option is a tap target). */
export const PHONE_SEGMENTS = PHONE_TAP.segmented;

const PICKER_FORMAT: Record<Period, string> = { week: 'gggg 年第 w 周', month: 'YYYY 年 M 月', quarter: 'YYYY 年第 Q 季度', year: 'YYYY 年' };

const isPeriod = (v: string | undefined): v is Period => PERIODS.some((p) => p.value === v);
const isDate = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid();

/** period, date and groupBy from the URL (a link reproduces the view), with their defaults. */
export function useReportParams(defaults: { groupBy?: GroupBy } = {}) {
  const { params, update } = useUrlParams();
  const p: ReportParams = {
    period: isPeriod(params.period) ? params.period : 'month',
    date: isDate(params.date) ? params.date : todayInBusinessTz(),
    groupBy: params.groupBy === 'department' || params.groupBy === 'owner' ? params.groupBy : (defaults.groupBy ?? 'owner'),
  };
  return { p, update };
}

/** How the 销售统计表 names the periods (周报 …); the dashboards say 周, 月, 季, 年. */
export const REPORT_PERIODS: { value: Period; label: string }[] = PERIODS.map((p) => ({ ...p, label: `${p.label}报` }));

interface ControlsProps {
  p: ReportParams;
  update: (patch: Record<string, string>) => void;
  /** The form's name for assistive technology, and the period switch's label. */
  label?: string;
  periodLabel?: string;
  periods?: typeof PERIODS;
  /** The date field's id (one per page, for its label). */
  dateId?: string;
}

/** The period switch, the day and the grouping; each change goes to the URL. */
export function ReportControls({ p, update, label = '看板条件', periodLabel = '期间', periods = PERIODS, dateId = 'dashboard-date' }: ControlsProps) {
  const isPhone = useIsPhone();
  const size = isPhone ? 'large' : undefined;
  return (
    <Form layout={isPhone ? 'vertical' : 'inline'} style={{ marginBottom: 12, rowGap: 8 }} role="search" aria-label={label}>
      <Form.Item label={periodLabel} style={{ marginBottom: 8 }}>
        <Segmented<Period> aria-label={periodLabel} size={size} styles={isPhone ? PHONE_SEGMENTS : undefined} options={periods} value={p.period} onChange={(v) => update({ period: v })} />
      </Form.Item>
      <Form.Item label="日期" htmlFor={dateId} style={{ marginBottom: 8 }}>
        <DatePicker
          id={dateId}
          picker={p.period}
          format={PICKER_FORMAT[p.period]}
          value={dayjs(p.date)}
          allowClear={false}
          inputReadOnly={isPhone}
          styles={isPhone ? PHONE_TAP.picker : undefined}
          size={size}
          style={{ minWidth: 180 }}
          onChange={(d) => d && update({ date: d.format('YYYY-MM-DD') })}
        />
      </Form.Item>
      <Form.Item label="分组" style={{ marginBottom: 8 }}>
        <Segmented<GroupBy> aria-label="分组" size={size} styles={isPhone ? PHONE_SEGMENTS : undefined} options={GROUPS} value={p.groupBy} onChange={(v) => update({ groupBy: v })} />
      </Form.Item>
    </Form>
  );
}

/** 导出 CSV / 导出 Excel of the chosen period: the API's files. */
export function SalesDownloads({ p, from, onError }: { p: ReportParams; from: string | undefined; onError: (e: unknown) => void }) {
  const isPhone = useIsPhone();
  const [downloading, setDownloading] = useState<'csv' | 'xlsx' | null>(null);
  const save = async (format: 'csv' | 'xlsx') => {
    onError(null);
    setDownloading(format);
    try {
      await download(salesReportUrl(p, format), `sales-${p.period}-${from ?? p.date}.${format}`);
    } catch (e) {
      onError(e);
    } finally {
      setDownloading(null);
    }
  };
  const size = isPhone ? 'large' : undefined;
  return (
    <Flex gap={8} wrap>
      <Action permission="report.sales" size={size} icon={<DownloadOutlined />} loading={downloading === 'csv'} onClick={() => void save('csv')}>
        导出 CSV
      </Action>
      <Action permission="report.sales" size={size} icon={<DownloadOutlined />} loading={downloading === 'xlsx'} onClick={() => void save('xlsx')}>
        导出 Excel
      </Action>
    </Flex>
  );
}
