import { CLAUSE_BY_ID } from '../access/duty-clauses';
import { AppError } from '../common/app-error';

const fieldError = (status: number, code: string, title: string, field: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError(status, code, title, detail, { ...extra, errors: [{ field, message: detail }] });

/**
 * The refusals of 交办事项. Codes (stable):
 * - 400 ASSIGNMENT_ASSIGNEE_INVALID — no such active user, a role that takes no assigned work
 *   (总经理, admin), or oneself;
 * - 403 ASSIGNMENT_OUT_OF_REACH — the person is outside the caller's reach of assignment.assign
 *   (team: direct reports; department: the department; all: anyone), naming the grant's clauses;
 * - 403 ASSIGNMENT_NOT_ASSIGNER — only the assigner (the requester of a 协作请求) confirms,
 *   returns, cancels or edits;
 * - 400 ASSIGNMENT_DUE_IN_PAST, 400 ASSIGNMENT_REQUEST_SAME_DEPARTMENT, 400 ASSIGNMENT_MANAGER_INVALID;
 * - 409 ASSIGNMENT_NO_MANAGER — the department addressed has no active 经理;
 * - 409 ASSIGNMENT_INVALID_TRANSITION (assignment-rules.ts), 409 STALE_VERSION.
 */
export const AssignmentsErrors = {
  assigneeInvalid: (detail: string, field = 'assigneeId') => fieldError(400, 'ASSIGNMENT_ASSIGNEE_INVALID', '承办人无效', field, detail),
  outOfReach: (detail: string, clauses: string[], field = 'assigneeId') =>
    fieldError(403, 'ASSIGNMENT_OUT_OF_REACH', '超出交办范围', field, detail, {
      clauses: clauses.map((id) => ({ id, summary: CLAUSE_BY_ID.get(id)?.summary ?? '' })),
    }),
  notAssigner: () =>
    new AppError(403, 'ASSIGNMENT_NOT_ASSIGNER', '无权操作', '只有交办人（协作请求的提出人）可以修改、退回、确认或取消该事项'),
  dueInPast: (today: string, field = 'dueAt') => fieldError(400, 'ASSIGNMENT_DUE_IN_PAST', '截止时间无效', field, `截止时间不能早于今天（${today}）`),
  sameDepartment: () => fieldError(400, 'ASSIGNMENT_REQUEST_SAME_DEPARTMENT', '请求部门无效', 'toDepartment', '协作请求须向其他部门提出；本部门的工作请直接交办'),
  managerInvalid: (department: string) => fieldError(400, 'ASSIGNMENT_MANAGER_INVALID', '经理无效', 'managerId', `managerId 必须是${department}在职的经理`),
  noManager: (department: string) => new AppError(409, 'ASSIGNMENT_NO_MANAGER', '没有可接收的经理', `${department}目前没有在职的经理，协作请求无人接收`),
  linkIncomplete: () =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', 'entity 与 entityId 须同时给出', {
      errors: [{ field: 'entityId', message: 'entity 与 entityId 须同时给出' }],
    }),
};
