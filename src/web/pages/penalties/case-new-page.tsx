// File a penalty case (立案): from a failed rectification order (its site, unit and violated article)
// or from another source with the violated article; parties by credit code (units) or name (persons).
import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { articleRef } from './cases-page';
import type { MessageKey } from '../../i18n/translate';
import { listOrders } from '../inspections/inspections-api';
import { openCase, type PartyType } from './penalties-api';

const VIOLATED = ['8', '9', '10', '11', '12', '13', '14', '16', '17', '19', '20', '21', '22', '23', '24'];
const SOURCES = ['rectification', 'inspection', 'finding', 'complaint', 'other'] as const;

interface Values {
  sourceKind: (typeof SOURCES)[number];
  orderId?: string;
  sourceId?: string;
  violatedArticle?: string;
  facts: string;
  serious?: boolean;
  parties: { partyType: PartyType; name: string; uscc?: string; idNumber?: string }[];
}

export default function CaseNewPage() {
  const { t, lang } = useI18n();
  const notify = useNotifyError();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const sourceKind = Form.useWatch('sourceKind', form) ?? 'rectification';
  const orders = useAsync(() => listOrders({}), []);
  const failed = (orders.data?.items ?? []).filter((o) => o.failed);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const c = await openCase({
        source: v.sourceKind === 'rectification' ? { kind: 'rectification', id: v.orderId } : { kind: v.sourceKind, ...(v.sourceId ? { id: v.sourceId } : {}) },
        ...(v.sourceKind !== 'rectification' && v.violatedArticle ? { violatedArticle: v.violatedArticle } : {}),
        facts: v.facts,
        serious: !!v.serious,
        parties: v.parties.map((p) => ({ partyType: p.partyType, name: p.name, ...(p.partyType === 'unit' ? { uscc: p.uscc?.trim().toUpperCase() } : p.idNumber ? { idNumber: p.idNumber.trim() } : {}) })),
      });
      navigate(`/penalty-cases/${c.id}`);
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('pen.new')} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ sourceKind: 'rectification', orderId: params.get('order') ?? undefined, parties: [{ partyType: 'unit', name: '' }] }}
          style={{ maxWidth: 720 }}
        >
          <Form.Item name="sourceKind" label={t('pen.source')} rules={[{ required: true }]}>
            <Select data-testid="case-source" options={SOURCES.map((s) => ({ value: s, label: t(`pen.source.${s}` as MessageKey) }))} />
          </Form.Item>
          {sourceKind === 'rectification' ? (
            <Form.Item name="orderId" label={t('pen.selectOrder')} rules={[{ required: true }]}>
              <Select
                data-testid="case-order"
                loading={orders.loading}
                options={failed.map((o) => ({ value: o.id, label: `${o.displayNumber} · ${o.site.name ?? ''} · ${articleRef(lang, o.article)} · ${formatDate(o.dueDate)}` }))}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="violatedArticle" label={t('pen.violated')} rules={[{ required: true }]}>
                <Select data-testid="case-violated" options={VIOLATED.map((a) => ({ value: a, label: articleRef(lang, a) }))} />
              </Form.Item>
              <Form.Item name="sourceId" label={`${t('pen.source')} ID`}>
                <Input maxLength={64} />
              </Form.Item>
            </>
          )}
          <Form.Item name="facts" label={t('pen.facts')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="case-facts" />
          </Form.Item>
          <Form.Item name="serious" valuePropName="checked">
            <Checkbox data-testid="case-serious">{t('pen.serious')}</Checkbox>
          </Form.Item>
          <Form.List name="parties">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" wrap data-testid={`case-party-${i}`}>
                    <Form.Item name={[f.name, 'partyType']} rules={[{ required: true }]}>
                      <Select style={{ width: 140 }} options={(['unit', 'individual', 'responsible'] as const).map((p) => ({ value: p, label: t(`pen.partyType.${p}` as MessageKey) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                      <Input placeholder={t('pen.partyName')} maxLength={200} data-testid="case-party-name" />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(['parties', f.name, 'partyType']) === 'unit' ? (
                          <Form.Item name={[f.name, 'uscc']} rules={[{ required: true, len: 18 }]}>
                            <Input placeholder={t('pen.uscc')} maxLength={18} data-testid="case-party-uscc" />
                          </Form.Item>
                        ) : (
                          <Form.Item name={[f.name, 'idNumber']}>
                            <Input placeholder={t('pen.idNumber')} maxLength={18} />
                          </Form.Item>
                        )
                      }
                    </Form.Item>
                    {i > 0 ? <Button onClick={() => remove(f.name)}>−</Button> : null}
                  </Space>
                ))}
                <Form.Item>
                  <Button onClick={() => add({ partyType: 'responsible', name: '' })} data-testid="case-add-party">
                    {t('pen.addParty')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="case-submit">
            {t('pen.new')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
