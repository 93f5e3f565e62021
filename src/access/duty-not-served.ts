/**
 * The clauses of the duty rules the product does not serve, each with the reason. Which clauses are
 * served is never written here: it is derived from the duty matrix and the route table
 * (duty-coverage.ts). A reason kept for a clause that has become served is an error the unit test
 * reports, so this list only ever shrinks truthfully.
 */
export const NOT_SERVED: Readonly<Record<string, string>> = {
  // general articles: purpose, scope, staffing, who drafts the rule
  'MKT-1': '总则：制度目的，不是岗位职责',
  'MKT-2': '总则：适用范围',
  'MKT-3': '总则：部门人员组成（由用户与角色体现）',
  'MKT-7': '制度的起草与修订（制度版本管理，另行实现）',
  'SAL-1': '总则：制度目的，不是岗位职责',
  'SAL-2': '总则：适用范围',
  'SAL-3': '总则：部门人员组成（由用户与角色体现）',
  'SAL-9': '制度的起草与修订（制度版本管理，另行实现）',
  'KA-1': '总则：制度目的，不是岗位职责',
  'KA-2': '总则：适用范围',
  'KA-3': '总则：部门人员组成（由用户与角色体现）',
  'KA-7': '制度的起草与修订（制度版本管理，另行实现）',
  // duties that are not software, or not yet served
  'SAL-7.1': '提升个人推销能力：个人素质要求，不是系统中的操作',
  'MKT-4.4': '业务流程审批与业务培训：培训管理尚未实现',
  'MKT-5.5': '市场推广活动：推广活动管理尚未实现',
  'MKT-5.6': '市场开拓信息库：市场信息库尚未实现',
  'MKT-5.7': '业务培训：培训管理尚未实现',
  'MKT-6.1': '收集市场开拓信息：市场信息库尚未实现',
  'SAL-5.5': '入职培训与业务培训：培训管理尚未实现',
  'SAL-6.2': '产品流向与终端销售数据：市场信息库尚未实现',
  'SAL-8.3': '行情、价格、客源信息：市场信息库尚未实现',
  'SAL-8.6': '部门会议记录：会议管理尚未实现',
  'KA-4.7': '员工指导与培训：培训管理尚未实现',
  'KA-5.3': '业务推广与宣传：推广活动管理尚未实现',
  'KA-5.5': '市场调查与营销策划：调研报告尚未实现',
  'KA-6.2': '大客户拓展渠道：渠道管理尚未实现',
};
