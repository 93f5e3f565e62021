import type { CSSProperties } from 'react';

/**
 * Semantic styles that make a control's own input fill its 44 px box on a phone, so the whole
 * field is the tap target (SPEC §10): pass as `styles` to Input (with prefix or suffix), DatePicker
 * and Select on a form laid out with size="large".
 */
const FILL = { root: { paddingBlock: 0 }, input: { height: 44 } } satisfies Record<string, CSSProperties>;

export const PHONE_TAP = {
  affixInput: FILL,
  picker: FILL,
  // The select's input lies over its content box: grow that box instead.
  select: { root: { paddingBlock: 0 }, content: { minHeight: 44, display: 'flex', alignItems: 'center' }, input: { height: '100%' } },
  // Each choice of a Segmented at least 44 × 44.
  segmented: { label: { minHeight: 44, lineHeight: '44px', minWidth: 44 } },
} satisfies Record<string, Record<string, CSSProperties>>;

/** A link inside a record's fields: a 44 px tall tap area that does not push its row apart. */
export const TAP_LINK: CSSProperties = { display: 'inline-block', paddingBlock: 11, marginBlock: -11 };
