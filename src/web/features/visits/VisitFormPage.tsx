import { Alert, Button, Card, Skeleton } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorResult, ProblemAlert } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { parseParty, type Party } from '../../components/PartyPicker';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useCreateVisit, usePartyName, useUpdateVisit, useVisit, type Visit } from './api';
import { clearDraft, createBody, defaultValues, loadDraft, updateBody, valuesOf, type VisitFormValues } from './visit-form';
import { VisitForm } from './VisitForm';

/** `/visits/new` and `/visits/:id/edit`: logging a visit takes one screen on a phone. */
export default function VisitFormPage() {
  const { id } = useParams();
  return id ? <EditVisit key={id} id={id} /> : <NewVisit />;
}

function useDraftKey() {
  const location = useLocation();
  return location.pathname + location.search;
}

function NewVisit() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const where = useDraftKey();
  const create = useCreateVisit();
  const [epoch, setEpoch] = useState(0);
  const customerId = params.get('customerId') ?? undefined;
  const prospectId = params.get('prospectId') ?? undefined;
  const kind = customerId ? 'customer' : prospectId ? 'prospect' : undefined;
  const partyId = customerId ?? prospectId;
  const name = usePartyName(kind, partyId);

  if (kind && name.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const draft = loadDraft(where);
  const fromUrl: Party | undefined = kind && partyId && name.data ? { kind, id: partyId, name: name.data } : undefined;
  const drafted = parseParty(draft?.values.party);
  const initialParty: Party | undefined = drafted ? { ...drafted, name: draft?.partyName ?? '' } : draft ? undefined : fromUrl;
  const initialValues: VisitFormValues = draft?.values ?? defaultValues(fromUrl ? `${fromUrl.kind}:${fromUrl.id}` : undefined);

  return (
    <VisitForm
      key={epoch}
      title="记录拜访"
      where={where}
      initialValues={initialValues}
      initialParty={initialParty}
      restored={!!draft}
      onDiscardDraft={() => {
        clearDraft(where);
        create.reset();
        setEpoch((e) => e + 1);
      }}
      notice={name.error ? <ProblemAlert error={name.error} /> : null}
      pending={create.isPending}
      error={create.error}
      submit={(v) => create.mutateAsync(createBody(v))}
      onSaved={(v) => navigate(`/visits/${v.id}`, { replace: true, state: { saved: true } })}
    />
  );
}

function EditVisit({ id }: { id: string }) {
  const visit = useVisit(id);
  const update = useUpdateVisit(id);
  const navigate = useNavigate();
  const where = useDraftKey();
  const { me } = useSession();
  const [epoch, setEpoch] = useState(0);

  if (visit.error) return <ErrorResult error={visit.error} onRetry={() => void visit.refetch()} />;
  if (visit.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const v = visit.data;
  if (v.reviewed || v.visitorId !== me.user.id) return <ReadOnly visit={v} />;

  // A draft counts only if it was typed over the version still on the server.
  const draft = loadDraft(where);
  const usable = draft && draft.version === v.version ? draft : null;
  const restart = () => {
    clearDraft(where);
    update.reset();
    setEpoch((e) => e + 1);
  };
  return (
    <VisitForm
      key={`${epoch}:${v.version}`}
      title="修改拜访记录"
      where={where}
      version={v.version}
      fixedParty={`${v.customerId ? '客户' : '潜在客户'}：${v.targetName}`}
      initialValues={usable?.values ?? valuesOf(v)}
      restored={!!usable}
      onDiscardDraft={restart}
      pending={update.isPending}
      error={update.error}
      onReload={() => void visit.refetch().then(restart)}
      submit={(values) => update.mutateAsync(updateBody(values, v.version))}
      onSaved={(saved) => navigate(`/visits/${saved.id}`, { replace: true, state: { saved: true } })}
    />
  );
}

/** A reviewed visit (or someone else's) is read-only: say why and show the review. */
function ReadOnly({ visit }: { visit: Visit }) {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader back title="拜访记录不可修改" />
      <Card size="small">
        <Alert
          type="info"
          showIcon
          title={visit.reviewed ? `该拜访记录已于 ${formatDateTime(visit.reviewedAt)} 审阅，审阅后不能再修改。` : '只有拜访人本人可以修改拜访记录。'}
          description={visit.reviewed ? `审阅意见：${visit.reviewComment ?? '—'}` : undefined}
          style={{ marginBottom: 16 }}
        />
        <Button type="primary" size="large" block onClick={() => navigate(`/visits/${visit.id}`)}>
          查看拜访记录
        </Button>
      </Card>
    </>
  );
}
