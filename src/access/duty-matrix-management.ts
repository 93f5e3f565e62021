import type { PermissionEntry } from './duty.types';

/**
 * The management loop of all three rules (SPEC §11): 交办事项, plans and targets, performance
 * reviews. Part of the duty matrix (duty-matrix.ts appends these entries, in PERMISSIONS order).
 */
export const MANAGEMENT_ENTRIES: readonly PermissionEntry[] = [
  // ── 交办事项 (assigned work) ─────────────────────────────────────────
  {
    permission: 'assignment.assign',
    name: '交办工作（分派、取消、确认完成）',
    grants: [
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.1'], note: '组织市场拓展专员对计划、方案进行具体实施: work is handed to the team.' },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.3', 'SAL-5.6'], note: '人员安排; 组织、巡检与协调各类销售活动.' },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.1'], note: '指导大客户专员: the supervisor directs the specialists’ work.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.1'], note: '全面负责市场开拓部的整体工作.' },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.1', 'SAL-4.7'], note: '组织下属人员; 合理安排销售任务.' },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.5'], note: '安排下属人员.' },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'], note: 'The 总经理 may hand work to anyone.' },
    ],
  },
  {
    permission: 'assignment.work',
    name: '完成上级交办的工作',
    grants: [
      { role: 'market.manager', scope: 'own', clauses: ['MKT-4.9'] },
      { role: 'market.supervisor', scope: 'own', clauses: ['MKT-5.8'] },
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.7'] },
      { role: 'sales.manager', scope: 'own', clauses: ['SAL-4.11'] },
      { role: 'sales.supervisor', scope: 'own', clauses: ['SAL-5.8'] },
      { role: 'sales.clerk', scope: 'own', clauses: ['SAL-6.7'] },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.7'] },
      { role: 'sales.assistant', scope: 'own', clauses: ['SAL-8.7'] },
      { role: 'key_account.manager', scope: 'own', clauses: ['KA-4.10'] },
      { role: 'key_account.supervisor', scope: 'own', clauses: ['KA-5.8', 'KA-5.7'], note: '服从上级对管理工作的协调.' },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.7'] },
    ],
  },
  {
    permission: 'assignment.read',
    name: '查阅交办事项',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.7'], note: 'Own: what was handed to me, and what I handed on.' },
      { role: 'sales.clerk', scope: 'own', clauses: ['SAL-6.7'] },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.7'] },
      { role: 'sales.assistant', scope: 'own', clauses: ['SAL-8.7'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.7'] },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.8', 'MKT-5.1'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.8', 'SAL-5.3'] },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.8', 'KA-5.1'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.9', 'MKT-4.1'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.11', 'SAL-4.1'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.10', 'KA-4.5'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },
  {
    permission: 'assignment.request',
    name: '向其他部门提出协作请求（协调、转达）',
    grants: [
      { role: 'market.manager', scope: 'own', clauses: ['MKT-4.8'], note: '做好与其他相关各部门的协调沟通工作.' },
      { role: 'sales.supervisor', scope: 'own', clauses: ['SAL-5.1'], note: '将客户要求传递给上级领导及其他部门.' },
    ],
  },
  // ── 计划与指标 (plans and targets) ───────────────────────────────────
  {
    permission: 'target.manage',
    name: '制定与分解工作目标、销售指标',
    grants: [
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.1'], note: 'Splits the team’s share to the specialists (协助经理制订市场拓展计划).' },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.3'], note: '起草销售业务人员的销售工作计划: splits the team’s share to the reps.' },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.1'], note: 'KA-4.1 has the manager guide subordinates in splitting the annual targets.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.2'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.8', 'SAL-4.7'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.1'] },
    ],
  },
  {
    permission: 'target.read',
    name: '查阅指标与完成情况',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.3'] },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.2'], note: '按照销售计划积极完成销售量指标: my targets.' },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.4'], note: '根据大客户的拓展目标.' },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.1'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.3', 'SAL-5.4'] },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.1'] },
      { role: 'sales.clerk', scope: 'department', clauses: ['SAL-6.6'], note: '协助业务人员完成销售业务统计.' },
      { role: 'sales.assistant', scope: 'department', clauses: ['SAL-8.2'], note: '各类销售指标的月度、季度、年度统计报表.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.2'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.8'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.1'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },
  {
    permission: 'workplan.write',
    name: '制订工作计划',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.3'], note: '根据公司总体的市场开拓计划制订自身的工作计划.' },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.1'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.3'], note: '定期起草销售业务人员的销售工作计划.' },
    ],
  },
  {
    permission: 'workplan.read',
    name: '查阅工作计划',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.3'] },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.2'], note: '按照销售计划: the plan the supervisor drafted for me.' },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.1'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.3'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.2'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.8'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10'] },
    ],
  },
  // ── 绩效考核 (performance reviews) ───────────────────────────────────
  {
    permission: 'review.scheme',
    name: '起草部门绩效考核方案',
    grants: [
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.7'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.9'], note: '制定对本部门员工的绩效考核方案及奖惩办法.' },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.8'] },
    ],
  },
  {
    permission: 'review.approve_scheme',
    name: '审批绩效考核方案',
    grants: [
      { role: 'gm', scope: 'all', clauses: ['SAL-10', 'MKT-8', 'KA-8'], note: 'SAL-4.9: 经公司总经理审批通过后组织执行.' },
    ],
  },
  {
    permission: 'review.conduct',
    name: '考核评价下属',
    grants: [
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.4'], note: '定期对销售业务人员进行业务指导与检查.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.7'], note: '对下属人员的日常工作表现及工作能力、工作态度等进行考核评价.' },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.9'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.8'] },
    ],
  },
  {
    permission: 'review.confirm',
    name: '确认下级的考核结果',
    grants: [
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.7'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.9'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.8'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'], note: 'The next level above a manager’s review.' },
    ],
  },
  {
    permission: 'review.read',
    name: '查阅绩效考核',
    grants: [
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.4'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.7'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.9'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.8'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },
];
