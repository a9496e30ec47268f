// A company opens its own account: the company's particulars and its first user.
import { useMemo, useState } from 'react';
import { Button, Card, Cascader, Col, Divider, Form, Input, Radio, Row, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { fetchDivisions, registerCompany } from '../../api/endpoints';
import type { CompanyOrigin } from '../../api/types';
import { localiseDivisions } from '../../components/divisions';
import { ErrorAlert } from '../../components/api-error';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { normaliseUscc, validateUscc } from '../../../platform/identifiers/uscc';

interface RegisterForm {
  name: string;
  uscc: string;
  origin: CompanyOrigin;
  division: string[];
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

export default function RegisterPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const divisions = useAsync(fetchDivisions, []);
  const options = useMemo(() => localiseDivisions(divisions.data ?? [], lang === 'en'), [divisions.data, lang]);
  const origin = Form.useWatch('origin', form);

  const onFinish = async (v: RegisterForm) => {
    setBusy(true);
    setError(null);
    try {
      await registerCompany({
        company: { name: v.name.trim(), uscc: normaliseUscc(v.uscc), divisionCode: v.division[v.division.length - 1], origin: v.origin },
        user: { username: v.username.trim(), password: v.password, displayName: v.displayName.trim() },
      });
      navigate(`/login?registered=${encodeURIComponent(v.username.trim())}`, { replace: true });
    } catch (err) {
      setError(err);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setBusy(false);
    }
  };

  const usccMessage = (reason: 'length' | 'charset' | 'check_digit') =>
    reason === 'length' ? t('register.usccLength') : reason === 'charset' ? t('register.usccCharset') : t('register.usccCheck');

  return (
    <Card style={{ maxWidth: 760, margin: '24px auto' }} title={t('register.title')}>
      <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
      <ErrorAlert error={error ?? divisions.error} testId="register-error" />
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ origin: 'guangdong' }}
        scrollToFirstError
      >
        <Divider titlePlacement="start">{t('register.companySection')}</Divider>
        <Form.Item name="name" label={t('register.companyName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="register-company-name" />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('register.uscc')}
          extra={t('register.usccHelp')}
          normalize={(v: string) => (v ? normaliseUscc(v) : v)}
          rules={[
            { required: true, message: t('register.usccRequired') },
            {
              validator: async (_rule, value: string) => {
                if (!value) return;
                const r = validateUscc(value);
                if (!r.ok) throw new Error(usccMessage(r.reason));
              },
            },
          ]}
        >
          <Input maxLength={18} showCount data-testid="register-uscc" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="origin" label={t('register.origin')} rules={[{ required: true }]}>
          <Radio.Group data-testid="register-origin">
            <Radio value="guangdong" data-testid="register-origin-guangdong">
              {t('register.originGuangdong')}
            </Radio>
            <Radio value="out_of_province" data-testid="register-origin-out_of_province">
              {t('register.originOut')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="division"
          label={origin === 'out_of_province' ? t('register.divisionOut') : t('register.division')}
          extra={origin === 'out_of_province' ? t('register.divisionOutHelp') : undefined}
          rules={[{ required: true, message: t('register.divisionRequired') }]}
        >
          <Cascader
            options={options}
            changeOnSelect
            showSearch
            loading={divisions.loading}
            placeholder={t('register.divisionPlaceholder')}
            data-testid="register-division"
          />
        </Form.Item>

        <Divider titlePlacement="start">{t('register.userSection')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[
                { required: true, message: t('auth.usernameRequired') },
                { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('register.usernamePattern') },
              ]}
            >
              <Input autoComplete="username" data-testid="register-username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label={t('register.displayName')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input autoComplete="name" data-testid="register-display-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="password"
              label={t('auth.password')}
              extra={t('register.passwordHelp')}
              rules={[
                { required: true, message: t('auth.passwordRequired') },
                { min: 8, message: t('register.passwordMin') },
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="register-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="confirm"
              label={t('register.confirmPassword')}
              dependencies={['password']}
              rules={[
                { required: true, message: t('auth.passwordRequired') },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: string) => {
                    if (value && value !== getFieldValue('password')) throw new Error(t('register.passwordMismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="register-password-confirm" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} block size="large" data-testid="register-submit">
          {t('register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}>
        {t('register.haveAccount')} <Link to="/login">{t('auth.signIn')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
