import { AppError } from '../common/app-error';

const fieldError = (status: number, code: string, title: string, field: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError(status, code, title, detail, { ...extra, errors: [{ field, message: detail }] });

/** An action item as a refusal names it: its number in the list and its title. */
export interface ItemRef {
  seq: number;
  title: string;
}
const itemName = (i: ItemRef) => `行动项 ${i.seq}「${i.title}」`;

/**
 * The refusals of 会议纪要. Codes (stable):
 * - 422 MEETING_CHAIR_INVALID — the chair is not an active 经理 or 主管 of the meeting's department;
 * - 422 MEETING_PERSON_INVALID — an attendee or an action item's assignee is no active staff member;
 * - 422 MEETING_ACTION_ITEM_UNASSIGNABLE — on publishing, an action item cannot become the chair's
 *   交办事项 (outside the chair's reach, a person who takes no assigned work, a deadline passed):
 *   names the item, and nothing is published;
 * - 400 VALIDATION_FAILED — an action item due before today, a person listed twice;
 * - 409 MEETING_INVALID_TRANSITION (meeting-rules.ts), 409 STALE_VERSION.
 */
export const MeetingsErrors = {
  chairInvalid: (department: string) =>
    fieldError(422, 'MEETING_CHAIR_INVALID', '主持人无效', 'chairId', `主持人须是${department}在职的经理或主管（助理只负责记录）`),
  personInvalid: (field: string, detail: string) => fieldError(422, 'MEETING_PERSON_INVALID', '人员无效', field, detail),
  itemUnassignable: (item: ItemRef, why: string, reason: string) =>
    fieldError(422, 'MEETING_ACTION_ITEM_UNASSIGNABLE', '行动项不能交办', `actionItems.${item.seq - 1}`, `${itemName(item)}不能交办：${why}。会议纪要未发布，请修改后再发布`, {
      item: { seq: item.seq, title: item.title },
      reason,
    }),
  dueInPast: (seq: number, today: string) =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', `行动项 ${seq} 的截止时间不能早于今天（${today}）`, {
      errors: [{ field: `actionItems.${seq - 1}.dueAt`, message: `截止时间不能早于今天（${today}）` }],
    }),
  duplicate: (field: string, detail: string) =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', detail, { errors: [{ field, message: detail }] }),
};
