import { ReadableTag, type Tone } from '../../components/ReadableTag';
import { dayjs, formatDateTime } from '../../lib/format';
import type { DutyVersion, RevisionStatus, RoleCode } from './api';

/** The rules by the department they are about, short enough for a phone's row of choices. */
export const RULE_SHORT: Record<string, string> = { MKT: '市场开拓部', SAL: '销售部', KA: '大客户部' };
export const RULE_NAME: Record<string, string> = { MKT: '市场开拓部门责任制度', SAL: '销售部门管理责任制度', KA: '大客户部管理责任制度' };

export const SCOPE: Record<string, string> = { own: '本人', team: '本团队', department: '本部门', all: '全公司' };
export const SCOPES = ['own', 'team', 'department', 'all'] as const;

export const REVISION_STATUS: Record<RevisionStatus, { label: string; tone: Tone }> = {
  draft: { label: '草稿', tone: 'default' },
  submitted: { label: '待总经理审批', tone: 'gold' },
  approved: { label: '已批准', tone: 'green' },
  rejected: { label: '已退回', tone: 'red' },
  withdrawn: { label: '已撤回', tone: 'default' },
};

export const RevisionStatusTag = ({ status }: { status: RevisionStatus }) => (
  <ReadableTag tone={REVISION_STATUS[status].tone} data-testid="revision-status">
    {REVISION_STATUS[status].label}
  </ReadableTag>
);

/**
 * The rules a drafting department's 经理 revises (MKT-7, SAL-9: 市场开拓部 the MKT and SAL rules;
 * KA-7: 大客户部 the KA rule), and the positions whose grants those rules give.
 */
const DRAFTS: Record<string, string[]> = { market: ['MKT', 'SAL'], key_account: ['KA'] };
const RULE_DEPARTMENT: Record<string, string> = { MKT: 'market', SAL: 'sales', KA: 'key_account' };
export const rulesDraftedBy = (department: string): string[] => DRAFTS[department] ?? [];
export const rolesOfRules = (rules: string[], roles: { code: RoleCode }[]): RoleCode[] =>
  roles.map((r) => r.code).filter((code) => rules.some((rule) => code.startsWith(`${RULE_DEPARTMENT[rule]}.`)));

/** Where a version stands: in force, approved for later, or replaced. */
export type VersionState = 'inForce' | 'pending' | 'retired';
export function versionState(v: DutyVersion): VersionState {
  if (v.inForce) return 'inForce';
  return dayjs(v.effectiveFrom).isAfter(dayjs()) ? 'pending' : 'retired';
}
export const VERSION_STATE: Record<VersionState, { label: string; tone: Tone }> = {
  inForce: { label: '生效中', tone: 'green' },
  pending: { label: '未生效', tone: 'gold' },
  retired: { label: '已停用', tone: 'default' },
};

export const VersionStateTag = ({ v }: { v: DutyVersion }) => {
  const s = VERSION_STATE[versionState(v)];
  return (
    <ReadableTag tone={s.tone} data-testid="version-state">
      {s.label}
    </ReadableTag>
  );
};

/** When a version took effect: the one shipped with the system has been in force from the start. */
export const effectiveText = (v: { effectiveFrom: string }) => (dayjs(v.effectiveFrom).year() <= 1970 ? '随系统发布' : `自 ${formatDateTime(v.effectiveFrom)} 起`);

/** "第 2 版 · 生效中 · 自 2026-12-04 17:30 起". */
export const versionLabel = (v: DutyVersion) => `第 ${v.version} 版 · ${VERSION_STATE[versionState(v)].label} · ${effectiveText(v)}`;
