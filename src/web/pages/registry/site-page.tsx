// One site: its particulars, status counts, systems with their devices, open findings with the
// article each breaks, and the footage-retention proof per camera.
import { useMemo, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { fetchSiteRetention, getSite, removeDevice } from '../../api/endpoints';
import type { DeviceRecord, Finding, RetentionCamera, SiteDetail, SystemRecord } from '../../api/types';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { enumLabel } from '../../components/registry-labels';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { formatDate, formatDateTime } from '../../dates';
import { formatArticle } from '../../i18n/article';
import { useI18n } from '../../i18n/i18n-context';
import { DeviceDialog } from './device-dialog';
import { divisionName, siteCan } from './registry-logic';
import { FindingList, RetentionStateTag, SystemStatusTag, categoryLabel, kindLabel, useCatalogue, useDivisionTree } from './registry-shared';
import { SystemDialog } from './system-dialog';

type Dialog = { kind: 'system'; system?: SystemRecord } | { kind: 'device'; systemId: string; device?: DeviceRecord } | null;

function YesNo({ value, bad }: { value: boolean | null | undefined; bad?: boolean }) {
  const { t } = useI18n();
  return value ? <Tag color={bad ? 'red' : 'green'}>{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>;
}

function DevicesTable({
  site,
  system,
  devices,
  role,
  onEdit,
  onChanged,
}: {
  site: SiteDetail;
  system: SystemRecord;
  devices: DeviceRecord[];
  role: string | undefined;
  onEdit: (d?: DeviceRecord) => void;
  onChanged: (s: SiteDetail | undefined) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canEdit = siteCan(site, 'edit_device', role);
  const canRemove = siteCan(site, 'remove_device', role);
  const canAdd = siteCan(site, 'add_device', role);

  const remove = async (d: DeviceRecord) => {
    try {
      const updated = await removeDevice(d.id);
      void message.success(t('device.removed'));
      onChanged(updated);
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <div data-testid={`devices-${system.id}`}>
      <Table<DeviceRecord>
        size="small"
        rowKey="id"
        dataSource={devices}
        pagination={devices.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('device.empty') }}
        onRow={(d) => ({ 'data-testid': 'device-row', 'data-device-id': d.id, 'data-placement': d.placement ?? '' }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('device.name'),
            dataIndex: 'name',
            render: (name: string, d) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {enumLabel(t, 'deviceKind', d.deviceKind)}
                  {d.equipmentType ? ` · ${d.equipmentType}` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('device.code'),
            dataIndex: 'deviceCode',
            width: 200,
            render: (c: string | null) => (c ? <Typography.Text code copyable>{c}</Typography.Text> : '—'),
          },
          {
            title: t('device.placement'),
            dataIndex: 'placement',
            width: 170,
            render: (p: string | null, d) =>
              p === 'privacy' ? (
                <Tag color="red">
                  {enumLabel(t, 'placement', p)}
                  {d.privacyKind ? ` · ${enumLabel(t, 'privacyKind', d.privacyKind)}` : ''}
                </Tag>
              ) : (
                enumLabel(t, 'placement', p)
              ),
          },
          { title: t('device.audio'), dataIndex: 'audioCapture', width: 90, render: (v: boolean, d) => (d.deviceKind === 'camera' ? <YesNo value={v} bad={d.placement === 'privacy'} /> : '—') },
          {
            title: t('device.signage'),
            dataIndex: 'signage',
            width: 90,
            render: (v: boolean, d) => (d.deviceKind === 'camera' ? v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag color={d.placement === 'public_area' ? 'orange' : undefined}>{t('common.no')}</Tag> : '—'),
          },
          {
            title: t('device.retentionDays'),
            dataIndex: 'retentionDays',
            width: 120,
            render: (n: number | null, d) => (d.deviceKind === 'camera' ? (n == null ? '—' : t('common.nDays', { n })) : '—'),
          },
          {
            title: t('device.certificates'),
            dataIndex: 'certificates',
            render: (certs: DeviceRecord['certificates'], d) =>
              d.deviceKind === 'equipment' ? (
                certs?.length ? (
                  <Space orientation="vertical" size={2}>
                    {certs.map((c, i) => (
                      <span key={c.id ?? i}>
                        <Tag>{enumLabel(t, 'certType', c.certType)}</Tag>
                        {c.number}
                        {c.validTo ? <Typography.Text type="secondary"> · {t('cert.validTo')} {formatDate(c.validTo)}</Typography.Text> : null}
                      </span>
                    ))}
                  </Space>
                ) : (
                  <Tag color="orange">{t('common.none')}</Tag>
                )
              ) : (
                '—'
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            fixed: 'right',
            render: (_: unknown, d) => (
              <Space size={4}>
                {canEdit ? (
                  <Tooltip title={t('common.edit')}>
                    <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => onEdit(d)} data-testid={`device-edit-${d.id}`} />
                  </Tooltip>
                ) : null}
                {canRemove ? (
                  <Popconfirm
                    title={t('device.removeConfirm')}
                    okText={t('common.remove')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true, 'data-testid': 'device-remove-confirm' }}
                    onConfirm={() => remove(d)}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} data-testid={`device-remove-${d.id}`} />
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {canAdd ? (
        <Button type="dashed" size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => onEdit()} data-testid={`device-add-${system.id}`}>
          {t('device.add')}
        </Button>
      ) : null}
    </div>
  );
}

function RetentionCard({ site }: { site: SiteDetail }) {
  const { t, lang } = useI18n();
  const proof = useAsync(() => fetchSiteRetention(site.id), [site.id, site.version, site.devices.length]);
  const p = proof.data;
  const rows = p?.cameras ?? [];
  return (
    <Card
      title={t('site.retention')}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="site-retention"
      extra={
        p ? (
          <Space size={4} wrap>
            <Tag color={p.holds ? 'green' : 'red'} data-testid="retention-holds" data-holds={String(p.holds)}>
              {p.holds ? t('retention.holds') : t('retention.notHolds')}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('retention.requirement', { n: p.requiredDays, article: formatArticle(p.article || '20', lang) })}
            </Typography.Text>
          </Space>
        ) : null
      }
    >
      <ErrorAlert error={proof.error} />
      <Table<RetentionCamera>
        size="small"
        rowKey="deviceId"
        loading={proof.loading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('retention.siteEmpty') }}
        onRow={(r) => ({ 'data-testid': 'retention-row', 'data-device-id': r.deviceId, 'data-state': r.status }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('device.name'), dataIndex: 'name' },
          { title: t('device.code'), dataIndex: 'deviceCode', width: 200, render: (c: string | null) => c ?? '—' },
          { title: t('retention.minimumDays'), dataIndex: 'requiredDays', width: 100, render: (n: number) => t('common.nDays', { n }) },
          { title: t('retention.configuredDays'), dataIndex: 'configuredDays', width: 100, render: (n: number | null) => (n == null ? '—' : t('common.nDays', { n })) },
          { title: t('retention.recordingDays'), dataIndex: 'recordingDays', width: 110, render: (n: number | null) => (n == null ? '—' : t('common.nDays', { n })) },
          { title: t('retention.oldest'), dataIndex: 'oldestRecordingAt', width: 150, render: (v: string | null) => formatDateTime(v) },
          { title: t('retention.lastReport'), dataIndex: 'lastReportAt', width: 150, render: (v: string | null) => formatDateTime(v) },
          { title: t('retention.state'), dataIndex: 'status', width: 120, render: (s: string) => <RetentionStateTag state={s} /> },
        ]}
      />
    </Card>
  );
}

function SiteView({ initial, reload }: { initial: SiteDetail; reload: () => void }) {
  const { t, lang, pick } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const role = user?.role;
  // Every write answers with the updated site; it replaces what is shown without a reload.
  const [site, setSite] = useState<SiteDetail>(initial);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [collapsed, setCollapsed] = useState<string[]>([]);
  const catalogue = useCatalogue();
  const divisions = useDivisionTree();

  const applyUpdate = (s: SiteDetail | undefined) => {
    setDialog(null);
    if (s && Array.isArray(s.systems)) setSite(s);
    else reload();
  };

  const devicesBySystem = useMemo(() => {
    const m = new Map<string, DeviceRecord[]>();
    for (const d of site.devices ?? []) m.set(d.systemId, [...(m.get(d.systemId) ?? []), d]);
    return m;
  }, [site.devices]);
  const cameras = (site.devices ?? []).filter((d) => d.deviceKind === 'camera').length;
  const subjectName = (f: Finding): string | undefined => {
    if (f.subjectType === 'device') {
      const d = site.devices.find((x) => x.id === f.subjectId);
      return d ? `${enumLabel(t, 'deviceKind', d.deviceKind)}：${d.name}${d.deviceCode ? `（${d.deviceCode}）` : ''}` : undefined;
    }
    if (f.subjectType === 'system') {
      const s = site.systems.find((x) => x.id === f.subjectId);
      return s ? `${enumLabel(t, 'systemType', s.systemType)}：${s.name}` : undefined;
    }
    return undefined;
  };
  const findings = site.findings ?? [];
  const division = site.divisionName ?? divisionName(divisions.data ?? [], site.divisionCode, lang === 'en') ?? site.divisionCode;

  return (
    <>
      <PageTitle
        title={<span data-testid="site-title">{site.name}</span>}
        sub={`${enumLabel(t, 'siteType', site.siteType)} · ${division}`}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload} data-testid="site-refresh">
              {t('common.refresh')}
            </Button>
            {siteCan(site, 'edit', role) ? (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/registry/sites/${encodeURIComponent(site.id)}/edit`)} data-testid="site-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={16} wrap style={{ marginBottom: 16 }} data-testid="site-counts">
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('site.systems')} value={site.systems.length} />
        </Card>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('site.devices')} value={site.devices.length} />
        </Card>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('site.cameras')} value={cameras} />
        </Card>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic
            title={t('sites.openFindings')}
            value={findings.length}
            styles={{ content: { color: findings.length ? '#cf1322' : '#389e0d' } }}
            data-testid="site-open-findings-count"
          />
        </Card>
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'address', label: t('site.address'), children: site.address || '—' },
            ...(site.siteType === 'key_unit'
              ? [
                  { key: 'category', label: t('site.category'), children: catalogue.data ? categoryLabel(catalogue.data, site.categoryCode, pick) : (site.categoryName ?? site.categoryCode ?? '—') },
                  { key: 'kind', label: t('site.kind'), children: catalogue.data ? kindLabel(catalogue.data, site.categoryCode, site.kindCode, pick) : (site.kindName ?? site.kindCode ?? '—') },
                  {
                    key: 'responsible',
                    label: t('site.responsibleParty'),
                    children: `${site.responsibleParty ?? '—'}${site.responsibleBasis ? `（${enumLabel(t, 'basis', site.responsibleBasis)}）` : ''}`,
                  },
                ]
              : [
                  { key: 'areaKind', label: t('site.areaKind'), children: enumLabel(t, 'areaKind', site.areaKind) },
                  { key: 'builder', label: t('site.builderLevel'), children: enumLabel(t, 'builderLevel', site.builderLevel) },
                  { key: 'police', label: t('site.userPoliceUnit'), children: site.userPoliceUnitName ?? site.userPoliceUnitId ?? '—' },
                ]),
            { key: 'antiTerror', label: t('site.antiTerror'), children: <YesNo value={site.antiTerrorTarget} /> },
          ]}
        />
      </Card>

      <Card
        title={t('site.findings')}
        size="small"
        style={{ marginBottom: 16 }}
        extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('finding.computedHint')}</Typography.Text>}
        data-testid="site-findings-card"
      >
        <FindingList findings={findings} subjectName={subjectName} />
      </Card>

      <Card
        title={t('site.systems')}
        size="small"
        extra={
          siteCan(site, 'add_system', role) ? (
            <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'system' })} data-testid="system-add">
              {t('system.add')}
            </Button>
          ) : null
        }
      >
        <Table<SystemRecord>
          rowKey="id"
          size="middle"
          dataSource={site.systems}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="systems-table"
          locale={{ emptyText: t('system.empty') }}
          onRow={(s) => ({ 'data-testid': 'system-row', 'data-system-id': s.id, 'data-system-type': s.systemType }) as HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowKeys: site.systems.map((s) => s.id).filter((id) => !collapsed.includes(id)),
            onExpand: (open, s) => setCollapsed((c) => (open ? c.filter((x) => x !== s.id) : [...c, s.id])),
            expandedRowRender: (s) => (
              <DevicesTable
                site={site}
                system={s}
                devices={devicesBySystem.get(s.id) ?? []}
                role={role}
                onEdit={(d) => setDialog({ kind: 'device', systemId: s.id, device: d })}
                onChanged={applyUpdate}
              />
            ),
          }}
          columns={[
            {
              title: t('system.type'),
              dataIndex: 'systemType',
              width: 170,
              render: (v: string) => <Typography.Text strong>{enumLabel(t, 'systemType', v)}</Typography.Text>,
            },
            { title: t('system.name'), dataIndex: 'name' },
            { title: t('system.status'), dataIndex: 'status', width: 110, render: (s: string) => <SystemStatusTag status={s} /> },
            { title: t('system.alarmCentre'), dataIndex: 'alarmCentreInterface', width: 140, render: (v: boolean) => <YesNo value={v} /> },
            { title: t('system.acceptedOn'), dataIndex: 'acceptedOn', width: 120, render: (v: string | null) => formatDate(v) },
            { title: t('site.devices'), key: 'devices', width: 80, render: (_: unknown, s) => devicesBySystem.get(s.id)?.length ?? 0 },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_: unknown, s) =>
                siteCan(site, 'edit_system', role) ? (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'system', system: s })} data-testid={`system-edit-${s.id}`}>
                    {t('common.edit')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>

      <RetentionCard site={site} />

      {dialog?.kind === 'system' ? <SystemDialog site={site} system={dialog.system} onClose={() => setDialog(null)} onSaved={applyUpdate} /> : null}
      {dialog?.kind === 'device' ? (
        <DeviceDialog systemId={dialog.systemId} device={dialog.device} onClose={() => setDialog(null)} onSaved={applyUpdate} />
      ) : null}
    </>
  );
}

export default function SitePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const site = useAsync(() => getSite(id), [id]);
  if (site.loading && !site.data) return <Skeleton active />;
  if (site.error && !site.data) {
    return (
      <>
        <PageTitle title={t('site.notFound')} />
        <ErrorAlert error={site.error} />
      </>
    );
  }
  if (!site.data) return null;
  return <SiteView key={`${site.data.id}:${site.data.version}:${site.data.openFindings}`} initial={site.data} reload={site.reload} />;
}
