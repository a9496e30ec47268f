// The division tree from /api/jurisdictions/divisions, labelled for the current language.
import type { DivisionNode } from '../api/types';

export interface DivisionOption {
  value: string;
  label: string;
  children?: DivisionOption[];
}

/** In English both names are shown: people and documents still use the Chinese one. */
export function localiseDivisions(nodes: readonly DivisionNode[], en: boolean): DivisionOption[] {
  return nodes.map((n) => ({
    value: n.value,
    label: en && n.labelEn ? `${n.labelEn} ${n.label}` : n.label,
    children: n.children?.length ? localiseDivisions(n.children, en) : undefined,
  }));
}

/** Prefecture-level cities only (the first level of the tree), for filters. */
export function cityOptions(nodes: readonly DivisionNode[], en: boolean): DivisionOption[] {
  return localiseDivisions(nodes, en).map(({ value, label }) => ({ value, label }));
}
