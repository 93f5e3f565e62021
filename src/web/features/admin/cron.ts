const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六', '日'];
const two = (n: string) => n.padStart(2, '0');
const isNum = (s: string) => /^\d+$/.test(s);

/**
 * A job's cron expression (five fields, evaluated in BUSINESS_TZ) in words: "每天 01:00",
 * "每 15 分钟", "每周一 08:00", "每月 1 日 03:00". Anything else is shown as it is.
 */
export function describeCron(cron: string): string {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return cron;
  const [min, hour, dom, month, dow] = f;
  const every = /^\*\/(\d+)$/;
  if (every.test(min) && hour === '*' && dom === '*' && month === '*' && dow === '*') return `每 ${every.exec(min)![1]} 分钟`;
  if (min === '*' && hour === '*' && dom === '*' && month === '*' && dow === '*') return '每分钟';
  if (isNum(min) && hour === '*' && dom === '*' && month === '*' && dow === '*') return `每小时第 ${Number(min)} 分`;
  if (!isNum(min) || !isNum(hour) || month !== '*') return cron;
  const at = `${two(hour)}:${two(min)}`;
  if (dom === '*' && dow === '*') return `每天 ${at}`;
  if (dom === '*' && /^[0-7]$/.test(dow)) return `每周${WEEKDAYS[Number(dow)]} ${at}`;
  if (dom === '*' && dow === '1-5') return `每个工作日（周一至周五） ${at}`;
  if (isNum(dom) && dow === '*') return `每月 ${Number(dom)} 日 ${at}`;
  return cron;
}
