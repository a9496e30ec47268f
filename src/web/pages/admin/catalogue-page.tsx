// The province's key-unit catalogue (art. 9(2)): categories, their kinds and the systems each
// requires. A change is a new version published with an announcement for the public portal.
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { fetchCatalogue, publishCatalogue } from '../../api/endpoints';
import type { Catalogue, CatalogueCategory } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { ModalForm, useSubmit } from '../../components/modal-form';
import { PageTitle } from '../../components/page-title';
import { enumLabel, enumOptions } from '../../components/registry-labels';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';

interface PublishValues {
  effectiveFrom: Dayjs;
  announcementZh: string;
  announcementEn: string;
  categories: CatalogueCategory[];
}

/** Category and kind codes, as the server accepts them. */
const CODE = /^[0-9A-Za-z_]{1,64}$/;

function PublishDialog({ catalogue, onClose, onDone }: { catalogue: Catalogue; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PublishValues>();
  const submit = useSubmit(
    (v: PublishValues) =>
      publishCatalogue({
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        announcementZh: v.announcementZh.trim(),
        announcementEn: v.announcementEn.trim(),
        categories: (v.categories ?? []).map((c) => ({
          code: c.code.trim(),
          zh: c.zh.trim(),
          en: c.en.trim(),
          requiredSystems: c.requiredSystems ?? [],
          alarmCentreSystems: c.alarmCentreSystems ?? [],
          kinds: (c.kinds ?? []).map((k) => ({ code: k.code.trim(), zh: k.zh.trim(), en: k.en.trim() })),
        })),
      }),
    { success: t('catalogue.published'), onDone, toastErrors: true },
  );

  return (
    <ModalForm<PublishValues>
      form={form}
      width={980}
      title={t('catalogue.publishTitle')}
      okText={t('catalogue.publish')}
      okTestId="catalogue-publish-submit"
      busy={submit.busy}
      onCancel={onClose}
      onFinish={submit.run}
      initialValues={{ effectiveFrom: dayjs().add(1, 'day'), categories: catalogue.categories, announcementZh: '', announcementEn: '' }}
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="effectiveFrom" label={t('catalogue.effectiveFrom')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} data-testid="catalogue-effective-from" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="announcementZh" label={t('catalogue.announcementZh')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} data-testid="catalogue-announcement-zh" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="announcementEn" label={t('catalogue.announcementEn')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} data-testid="catalogue-announcement-en" />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="categories">
        {(cats, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {cats.map((cat) => (
              <Card
                key={cat.key}
                size="small"
                extra={<Button size="small" icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(cat.name)} />}
              >
                <Row gutter={8}>
                  <Col xs={24} md={3}>
                    <Form.Item name={[cat.name, 'code']} label={t('catalogue.code')} rules={[{ required: true, pattern: CODE }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={7}>
                    <Form.Item name={[cat.name, 'zh']} label={t('catalogue.nameZh')} rules={[{ required: true, whitespace: true }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={14}>
                    <Form.Item name={[cat.name, 'en']} label={t('catalogue.nameEn')} rules={[{ required: true, whitespace: true }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={8}>
                  <Col xs={24} md={{ span: 10, offset: 3 }}>
                    <Form.Item name={[cat.name, 'requiredSystems']} label={t('catalogue.required')}>
                      <Select mode="multiple" options={enumOptions(t, 'systemType')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={11}>
                    <Form.Item name={[cat.name, 'alarmCentreSystems']} label={t('catalogue.alarmCentre')}>
                      <Select mode="multiple" options={enumOptions(t, 'systemType')} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.List name={[cat.name, 'kinds']}>
                  {(kinds, k) => (
                    <>
                      {kinds.map((kind) => (
                        <Row key={kind.key} gutter={8}>
                          <Col xs={24} md={{ span: 4, offset: 3 }}>
                            <Form.Item name={[kind.name, 'code']} rules={[{ required: true, pattern: CODE }]}>
                              <Input placeholder={t('catalogue.code')} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={7}>
                            <Form.Item name={[kind.name, 'zh']} rules={[{ required: true, whitespace: true }]}>
                              <Input placeholder={t('catalogue.nameZh')} />
                            </Form.Item>
                          </Col>
                          <Col xs={20} md={8}>
                            <Form.Item name={[kind.name, 'en']} rules={[{ required: true, whitespace: true }]}>
                              <Input placeholder={t('catalogue.nameEn')} />
                            </Form.Item>
                          </Col>
                          <Col xs={4} md={2}>
                            <Button icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => k.remove(kind.name)} />
                          </Col>
                        </Row>
                      ))}
                      <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginLeft: '12.5%' }} onClick={() => k.add({ code: '', zh: '', en: '' })}>
                        {t('catalogue.addKind')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ code: '', zh: '', en: '', kinds: [{ code: '', zh: '', en: '' }], requiredSystems: [], alarmCentreSystems: [] })}>
              {t('catalogue.addCategory')}
            </Button>
          </Space>
        )}
      </Form.List>
    </ModalForm>
  );
}

export default function CataloguePage() {
  const { t, pick } = useI18n();
  const catalogue = useAsync(fetchCatalogue, []);
  const [publishing, setPublishing] = useState(false);
  const cat = catalogue.data;
  return (
    <>
      <PageTitle
        title={t('catalogue.title')}
        sub={t('catalogue.intro')}
        extra={
          cat ? (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setPublishing(true)} data-testid="catalogue-publish">
              {t('catalogue.publish')}
            </Button>
          ) : null
        }
      />
      {cat?.illustrative ? <Alert type="warning" showIcon title={t('site.illustrative')} style={{ marginBottom: 16 }} /> : null}
      <Card
        title={cat ? <span data-testid="catalogue-version">{t('catalogue.version', { version: cat.version, date: formatDate(cat.effectiveFrom) })}</span> : null}
      >
        <ErrorAlert error={catalogue.error} />
        <Table<CatalogueCategory>
          rowKey="code"
          loading={catalogue.loading}
          dataSource={cat?.categories ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="catalogue-table"
          columns={[
            { title: t('catalogue.code'), dataIndex: 'code', width: 80 },
            { title: t('catalogue.category'), key: 'name', width: 240, render: (_: unknown, c) => <Typography.Text strong>{pick(c.zh, c.en)}</Typography.Text> },
            {
              title: t('catalogue.kinds'),
              dataIndex: 'kinds',
              render: (kinds: CatalogueCategory['kinds']) => (kinds.length ? kinds.map((k) => <Tag key={k.code}>{pick(k.zh, k.en)}</Tag>) : '—'),
            },
            {
              title: t('catalogue.required'),
              dataIndex: 'requiredSystems',
              width: 260,
              render: (s: string[]) => (s.length ? s.map((x) => <Tag color="blue" key={x}>{enumLabel(t, 'systemType', x)}</Tag>) : '—'),
            },
            {
              title: t('catalogue.alarmCentre'),
              dataIndex: 'alarmCentreSystems',
              width: 220,
              render: (s: string[] | undefined) => (s?.length ? s.map((x) => <Tag color="purple" key={x}>{enumLabel(t, 'systemType', x)}</Tag>) : '—'),
            },
          ]}
        />
      </Card>
      {publishing && cat ? (
        <PublishDialog
          catalogue={cat}
          onClose={() => setPublishing(false)}
          onDone={() => {
            setPublishing(false);
            catalogue.reload();
          }}
        />
      ) : null}
    </>
  );
}
