import { Button, Card, Form, Input, Select, Skeleton } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { MAX_LINKED_ENTRIES } from '../../../market-info/research-report-rules';
import { useCreateReport, useEntryOptions, useReport, useUpdateReport, type ReportDetail } from './api';
import { CATEGORY } from './vocab';

interface Values {
  title?: string;
  topic?: string;
  region?: string;
  body?: string;
  conclusions?: string;
  entryIds?: string[];
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);
const fromReport = (r: ReportDetail): Values => ({ title: r.title, topic: r.topic, region: r.region ?? '', body: r.body ?? '', conclusions: r.conclusions ?? '', entryIds: r.entryIds });

/** 依据的市场信息: a search over the entries the writer reads; the ones already cited stay shown by title. */
function EntryPicker({ value, onChange, cited, id }: { value?: string[]; onChange?: (v: string[]) => void; cited: ReportDetail['entries']; id?: string }) {
  const isPhone = useIsPhone();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const found = useEntryOptions(q);
  const opts = useMemo(() => {
    const byId = new Map<string, { value: string; label: string }>();
    for (const e of cited) byId.set(e.id, { value: e.id, label: `【${CATEGORY[e.category].label}】${e.title}` });
    for (const e of found.data?.items ?? []) byId.set(e.id, { value: e.id, label: `【${CATEGORY[e.category].label}】${e.title}` });
    return [...byId.values()];
  }, [cited, found.data]);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={opts}
      loading={found.isFetching}
      maxCount={MAX_LINKED_ENTRIES}
      placeholder="输入关键词搜索市场信息"
      notFoundContent={found.isFetching ? '搜索中…' : '没有匹配的市场信息'}
      styles={isPhone ? PHONE_TAP.select : undefined}
      style={{ width: '100%' }}
    />
  );
}

/** 编写 / 修改调查报告 (the writer, while a draft or returned). Saving keeps it a draft; 提交审核 is on the report's page. */
export default function ResearchReportFormPage() {
  const { id } = useParams();
  const existing = useReport(id);
  if (id && existing.error) return <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  if (id && existing.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  return <ReportForm key={existing.data?.version ?? 'new'} report={existing.data} onStale={() => void existing.refetch()} />;
}

function ReportForm({ report, onStale }: { report?: ReportDetail; onStale: () => void }) {
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const create = useCreateReport();
  const update = useUpdateReport(report?.id ?? '');
  const mutation = report ? update : create;
  const [form] = Form.useForm<Values>();

  const submit = (v: Values) => {
    const body = { title: (v.title ?? '').trim(), topic: (v.topic ?? '').trim(), region: text(v.region), body: text(v.body), conclusions: text(v.conclusions), entryIds: v.entryIds ?? [] };
    const opts = {
      onSuccess: (r: ReportDetail) => navigate(`/research-reports/${r.id}`, { replace: !!report }),
      onError: (e: unknown) => {
        if (e instanceof ApiError) form.setFields(Object.entries(fieldErrors(e.problem)).map(([name, errors]) => ({ name: name as keyof Values, errors })));
      },
    };
    if (report) update.mutate({ version: report.version, ...body }, opts);
    else create.mutate(body, opts);
  };

  return (
    <>
      <PageHeader back title={report ? `修改调查报告` : '新建调查报告'} subTitle={report?.title} />
      <Card size="small">
        <ProblemAlert error={mutation.error} onReload={onStale} />
        <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} initialValues={report ? fromReport(report) : { entryIds: [] }} scrollToFirstError name="research-report">
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 200, message: '最多 200 字' }]}>
            <Input maxLength={200} placeholder="如：华东区中端产品价格竞争调查" autoComplete="off" />
          </Form.Item>
          <Form.Item name="topic" label="调查主题" rules={[{ required: true, whitespace: true, message: '请填写调查主题' }, { max: 200, message: '最多 200 字' }]}>
            <Input maxLength={200} placeholder="调查的范围与要回答的问题" autoComplete="off" />
          </Form.Item>
          <Form.Item name="region" label="地区" rules={[{ max: 50, message: '最多 50 字' }]}>
            <Input maxLength={50} placeholder="如：华东" autoComplete="off" />
          </Form.Item>
          <Form.Item name="body" label="正文" extra="调查经过与发现；提交审核前须填写" rules={[{ max: 20000, message: '最多 20000 字' }]}>
            <Input.TextArea rows={8} maxLength={20000} />
          </Form.Item>
          <Form.Item name="conclusions" label="结论与建议" extra="提交审核前须填写" rules={[{ max: 8000, message: '最多 8000 字' }]}>
            <Input.TextArea rows={4} maxLength={8000} />
          </Form.Item>
          <Form.Item name="entryIds" label="依据的市场信息" extra={`可不选；最多 ${MAX_LINKED_ENTRIES} 条`}>
            <EntryPicker cited={report?.entries ?? []} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block={isPhone} loading={mutation.isPending}>
            保存草稿
          </Button>
        </Form>
      </Card>
    </>
  );
}
