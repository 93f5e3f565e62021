import type { CaseMap, Subject } from '../scope-world';

export const subjects: Record<string, Subject> = {};

export const cases: CaseMap = {};
