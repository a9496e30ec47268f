// 查阅、复制登记 (art. 21(3)): every viewing and copying — who, organisation, when, which cameras and period, purpose,
// destination — with identities masked and flags for use outside a grant or by too few officials. Entries are never
// edited or deleted (art. 23(2), 24(3)). Filters live in the address bar, so oversight links open a filtered view;
// showing a full identity number needs a permission and a reason and is itself registered (and written to the ledger).
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { getRegisterEntry, listRegister, registerProofUrl, unmaskOfficial } from '../../api/access-endpoints';
import { REGISTER_KINDS, USE_FLAGS, type OfficialView, type RegisterEntry, type UnmaskResult } from '../../api/access-types';
import { useSession } from '../../auth/session-context';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { idsFrom, registerQueryFrom } from './access-logic';
import { FlagTags, flagLabel, kindLabel, registerKindLabel } from './access-shared';

/** Roles holding `access.unmask` (src/platform/access/access.ts); the server checks it and the scope again. */
const UNMASK_ROLES = ['province_officer', 'city_officer', 'supervisor'];
const PAGE_SIZE = 50;

function UnmaskDialog({ official, onClose }: { official: OfficialView | null; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<(UnmaskResult & { ledgerSeq?: number }) | null>(null);
  const close = () => {
    const changed = !!result;
    setResult(null);
    onClose(changed);
  };
  return (
    <Modal
      open={!!official}
      title={t('access.register.unmaskTitle')}
      onCancel={close}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={close} data-testid="unmask-close">
            {t('common.confirm')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="unmask-submit">
              {t('access.register.unmask')}
            </Button>
          </Space>
        )
      }
    >
      {official ? (
        <Typography.Paragraph>
          <Typography.Text strong>{official.name}</Typography.Text> <Typography.Text code>{result ? result.idNumber : official.idNumberMasked}</Typography.Text>
        </Typography.Paragraph>
      ) : null}
      {result ? (
        <Alert
          type="success"
          showIcon
          data-testid="unmask-result"
          data-entry-id={result.registerEntryId}
          title={t('access.register.unmasked', { entry: result.registerEntryId.slice(0, 8) })}
          description={result.ledgerSeq !== undefined ? t('access.register.unmaskedLedger', { seq: result.ledgerSeq }) : undefined}
        />
      ) : (
        <>
          <Alert type="warning" showIcon title={t('access.register.unmaskHelp')} style={{ marginBottom: 12 }} />
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            onFinish={async (v) => {
              if (!official) return;
              setBusy(true);
              try {
                const res = await unmaskOfficial(official.id, v.reason.trim());
                // The ledger number of the entry this unmasking became (inclusion proofs point at it).
                const entry = await getRegisterEntry(res.registerEntryId).catch(() => null);
                setResult({ ...res, ledgerSeq: entry?.ledgerSeq });
              } catch (err) {
                notifyError(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            <Form.Item
              name="reason"
              label={t('access.register.unmaskReason')}
              rules={[{ required: true, whitespace: true, min: 4, message: t('access.register.unmaskReasonShort') }]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="unmask-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

export default function RegisterPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const [unmasking, setUnmasking] = useState<OfficialView | null>(null);
  const q = registerQueryFrom(params);
  const ids = idsFrom(params);
  const key = params.toString();
  // Every filter, the organisation and an oversight flag's entry ids included, is the server's.
  const register = useAsync(() => listRegister({ ...q, pageSize: PAGE_SIZE }), [key]);
  const mayUnmask = !!user && UNMASK_ROLES.includes(user.role);
  const items = register.data?.items ?? [];

  const set = (patch: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (!('page' in patch)) p.delete('page');
    if (!('ids' in patch)) p.delete('ids');
    setParams(p, { replace: true });
  };

  return (
    <>
      <PageTitle
        title={t('access.register.title')}
        sub={t('access.register.sub')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={register.reload} data-testid="register-refresh">
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 12 }} align="center">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[q.from ? dayjs(q.from) : null, q.to ? dayjs(q.to) : null]}
            onChange={(v) =>
              set({
                from: v?.[0] ? v[0].format('YYYY-MM-DD') : undefined,
                // The API reads a bare date as its midnight: the day after, so the last day is included.
                to: v?.[1] ? v[1].add(1, 'day').format('YYYY-MM-DD') : undefined,
              })
            }
            aria-label={t('access.register.period')}
            data-testid="register-period"
          />
          <Select
            allowClear
            style={{ minWidth: 150 }}
            placeholder={t('access.register.kind')}
            value={q.kind}
            onChange={(v: string | undefined) => set({ kind: v })}
            options={REGISTER_KINDS.map((k) => ({ value: k, label: registerKindLabel(t, k) }))}
            data-testid="register-kind"
          />
          <Select
            allowClear
            style={{ minWidth: 220 }}
            placeholder={t('access.register.flag')}
            value={q.flag}
            onChange={(v: string | undefined) => set({ flag: v })}
            options={USE_FLAGS.map((f) => ({ value: f, label: flagLabel(t, f) }))}
            data-testid="register-flag-filter"
          />
          <Space>
            <Switch checked={q.outsideGrant === 'true'} onChange={(v) => set({ outsideGrant: v ? 'true' : undefined })} data-testid="register-outside-grant" />
            <Typography.Text>{t('access.register.outsideGrant')}</Typography.Text>
          </Space>
          <Input.Search
            allowClear
            style={{ maxWidth: 240 }}
            placeholder={t('access.register.unit')}
            defaultValue={q.unitId}
            onSearch={(v) => set({ unitId: v.trim() || undefined })}
            data-testid="register-unit"
          />
          <Tooltip title={t('access.register.organisationHelp')}>
            <Input.Search
              key={`org-${q.organisationContains ?? ''}`}
              allowClear
              style={{ maxWidth: 240 }}
              placeholder={t('access.register.organisation')}
              defaultValue={q.organisationContains}
              onSearch={(v) => set({ organisationContains: v.trim() || undefined })}
              data-testid="register-organisation"
            />
          </Tooltip>
        </Flex>
        {q.officialId || q.requestId || q.organisation || ids.length ? (
          <Space wrap style={{ marginBottom: 12 }}>
            {q.officialId ? (
              <Tag closable onClose={() => set({ officialId: undefined })} data-testid="register-official-filter">
                {t('access.register.official')}: {q.officialId.slice(0, 8)}
              </Tag>
            ) : null}
            {q.requestId ? (
              <Tag closable onClose={() => set({ requestId: undefined })}>
                {t('access.register.request')}: <Link to={`/access/requests/${encodeURIComponent(q.requestId)}`}>{q.requestId.slice(0, 8)}</Link>
              </Tag>
            ) : null}
            {q.organisation ? (
              <Tag closable onClose={() => set({ organisation: undefined })} data-testid="register-organisation-filter">
                {t('access.register.organisationExact', { name: q.organisation })}
              </Tag>
            ) : null}
            {ids.length ? (
              <Tag color="purple" closable onClose={() => set({ ids: undefined })} data-testid="register-ids-filter">
                {t('access.register.entriesOf', { n: ids.length })}
              </Tag>
            ) : null}
            <Button size="small" type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('access.register.clear')}
            </Button>
          </Space>
        ) : null}
        <ErrorAlert error={register.error} />
        <Table<RegisterEntry>
          rowKey="id"
          loading={register.loading}
          dataSource={items}
          scroll={{ x: 1200 }}
          size="small"
          locale={{ emptyText: t('access.register.empty') }}
          data-testid="register-table"
          onRow={(e) => ({ 'data-testid': 'register-row', 'data-entry-id': e.id, 'data-kind': e.kind, 'data-request-id': e.requestId ?? '' }) as object}
          pagination={{
            current: q.page ?? 1,
            pageSize: PAGE_SIZE,
            total: register.data?.total ?? 0,
            hideOnSinglePage: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p) => set({ page: p > 1 ? String(p) : undefined }),
          }}
          columns={[
            { title: t('access.register.at'), dataIndex: 'at', width: 140, render: (v: string) => formatDateTime(v) },
            {
              title: t('access.register.kind'),
              dataIndex: 'kind',
              width: 120,
              render: (k: string, e) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={k === 'exported' ? 'orange' : k === 'unmasked' ? 'purple' : k === 'correction' ? 'gold' : 'blue'}>{registerKindLabel(t, k)}</Tag>
                  {e.correctsId ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('access.register.corrects', { id: e.correctsId.slice(0, 8) })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('access.register.organisation'),
              dataIndex: 'organisation',
              width: 180,
              render: (o: string, e) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text>{o}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {kindLabel(t, e.requesterKind)}
                  </Typography.Text>
                  {e.requestId ? (
                    <Link to={`/access/requests/${encodeURIComponent(e.requestId)}`} style={{ fontSize: 12 }}>
                      {t('access.register.request')}
                    </Link>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('access.register.official'),
              key: 'officials',
              width: 260,
              render: (_: unknown, e) => (
                <Space orientation="vertical" size={2}>
                  {e.officials.map((o) => (
                    <Space key={o.id} size={4} wrap>
                      <Link to={`/access/register?officialId=${encodeURIComponent(o.id)}`}>{o.name}</Link>
                      <Typography.Text code style={{ fontSize: 12 }} data-testid="register-official-masked">
                        {o.idNumberMasked}
                      </Typography.Text>
                      {mayUnmask ? (
                        <Tooltip title={t('access.register.unmask')}>
                          <Button size="small" type="text" icon={<EyeOutlined />} onClick={() => setUnmasking(o)} data-testid="register-unmask" aria-label={t('access.register.unmask')} />
                        </Tooltip>
                      ) : null}
                    </Space>
                  ))}
                </Space>
              ),
            },
            {
              title: t('access.detail.cameras'),
              dataIndex: 'cameras',
              width: 200,
              render: (c: string[]) => (
                <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip: c.join(', ') }}>
                  {c.join(', ') || '—'}
                </Typography.Text>
              ),
            },
            {
              title: t('access.register.footage'),
              key: 'period',
              width: 150,
              render: (_: unknown, e) =>
                e.periodFrom ? (
                  <Typography.Text style={{ fontSize: 12 }}>
                    {formatDateTime(e.periodFrom)}
                    <br />
                    {formatDateTime(e.periodTo)}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: `${t('access.col.purpose')} / ${t('access.register.destination')}`,
              key: 'purpose',
              width: 200,
              render: (_: unknown, e) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text style={{ fontSize: 12 }}>{e.purpose}</Typography.Text>
                  {e.destination ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      → {e.destination}
                    </Typography.Text>
                  ) : null}
                  {e.note ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.note}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            { title: t('access.register.flags'), dataIndex: 'flags', width: 200, render: (f: RegisterEntry['flags']) => <FlagTags flags={f} /> },
            {
              title: t('access.register.ledger'),
              dataIndex: 'ledgerSeq',
              width: 90,
              render: (n: number, e) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text code data-testid="register-ledger-seq">
                    {n}
                  </Typography.Text>
                  <Tooltip title={t('access.register.proofHelp')}>
                    <a href={registerProofUrl(e.id)} download data-testid="register-proof" style={{ fontSize: 12 }}>
                      <DownloadOutlined /> {t('access.register.proof')}
                    </a>
                  </Tooltip>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <UnmaskDialog
        official={unmasking}
        onClose={(changed) => {
          setUnmasking(null);
          if (changed) {
            void message.info(t('access.register.updated'));
            register.reload();
          }
        }}
      />
    </>
  );
}
