// The site list: key units and key public areas in the caller's reach (a unit's own sites; an
// officer's jurisdiction), filtered in the address bar, with counts and an Excel export.
import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { exportUrl, listSites } from '../../api/endpoints';
import type { SiteSummary, SiteType } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { enumLabel, enumOptions } from '../../components/registry-labels';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { isOfficer } from '../../auth/roles';
import { useI18n } from '../../i18n/i18n-context';
import { categoryLabel, kindLabel, useCatalogue, useDivisionTree } from './registry-shared';
import { ArticleFilter, CategoryFilter, DivisionFilter } from './registry-filters';
import { divisionName, siteFilterFromParams, siteFilterToQuery, toSearchParams, withFilter, type SiteFilter } from './registry-logic';

export default function SitesPage() {
  const { t, lang, pick } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = siteFilterFromParams(params);
  const query = siteFilterToQuery(filter);
  const queryKey = JSON.stringify(query);
  const officer = isOfficer(user?.role);
  const [search, setSearch] = useState(filter.q ?? '');

  const sites = useAsync(() => listSites(query), [queryKey]);
  // "With open findings" under the same filters: the total of the same query restricted to sites with findings.
  const withFindings = useAsync(
    async () => (filter.hasFindings === false ? 0 : ((await listSites({ ...query, hasFindings: 'true', page: 1, pageSize: 1 })).total ?? 0)),
    [queryKey],
  );
  const catalogue = useCatalogue();
  const divisions = useDivisionTree();

  const apply = (change: Partial<SiteFilter>) => setParams(toSearchParams(siteFilterToQuery(withFilter(filter, change))), { replace: true });

  const newSite = officer ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/registry/sites/new?type=public_area')} data-testid="site-new">
      {t('sites.newPublicArea')}
    </Button>
  ) : user?.role === 'unit_user' ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/registry/sites/new?type=key_unit')} data-testid="site-new">
      {t('sites.new')}
    </Button>
  ) : null;

  return (
    <>
      <PageTitle
        title={officer ? t('sites.titleOfficer') : t('sites.titleUnit')}
        sub={t('sites.intro')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => { sites.reload(); withFindings.reload(); }} data-testid="sites-refresh">
              {t('common.refresh')}
            </Button>
            <Button icon={<DownloadOutlined />} href={exportUrl('sites', query as Record<string, string | number | undefined>)} data-testid="sites-export">
              {t('common.export')}
            </Button>
            {newSite}
          </>
        }
      />
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <Card size="small" style={{ minWidth: 160 }}>
          <Statistic title={t('sites.total')} value={sites.data?.total ?? 0} loading={sites.loading} data-testid="sites-total" />
        </Card>
        <Card size="small" style={{ minWidth: 160 }}>
          <Statistic
            title={t('sites.withFindings')}
            value={withFindings.data ?? 0}
            loading={withFindings.loading}
            styles={{ content: { color: withFindings.data ? '#cf1322' : undefined } }}
            data-testid="sites-with-findings"
          />
        </Card>
      </Flex>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Select<SiteType>
            allowClear
            style={{ width: 160 }}
            placeholder={t('sites.type')}
            value={filter.siteType}
            onChange={(v) => apply({ siteType: v })}
            options={enumOptions(t, 'siteType')}
            data-testid="sites-filter-type"
          />
          <DivisionFilter divisions={divisions.data ?? []} value={filter.division} onChange={(division) => apply({ division })} testId="sites-filter-division" />
          <CategoryFilter catalogue={catalogue.data} value={filter.category} onChange={(category) => apply({ category })} testId="sites-filter-category" />
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('sites.hasFindings')}
            value={filter.hasFindings === undefined ? undefined : String(filter.hasFindings)}
            onChange={(v: string | undefined) => apply({ hasFindings: v === undefined ? undefined : v === 'true' })}
            options={[
              { value: 'true', label: t('sites.hasFindingsYes') },
              { value: 'false', label: t('sites.hasFindingsNo') },
            ]}
            data-testid="sites-filter-findings"
          />
          <ArticleFilter value={filter.article} onChange={(article) => apply({ article })} testId="sites-filter-article" />
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('sites.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => apply({ q: v })}
            data-testid="sites-search"
          />
        </Flex>
        <ErrorAlert error={sites.error} />
        <Table<SiteSummary>
          rowKey="id"
          loading={sites.loading}
          dataSource={sites.data?.items ?? []}
          scroll={{ x: 960 }}
          data-testid="sites-table"
          locale={{ emptyText: t('sites.empty') }}
          rowClassName={() => 'jf-clickable-row'}
          onRow={(s) => ({ onClick: () => navigate(`/registry/sites/${encodeURIComponent(s.id)}`) })}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: sites.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => apply({ page, pageSize }),
          }}
          columns={[
            {
              title: t('sites.name'),
              dataIndex: 'name',
              render: (name: string, s) => (
                <Link to={`/registry/sites/${encodeURIComponent(s.id)}`} data-testid="site-open" data-site-id={s.id} onClick={(e) => e.stopPropagation()}>
                  {name}
                </Link>
              ),
            },
            { title: t('sites.type'), dataIndex: 'siteType', width: 130, render: (v: string) => enumLabel(t, 'siteType', v) },
            {
              title: t('sites.division'),
              dataIndex: 'divisionCode',
              width: 180,
              render: (code: string, s) => s.divisionName ?? divisionName(divisions.data ?? [], code, lang === 'en') ?? code,
            },
            {
              title: t('sites.category'),
              key: 'category',
              render: (_: unknown, s) =>
                s.siteType === 'key_unit' ? (
                  <span>
                    {categoryLabel(catalogue.data, s.categoryCode, pick)}
                    {s.kindCode ? <Typography.Text type="secondary"> · {kindLabel(catalogue.data, s.categoryCode, s.kindCode, pick)}</Typography.Text> : null}
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: t('sites.antiTerror'),
              dataIndex: 'antiTerrorTarget',
              width: 120,
              render: (v: boolean) => (v ? <Tag color="purple">{t('common.yes')}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
            },
            {
              title: t('sites.openFindings'),
              dataIndex: 'openFindings',
              width: 120,
              render: (n: number) => (n ? <Tag color="red" data-testid="site-open-findings">{n}</Tag> : <Tag color="green">0</Tag>),
            },
          ]}
        />
      </Card>
    </>
  );
}
