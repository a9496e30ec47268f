// Public search of qualified companies by name, level and city.
import { useMemo } from 'react';
import { Button, Card, Form, Input, Select, Table } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { fetchDivisions, searchCompanies } from '../../api/endpoints';
import { LEVELS, type QualifiedCompany } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { cityOptions } from '../../components/divisions';
import { levelKey } from '../../components/labels';
import { Announcements } from '../../components/announcements';
import { PageTitle } from '../../components/page-title';
import { CertificateStatusTag } from '../../components/status-tag';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';

interface Filters {
  name?: string;
  level?: string;
  city?: string;
}

export default function CompaniesPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    name: params.get('name') ?? undefined,
    level: params.get('level') ?? undefined,
    city: params.get('city') ?? undefined,
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const key = params.toString();
  const result = useAsync(() => searchCompanies({ ...filters, page: page > 1 ? page : undefined }), [key]);
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    setParams(next);
  };
  const divisions = useAsync(fetchDivisions, []);
  const cities = useMemo(() => cityOptions(divisions.data ?? [], lang === 'en'), [divisions.data, lang]);
  const cityLabel = useMemo(() => new Map(cities.map((c) => [c.value, c.label])), [cities]);

  const onSearch = (v: Filters) => {
    const p = new URLSearchParams();
    if (v.name?.trim()) p.set('name', v.name.trim());
    if (v.level) p.set('level', v.level);
    if (v.city) p.set('city', v.city);
    setParams(p);
  };

  return (
    <>
      <PageTitle title={t('companies.title')} sub={t('companies.intro')} />
      <Announcements max={2} />
      <Card style={{ marginBottom: 16 }}>
        <Form<Filters> layout="inline" initialValues={filters} onFinish={onSearch} key={`${filters.name}|${filters.level}|${filters.city}`}>
          <Form.Item name="name" label={t('common.company')}>
            <Input allowClear placeholder={t('companies.namePlaceholder')} data-testid="companies-name" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="level" label={t('cert.level')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('common.any')}
              data-testid="companies-level"
              options={LEVELS.map((l) => ({ value: l, label: t(levelKey(l)) }))}
            />
          </Form.Item>
          <Form.Item name="city" label={t('companies.city')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              placeholder={t('common.any')}
              loading={divisions.loading}
              data-testid="companies-city"
              options={cities}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="companies-submit">
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <ErrorAlert error={result.error} />
        <Table<QualifiedCompany>
          rowKey="certificateNumber"
          loading={result.loading}
          dataSource={result.data?.items ?? []}
          scroll={{ x: 800 }}
          pagination={
            result.data?.total !== undefined
              ? {
                  // The server pages the register.
                  current: result.data.page ?? page,
                  pageSize: result.data.pageSize ?? 50,
                  total: result.data.total,
                  hideOnSinglePage: true,
                  showSizeChanger: false,
                  showTotal: (n) => t('common.total', { n }),
                  onChange: setPage,
                }
              : { pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }
          }
          locale={{ emptyText: t('companies.empty') }}
          data-testid="companies-table"
          columns={[
            { title: t('common.company'), dataIndex: 'companyName' },
            { title: t('cert.level'), dataIndex: 'level', render: (l: string) => t(levelKey(l)) },
            { title: t('companies.city'), dataIndex: 'city', render: (c: string, r) => cityLabel.get(c) ?? r.cityName },
            {
              title: t('cert.number'),
              dataIndex: 'certificateNumber',
              render: (n: string) => <Link to={`/verify/${encodeURIComponent(n)}`}>{n}</Link>,
            },
            { title: t('cert.validTo'), dataIndex: 'validTo', render: (v: string) => formatDate(v) },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <CertificateStatusTag status={s} /> },
          ]}
        />
      </Card>
    </>
  );
}
