// 调取监督 (art. 39): access per official, per key unit and per requesting organisation over a period — entries,
// viewings, exports, use outside grants, single-official use, unmasking. Every count that flags something links to
// the register entries behind it.
import { Card, DatePicker, Flex, Statistic, Table, Tabs, Typography, Alert } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { fetchOversight } from '../../api/access-endpoints';
import type { OversightView, Tally } from '../../api/access-types';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { registerHref } from './access-logic';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A count that links to its register entries when it is not zero. */
function CountLink({ n, href, testId, danger }: { n: number; href: string | null; testId: string; danger?: boolean }) {
  if (!n || !href) return <Typography.Text type={n ? undefined : 'secondary'}>{n}</Typography.Text>;
  return (
    <Link to={href} data-testid={testId} style={danger ? { color: '#cf1322', fontWeight: 600 } : undefined}>
      {n}
    </Link>
  );
}

export default function OversightPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : undefined;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : undefined;
  const view = useAsync(() => fetchOversight({ from, to }), [from, to]);
  const period: Record<string, string> = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const d = view.data;
  const totals = (d?.perUnit ?? []).reduce(
    (a, u) => ({ entries: a.entries + u.entries, flagged: a.flagged + u.outsideGrant + u.singleOfficial, unmasked: a.unmasked + u.unmasked }),
    { entries: 0, flagged: 0, unmasked: 0 },
  );

  // Columns shared by the three tallies; `all` links to every entry of the row when the API gives a query for it.
  const tallyColumns = <R extends Tally>(all: (r: R) => string | null, prefix: string) => [
    { title: t('access.oversight.entries'), dataIndex: 'entries', width: 80, render: (n: number, r: R) => <CountLink n={n} href={all(r)} testId={`${prefix}-entries`} /> },
    { title: t('access.oversight.viewings'), dataIndex: 'viewings', width: 80 },
    { title: t('access.oversight.exports'), dataIndex: 'exports', width: 80 },
    {
      title: t('access.oversight.outsideGrant'),
      dataIndex: 'outsideGrant',
      width: 100,
      render: (n: number, r: R) => <CountLink n={n} danger href={registerHref({ ids: r.flaggedEntryIds })} testId={`${prefix}-outside-grant`} />,
    },
    {
      title: t('access.oversight.singleOfficial'),
      dataIndex: 'singleOfficial',
      width: 100,
      render: (n: number, r: R) => <CountLink n={n} danger href={registerHref({ ids: r.flaggedEntryIds })} testId={`${prefix}-single-official`} />,
    },
    {
      title: t('access.oversight.unmasked'),
      dataIndex: 'unmasked',
      width: 100,
      render: (n: number, r: R) => <CountLink n={n} href={registerHref({ ids: r.unmaskEntryIds })} testId={`${prefix}-unmasked`} />,
    },
  ];

  return (
    <>
      <PageTitle title={t('access.oversight.title')} sub={t('access.oversight.sub')} />
      <Flex gap={16} wrap style={{ marginBottom: 16 }} align="center">
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[from ? dayjs(from) : null, to ? dayjs(to).subtract(1, 'day') : null]}
          onChange={(v) => {
            const p = new URLSearchParams();
            if (v?.[0]) p.set('from', v[0].format('YYYY-MM-DD'));
            // The API reads a bare date as its midnight: the day after, so the last day is included.
            if (v?.[1]) p.set('to', v[1].add(1, 'day').format('YYYY-MM-DD'));
            setParams(p, { replace: true });
          }}
          aria-label={t('access.register.period')}
          data-testid="oversight-period"
        />
        <Card size="small" style={{ minWidth: 120 }}>
          <Statistic title={t('access.oversight.total')} value={totals.entries} />
        </Card>
        <Card size="small" style={{ minWidth: 120 }}>
          <Statistic title={t('access.oversight.flagged')} value={totals.flagged} styles={{ content: { color: totals.flagged ? '#cf1322' : undefined } }} />
        </Card>
        <Card size="small" style={{ minWidth: 120 }}>
          <Statistic title={t('access.oversight.unmasked')} value={totals.unmasked} />
        </Card>
      </Flex>
      <ErrorAlert error={view.error} />
      {d?.truncated ? <Alert type="warning" showIcon title={t('access.oversight.truncated')} style={{ marginBottom: 16 }} /> : null}
      <Card>
        <Tabs
          items={[
            {
              key: 'official',
              label: t('access.oversight.perOfficial'),
              children: (
                <Table
                  rowKey="officialId"
                  size="small"
                  loading={view.loading}
                  dataSource={d?.perOfficial ?? []}
                  scroll={{ x: 800 }}
                  data-testid="oversight-officials"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    {
                      title: t('access.register.official'),
                      key: 'who',
                      render: (_: unknown, r) => (
                        <span>
                          {r.name} <Typography.Text code>{r.idNumberMasked}</Typography.Text>
                        </span>
                      ),
                    },
                    ...tallyColumns<OversightView['perOfficial'][number]>((r) => registerHref({ apiLink: r.registerLink }), 'oversight-official'),
                  ]}
                />
              ),
            },
            {
              key: 'unit',
              label: t('access.oversight.perUnit'),
              children: (
                <Table
                  rowKey={(r) => r.unitId ?? ''}
                  size="small"
                  loading={view.loading}
                  dataSource={d?.perUnit ?? []}
                  scroll={{ x: 800 }}
                  data-testid="oversight-units"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: t('access.oversight.unit'), key: 'unit', render: (_: unknown, r) => r.unitName ?? t('access.oversight.publicArea') },
                    ...tallyColumns<OversightView['perUnit'][number]>((r) => (r.registerLink ? registerHref({ apiLink: r.registerLink }) : null), 'oversight-unit'),
                  ]}
                />
              ),
            },
            {
              key: 'organisation',
              label: t('access.oversight.perOrganisation'),
              children: (
                <Table
                  rowKey="organisation"
                  size="small"
                  loading={view.loading}
                  dataSource={d?.perOrganisation ?? []}
                  scroll={{ x: 800 }}
                  data-testid="oversight-organisations"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: t('access.register.organisation'), dataIndex: 'organisation' },
                    ...tallyColumns<OversightView['perOrganisation'][number]>((r) => registerHref({ apiLink: r.registerLink }), 'oversight-organisation'),
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
