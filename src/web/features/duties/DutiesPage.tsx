import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Segmented, Select, Skeleton } from 'antd';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useUrlParams } from '../../components/url-state';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useDuties, useDutyMatrix, useDutyVersions } from './api';
import { ClauseCatalogue } from './ClauseCatalogue';
import { RoleGrants } from './RoleGrants';
import { VersionHistory } from './VersionHistory';
import { VERSION_STATE, versionLabel, versionState } from './vocab';

type View = 'clauses' | 'roles' | 'versions';
const VIEWS: { value: View; label: string }[] = [
  { value: 'clauses', label: '条款' },
  { value: 'roles', label: '按岗位' },
  { value: 'versions', label: '历史版本' },
];

/**
 * 职责制度 (SPEC §11, §12): the rules as living policy. Any approved version (?version=N; by
 * default the one in force): its clauses with their 原文 and how each is served, each position's
 * grants (按岗位), and every version there has been (历史版本). Version, view and filters are in the URL.
 */
export default function DutiesPage() {
  const isPhone = useIsPhone();
  const session = useSession();
  const navigate = useNavigate();
  const { params, update } = useUrlParams();
  const asked = /^\d+$/.test(params.version ?? '') ? Number(params.version) : undefined;
  const view: View = VIEWS.some((v) => v.value === params.view) ? (params.view as View) : 'clauses';
  const versions = useDutyVersions();
  const duties = useDuties(asked);
  const matrix = useDutyMatrix(asked);
  const inForce = versions.data?.items.find((v) => v.inForce);
  const shown = duties.data?.version ?? asked ?? inForce?.version;
  const shownVersion = versions.data?.items.find((v) => v.version === shown);
  const size = isPhone ? ('large' as const) : undefined;
  const revisions = session.can('duty.revise') || session.can('duty.approve');

  const body = () => {
    if (view === 'versions') return versions.data ? <VersionHistory versions={versions.data.items} current={shown} /> : <Skeleton active />;
    if (view === 'roles') return matrix.data ? <RoleGrants matrix={matrix.data} /> : <Skeleton active />;
    return duties.data ? <ClauseCatalogue data={duties.data} matrix={matrix.data} /> : <Skeleton active />;
  };

  return (
    <>
      <PageHeader
        title="职责制度"
        subTitle="每一款职责由哪些权限、哪些功能承担；尚未承担的写明原因"
        extra={
          revisions && (
            <Button size={size} icon={<EditOutlined />} onClick={() => navigate('/duties/revisions')}>
              制度修订
            </Button>
          )
        }
      />
      <ProblemAlert error={duties.error ?? matrix.error ?? versions.error} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          aria-label="版本"
          size={size}
          styles={isPhone ? PHONE_TAP.select : undefined}
          style={{ width: isPhone ? '100%' : 340 }}
          loading={versions.isPending}
          value={versions.data ? shown : undefined}
          placeholder="版本"
          onChange={(v: number) => update({ version: v === inForce?.version ? undefined : String(v) })}
          options={(versions.data?.items ?? []).map((v) => ({ value: v.version, label: versionLabel(v) }))}
        />
        <Segmented<View>
          aria-label="视图"
          size={size}
          styles={isPhone ? PHONE_TAP.segmented : undefined}
          value={view}
          onChange={(v) => update({ view: v === 'clauses' ? undefined : v })}
          options={VIEWS}
        />
      </Flex>
      {shownVersion && !shownVersion.inForce && (
        <Alert
          type={versionState(shownVersion) === 'pending' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="version-notice"
          title={`正在查看第 ${shownVersion.version} 版（${VERSION_STATE[versionState(shownVersion)].label}）：${shownVersion.title}`}
          description={
            inForce && (
              <Link to={view === 'clauses' ? '/duties' : `/duties?view=${view}`} style={{ display: 'inline-block', paddingBlock: 11, marginBlock: -11 }}>
                查看现行的第 {inForce.version} 版
              </Link>
            )
          }
        />
      )}
      {body()}
    </>
  );
}
