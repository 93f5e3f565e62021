/**
 * Words of the admin's pages. Roles and departments come from the server's own table
 * (src/access/roles.ts, bundled here), so a new role needs no change in the console.
 */
import { DEPARTMENT_NAMES, DEPARTMENTS, ROLE_INFO, ROLES, type Department, type RoleCode } from '../../../access/roles';

export { DEPARTMENTS, ROLES, type Department, type RoleCode };

export const roleName = (role: string): string => ROLE_INFO[role as RoleCode]?.name ?? role;
export const departmentName = (d: string): string => DEPARTMENT_NAMES[d as Department] ?? d;
export const departmentOfRole = (role: string): Department | undefined => ROLE_INFO[role as RoleCode]?.department;

/** 角色 options grouped by department, in the order of the organisation. */
export const ROLE_OPTIONS = DEPARTMENTS.map((d) => ({
  label: DEPARTMENT_NAMES[d],
  title: DEPARTMENT_NAMES[d],
  options: ROLES.filter((r) => ROLE_INFO[r].department === d).map((r) => ({ value: r, label: ROLE_INFO[r].name })),
}));

export const ROLE_FILTER_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_INFO[r].name }));
export const DEPARTMENT_OPTIONS = DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_NAMES[d] }));

/** The password rule of the server (src/auth/password.ts), in words; the server checks it again. */
export const PASSWORD_RULE = '10 到 128 个字符，不要求字母数字组合；不能是常见密码，不能与用户名相同，不能由同一个字符重复组成';
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** What the console can say before submitting; the common-password list stays on the server. */
export function passwordHint(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return `密码长度必须在 ${PASSWORD_MIN} 到 ${PASSWORD_MAX} 个字符之间（现为 ${length} 个）`;
  if (username && password.toLowerCase() === username.toLowerCase()) return '密码不能与用户名相同';
  if (new Set(password.toLowerCase()).size === 1) return '密码不能由同一个字符重复组成';
  return null;
}

/** A password to hand over: 16 characters from an alphabet without look-alikes (0/O, 1/l/I). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12)}`;
}

/** 定时任务: a Chinese name beside each job's code (the description comes from the server). */
export const JOB_TITLES: Record<string, string> = {
  'receivables.overdue-scan': '应收逾期扫描',
  'complaints.sla-escalation': '投诉超时升级',
  'key-accounts.visit-reminders': '大客户回访提醒',
  'key-accounts.tier-review': '大客户等级复核',
  'prospects.stale-check': '潜在客户跟进检查',
  'reports.weekly-digest': '销售周报',
  'assignments.due-reminders': '交办事项到期提醒',
  'market-info.stale-check': '市场信息过时检查',
};

/** The counts a job reports after a run. */
export const SUMMARY_LABELS: Record<string, string> = {
  reminders: '提醒',
  markedOverdue: '标记逾期',
  collectionTasks: '催收待办',
  escalations: '上报经理',
  escalated: '升级投诉',
  tasks: '待办',
  checkedAt: '检查时间',
  supervisorTasks: '主管待办',
  releasedToPool: '释放到公海',
  reviewed: '复核客户',
  upgrades: '建议升级',
  downgrades: '建议降级',
  skippedPending: '已有待审评估',
  week: '周报周',
  managers: '经理',
  stored: '已保存',
  dueToday: '今日到期',
  overdue: '已逾期',
  flagged: '标记过时',
  curatorTasks: '维护人待办',
  staleDays: '过时天数',
};

export const RUN_STATUS: Record<string, { label: string; tone: 'green' | 'red' | 'blue' | 'gold' }> = {
  succeeded: { label: '成功', tone: 'green' },
  failed: { label: '失败', tone: 'red' },
  running: { label: '运行中', tone: 'blue' },
  skipped: { label: '已跳过', tone: 'gold' },
};

export const SKIP_REASON: Record<string, string> = {
  locked: '另一实例正在运行该任务',
  already_ran: '该时段已经运行过（每个时段只运行一次）',
};

export const TRIGGER: Record<string, string> = { schedule: '按计划', manual: '手动' };

/** 审计日志: the kinds of record the log names. */
export const AUDIT_ENTITIES: Record<string, string> = {
  user: '用户',
  session: '登录会话',
  permission: '权限（拒绝访问）',
  job: '定时任务',
  prospect: '潜在客户',
  customer: '客户',
  visit: '拜访记录',
  contract: '合同',
  collection: '催收记录',
  payment: '回款',
  complaint: '投诉',
  tier: '大客户等级',
  tier_assessment: '大客户等级评估',
  task: '待办',
  work_report: '工作报告',
  assignment: '交办事项',
  target: '指标',
  work_plan: '工作计划',
  review_scheme: '考核方案',
  review: '绩效考核',
  meeting: '会议纪要',
  training: '培训',
  market_info: '市场信息',
  research_report: '调查报告',
  channel: '渠道',
  channel_plan: '渠道维护方案',
  campaign: '推广活动',
  notification: '通知',
};

/** The verb of an action code ("user.create" → 创建); the code itself is always shown beside it. */
const VERBS: Record<string, string> = {
  create: '创建',
  update: '修改',
  edit: '修改',
  'bootstrap-admin': '初始化管理员',
  login: '登录',
  session: '登录（控制台）',
  logout: '退出登录',
  denied: '拒绝访问',
  run: '运行',
  retry: '重新发送',
  assign: '分配',
  claim: '认领',
  convert: '转为客户',
  evaluate: '评估',
  submit: '提交',
  approve: '批准',
  approve_to_gm: '批准并转总经理',
  reject: '退回',
  sign: '签订',
  terminate: '终止',
  archive: '归档',
  complete: '完成',
  reopen: '重新打开',
  review: '审阅',
  log: '记录',
  record: '登记',
  reverse: '冲销',
  propose: '提议',
  done: '完成',
  resolve: '解决',
  close: '关闭',
  escalate: '升级',
  start: '开始',
  return: '退回',
  confirm: '确认',
  cancel: '取消',
  delegate: '转派',
  request: '提出协作请求',
  supersede: '被新方案替代',
  publish: '发布',
  hold: '记录培训情况',
  delete: '删除',
  restore: '恢复',
  accept: '审核通过',
  activate: '启用',
  deactivate: '停用',
  finish: '结束',
};

export function actionLabel(action: string): string {
  const verb = action.includes('.') ? action.slice(action.indexOf('.') + 1) : action;
  return VERBS[verb] ?? action;
}

/** Field names of before/after snapshots, for the side-by-side view. */
export const FIELD_LABELS: Record<string, string> = {
  id: 'ID',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  roleName: '角色名称',
  department: '部门',
  supervisorId: '上级',
  email: '邮箱',
  emailEnabled: '邮件通知',
  webhookEnabled: '群机器人通知',
  kinds: '通知类型',
  attempts: '已尝试次数',
  maxAttempts: '最多尝试次数',
  active: '启用',
  version: '版本',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  passwordChanged: '密码已修改',
  status: '状态',
  ownerId: '负责人',
  name: '名称',
  companyName: '公司名称',
  contactName: '联系人',
  contactPhone: '联系电话',
  amount: '金额',
  title: '标题',
  method: '方式',
  url: '地址',
  comment: '意见',
  reason: '原因',
};
