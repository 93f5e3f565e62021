import { CLAUSE_BY_ID } from '../access/duty-clauses';
import { AppError } from '../common/app-error';

const fieldError = (status: number, code: string, title: string, field: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError(status, code, title, detail, { ...extra, errors: [{ field, message: detail }] });

/**
 * The refusals of 培训. Codes (stable):
 * - 422 TRAINING_ATTENDEE_OUT_OF_SCOPE — an invitee outside the organiser's training.manage reach
 *   (team: direct reports; department: the department), inactive, or not a member of staff;
 * - 422 TRAINING_ATTENDANCE_INVALID — the record of a session must give every invitee once, and a
 *   score only to someone who attended;
 * - 400 VALIDATION_FAILED — an invitee listed twice;
 * - 409 TRAINING_INVALID_TRANSITION (training-rules.ts), 409 STALE_VERSION.
 */
export const TrainingsErrors = {
  attendeeOutOfScope: (index: number, detail: string, clauses: string[]) =>
    fieldError(422, 'TRAINING_ATTENDEE_OUT_OF_SCOPE', '不能邀请此人参加培训', `attendeeIds.${index}`, detail, {
      clauses: clauses.map((id) => ({ id, summary: CLAUSE_BY_ID.get(id)?.summary ?? '' })),
    }),
  attendanceInvalid: (field: string, detail: string) => fieldError(422, 'TRAINING_ATTENDANCE_INVALID', '培训记录无效', field, detail),
  duplicate: (field: string, detail: string) => new AppError(400, 'VALIDATION_FAILED', '请求参数无效', detail, { errors: [{ field, message: detail }] }),
};
