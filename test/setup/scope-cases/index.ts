import type { CaseMap, Subject } from '../scope-world';
import * as approvals from './approvals';
import * as assignments from './assignments';
import * as attachments from './attachments';
import * as campaigns from './campaigns';
import * as complaints from './complaints';
import * as contracts from './contracts';
import * as dutyRevisions from './duty-revisions';
import * as imports from './imports';
import * as marketInfo from './market-info';
import * as meetings from './meetings';
import * as parties from './parties';
import * as platform from './platform';
import * as reviews from './reviews';
import * as targets from './targets';

/** Every route's scope case and every subject, by feature. */
const modules: Array<{ subjects: Record<string, Subject>; cases: CaseMap }> = [parties, contracts, complaints, platform, imports, approvals, reviews, assignments, targets, campaigns, marketInfo, meetings, dutyRevisions, attachments];

export const ALL_SUBJECTS: Record<string, Subject> = Object.assign({}, ...modules.map((m) => m.subjects));
export const ALL_CASES: CaseMap = {};
for (const m of modules) {
  for (const [k, c] of Object.entries(m.cases)) {
    if (k in ALL_CASES) throw new Error(`two scope cases for ${k}`);
    ALL_CASES[k] = c;
  }
}
