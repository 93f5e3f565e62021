/**
 * Words of 培训. Kinds, statuses, the states' table, whom an organiser may invite and the pass
 * mark come from the server's own rules (src/trainings/training-rules.ts, bundled here); only the
 * tones and the console's labels live in this file.
 */
import { KIND_NAMES, STATUS_NAMES, TRAINING_KINDS, type TrainingKind, type TrainingStatus } from '../../../trainings/training-rules';
import type { Tone } from '../../components/ReadableTag';

export { allows, INVITE_WORDS, MAX_ATTENDEES, MAX_LINKS, mayInvite, PASS_SCORE } from '../../../trainings/training-rules';

export const STATUS: Record<TrainingStatus, { label: string; tone: Tone }> = {
  planned: { label: STATUS_NAMES.planned, tone: 'blue' },
  held: { label: STATUS_NAMES.held, tone: 'gold' },
  evaluated: { label: STATUS_NAMES.evaluated, tone: 'green' },
  cancelled: { label: STATUS_NAMES.cancelled, tone: 'default' },
};

export const KIND_OPTIONS = TRAINING_KINDS.map((k: TrainingKind) => ({ value: k, label: KIND_NAMES[k] }));
export const kindName = (k: TrainingKind) => KIND_NAMES[k];

/** "0.6667" → "66.67%", by string; null → "—". */
export function showRate(rate: string | null | undefined): string {
  const m = rate ? /^(\d+)\.(\d{2})(\d{2})$/.exec(rate) : null;
  if (!m) return '—';
  const [, int, a, b] = m;
  return `${Number(`${int}${a}`)}.${b}%`;
}

/** "1.5" hours → "1.5 学时". */
export const showHours = (h: number) => `${h} 学时`;
