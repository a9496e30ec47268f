// The division tree from /api/jurisdictions/divisions, labelled for the current language.
import type { DivisionNode } from '../api/types';

export interface DivisionOption {
  value: string;
  label: string;
  children?: DivisionOption[];
}

/**
 * The cities. The server may send them as the top level or under a single province node (440000);
 * a province-level root adds a click without a choice, so it is dropped.
 */
export function cityNodes(nodes: readonly DivisionNode[]): readonly DivisionNode[] {
  const only = nodes.length === 1 ? nodes[0] : undefined;
  return only && /^\d{2}0000$/.test(only.value) && only.children?.length ? only.children : nodes;
}

/** In English both names are shown: people and documents still use the Chinese one. */
export function localiseDivisions(nodes: readonly DivisionNode[], en: boolean): DivisionOption[] {
  return localiseTree(cityNodes(nodes), en);
}

function localiseTree(nodes: readonly DivisionNode[], en: boolean): DivisionOption[] {
  return nodes.map((n) => ({
    value: n.value,
    label: en && n.labelEn ? `${n.labelEn} ${n.label}` : n.label,
    children: n.children?.length ? localiseTree(n.children, en) : undefined,
  }));
}

/** Prefecture-level cities only (the first level of the tree), for filters. */
export function cityOptions(nodes: readonly DivisionNode[], en: boolean): DivisionOption[] {
  return localiseDivisions(nodes, en).map(({ value, label }) => ({ value, label }));
}
