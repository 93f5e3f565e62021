import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Skeleton } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useDuties, useDutyMatrix, useDutyVersions, useRevision, useSaveRevision, type DutyClause, type RevisionDetail } from './api';
import { rowOfField, toChange, toRows, type ChangeRowValue } from './changes';
import { ChangeRow, type ChangeContext } from './ChangeRow';
import { rolesOfRules, RULE_NAME, rulesDraftedBy } from './vocab';

interface Values {
  title: string;
  reason?: string;
  changes: ChangeRowValue[];
}

/** The draft as the form holds it; a changed clause's summary, when the change keeps it, is the current one. */
const fromRevision = (r: RevisionDetail, catalogue: DutyClause[]): Values => ({
  title: r.title,
  reason: r.reason ?? undefined,
  changes: toRows(r.changes).map((row) =>
    row.target === 'clause' && row.action === 'change' && row.summary === undefined ? { ...row, summary: catalogue.find((c) => c.id === row.clauseId)?.summary } : row,
  ),
});

/**
 * 新建修订 / 修改 (SPEC §12): the title, the reason and the changes as rows, each against the latest
 * version of the rules the drafter's department revises (MKT-7, SAL-9: 市场开拓部; KA-7: 大客户部).
 * A refused save keeps everything typed and puts the server's objection beside the row it concerns.
 */
export default function RevisionFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const existing = useRevision(id ?? '');
  const versions = useDutyVersions();
  const latest = versions.data ? Math.max(...versions.data.items.map((v) => v.version)) : undefined;
  const catalogue = useDuties(latest);
  const matrix = useDutyMatrix(latest);
  const save = useSaveRevision(id);
  const [base, setBase] = useState<RevisionDetail | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string[]>>({});
  const rules = rulesDraftedBy(session.me.user.department);

  useEffect(() => {
    if (editing && existing.data && catalogue.data && !base) {
      setBase(existing.data);
      form.setFieldsValue(fromRevision(existing.data, catalogue.data.items));
    }
  }, [editing, existing.data, catalogue.data, base, form]);

  const ctx = useMemo<ChangeContext | null>(() => {
    if (!matrix.data || !catalogue.data) return null;
    const codes = rolesOfRules(rules, matrix.data.roles);
    return {
      matrix: matrix.data,
      roles: matrix.data.roles.filter((r) => codes.includes(r.code)),
      clauses: catalogue.data.items.filter((c) => rules.includes(c.rule)),
      added: [],
    };
  }, [matrix.data, catalogue.data, rules]);
  const rows: ChangeRowValue[] = Form.useWatch('changes', form) ?? [];
  const added = rows.filter((r) => r?.target === 'clause' && r.action === 'add' && r.clauseId).map((r) => r.clauseId!.trim());

  if (editing && existing.error) return <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  const loadError = versions.error ?? catalogue.error ?? matrix.error;
  if (loadError) return <ErrorResult error={loadError} onRetry={() => void versions.refetch()} />;
  if (!ctx || (editing && !base)) return <Skeleton active paragraph={{ rows: 8 }} />;

  const reload = async () => {
    const fresh = (await existing.refetch()).data;
    if (fresh) {
      setBase(fresh);
      setRowErrors({});
      form.setFieldsValue(fromRevision(fresh, ctx.clauses));
      save.reset();
    }
  };

  const submit = (v: Values) => {
    setRowErrors({});
    const body = { title: v.title.trim(), reason: v.reason?.trim() || undefined, changes: (v.changes ?? []).map((r) => toChange(r, ctx.clauses)) };
    save.mutate(
      { ...body, version: base?.version },
      {
        onSuccess: (r) => navigate(`/duties/revisions/${r.id}`, { replace: editing }),
        onError: (e) => {
          if (!(e instanceof ApiError)) return;
          const byRow: Record<number, string[]> = {};
          const other: { name: 'title' | 'reason'; errors: string[] }[] = [];
          for (const [field, messages] of Object.entries(fieldErrors(e.problem))) {
            const i = rowOfField(field);
            if (i !== undefined) (byRow[i] ??= []).push(...messages);
            else if (field === 'title' || field === 'reason') other.push({ name: field, errors: messages });
          }
          setRowErrors(byRow);
          if (other.length) form.setFields(other);
        },
      },
    );
  };

  return (
    <>
      <PageHeader back title={editing ? '修改制度修订' : '新建制度修订'} subTitle={`${rules.map((r) => RULE_NAME[r]).join('、')} · 基于第 ${latest} 版 · 经总经理批准后施行`} />
      {base?.status === 'rejected' && base.decisionComment && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="总经理的退回意见" description={base.decisionComment} data-testid="reject-comment" />
      )}
      <ProblemAlert error={save.error} onReload={editing ? () => void reload() : undefined} />
      <Form<Values>
        form={form}
        name="revision"
        layout="vertical"
        size={isPhone ? 'large' : undefined}
        initialValues={base && catalogue.data ? fromRevision(base, catalogue.data.items) : { title: '', changes: [{ target: 'grant' }] }}
        onFinish={submit}
        onValuesChange={(changed) => {
          // the objection no longer fits once the list itself changes
          if ('changes' in changed && Array.isArray(changed.changes) && changed.changes.length !== rows.length) setRowErrors({});
        }}
        requiredMark={false}
        scrollToFirstError
        style={{ maxWidth: 960 }}
      >
        <Card size="small" title="修订" style={{ marginBottom: 16 }}>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 200, message: '最多 200 字' }]}>
            <Input maxLength={200} placeholder="如：业务员合同查阅调整" autoComplete="off" />
          </Form.Item>
          <Form.Item name="reason" label="修订理由" rules={[{ max: 4000, message: '最多 4000 字' }]} style={{ marginBottom: 0 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
        </Card>
        <h2 style={{ fontSize: 16, fontWeight: 600, margin: '0 0 8px' }}>变更</h2>
        <Form.List name="changes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <ChangeRow key={f.key} form={form} name={f.name} index={i} ctx={{ ...ctx, added }} errors={rowErrors[i]} onRemove={() => remove(f.name)} />
              ))}
              {fields.length === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="还没有变更：添加一项授权或条款的变更" />}
              <div style={{ marginBottom: 16 }}>
                <Button icon={<PlusOutlined />} block={isPhone} disabled={fields.length >= 200} onClick={() => add({ target: 'grant' })} style={{ minHeight: 44 }}>
                  添加变更
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" size="large" block={isPhone} loading={save.isPending}>
          保存草稿
        </Button>
      </Form>
    </>
  );
}
