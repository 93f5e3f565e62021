import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboards draw: bars and lines on a grid, a legend and a tooltip.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  type: 'bar' | 'line';
  /** One value per category; null where there is nothing to show (e.g. a rate with nothing due). */
  data: (number | null)[];
}

export interface ChartProps {
  /** Names the chart for screen readers and for the render timings (performance mark `chart:<name>`). */
  name: string;
  categories: string[];
  series: ChartSeries[];
  /** How a value reads in the tooltip and on the axis. */
  unit?: 'yuan' | 'percent' | 'count';
  height?: number;
}

const axisLabel = (unit: ChartProps['unit']) => (v: number) =>
  unit === 'percent' ? `${v}%` : unit === 'yuan' && Math.abs(v) >= 10_000 ? `${(v / 10_000).toLocaleString('zh-CN')}万` : v.toLocaleString('zh-CN');

/**
 * A bar or line chart (Apache ECharts, only the parts used), as wide as its box: it redraws when
 * the box changes size, so it fits a phone. The figures it draws are also on the element
 * (`data-series`) and always in a table next to it — the chart is a picture of the table.
 */
export function Chart({ name, categories, series, unit = 'count', height = 280 }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const painted = () => {
      if (el.dataset.painted) return;
      el.dataset.painted = 'true';
      performance.mark(`chart:${name}`);
    };
    c.on('finished', painted);
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [name]);

  useEffect(() => {
    const fmt = axisLabel(unit);
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 16, top: series.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
        legend: series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? (unit === 'percent' ? `${v.toFixed(2)}%` : v.toLocaleString('zh-CN')) : '—') },
        xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
        yAxis: { type: 'value', axisLabel: { formatter: fmt } },
        series: series.map((s) => ({ ...s, connectNulls: false, barMaxWidth: 36 })),
      },
      { notMerge: true },
    );
  }, [categories, series, unit]);

  const summary = series.map((s) => `${s.name}：${s.data.map((v, i) => `${categories[i]} ${v ?? '—'}`).join('，')}`).join('；');
  return (
    <div
      ref={box}
      role="img"
      aria-label={`${name}。${summary}`}
      data-testid={`chart-${name}`}
      data-series={JSON.stringify({ categories, series: series.map((s) => ({ name: s.name, data: s.data })) })}
      style={{ width: '100%', height, minWidth: 0 }}
    />
  );
}

/** "123456.78" → 123456.78 for drawing (the tables keep the exact strings). */
export const moneyValue = (v: string): number => Number(v);
/** "0.7512" → 75.12 (a percentage for drawing); null stays null. */
export const rateValue = (r: string | null): number | null => (r === null ? null : Math.round(Number(r) * 10_000) / 100);
