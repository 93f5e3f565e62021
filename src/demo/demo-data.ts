import type { RoleCode } from '../access/roles';

/** The demo organisation: every role, a reporting line, Chinese names. Usernames are what people log in with. */
export const DEMO_PASSWORD = 'Zhize-Demo-2026';

export interface DemoUser {
  username: string;
  displayName: string;
  role: RoleCode;
  supervisor?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'gm.wang', displayName: '王建国', role: 'gm' },
  { username: 'mkt.manager', displayName: '李明', role: 'market.manager' },
  { username: 'mkt.sup.zhao', displayName: '赵磊', role: 'market.supervisor', supervisor: 'mkt.manager' },
  { username: 'mkt.spec.sun', displayName: '孙悦', role: 'market.specialist', supervisor: 'mkt.sup.zhao' },
  { username: 'mkt.spec.zhou', displayName: '周倩', role: 'market.specialist', supervisor: 'mkt.sup.zhao' },
  { username: 'sales.manager', displayName: '陈静', role: 'sales.manager' },
  { username: 'sales.sup.liu', displayName: '刘洋', role: 'sales.supervisor', supervisor: 'sales.manager' },
  { username: 'sales.rep.wu', displayName: '吴昊', role: 'sales.rep', supervisor: 'sales.sup.liu' },
  { username: 'sales.rep.zheng', displayName: '郑爽', role: 'sales.rep', supervisor: 'sales.sup.liu' },
  { username: 'sales.rep.he', displayName: '何斌', role: 'sales.rep', supervisor: 'sales.sup.liu' },
  { username: 'sales.clerk', displayName: '林芳', role: 'sales.clerk', supervisor: 'sales.manager' },
  { username: 'sales.assistant', displayName: '黄婷', role: 'sales.assistant', supervisor: 'sales.manager' },
  { username: 'ka.manager', displayName: '杨帆', role: 'key_account.manager' },
  { username: 'ka.sup.xu', displayName: '徐刚', role: 'key_account.supervisor', supervisor: 'ka.manager' },
  { username: 'ka.spec.ma', displayName: '马丽', role: 'key_account.specialist', supervisor: 'ka.sup.xu' },
  { username: 'ka.spec.guo', displayName: '郭涛', role: 'key_account.specialist', supervisor: 'ka.sup.xu' },
];

const CITIES = ['深圳', '广州', '杭州', '苏州', '南京', '成都', '武汉', '西安', '青岛', '厦门', '宁波', '长沙', '郑州', '合肥', '无锡', '佛山'];
const TRADES = ['精密机械', '电子科技', '新材料', '医疗器械', '食品', '物流', '纺织', '汽车零部件', '环保科技', '建材', '软件', '光电', '化工', '家居', '仪器仪表', '包装'];
const SUFFIXES = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '华', '平', '刚'];
export const REGIONS = ['华南', '华东', '华北', '西南', '华中', '西北'];
export const SOURCES = ['展会', '电话营销', '客户转介绍', '官网咨询', '行业协会', '招投标'];

/** A deterministic pseudo-random sequence, so every demo database looks the same. */
export function rng(seed = 20261126): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

export function companyName(r: () => number, i: number): string {
  return `${pick(r, CITIES)}${pick(r, ['华', '宏', '泰', '瑞', '恒', '德', '鑫', '达', '盛', '嘉'])}${pick(r, ['通', '远', '信', '丰', '科', '源', '安', '和', '成', '力'])}${pick(r, TRADES)}${i}号${pick(r, SUFFIXES)}`;
}

export function personName(r: () => number): string {
  return `${pick(r, SURNAMES)}${pick(r, GIVEN)}`;
}
