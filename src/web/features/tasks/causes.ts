/** Why a task exists, in the words of the business, by the `kind` the server gives it. */
export interface Cause {
  label: string;
  color: string;
}

const CAUSES: Record<string, Cause> = {
  'receivable.collect': { label: '应收逾期', color: 'red' },
  'receivable.reminder': { label: '回款提醒', color: 'blue' },
  'receivable.escalation': { label: '应收逾期超 30 天', color: 'red' },
  'key-account.visit': { label: '大客户回访到期', color: 'magenta' },
  'contract.approval': { label: '合同待审批', color: 'geekblue' },
  'contract.gm-approval': { label: '合同待总经理审批', color: 'geekblue' },
  'contract.sign': { label: '合同待签订', color: 'blue' },
  'contract.rejected': { label: '退回修改', color: 'magenta' },
  'complaint.assigned': { label: '投诉待处理', color: 'red' },
  'complaint.escalated': { label: '投诉超时', color: 'red' },
  'prospect.stale': { label: '潜在客户长期未跟进', color: 'purple' },
  'tier.assessment': { label: '大客户等级待审批', color: 'geekblue' },
  'report.digest': { label: '销售周报', color: 'default' },
  'training.invited': { label: '培训邀请', color: 'cyan' },
  'market-info.stale': { label: '市场信息待核实', color: 'orange' },
  'research-report.review': { label: '调查报告待审核', color: 'geekblue' },
  'duty.revision': { label: '制度修订待审批', color: 'geekblue' },
  'duty.revision-rejected': { label: '制度修订被退回', color: 'magenta' },
};

export function causeOf(kind: string): Cause {
  if (CAUSES[kind]) return CAUSES[kind];
  if (/return|reject/.test(kind)) return { label: '退回修改', color: 'magenta' };
  if (kind.startsWith('assignment')) return { label: '交办事项', color: 'purple' };
  return { label: '待办', color: 'default' };
}

/** The console page of the record a task is about; null when the console has none. */
export function routeOf(entity: string | null, id: string | null): string | null {
  if (!entity || !id) return null;
  const base: Record<string, string> = {
    customer: '/customers',
    receivable: '/receivables',
    contract: '/contracts',
    prospect: '/prospects',
    complaint: '/complaints',
    assignment: '/assignments',
    training: '/trainings',
    meeting: '/meetings',
    'market-info': '/market-info',
    'research-report': '/research-reports',
    visit: '/visits',
    duty_revision: '/duties/revisions',
    work_report: '/work-reports',
    'work-report': '/work-reports',
    workreport: '/work-reports',
  };
  return base[entity] ? `${base[entity]}/${id}` : null;
}
