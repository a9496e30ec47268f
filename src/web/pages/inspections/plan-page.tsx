// One 双随机 plan: its draw (seed, algorithm, candidate digests), the "reproduce" check, its inspections.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Modal, Space, Table, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate, formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { drawPlan, getPlan, verifyDraw, type DrawCheck, type InspectionSummary } from './inspections-api';
import { InspectionStatusTag } from './inspections-shared';

export default function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const notify = useNotifyError();
  const plan = useAsync(() => getPlan(id), [id]);
  const [check, setCheck] = useState<DrawCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const p = plan.data;

  const draw = () =>
    Modal.confirm({
      title: t('plan.draw'),
      content: t('plan.drawConfirm'),
      okButtonProps: { 'data-testid': 'plan-draw-confirm' } as Record<string, string>,
      onOk: async () => {
        try {
          await drawPlan(p!);
          plan.reload();
        } catch (err) {
          notify(err);
        }
      },
    });
  const reproduce = async () => {
    setBusy(true);
    try {
      setCheck(await verifyDraw(id));
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle
        title={p?.title ?? t('plan.title')}
        extra={
          p?.actions.includes('draw') ? (
            <Button type="primary" onClick={draw} data-testid="plan-draw">
              {t('plan.draw')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={plan.error} />
      {p ? (
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('order.issuer')}>{p.policeUnit.name}</Descriptions.Item>
              <Descriptions.Item label={t('plan.period')}>{`${formatDate(p.periodFrom)} – ${formatDate(p.periodTo)}`}</Descriptions.Item>
              <Descriptions.Item label={t('plan.targetCount')}>{p.targetCount}</Descriptions.Item>
              <Descriptions.Item label={t('plan.inspectorsPerTarget')}>{p.inspectorsPerTarget}</Descriptions.Item>
            </Descriptions>
          </Card>
          {p.draw ? (
            <Card title={t('plan.seed')} data-testid="plan-draw-card">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('plan.seed')}>
                  <Typography.Text code copyable data-testid="plan-seed" style={{ wordBreak: 'break-all' }}>
                    {p.draw.seed}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('plan.alg')}>{p.draw.alg}</Descriptions.Item>
                <Descriptions.Item label="">{t('plan.candidates', { sites: p.draw.candidateSites, officers: p.draw.candidateOfficers })}</Descriptions.Item>
                <Descriptions.Item label={t('plan.sitesDigest')}>
                  <Typography.Text code style={{ wordBreak: 'break-all' }}>{p.draw.sitesDigest}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('plan.officersDigest')}>
                  <Typography.Text code style={{ wordBreak: 'break-all' }}>{p.draw.officersDigest}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="">{formatDateTime(p.draw.drawnAt)} · {p.draw.drawnBy?.name}</Descriptions.Item>
              </Descriptions>
              <Button onClick={() => void reproduce()} loading={busy} data-testid="plan-verify">
                {t('plan.verify')}
              </Button>
              {check ? (
                <Alert
                  style={{ marginTop: 12 }}
                  type={check.ok ? 'success' : 'error'}
                  showIcon
                  title={check.ok ? t('plan.verifyOk') : t('plan.verifyFail')}
                  data-testid="plan-verify-result"
                  data-ok={String(check.ok)}
                />
              ) : null}
            </Card>
          ) : null}
          <Card title={t('insp.tabAll')}>
            <Table<InspectionSummary>
              rowKey="id"
              size="small"
              dataSource={p.inspections}
              pagination={false}
              scroll={{ x: 600 }}
              data-testid="plan-inspections"
              onRow={(r) => ({ 'data-testid': 'inspection-row', onClick: () => navigate(`/inspections/${r.id}`), style: { cursor: 'pointer' } } as object)}
              columns={[
                { title: t('insp.number'), dataIndex: 'number', width: 190 },
                { title: t('insp.site'), key: 'site', render: (_: unknown, r) => r.site.name },
                { title: t('insp.inspectors'), key: 'i', render: (_: unknown, r) => r.inspectors.map((x) => x.name).join('、') },
                { title: t('insp.status'), key: 's', width: 100, render: (_: unknown, r) => <InspectionStatusTag status={r.status} /> },
              ]}
            />
          </Card>
        </Space>
      ) : null}
    </>
  );
}
