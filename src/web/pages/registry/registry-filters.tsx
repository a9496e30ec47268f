// Filter controls shared by the registry lists (sites, findings): one place for how a division,
// a category and an article are chosen, so the lists cannot drift apart.
import { useMemo } from 'react';
import { Cascader, Select } from 'antd';
import type { Catalogue, DivisionNode } from '../../api/types';
import { cityNodes, localiseDivisions } from '../../components/divisions';
import { FINDING_ARTICLES, ruleLabel, rulesOfArticle } from '../../components/registry-labels';
import { formatArticle } from '../../i18n/article';
import { useI18n } from '../../i18n/i18n-context';
import { divisionPath } from './registry-logic';

/** "第10条" / "Article 10": the citation without the name of the Measures. */
export const articleShort = (a: string, lang: 'zh-CN' | 'en') =>
  formatArticle(a, lang).replace(/^依据《办法》/, '').replace(/ of the Measures$/, '');

interface FilterProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  testId: string;
}

export function DivisionFilter({ divisions, value, onChange, testId }: FilterProps & { divisions: DivisionNode[] }) {
  const { t, lang } = useI18n();
  const options = useMemo(() => localiseDivisions(divisions, lang === 'en'), [divisions, lang]);
  const tree = useMemo(() => cityNodes(divisions), [divisions]);
  return (
    <Cascader
      changeOnSelect
      allowClear
      style={{ width: 220 }}
      placeholder={t('sites.division')}
      options={options}
      value={divisionPath(tree, value)}
      onChange={(path) => onChange((path as string[] | undefined)?.at(-1))}
      data-testid={testId}
    />
  );
}

export function CategoryFilter({ catalogue, value, onChange, testId }: FilterProps & { catalogue: Catalogue | null | undefined }) {
  const { t, pick } = useI18n();
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 220 }}
      placeholder={t('sites.category')}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      options={(catalogue?.categories ?? []).map((c) => ({ value: c.code, label: `${c.code} ${pick(c.zh, c.en)}` }))}
      data-testid={testId}
    />
  );
}

export function ArticleFilter({ value, onChange, testId }: FilterProps) {
  const { t, lang } = useI18n();
  return (
    <Select
      allowClear
      style={{ width: 300 }}
      placeholder={t('sites.article')}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      options={FINDING_ARTICLES.map((a) => ({ value: a, label: `${articleShort(a, lang)} · ${rulesOfArticle(a).map((r) => ruleLabel(t, r)).join('、')}` }))}
      data-testid={testId}
    />
  );
}
