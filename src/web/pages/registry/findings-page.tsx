// Compliance findings in the caller's reach: filtered by division, article, category and state,
// with the open ones counted per article.
import { Button, Card, Flex, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import type { HTMLAttributes } from 'react';
import { exportUrl, findingCounts, listFindings } from '../../api/endpoints';
import type { Finding } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { FINDING_ARTICLES, ruleHelp, ruleLabel, rulesOfArticle } from '../../components/registry-labels';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { divisionName, findingFilterFromParams, findingFilterToQuery, toSearchParams, type FindingFilter } from './registry-logic';
import { ArticleCitation, categoryLabel, detailText, useCatalogue, useDivisionTree } from './registry-shared';
import { ArticleFilter, CategoryFilter, DivisionFilter, articleShort } from './registry-filters';

export default function FindingsPage() {
  const { t, lang, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter = findingFilterFromParams(params);
  const query = findingFilterToQuery(filter);
  const key = JSON.stringify(query);
  const findings = useAsync(() => listFindings(query), [key]);
  const counts = useAsync(() => findingCounts('article', { division: filter.division, category: filter.category }), [filter.division, filter.category]);
  const catalogue = useCatalogue();
  const divisions = useDivisionTree();

  const apply = (change: Partial<FindingFilter>) => {
    const pageOnly = Object.keys(change).every((k) => k === 'page' || k === 'pageSize');
    setParams(toSearchParams(findingFilterToQuery({ ...filter, ...change, page: pageOnly ? (change.page ?? filter.page) : 1 })), { replace: true });
  };

  const countRows = counts.data ?? [];
  const byArticle = new Map(countRows.map((c) => [c.key, c.open]));
  const articles = [...new Set([...FINDING_ARTICLES, ...countRows.map((c) => c.key)])].sort((a, b) => Number(a) - Number(b));

  return (
    <>
      <PageTitle
        title={t('findings.title')}
        sub={t('findings.intro')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => { findings.reload(); counts.reload(); }} data-testid="findings-refresh">
              {t('common.refresh')}
            </Button>
            <Button icon={<DownloadOutlined />} href={exportUrl('findings', query as Record<string, string | number | undefined>)} data-testid="findings-export">
              {t('common.export')}
            </Button>
          </>
        }
      />
      <Typography.Text type="secondary">{t('findings.byArticle')}</Typography.Text>
      <Flex gap={12} wrap style={{ margin: '8px 0 16px' }} data-testid="findings-counts">
        <ErrorAlert error={counts.error} />
        {articles.map((a) => (
          <Card
            key={a}
            size="small"
            hoverable
            style={{ minWidth: 150, borderColor: filter.article === a ? '#123e7c' : undefined }}
            onClick={() => apply({ article: filter.article === a ? undefined : a })}
            data-testid="findings-count"
            data-article={a}
          >
            <Statistic
              title={
                <span title={rulesOfArticle(a).map((r) => ruleLabel(t, r)).join('、')}>{articleShort(a, lang)}</span>
              }
              value={byArticle.get(a) ?? 0}
              loading={counts.loading}
              styles={{ content: { color: byArticle.get(a) ? '#cf1322' : undefined } }}
            />
          </Card>
        ))}
      </Flex>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Segmented
            value={filter.status}
            onChange={(v) => apply({ status: v as FindingFilter['status'] })}
            options={[
              { value: 'open', label: t('finding.open') },
              { value: 'resolved', label: t('finding.resolved') },
            ]}
            data-testid="findings-filter-status"
          />
          <DivisionFilter divisions={divisions.data ?? []} value={filter.division} onChange={(division) => apply({ division })} testId="findings-filter-division" />
          <ArticleFilter value={filter.article} onChange={(article) => apply({ article })} testId="findings-filter-article" />
          <CategoryFilter catalogue={catalogue.data} value={filter.category} onChange={(category) => apply({ category })} testId="findings-filter-category" />
        </Flex>
        <ErrorAlert error={findings.error} />
        <Table<Finding>
          rowKey="id"
          loading={findings.loading}
          dataSource={findings.data?.items ?? []}
          scroll={{ x: 1000 }}
          data-testid="findings-table"
          locale={{ emptyText: t('findings.empty') }}
          onRow={(f) => ({ 'data-testid': 'finding-row', 'data-article': f.article, 'data-rule': f.rule, 'data-site-id': f.siteId }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: findings.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => apply({ page, pageSize }),
          }}
          columns={[
            {
              title: t('finding.rule'),
              dataIndex: 'rule',
              render: (r: string, f) => (
                <Flex vertical gap={2}>
                  <Typography.Text strong>{ruleLabel(t, r)}</Typography.Text>
                  {detailText(f.detail, pick) ? <Typography.Text>{detailText(f.detail, pick)}</Typography.Text> : null}
                  {ruleHelp(t, r) ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {ruleHelp(t, r)}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('finding.site'),
              dataIndex: 'siteName',
              width: 220,
              render: (n: string | undefined, f) => (
                <Flex vertical gap={2}>
                  <Link to={`/registry/sites/${encodeURIComponent(f.siteId)}`} data-testid="finding-site">
                    {n ?? f.siteId}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {divisionName(divisions.data ?? [], f.divisionCode, lang === 'en') ?? f.divisionCode}
                    {f.categoryCode ? ` · ${categoryLabel(catalogue.data, f.categoryCode, pick)}` : ''}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('finding.article'),
              dataIndex: 'article',
              width: 220,
              render: (a: string, f) => <ArticleCitation article={a} penaltyArticle={f.penaltyArticle} rule={f.rule} />,
            },
            { title: t('finding.openedAt'), dataIndex: 'openedAt', width: 120, render: (v: string) => formatDate(v) },
            {
              title: t('findings.status'),
              dataIndex: 'resolvedAt',
              width: 120,
              render: (v: string | null) => (v ? <Tag color="green">{t('finding.resolved')} {formatDate(v)}</Tag> : <Tag color="red">{t('finding.open')}</Tag>),
            },
          ]}
        />
      </Card>
    </>
  );
}
