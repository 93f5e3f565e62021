import { CheckOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useReview, useReviewDecision, useSaveScores, type Review } from './api';
import { periodLabel, previewTotal } from './figures';
import { FiguresDetail, Measured } from './ReviewParts';
import { ReviewStatusTag } from './vocab';

interface ScoreForm {
  items: Array<{ score: number | null; comment: string }>;
  comment: string;
}

/** A score is typed as digits (a phone's number pad) and kept as a whole number; anything else stays as typed, for the rule to name. */
const toScore = (v: unknown) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : v);
const scoreRule = {
  validator: (_: unknown, v: unknown) =>
    v === null || v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100) ? Promise.resolve() : Promise.reject(new Error('评分为 0 到 100 的整数')),
};

const toForm = (r: Review): ScoreForm => ({ items: r.items.map((i) => ({ score: i.score, comment: i.comment ?? '' })), comment: r.comment ?? '' });

/** The weighted total as the reviewer types (the API computes the same on save). */
function TotalPreview({ review, values }: { review: Review; values: ScoreForm['items'] | undefined }) {
  const total = previewTotal(review.items.map((i, k) => ({ weight: i.weight, score: values?.[k]?.score ?? null })));
  return (
    <div role="status" aria-live="polite" style={{ fontSize: 18, fontWeight: 600, margin: '8px 0 16px' }}>
      加权总分：<span data-testid="review-total">{total ?? '—'}</span>
      {total === null && <span style={{ fontSize: 14, fontWeight: 400, color: '#595959' }}>（各项评分完成后计算）</span>}
    </div>
  );
}

/** 评分: each criterion with its measured figure beside it (read-only), a score 0–100 and a comment. */
function ScoreEditor({ review, onReload }: { review: Review; onReload: () => void }) {
  const [form] = Form.useForm<ScoreForm>();
  const save = useSaveScores(review.id);
  const isPhone = useIsPhone();
  const values = Form.useWatch('items', form);
  const [submitting, setSubmitting] = useState(false);

  // a save (or a reload after a 409) brings a new version: the form follows what the server holds,
  // and only then — a refetch of the same version never overwrites what is being typed
  useEffect(() => {
    form.setFieldsValue(toForm(review));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [review.version, form]);

  const send = (v: ScoreForm, submit: boolean) => {
    setSubmitting(submit);
    save.mutate({
      version: review.version,
      submit,
      comment: (v.comment ?? '').trim() || null,
      scores: review.items.map((i, k) => ({ seq: i.seq, score: v.items?.[k]?.score ?? null, comment: v.items?.[k]?.comment?.trim() || null })),
    });
  };
  const onSave = () => form.validateFields().then((v) => send(v, false), () => undefined);
  /** 提交 needs every criterion scored: the unscored ones are marked on the form before anything is sent. */
  const onSubmit = () =>
    form.validateFields().then((v) => {
      const unscored = review.items.map((_, k) => k).filter((k) => v.items?.[k]?.score === null || v.items?.[k]?.score === undefined);
      if (unscored.length) {
        form.setFields(unscored.map((k) => ({ name: ['items', k, 'score'], errors: ['请评分'] })));
        return;
      }
      send(v, true);
    }, () => undefined);

  return (
    <Form<ScoreForm>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={toForm(review)}
    >
      {review.items.map((item, k) => (
        <div key={item.seq} data-testid="review-item" style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8, marginBottom: 12 }}>
          <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 4 }}>
            <Typography.Text strong>
              {item.name}（权重 {item.weight}%）
            </Typography.Text>
            <Measured item={item} />
          </Flex>
          <Flex gap={8} wrap>
            <Form.Item name={['items', k, 'score']} label="评分" normalize={toScore} rules={[scoreRule]} style={{ flex: '0 0 140px', marginBottom: 4 }}>
              <Input size="large" inputMode="numeric" maxLength={3} placeholder="0–100" aria-label={`${item.name} 评分`} />
            </Form.Item>
            <Form.Item name={['items', k, 'comment']} label="评语" rules={[{ max: 1000, message: '最多 1000 字' }]} style={{ flex: '1 1 220px', marginBottom: 4 }}>
              <Input size="large" aria-label={`${item.name} 评语`} />
            </Form.Item>
          </Flex>
        </div>
      ))}
      <TotalPreview review={review} values={values} />
      <Form.Item name="comment" label="总体评语" rules={[{ max: 2000, message: '最多 2000 字' }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <ProblemAlert error={save.error} onReload={onReload} />
      <Flex gap={8} wrap>
        <Button size="large" icon={<SaveOutlined />} loading={save.isPending && !submitting} onClick={() => void onSave()} block={isPhone}>
          保存
        </Button>
        <Button type="primary" size="large" icon={<SendOutlined />} loading={save.isPending && submitting} onClick={() => void onSubmit()} block={isPhone}>
          提交
        </Button>
      </Flex>
    </Form>
  );
}

/** What was scored, read-only: after submission, or for a reader who is not the reviewer. */
function ScoresView({ review }: { review: Review }) {
  return (
    <>
      {review.items.map((item) => (
        <div key={item.seq} data-testid="review-item" style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8, marginBottom: 8 }}>
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Text strong>
              {item.name}（权重 {item.weight}%）
            </Typography.Text>
            <Measured item={item} />
          </Flex>
          <div>
            评分 <strong data-testid={`score-${item.seq}`}>{item.score ?? '—'}</strong>
            {item.comment && <span style={{ marginInlineStart: 12, overflowWrap: 'anywhere' }}>{item.comment}</span>}
          </div>
        </div>
      ))}
      <div style={{ fontSize: 18, fontWeight: 600, margin: '8px 0' }}>
        加权总分：<span data-testid="review-total">{review.total ?? '—'}</span>
      </div>
      {review.comment && <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>总体评语：{review.comment}</div>}
    </>
  );
}

/** 确认 with an optional comment, or 退回 to the reviewer with the reason (required). */
function DecisionModal({ review, kind, onClose }: { review: Review; kind: 'confirm' | 'return' | null; onClose: () => void }) {
  const [form] = Form.useForm<{ comment?: string }>();
  const decide = useReviewDecision(review.id);
  return (
    <Modal
      title={kind === 'confirm' ? '确认考核结果' : '退回考核人'}
      open={!!kind}
      onCancel={onClose}
      okText={kind === 'confirm' ? '确认' : '退回'}
      cancelText="取消"
      okButtonProps={{ loading: decide.isPending, danger: kind === 'return' }}
      onOk={() => form.submit()}
      afterClose={() => {
        form.resetFields();
        decide.reset();
      }}
    >
      <ProblemAlert error={decide.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => decide.mutate(kind === 'confirm' ? { kind: 'confirm', comment: v.comment?.trim() } : { kind: 'return', comment: (v.comment ?? '').trim() }, { onSuccess: onClose })}
      >
        <Form.Item
          name="comment"
          label={kind === 'confirm' ? '意见（可选）' : '退回意见'}
          rules={[...(kind === 'return' ? [{ required: true, whitespace: true, message: '请填写退回意见' }] : []), { max: 1000, message: '最多 1000 字' }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 绩效考核: the review of one person for one period — the figures, the scores, and the decision of the next level. */
export default function ReviewDetailPage() {
  const { id = '' } = useParams();
  const q = useReview(id);
  const r = q.data;
  const session = useSession();
  const isPhone = useIsPhone();
  const [deciding, setDeciding] = useState<'confirm' | 'return' | null>(null);
  const me = session.me.user.id;
  const editable = !!r && r.reviewerId === me && (r.status === 'draft' || r.status === 'returned');
  const confirmScope = session.grant('review.confirm')?.scope;
  const nextLevel = !!r && (r.confirmLevel === 'gm' ? confirmScope === 'all' : confirmScope === 'department');
  const mayDecide = !!r && r.status === 'submitted' && nextLevel && r.reviewerId !== me && r.revieweeId !== me;
  const size = isPhone ? ('large' as const) : undefined;

  const fields: Field[] = r
    ? [
        { label: '被考核人', value: r.revieweeName },
        { label: '考核人', value: r.reviewerName },
        { label: '期间', value: `${periodLabel(r.period)}（${r.from} ~ ${r.to}）` },
        { label: '考核方案', value: r.schemeName },
        { label: '确认级别', value: r.confirmLevel === 'gm' ? '总经理确认' : '部门经理确认' },
        ...(r.submittedAt ? [{ label: '提交时间', value: formatDateTime(r.submittedAt) }] : []),
        ...(r.confirmedAt ? [{ label: '确认人', value: `${r.confirmedByName ?? '—'} 于 ${formatDateTime(r.confirmedAt)}${r.confirmComment ? `：${r.confirmComment}` : ''}`, wide: true }] : []),
      ]
    : [];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={r && `${periodLabel(r.period)} · ${r.revieweeName}`}
      tags={r && <ReviewStatusTag status={r.status} />}
      actions={
        r && (
          <Flex gap={8} wrap>
            <Action permission="review.confirm" when={mayDecide} type="primary" size={size} icon={<CheckOutlined />} onClick={() => setDeciding('confirm')}>
              确认
            </Action>
            <Action permission="review.confirm" when={mayDecide} danger size={size} icon={<RollbackOutlined />} onClick={() => setDeciding('return')}>
              退回
            </Action>
          </Flex>
        )
      }
      fields={fields}
    >
      {r && (
        <>
          {r.status === 'returned' && r.returnComment && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="退回意见" description={r.returnComment} data-testid="return-comment" />
          )}
          <Section title="考核评分">{editable ? <ScoreEditor review={r} onReload={() => void q.refetch()} /> : <ScoresView review={r} />}</Section>
          <Section title="实测数据">
            <FiguresDetail figures={r.figures} at={r.figuresAt} phone={isPhone} />
          </Section>
          {session.can('review.confirm') && <DecisionModal review={r} kind={deciding} onClose={() => setDeciding(null)} />}
        </>
      )}
    </RecordPage>
  );
}
