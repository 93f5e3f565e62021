import { Card, Descriptions, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useIsPhone } from '../lib/responsive';
import { ErrorResult } from './ErrorResult';
import { PageHeader } from './PageHeader';

export interface Field {
  label: string;
  value: ReactNode;
  /** Spans the whole row (long texts). */
  wide?: boolean;
}

/**
 * One record page for every resource: header with status and actions, the fields, then the
 * record's related lists as sections. Loading and error (404 outside scope) states included.
 */
export function RecordPage(props: {
  loading: boolean;
  error: unknown;
  onRetry?: () => void;
  title?: ReactNode;
  subTitle?: ReactNode;
  tags?: ReactNode;
  actions?: ReactNode;
  fields?: Field[];
  children?: ReactNode;
}) {
  const isPhone = useIsPhone();
  if (props.error) return <ErrorResult error={props.error} onRetry={props.onRetry} />;
  if (props.loading) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <>
      <PageHeader back title={props.title} subTitle={props.subTitle} tags={props.tags} extra={props.actions} />
      {props.fields && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={isPhone ? 1 : 2}
            items={props.fields.map((f, i) => ({ key: String(i), label: f.label, children: f.value, span: f.wide ? 'filled' : 1 }))}
          />
        </Card>
      )}
      {props.children}
    </>
  );
}

export function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card size="small" title={title} extra={extra} style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}
