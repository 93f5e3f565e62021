import { AuditOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ErrorResult';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { METHOD_LABEL, useDirectory, useReviewVisit, useVisit, type Visit } from './api';
import { ReviewTag, TargetTag } from './tags';
import { AttachmentsSection } from '../attachments/AttachmentsSection';

/** A 44 px tap target for an inline link, without pushing its row apart. */
const TAP = { display: 'inline-flex', alignItems: 'center', minHeight: 44, margin: '-12px 0' } as const;

const multiline = (s: string | null) => (s ? <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{s}</span> : '—');

function Location({ location }: { location: Visit['location'] }) {
  if (!location) return <>未签到</>;
  return (
    <span data-testid="visit-location">
      {location.address && <div style={{ overflowWrap: 'anywhere' }}>{location.address}</div>}
      <Typography.Text type="secondary">
        纬度 {location.lat.toFixed(6)}，经度 {location.lng.toFixed(6)}
      </Typography.Text>
    </span>
  );
}

/** 审阅: a reviewer in scope adds a comment; afterwards the visit is read-only. */
function ReviewDialog({ visit, open, onClose }: { visit: Visit; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ comment: string }>();
  const review = useReviewVisit(visit.id);
  return (
    <Modal
      title="审阅拜访记录"
      open={open}
      onCancel={onClose}
      okText="提交审阅"
      cancelText="取消"
      confirmLoading={review.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ProblemAlert error={review.error} />
      <Form form={form} layout="vertical" onFinish={(v) => review.mutate(v.comment.trim(), { onSuccess: onClose })}>
        <Form.Item
          name="comment"
          label="审阅意见"
          rules={[
            { required: true, whitespace: true, message: '请填写审阅意见' },
            { max: 2000, message: '审阅意见最多 2000 个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="如：记录完整，请尽快跟进报价" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One visit: every field, the check-in, the review; 编辑 for the visitor until it is reviewed. */
export default function VisitDetailPage() {
  const { id = '' } = useParams();
  const visit = useVisit(id);
  const directory = useDirectory();
  const { me } = useSession();
  const navigate = useNavigate();
  const saved = (useLocation().state as { saved?: boolean } | null)?.saved;
  const [reviewing, setReviewing] = useState(false);
  const isPhone = useIsPhone();
  const v = visit.data;

  const fields: Field[] = v
    ? [
        {
          label: '拜访对象',
          value: (
            <span>
              <TargetTag visit={v} />
              <Link to={v.customerId ? `/customers/${v.customerId}` : `/prospects/${v.prospectId}`} style={TAP}>
                {v.targetName}
              </Link>
            </span>
          ),
        },
        { label: '拜访方式', value: METHOD_LABEL[v.method] },
        { label: '拜访时间', value: formatDateTime(v.visitedAt) },
        { label: '拜访人', value: v.visitorName },
        { label: '拜访目的', value: multiline(v.purpose), wide: true },
        { label: '拜访情况', value: multiline(v.summary), wide: true },
        { label: '发现的问题', value: multiline(v.issues), wide: true },
        { label: '客户建议', value: multiline(v.suggestions), wide: true },
        { label: '下一步', value: multiline(v.nextStep), wide: true },
        { label: '下次拜访时间', value: formatDate(v.nextVisitAt) },
        { label: '签到位置', value: <Location location={v.location} /> },
      ]
    : [];
  const reviewer = v?.reviewerId ? directory.data?.find((u) => u.id === v.reviewerId)?.displayName : undefined;

  return (
    <RecordPage
      loading={visit.isPending}
      error={visit.error}
      onRetry={() => void visit.refetch()}
      title="拜访记录"
      subTitle={v ? `${v.targetName} · ${formatDateTime(v.visitedAt)}` : undefined}
      tags={v ? <ReviewTag visit={v} /> : undefined}
      actions={
        v && (
          <Flex gap={8} wrap>
            <Action
              size={isPhone ? 'large' : undefined}
              permission="visit.create"
              when={v.visitorId === me.user.id && !v.reviewed}
              icon={<EditOutlined />}
              onClick={() => navigate(`/visits/${v.id}/edit`)}
            >
              编辑
            </Action>
            <Action size={isPhone ? 'large' : undefined} permission="visit.review" when={v.visitorId !== me.user.id && !v.reviewed} type="primary" icon={<AuditOutlined />} onClick={() => setReviewing(true)}>
              审阅
            </Action>
          </Flex>
        )
      }
      fields={fields}
    >
      {saved && <Alert type="success" showIcon title="拜访记录已保存" style={{ marginBottom: 16 }} />}
      {v && (
        <Section title="审阅">
          {v.reviewed ? (
            <div data-testid="visit-review">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 4 }}>{v.reviewComment}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {reviewer ?? '上级'} 审阅于 {formatDateTime(v.reviewedAt)}；审阅后拜访记录不能再修改。
              </Typography.Text>
            </div>
          ) : (
            <Typography.Text type="secondary">尚未审阅。{v.visitorId === me.user.id ? '审阅前可以修改。' : ''}</Typography.Text>
          )}
        </Section>
      )}
      {v && <AttachmentsSection parentType="visit" parentId={v.id} camera hint="暂无附件，可拍照或上传现场照片、客户资料" />}
      {v && <ReviewDialog visit={v} open={reviewing} onClose={() => setReviewing(false)} />}
    </RecordPage>
  );
}
