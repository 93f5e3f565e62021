import { INFORMATION_ENTRIES } from './duty-matrix-information';
import { MANAGEMENT_ENTRIES } from './duty-matrix-management';
import type { PermissionEntry } from './duty.types';

/**
 * The duty matrix (SPEC §4) this release ships: permission → role → scope → clause ids, one entry
 * per permission in the order of PERMISSIONS. It is version 1 of the stored rules and the default
 * grants of a permission a release adds; who may do what is then the version in force (policy.ts,
 * SPEC §12), which the 总经理 approves.
 *
 * Conventions:
 * - Create-type permissions are granted at `own` (the creator owns the new record), except
 *   tier.manage (`all`: tier definitions are not owned records).
 * - One grant per (permission, role): where a role qualifies at several scopes, it holds the
 *   widest one and cites all of the clauses.
 * - A `gm: all` grant without its own clause cites the gm approval articles (MKT-8, SAL-10, KA-8)
 *   of the departments whose records the permission reaches.
 * - admin is the only role that may hold a grant without a clause; it never reads business data.
 */
export const DUTY_MATRIX: readonly PermissionEntry[] = [
  // ── Prospects (潜在客户) ─────────────────────────────────────────────
  {
    permission: 'prospect.create',
    name: '潜在客户登记备案',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.2'] },
      { role: 'market.supervisor', scope: 'own', clauses: ['MKT-5.3'], note: 'Prospects (准客户) the supervisor negotiates with are registered by the supervisor.' },
      { role: 'market.manager', scope: 'own', clauses: ['MKT-4.5'], note: 'Market research run by the manager yields prospects to register.' },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.1'] },
      { role: 'key_account.supervisor', scope: 'own', clauses: ['KA-5.4'], note: '培植新的大客户: the supervisor also brings in new key-account prospects.' },
    ],
  },
  {
    permission: 'prospect.read',
    name: '查阅潜在客户资料',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.2'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.1'] },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.2'] },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.2'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.6'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.2'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'KA-8'], note: 'Prospects are held by the market and key-account departments only.' },
    ],
  },
  {
    permission: 'prospect.update',
    name: '更新潜在客户资料',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.2'], note: '随时对客户信息进行更新.' },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.4'] },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.2'] },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.2'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.2'] },
    ],
  },
  {
    permission: 'prospect.assign',
    name: '分派潜在客户开拓任务',
    grants: [
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.1'], note: '组织市场拓展专员对计划、方案进行具体实施.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.2'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.5'], note: '安排下属人员: the manager allocates work to subordinates.' },
    ],
  },
  {
    permission: 'prospect.evaluate',
    name: '评估潜在客户（评估、验资）',
    grants: [
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.3'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.4'], note: '确认其是否符合大客户的等级: assessing whether a prospect qualifies.' },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.4'] },
    ],
  },
  {
    permission: 'prospect.convert',
    name: '选择合作对象（潜在客户转为客户）',
    grants: [
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.3'], note: '选择合作对象.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.3'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.2'] },
    ],
  },

  // ── Customers (客户档案) ─────────────────────────────────────────────
  {
    permission: 'customer.create',
    name: '建立客户档案',
    grants: [
      { role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.3'], note: 'Direct creation; prospect.convert also creates customers under its own grants.' },
    ],
  },
  {
    permission: 'customer.read',
    name: '查阅客户档案',
    grants: [
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.3'] },
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.6'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.3'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.2'] },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.4'] },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.1'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.2'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.6'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.6'] },
      { role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.3'], note: 'Keeper of the customer archive (客户档案数据库).' },
      { role: 'sales.assistant', scope: 'all', clauses: ['SAL-8.4'], note: 'Receives customer visits and calls, so must be able to look up any customer.' },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },
  {
    permission: 'customer.update',
    name: '维护客户档案',
    grants: [
      { role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.3'], note: '建立并健全客户档案数据库.' },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.4'], note: 'Owner of the record: handles the customer’s formalities and problems in the sale.' },
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.2', 'MKT-6.6'], note: 'Owner of the record: keeps client data up to date (MKT-6.2) and maintains the client (MKT-6.6).' },
      {
        role: 'key_account.specialist',
        scope: 'own',
        clauses: ['KA-6.3'],
        note: 'SPEC lists MKT-6.2, KA-5.2 for the owners; KA-5.2 is the supervisor’s clause, so the specialist cites KA-6.3 (maintaining existing key accounts) instead.',
      },
    ],
  },
  {
    permission: 'customer.assign',
    name: '划分客户责任分区',
    grants: [
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.7'], note: '责任分工及责任分区.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.2'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.5'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },

  // ── Visits (客户拜访) ───────────────────────────────────────────────
  {
    permission: 'visit.create',
    name: '填写客户拜访记录',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.4'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.3'] },
      { role: 'key_account.supervisor', scope: 'own', clauses: ['KA-5.1'], note: '定期走访、回访大客户.' },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.5'], note: 'Visits are where customer opinions are collected.' },
      { role: 'sales.supervisor', scope: 'own', clauses: ['SAL-5.2'] },
    ],
  },
  {
    permission: 'visit.read',
    name: '查阅客户拜访记录',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.4'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.3'] },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.5'] },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.2'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.4', 'SAL-5.2'], note: 'Also a visit creator (own, SAL-5.2); team is the wider scope, clauses merged.' },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.1'], note: 'Also a visit creator (own, KA-5.1); team is the wider scope.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.6'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.2'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.5'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },
  {
    permission: 'visit.review',
    name: '检查客户拜访工作',
    grants: [
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.2'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.4'] },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.1'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.6'], note: '检查客户维护的效果.' },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.5'] },
    ],
  },

  // ── Contracts (销售合同) ────────────────────────────────────────────
  {
    permission: 'contract.create',
    name: '拟定销售合同',
    grants: [
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.3'], note: '与一般性客户签订销售合同: general (non-key-account) customers only.', constraint: 'general_customers_only' },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.6'] },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.3'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.2'] },
    ],
  },
  {
    permission: 'contract.read',
    name: '查阅销售合同',
    grants: [
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.3'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.4'] },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.3'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.6'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.3'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.2'] },
      { role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.4'] },
      { role: 'sales.assistant', scope: 'all', clauses: ['SAL-8.1'], note: 'Contracts are part of the marketing files the assistant archives.' },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },
  {
    permission: 'contract.approve',
    name: '审核销售合同',
    grants: [
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.6'], note: '审核下属人员洽谈的销售合同.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.3'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.2'] },
      { role: 'gm', scope: 'all', clauses: ['SAL-4.4'], note: 'Second approval level for contracts at or above CONTRACT_GM_APPROVAL_THRESHOLD (经上级领导审批).' },
    ],
  },
  {
    permission: 'contract.archive',
    name: '销售合同建档管理',
    grants: [
      { role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.4'] },
      { role: 'sales.assistant', scope: 'all', clauses: ['SAL-8.1'] },
    ],
  },

  // ── Receivables (应收账款) ──────────────────────────────────────────
  {
    permission: 'receivable.read',
    name: '查阅应收账款',
    grants: [
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.3'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.4'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.3'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.2'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.3'] },
      { role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.5'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'], note: 'Receivables arise from contracts of all three departments.' },
    ],
  },
  {
    permission: 'payment.record',
    name: '管理销售台账',
    grants: [
      { role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.5'] },
    ],
  },
  {
    permission: 'collection.log',
    name: '催收应收款项',
    grants: [
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.3'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.3'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.3'], note: 'Collection as part of maintaining the key-account relationship.' },
    ],
  },
  {
    permission: 'report.receivables',
    name: '应收账款与回款报表',
    grants: [
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.3'], note: '提高销售回款率.' },
      { role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.1'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'], note: 'The report covers receivables of all three departments.' },
    ],
  },

  // ── Key-account tiers (大客户等级) ──────────────────────────────────
  {
    permission: 'tier.read',
    name: '查阅大客户等级与服务标准',
    grants: [
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.6'] },
      { role: 'key_account.supervisor', scope: 'department', clauses: ['KA-4.6'] },
      { role: 'key_account.specialist', scope: 'department', clauses: ['KA-4.6'] },
      { role: 'sales.manager', scope: 'all', clauses: ['KA-4.6'], note: 'Cross-department: sales must tell key accounts from general customers (SAL-7.3 limits reps to general customers); the key-account archive is the source.' },
      { role: 'gm', scope: 'all', clauses: ['KA-4.6'] },
    ],
  },
  {
    permission: 'tier.manage',
    name: '制定大客户等级与服务标准',
    grants: [
      { role: 'key_account.manager', scope: 'all', clauses: ['KA-4.3', 'KA-4.9'], note: 'Tier definitions are not owned records, hence scope all.' },
    ],
  },
  {
    permission: 'tier.propose',
    name: '提出大客户等级评定',
    grants: [
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.4'] },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.4'], note: '提升现有大客户层次.' },
    ],
  },
  {
    permission: 'tier.approve',
    name: '审批大客户等级评定',
    grants: [
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.1', 'KA-4.3'] },
    ],
  },

  // ── Complaints (客户投诉) ───────────────────────────────────────────
  {
    permission: 'complaint.create',
    name: '登记客户投诉',
    grants: [
      { role: 'sales.assistant', scope: 'own', clauses: ['SAL-8.5'] },
      { role: 'sales.clerk', scope: 'own', clauses: ['SAL-6.3'], note: 'Complaints arrive among the customer enquiries the clerk answers.' },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.4'], note: '及时处理销售过程中出现的问题.' },
      { role: 'key_account.supervisor', scope: 'own', clauses: ['KA-5.6'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.6'] },
    ],
  },
  {
    permission: 'complaint.read',
    name: '查阅客户投诉',
    grants: [
      { role: 'sales.clerk', scope: 'own', clauses: ['SAL-6.3'], note: 'Reporter: own complaints.' },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.4'], note: 'Reporter: own complaints.' },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.6'], note: 'Reporter: own complaints.' },
      { role: 'sales.assistant', scope: 'department', clauses: ['SAL-8.5'], note: 'Also a reporter; department is the wider scope.' },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.5'] },
      { role: 'key_account.supervisor', scope: 'department', clauses: ['KA-5.6'], note: 'Also a reporter; department is the wider scope.' },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.5'] },
      { role: 'gm', scope: 'all', clauses: ['SAL-10', 'KA-8'], note: 'Complaints are routed to sales or key_account only.' },
    ],
  },
  {
    permission: 'complaint.handle',
    name: '处理客户投诉',
    grants: [
      { role: 'sales.assistant', scope: 'department', clauses: ['SAL-8.5'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.5'], note: 'Complaint handling is part of after-sales service.' },
      { role: 'key_account.supervisor', scope: 'department', clauses: ['KA-5.6'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.5'] },
    ],
  },
  {
    permission: 'complaint.compensate',
    name: '提出投诉赔偿方案',
    grants: [
      { role: 'key_account.supervisor', scope: 'department', clauses: ['KA-5.6'], note: '处理大客户的投诉、查询、赔偿.' },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.5'] },
    ],
  },
  {
    permission: 'complaint.approve_compensation',
    name: '审批投诉赔偿',
    grants: [
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.5'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.5'], note: 'Never approves compensation the same user proposed (separation of duties).' },
      { role: 'gm', scope: 'all', clauses: ['SAL-10', 'KA-8'] },
    ],
  },

  // ── Reports (报表) ──────────────────────────────────────────────────
  {
    permission: 'report.sales',
    name: '销售统计报表（周/月/季报）',
    grants: [
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.6'] },
      { role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.1'] },
      { role: 'sales.assistant', scope: 'all', clauses: ['SAL-8.2'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.7'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.10'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.5'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.4'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },

  // ── Work reports (工作报告) ─────────────────────────────────────────
  {
    permission: 'workreport.submit',
    name: '提交工作周报、月报及总结',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.5'] },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.6'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.5'] },
    ],
  },
  {
    permission: 'workreport.review',
    name: '审阅下属工作报告',
    grants: [
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.2'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.4'] },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.1'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-5.2', 'MKT-4.2'], note: 'SPEC cites the supervisor clause; MKT-4.2 (checking execution of plans) is the manager’s own.' },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-5.4', 'SAL-4.8'], note: 'SPEC cites the supervisor clause; SAL-4.8 (supervising plan execution) is the manager’s own.' },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-5.1', 'KA-4.8'], note: 'SPEC cites the supervisor clause; KA-4.8 (assessing subordinates) is the manager’s own.' },
    ],
  },

  // ── Administration (系统) ───────────────────────────────────────────
  {
    permission: 'audit.read',
    name: '查阅审计日志',
    grants: [
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
      { role: 'admin', scope: 'all', clauses: [], note: 'System administration; no duty clause applies.' },
    ],
  },
  {
    permission: 'user.manage',
    name: '管理用户账户',
    grants: [
      { role: 'admin', scope: 'all', clauses: [], note: 'System administration; no duty clause applies.' },
    ],
  },
  {
    permission: 'job.run',
    name: '运行定时任务',
    grants: [
      { role: 'admin', scope: 'all', clauses: [], note: 'System administration; no duty clause applies.' },
    ],
  },
  {
    permission: 'notification.manage',
    name: '管理通知发件箱',
    grants: [
      { role: 'admin', scope: 'all', clauses: [], note: 'System administration (delivery of e-mail and webhook messages); no duty clause applies.' },
    ],
  },
  ...MANAGEMENT_ENTRIES,
  ...INFORMATION_ENTRIES,
  // ── The rules themselves (SPEC §12) ─────────────────────────────────
  {
    permission: 'duty.revise',
    name: '起草与修订职责制度',
    grants: [
      { role: 'market.manager', scope: 'department', clauses: ['MKT-7', 'SAL-9'], note: '市场开拓部负责制定和修改市场开拓部门与销售部门的责任制度.' },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-7'], note: '大客户部负责编制和修改大客户部管理责任制度.' },
    ],
  },
  {
    permission: 'duty.approve',
    name: '审批职责制度的修订',
    grants: [
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'], note: '本制度经公司总经理审批通过后执行.' },
    ],
  },
];

// Freeze the matrix so no caller can widen a grant at run time.
for (const entry of DUTY_MATRIX) {
  for (const grant of entry.grants) {
    Object.freeze(grant.clauses);
    Object.freeze(grant);
  }
  Object.freeze(entry.grants);
  Object.freeze(entry);
}
Object.freeze(DUTY_MATRIX);
