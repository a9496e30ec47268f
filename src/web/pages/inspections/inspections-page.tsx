// 监督检查 (art. 29): my inspections, all inspections in my area, and the bureau's 双随机 plans.
import { useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { isOfficer } from '../../auth/roles';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { createPlan, listInspections, listPlans, type InspectionSummary, type Plan } from './inspections-api';
import { InspectionStatusTag } from './inspections-shared';

function InspectionTable({ assigned }: { assigned: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useAsync(() => listInspections(assigned ? { assigned: 'me' } : {}), [assigned]);
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table<InspectionSummary>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 720 }}
        data-testid={assigned ? 'inspections-mine' : 'inspections-all'}
        locale={{ emptyText: t('insp.empty') }}
        onRow={(r) => ({ 'data-testid': 'inspection-row', 'data-number': r.number, 'data-site': r.site.name, 'data-status': r.status } as object)}
        columns={[
          { title: t('insp.number'), dataIndex: 'number', width: 190 },
          { title: t('insp.site'), key: 'site', render: (_: unknown, r) => r.site.name },
          {
            title: t('insp.kind'),
            key: 'kind',
            width: 130,
            render: (_: unknown, r) => <Tag>{`${t(`insp.kind.${r.kind}` as MessageKey)} · ${t(`insp.reason.${r.reasonKind}` as MessageKey)}`}</Tag>,
          },
          { title: t('insp.inspectors'), key: 'inspectors', render: (_: unknown, r) => r.inspectors.map((p) => p.name).join('、') },
          { title: t('insp.status'), key: 'status', width: 140, render: (_: unknown, r) => <><InspectionStatusTag status={r.status} />{r.problems ? <Tag color="red">{t('insp.problems', { n: r.problems })}</Tag> : null}</> },
          {
            title: '',
            key: 'open',
            width: 80,
            render: (_: unknown, r) => (
              <Button size="small" type="link" onClick={() => navigate(`/inspections/${r.id}`)} data-testid="inspection-open">
                {t('insp.open')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

function PlanTable() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const notify = useNotifyError();
  const plans = useAsync(() => listPlans(), []);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ title: string; targetCount: number; inspectorsPerTarget: number; period: [Dayjs, Dayjs]; hasOpenFindings: boolean }>();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const p = await createPlan({
        title: v.title,
        targetCount: v.targetCount,
        inspectorsPerTarget: v.inspectorsPerTarget,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        ...(v.hasOpenFindings ? { filters: { hasOpenFindings: true } } : {}),
      });
      setOpen(false);
      navigate(`/inspections/plans/${p.id}`);
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="plan-new" style={{ marginBottom: 12 }}>
        {t('plan.new')}
      </Button>
      <ErrorAlert error={plans.error} />
      <Table<Plan>
        rowKey="id"
        size="small"
        loading={plans.loading}
        dataSource={plans.data?.items ?? []}
        data-testid="plans-table"
        scroll={{ x: 640 }}
        locale={{ emptyText: t('plan.empty') }}
        onRow={(r) => ({ 'data-testid': 'plan-row', onClick: () => navigate(`/inspections/plans/${r.id}`), style: { cursor: 'pointer' } } as object)}
        columns={[
          { title: t('plan.name'), dataIndex: 'title' },
          { title: t('plan.period'), key: 'period', render: (_: unknown, r) => `${formatDate(r.periodFrom)} – ${formatDate(r.periodTo)}` },
          { title: t('plan.targetCount'), dataIndex: 'targetCount', width: 110 },
          { title: t('insp.status'), key: 'status', width: 100, render: (_: unknown, r) => <Tag color={r.status === 'drawn' ? 'green' : 'default'}>{t(`plan.status.${r.status}` as MessageKey)}</Tag> },
        ]}
      />
      <Modal open={open} title={t('plan.new')} onCancel={() => setOpen(false)} onOk={() => void submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'plan-submit' } as Record<string, string>} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ targetCount: 5, inspectorsPerTarget: 2, hasOpenFindings: false }}>
          <Form.Item name="title" label={t('plan.name')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="plan-title" />
          </Form.Item>
          <Form.Item name="targetCount" label={t('plan.targetCount')} rules={[{ required: true }]}>
            <InputNumber min={1} max={500} data-testid="plan-target-count" />
          </Form.Item>
          <Form.Item name="inspectorsPerTarget" label={t('plan.inspectorsPerTarget')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10} data-testid="plan-inspectors" />
          </Form.Item>
          <Form.Item name="period" label={t('plan.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="plan-period" />
          </Form.Item>
          <Form.Item name="hasOpenFindings" valuePropName="checked">
            <Checkbox data-testid="plan-has-findings">{t('plan.hasOpenFindings')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function InspectionsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const officer = isOfficer(user?.role);
  return (
    <>
      <PageTitle title={t('insp.title')} sub={t('insp.intro')} />
      <Card>
        {officer ? (
          <Tabs
            items={[
              { key: 'mine', label: t('insp.tabMine'), children: <InspectionTable assigned /> },
              { key: 'all', label: t('insp.tabAll'), children: <InspectionTable assigned={false} /> },
              { key: 'plans', label: <span data-testid="tab-plans">{t('insp.tabPlans')}</span>, children: <PlanTable /> },
            ]}
          />
        ) : (
          <InspectionTable assigned={false} />
        )}
      </Card>
    </>
  );
}
