/**
 * The clauses of the duty rules the product does not serve, each with the reason. Which clauses are
 * served is never written here: it is derived from the duty matrix and the route table
 * (duty-coverage.ts). A reason kept for a clause that has become served is an error the unit test
 * reports, so this list only ever shrinks truthfully.
 */
export const NOT_SERVED: Readonly<Record<string, string>> = {
  // general articles: purpose, scope, staffing
  'MKT-1': '总则：制度目的，不是岗位职责',
  'MKT-2': '总则：适用范围',
  'MKT-3': '总则：部门人员组成（由用户与角色体现）',
  'SAL-1': '总则：制度目的，不是岗位职责',
  'SAL-2': '总则：适用范围',
  'SAL-3': '总则：部门人员组成（由用户与角色体现）',
  'KA-1': '总则：制度目的，不是岗位职责',
  'KA-2': '总则：适用范围',
  'KA-3': '总则：部门人员组成（由用户与角色体现）',
  // duties that are not software
  'SAL-7.1': '提升个人推销能力：个人素质要求，不是系统中的操作',
};
