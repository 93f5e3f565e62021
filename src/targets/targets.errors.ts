import { AccessErrors } from '../access/access.errors';
import { AppError } from '../common/app-error';
import { MEASURE_NAMES, type Measure } from './target-rules';

const LEVEL_NAMES = { department: '部门', team: '团队', person: '个人' } as const;

const field = (name: string, message: string) => new AppError(400, 'VALIDATION_FAILED', '请求参数无效', message, { errors: [{ field: name, message }] });

export const TargetsErrors = {
  /** A body field that the level needs, or must not have. */
  field,
  countValue: (measure: Measure) => field('value', `「${MEASURE_NAMES[measure]}」按个数计，value 必须是正整数`),
  zeroValue: () => field('value', 'value 必须大于 0'),
  /** The sum rule (SPEC §11): the parts never add up to more than the whole unless the setter says so. */
  partsExceedParent: (p: { parentId: string; parentLevel: keyof typeof LEVEL_NAMES; parentName: string; measure: Measure; parentValue: string; partsSum: string; remaining: string }) =>
    new AppError(
      422,
      'TARGET_PARTS_EXCEED_PARENT',
      '分解合计超过上级指标',
      `分解后各部分合计 ${p.partsSum}，超过上级${LEVEL_NAMES[p.parentLevel]}指标「${p.parentName}」的${MEASURE_NAMES[p.measure]} ${p.parentValue}（还可分解 ${p.remaining}）。如确需超出，请明确勾选「允许超出上级指标」`,
      { parentId: p.parentId, parentValue: p.parentValue, partsSum: p.partsSum, remaining: p.remaining },
    ),
  belowParts: (value: string, partsSum: string) =>
    new AppError(422, 'TARGET_BELOW_PARTS', '指标低于已分解的合计', `该指标已分解出 ${partsSum}，不能改为 ${value}；请先调低下级指标`, { partsSum }),
  notSplittable: (parentLevel: keyof typeof LEVEL_NAMES, level: keyof typeof LEVEL_NAMES) =>
    new AppError(422, 'TARGET_NOT_SPLITTABLE', '不能这样分解', `${LEVEL_NAMES[parentLevel]}指标不能分解出${LEVEL_NAMES[level]}指标：部门指标分解到团队和个人，团队指标分解到个人`),
  partMismatch: (what: 'period' | 'measure', expected: string) =>
    new AppError(422, 'TARGET_PART_MISMATCH', '与上级指标不一致', `分解出的指标与上级指标的${what === 'period' ? '期间' : '考核项'}必须相同（上级为 ${expected}）`, { field: what, expected }),
  subjectInvalid: (detail: string) => new AppError(422, 'TARGET_SUBJECT_INVALID', '不能为此人设定指标', detail),
  exists: () => new AppError(409, 'TARGET_EXISTS', '指标已存在', '该对象在此期间已有这一项指标，请修改原指标'),
  hasParts: (parts: number) =>
    new AppError(409, 'TARGET_HAS_PARTS', '指标已分解', `该指标已分解出 ${parts} 项下级指标；请先删除它们，或以 withParts=true 连同下级指标一并删除`, { parts }),
  departmentLevel: () =>
    AccessErrors.clauseRefusal('TARGET_DEPARTMENT_LEVEL', '部门指标由部门经理制定（SAL-4.8、MKT-4.2、KA-4.1）；主管只把本团队的指标分解给下属', ['SAL-4.8', 'MKT-4.2', 'KA-4.1']),
  notTheSplitter: () =>
    AccessErrors.clauseRefusal(
      'TARGET_SPLIT_FORBIDDEN',
      '主管只能修改自己分解给下属的个人指标（SAL-5.3、MKT-5.1）；本团队的指标和经理直接下达的指标由经理调整',
      ['SAL-5.3', 'MKT-5.1', 'KA-5.1'],
    ),
};
