// One ledger entry behind an oversight item (art. 39): what was done, by whom, under which article,
// with its hashes, and every entry about the same object. The server answers only inside the area.
import { Card, Descriptions, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { isMessageKey } from '../../i18n/translate';
import { fetchLedgerEntry, type LedgerRef } from './oversight-api';
import { ledgerHref, subjectHref, subjectLabelKey } from './oversight-logic';

export default function LedgerEntryPage() {
  const { t, lang } = useI18n();
  const { seq: raw } = useParams();
  const seq = Number(raw);
  const view = useAsync(() => fetchLedgerEntry(seq), [seq]);
  const e = view.data;
  const roleKey = e ? `role.${e.actor.role}` : '';
  const subjectKey = e ? subjectLabelKey(e.objectType) : null;
  const href = e ? subjectHref(e.objectType, e.objectId) : null;
  return (
    <>
      <PageTitle title={t('oversight.ledger.title', { seq: Number.isFinite(seq) ? seq : '?' })} sub={t('oversight.ledger.sub')} />
      <div style={{ marginBottom: 12 }}>
        <Link to="/oversight">{t('oversight.ledger.back')}</Link>
      </div>
      <ErrorAlert error={view.error} />
      <Card loading={view.loading} data-testid="ledger-entry">
        {e ? (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('oversight.ledger.at')}>{formatDateTime(e.at)}</Descriptions.Item>
            <Descriptions.Item label={t('oversight.ledger.action')}>
              <Typography.Text code data-testid="ledger-entry-action">
                {e.action}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('oversight.ledger.article')}>{e.article ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('oversight.ledger.object')}>
              <Space>
                {subjectKey ? t(subjectKey) : e.objectType}
                {href ? <Link to={href}>{e.objectId}</Link> : <Typography.Text code>{e.objectId}</Typography.Text>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('oversight.ledger.actor')}>
              {isMessageKey(roleKey) ? t(roleKey) : e.actor.role}
              {e.actor.name ? ` · ${e.actor.name}` : ''}
              {e.actor.policeUnit ? ` · ${lang === 'en' ? e.actor.policeUnit.nameEn : e.actor.policeUnit.name}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('oversight.ledger.detail')}>
              {e.detail ? <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.detail, null, 2)}</pre> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('oversight.ledger.digests')}>
              <Typography.Text code>{e.beforeDigest ?? '—'}</Typography.Text> / <Typography.Text code>{e.afterDigest ?? '—'}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('oversight.ledger.hash')}>
              <Typography.Text code data-testid="ledger-entry-hash">
                {e.entryHash}
              </Typography.Text>{' '}
              ({e.alg})
            </Descriptions.Item>
            <Descriptions.Item label={t('oversight.ledger.prev')}>
              <Typography.Text code>{e.prevHash}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      {e ? (
        <Card title={t('oversight.ledger.same')} style={{ marginTop: 16 }}>
          <Table<LedgerRef>
            rowKey="seq"
            size="small"
            pagination={false}
            dataSource={e.sameObject}
            rowClassName={(r) => (r.seq === e.seq ? 'ant-table-row-selected' : '')}
            columns={[
              { title: '#', key: 'seq', render: (_, r) => (r.seq === e.seq ? `#${r.seq}` : <Link to={ledgerHref(r.seq)}>#{r.seq}</Link>) },
              { title: t('oversight.ledger.at'), key: 'at', render: (_, r) => formatDateTime(r.at) },
              { title: t('oversight.ledger.action'), dataIndex: 'action' },
              { title: t('oversight.ledger.article'), key: 'article', render: (_, r) => r.article ?? '—' },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
