// The public lists of 双公示 (art. 31): penalty decisions, credit records of serious violations and
// licensing decisions. No sign-in; individuals' names arrive masked from the server.
import { Card, Input, Table, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { Announcements } from '../../components/announcements';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { publicCredit, publicLicensing, publicPenalties, type LicensingEntry, type PublicEntry } from '../penalties/penalties-api';

const TABS = ['penalties', 'credit', 'licensing'] as const;
type TabKey = (typeof TABS)[number];

export default function CreditPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'penalties';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (next: Record<string, string>) => setParams(Object.fromEntries(Object.entries({ tab, q, ...next }).filter(([, v]) => v)));
  const decisions = useAsync(() => (tab === 'licensing' ? Promise.resolve(undefined) : tab === 'credit' ? publicCredit({ q: q || undefined, page }) : publicPenalties({ q: q || undefined, page })), [tab, q, page]);
  const licensing = useAsync(() => (tab === 'licensing' ? publicLicensing({ q: q || undefined, page }) : Promise.resolve(undefined)), [tab, q, page]);
  const pagination = (total: number) => ({ current: page, pageSize: 50, total, onChange: (p: number) => set({ page: p > 1 ? String(p) : '' }) });

  return (
    <>
      <PageTitle title={t('credit.title')} sub={t('credit.intro')} />
      <Announcements max={1} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k, page: '' })}
          items={TABS.map((k) => ({ key: k, label: <span data-testid={`credit-tab-${k}`}>{t(`credit.tab.${k}`)}</span> }))}
        />
        <Input.Search defaultValue={q} allowClear placeholder={t('credit.search')} onSearch={(v) => set({ q: v.trim(), page: '' })} style={{ maxWidth: 420, marginBottom: 16 }} data-testid="credit-search" />
        <ErrorAlert error={decisions.error ?? licensing.error} />
        {tab === 'licensing' ? (
          <Table<LicensingEntry>
            rowKey="id"
            loading={licensing.loading}
            dataSource={licensing.data?.items ?? []}
            data-testid="licensing-table"
            locale={{ emptyText: t('credit.empty') }}
            pagination={pagination(licensing.data?.total ?? 0)}
            columns={[
              { title: t('credit.certificate'), dataIndex: 'certificateNumber' },
              { title: t('credit.party'), render: (_, r) => `${r.companyName}（${r.uscc}）` },
              { title: t('credit.content'), dataIndex: 'content' },
              { title: t('credit.legalBasis'), dataIndex: 'legalBasis' },
              { title: t('credit.authority'), dataIndex: 'authority' },
              { title: t('credit.decidedOn'), dataIndex: 'decidedOn', render: (v: string) => formatDate(v) },
            ]}
          />
        ) : (
          <Table<PublicEntry>
            rowKey="id"
            loading={decisions.loading}
            dataSource={decisions.data?.items ?? []}
            data-testid="decisions-table"
            locale={{ emptyText: t('credit.empty') }}
            pagination={pagination(decisions.data?.total ?? 0)}
            onRow={(r) => ({ 'data-testid': 'decision-row', 'data-number': r.decisionNumber }) as never}
            columns={[
              { title: t('credit.decisionNumber'), dataIndex: 'decisionNumber' },
              { title: t('credit.party'), render: (_, r) => <span data-testid="decision-party">{r.partyUscc ? `${r.partyName}（${r.partyUscc}）` : r.partyName}</span> },
              { title: t('credit.cause'), dataIndex: 'cause' },
              { title: t('credit.legalBasis'), dataIndex: 'legalBasis' },
              { title: t('credit.result'), dataIndex: 'result', render: (v: string) => <span data-testid="decision-result">{v}</span> },
              { title: t('credit.authority'), dataIndex: 'authority' },
              { title: t('credit.decidedOn'), dataIndex: 'decidedOn', render: (v: string) => formatDate(v) },
              { title: t('credit.publishUntil'), dataIndex: 'publishUntil', render: (v: string) => formatDate(v) },
            ]}
          />
        )}
      </Card>
    </>
  );
}
