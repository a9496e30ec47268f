// The province's discretion bands, hearing thresholds and publication periods (penalty.settings.manage).
import { useState } from 'react';
import { App, Button, Card, Form, InputNumber } from 'antd';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { getSettings, putSettings, type PenaltySettings } from './penalties-api';

const NUMBERS = [
  ['hearingUnitYuan', 'penset.hearingUnit'],
  ['hearingIndividualYuan', 'penset.hearingIndividual'],
  ['statementDays', 'penset.statementDays'],
  ['hearingRequestDays', 'penset.hearingRequestDays'],
  ['publicationDays', 'penset.publicationDays'],
  ['decisionPublicationDays', 'penset.decisionPublicationDays'],
  ['creditRecordDays', 'penset.creditRecordDays'],
  ['decisionRepairMinDays', 'penset.decisionRepairMinDays'],
  ['creditRepairMinDays', 'penset.creditRepairMinDays'],
] as const;

type Values = Omit<PenaltySettings, 'bands' | 'updatedAt' | 'version'> & { mildUpTo: number; generalUpTo: number };

export default function PenaltySettingsPage() {
  const { t } = useI18n();
  const notify = useNotifyError();
  const { message } = App.useApp();
  const loaded = useAsync(getSettings, []);
  const [busy, setBusy] = useState(false);
  const s = loaded.data;
  if (!s) return <ErrorAlert error={loaded.error} />;
  const def = s.bands.find((b) => b.article === '*') ?? { mildUpTo: 1 / 3, generalUpTo: 2 / 3 };
  const save = async (v: Values) => {
    setBusy(true);
    try {
      const { mildUpTo, generalUpTo, ...rest } = v;
      await putSettings({ ...rest, version: s.version, bands: [...s.bands.filter((b) => b.article !== '*'), { article: '*', mildUpTo, generalUpTo }] });
      void message.success(t('penset.saved'));
      loaded.reload();
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle title={t('penset.title')} />
      <Card>
        <Form<Values> layout="vertical" key={s.version} initialValues={{ ...s, mildUpTo: def.mildUpTo, generalUpTo: def.generalUpTo }} onFinish={save} style={{ maxWidth: 520 }}>
          <Form.Item label={t('penset.bands')}>
            <Form.Item name="mildUpTo" label={t('penset.mildUpTo')} rules={[{ required: true }]}>
              <InputNumber<number> min={0.01} max={0.98} step={0.01} data-testid="penset-mild" />
            </Form.Item>
            <Form.Item name="generalUpTo" label={t('penset.generalUpTo')} rules={[{ required: true }]}>
              <InputNumber<number> min={0.02} max={0.99} step={0.01} data-testid="penset-general" />
            </Form.Item>
          </Form.Item>
          {NUMBERS.map(([name, label]) => (
            <Form.Item key={name} name={name} label={t(label as MessageKey)} rules={[{ required: true }]}>
              <InputNumber<number> min={0} data-testid={`penset-${name}`} />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="penset-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
