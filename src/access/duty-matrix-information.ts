import type { PermissionEntry } from './duty.types';

/**
 * The information and activity work of the three rules (SPEC §11, part 2): 市场信息库 and research
 * reports, channels and campaigns, meetings and training. Part of the duty matrix (duty-matrix.ts
 * appends these entries, in PERMISSIONS order).
 */
export const INFORMATION_ENTRIES: readonly PermissionEntry[] = [
  // ── 市场信息库 (market information) ──────────────────────────────────
  {
    permission: 'marketinfo.write',
    name: '收集与登记市场信息',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.1'], note: '收集市场开拓的相关信息，并对各信息进行分类整合.' },
      { role: 'market.supervisor', scope: 'own', clauses: ['MKT-5.6'], note: '建立市场开拓信息库.' },
      { role: 'sales.clerk', scope: 'own', clauses: ['SAL-6.2'], note: '产品流向及终端销售数据的采集与录存.' },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.5'], note: '收集销售信息和客户意见.' },
      { role: 'sales.assistant', scope: 'own', clauses: ['SAL-8.3'], note: '市场行情、销售价格、新产品、替代品、客源等信息资料.' },
      { role: 'key_account.supervisor', scope: 'own', clauses: ['KA-5.2'], note: '大客户资源的收集、整理、归档.' },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.5'], note: '统计分析现有客户的需求及信息资料.' },
    ],
  },
  {
    permission: 'marketinfo.read',
    name: '查阅市场信息库',
    grants: [
      { role: 'market.specialist', scope: 'department', clauses: ['MKT-6.1'] },
      { role: 'market.supervisor', scope: 'department', clauses: ['MKT-5.6'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.5'], note: '全面熟悉和掌握市场最新动态.' },
      { role: 'sales.clerk', scope: 'department', clauses: ['SAL-6.2'] },
      { role: 'sales.rep', scope: 'department', clauses: ['SAL-7.5'] },
      { role: 'sales.assistant', scope: 'department', clauses: ['SAL-8.3'], note: '为部门业务人员、领导决策提供参考.' },
      { role: 'sales.supervisor', scope: 'department', clauses: ['SAL-5.2'], note: '分析和总结与客户合作中出现的问题.' },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.4'], note: '随时关注产品及市场的销售动态.' },
      { role: 'key_account.specialist', scope: 'department', clauses: ['KA-6.5'] },
      { role: 'key_account.supervisor', scope: 'department', clauses: ['KA-5.2'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.4'], note: '为大客户相关的营销决策提供相关市场信息.' },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },
  {
    permission: 'marketinfo.curate',
    name: '维护市场信息库（更新、确认、归档）',
    grants: [
      { role: 'market.supervisor', scope: 'department', clauses: ['MKT-5.6'], note: '定期对信息库进行更新与维护.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.5'] },
      { role: 'sales.assistant', scope: 'department', clauses: ['SAL-8.1'], note: '营销文件资料的管理、归类、整理、建档和保管.' },
      { role: 'key_account.supervisor', scope: 'department', clauses: ['KA-5.2'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.6'], note: '指导下属人员进行信息维护与记录.' },
    ],
  },
  {
    permission: 'research.write',
    name: '编写市场调查报告',
    grants: [
      { role: 'market.supervisor', scope: 'own', clauses: ['MKT-5.2'], note: '编写市场开拓调查报告，交市场开拓部经理审核.' },
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.1'], note: '对所收集信息的分类整合，形成调查材料.' },
      { role: 'key_account.supervisor', scope: 'own', clauses: ['KA-5.5'], note: '市场调查、竞争对手研究、营销策划.' },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.4'], note: '对潜在大客户进行调查分析.' },
    ],
  },
  {
    permission: 'research.review',
    name: '审核市场调查报告',
    grants: [
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.5', 'MKT-5.2'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.4'] },
    ],
  },
  {
    permission: 'research.read',
    name: '查阅市场调查报告',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-6.1'] },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.2'], note: '指导并监督市场开拓专员的调查工作.' },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.5'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.4'] },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.5'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.4'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'KA-8'] },
    ],
  },
  // ── 渠道与推广活动 (channels and campaigns) ──────────────────────────
  {
    permission: 'channel.manage',
    name: '拓展与维护渠道，编制渠道维护方案',
    grants: [
      { role: 'market.supervisor', scope: 'department', clauses: ['MKT-5.4'], note: '对市场开拓渠道进行拓展与维护，编制渠道维护与管理工作方案.' },
      { role: 'key_account.supervisor', scope: 'team', clauses: ['KA-5.1'], note: 'The specialist chooses channels 在大客户主管的指导下 (KA-6.2).' },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-6.2'], note: '不断挖掘大客户销售渠道，选择合适的大客户拓展渠道.' },
    ],
  },
  {
    permission: 'channel.read',
    name: '查阅渠道',
    grants: [
      { role: 'market.specialist', scope: 'department', clauses: ['MKT-6.2'], note: 'A prospect is attributed to its channel at registration.' },
      { role: 'market.supervisor', scope: 'department', clauses: ['MKT-5.4'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.1'] },
      { role: 'key_account.specialist', scope: 'department', clauses: ['KA-6.2'] },
      { role: 'key_account.supervisor', scope: 'department', clauses: ['KA-5.1'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.3'], note: '大客户的开发与关系维护方案.' },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'KA-8'] },
    ],
  },
  {
    permission: 'campaign.manage',
    name: '策划、开展与评估推广活动',
    grants: [
      { role: 'market.supervisor', scope: 'department', clauses: ['MKT-5.5'], note: '编制市场推广活动方案，开展活动，并进行总结与评估.' },
      { role: 'key_account.supervisor', scope: 'department', clauses: ['KA-5.3'], note: '大客户的业务推广、业务宣传.' },
    ],
  },
  {
    permission: 'campaign.read',
    name: '查阅推广活动及其评估',
    grants: [
      { role: 'market.specialist', scope: 'department', clauses: ['MKT-6.2'], note: 'A prospect is attributed to its campaign at registration.' },
      { role: 'market.supervisor', scope: 'department', clauses: ['MKT-5.5'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.3'], note: '确定市场开拓各项活动的决策工作.' },
      { role: 'key_account.specialist', scope: 'department', clauses: ['KA-6.1'] },
      { role: 'key_account.supervisor', scope: 'department', clauses: ['KA-5.3'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.2'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'KA-8'] },
    ],
  },
  // ── 会议与培训 (meetings and training) ────────────────────────────────
  {
    permission: 'meeting.record',
    name: '部门会议记录',
    grants: [
      { role: 'sales.assistant', scope: 'department', clauses: ['SAL-8.6'], note: '协助部门经理及主管做好部门内各种部门会议的记录.' },
    ],
  },
  {
    permission: 'meeting.read',
    name: '查阅会议纪要',
    grants: [
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-7.7'], note: 'Own: the meetings I attended; their action items are work handed to me.' },
      { role: 'sales.clerk', scope: 'own', clauses: ['SAL-6.7'] },
      { role: 'sales.assistant', scope: 'department', clauses: ['SAL-8.6'] },
      { role: 'sales.supervisor', scope: 'department', clauses: ['SAL-8.6'], note: 'The minutes are kept for the 经理 and the 主管.' },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-8.6', 'SAL-4.1'] },
      { role: 'gm', scope: 'all', clauses: ['SAL-10'] },
    ],
  },
  {
    permission: 'training.manage',
    name: '组织业务培训并检查培训效果',
    grants: [
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.4'], note: '组织对市场开拓人员提供业务培训与指导，并检查培训效果.' },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.7'], note: '定期对所属人员进行市场拓展方面的业务培训.' },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.5'], note: '对新入职员工进行入职培训及日常业务培训.' },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.7'], note: '对本部门员工进行指导与培训.' },
    ],
  },
  {
    permission: 'training.read',
    name: '查阅培训记录',
    grants: [
      { role: 'market.specialist', scope: 'own', clauses: ['MKT-5.7'], note: 'Own: the sessions I attended.' },
      { role: 'market.supervisor', scope: 'team', clauses: ['MKT-5.7'] },
      { role: 'market.manager', scope: 'department', clauses: ['MKT-4.4'] },
      { role: 'sales.rep', scope: 'own', clauses: ['SAL-5.5'] },
      { role: 'sales.clerk', scope: 'own', clauses: ['SAL-5.5'] },
      { role: 'sales.assistant', scope: 'own', clauses: ['SAL-5.5'] },
      { role: 'sales.supervisor', scope: 'team', clauses: ['SAL-5.5'] },
      { role: 'sales.manager', scope: 'department', clauses: ['SAL-4.1'] },
      { role: 'key_account.specialist', scope: 'own', clauses: ['KA-4.7'] },
      { role: 'key_account.supervisor', scope: 'own', clauses: ['KA-4.7'] },
      { role: 'key_account.manager', scope: 'department', clauses: ['KA-4.7'] },
      { role: 'gm', scope: 'all', clauses: ['MKT-8', 'SAL-10', 'KA-8'] },
    ],
  },
];
