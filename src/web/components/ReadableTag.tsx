import { Tag, type TagProps } from 'antd';

export type Tone = 'default' | 'blue' | 'green' | 'gold' | 'red' | 'cyan' | 'orange' | 'purple';

/**
 * antd's light tag colours put mid-tone text on a pale ground (about 3:1); these keep the pale
 * ground and darken the text to WCAG AA (≥ 4.5:1), so axe finds no contrast violation.
 */
const TEXT: Record<Exclude<Tone, 'default'>, string> = {
  blue: '#003eb3',
  green: '#135200',
  gold: '#613400',
  red: '#a8071a',
  cyan: '#00474f',
  orange: '#873800',
  purple: '#391085',
};

/** A tag in one of a few tones, readable on its own background. */
export function ReadableTag({ tone = 'default', style, ...rest }: Omit<TagProps, 'color'> & { tone?: Tone }) {
  if (tone === 'default') return <Tag style={style} {...rest} />;
  return <Tag color={tone} style={{ color: TEXT[tone], ...style }} {...rest} />;
}
