/**
 * Words of 会议纪要. Kinds, statuses and the chair's reach come from the server's own rules
 * (src/meetings/meeting-rules.ts and the assignments' rules, bundled here); only the tones and the
 * console's labels live in this file.
 */
import { PRIORITY_NAMES, STATUS_NAMES as WORK_STATUS_NAMES, type AssignmentPriority, type AssignmentStatus } from '../../../assignments/assignment-rules';
import { KIND_NAMES, MEETING_KINDS, STATUS_NAMES, type MeetingKind, type MeetingStatus } from '../../../meetings/meeting-rules';
import type { Tone } from '../../components/ReadableTag';

export { MAX_ACTION_ITEMS, MAX_ATTENDEES, MAX_DECISIONS, chairReaches, mayChair } from '../../../meetings/meeting-rules';

export const STATUS: Record<MeetingStatus, { label: string; tone: Tone }> = {
  draft: { label: STATUS_NAMES.draft, tone: 'gold' },
  published: { label: STATUS_NAMES.published, tone: 'green' },
};

export const KIND_OPTIONS = MEETING_KINDS.map((k: MeetingKind) => ({ value: k, label: KIND_NAMES[k] }));
export const kindName = (k: MeetingKind) => KIND_NAMES[k];

export const PRIORITY_OPTIONS = (Object.keys(PRIORITY_NAMES) as AssignmentPriority[]).map((value) => ({ value, label: PRIORITY_NAMES[value] }));
export const priorityName = (p: AssignmentPriority) => PRIORITY_NAMES[p];

/** The 交办事项 an action item became, in the assignments' own words and tones. */
export const WORK_STATUS: Record<AssignmentStatus, { label: string; tone: Tone }> = {
  assigned: { label: WORK_STATUS_NAMES.assigned, tone: 'blue' },
  in_progress: { label: WORK_STATUS_NAMES.in_progress, tone: 'cyan' },
  done: { label: WORK_STATUS_NAMES.done, tone: 'gold' },
  confirmed: { label: WORK_STATUS_NAMES.confirmed, tone: 'green' },
  cancelled: { label: WORK_STATUS_NAMES.cancelled, tone: 'default' },
};
