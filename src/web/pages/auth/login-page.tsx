import { useState } from 'react';
import { Alert, Button, Card, Divider, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { homePathFor, safeNextPath } from '../../auth/roles';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/api-error';
import { useI18n } from '../../i18n/i18n-context';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { state, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNextPath(params.get('next'));
  const registered = params.get('registered');

  if (state.status === 'authenticated') return <Navigate to={next ?? homePathFor(state.user.role)} replace />;

  const onFinish = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const user = await login(v.username.trim(), v.password);
      navigate(next ?? homePathFor(user.role), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const locked = error instanceof ApiError && error.code === 'ACCOUNT_LOCKED';
  const badCredentials = error instanceof ApiError && error.code === 'INVALID_CREDENTIALS';

  return (
    <Card className="jf-auth-card" title={t('auth.signInTitle')}>
      {registered ? (
        <Alert type="success" showIcon title={t('register.done', { username: registered })} style={{ marginBottom: 16 }} />
      ) : null}
      {locked ? (
        <Alert
          type="warning"
          showIcon
          title={t('auth.lockedTitle')}
          description={(error as ApiError).detail || t('auth.lockedBody')}
          data-testid="login-locked"
          style={{ marginBottom: 16 }}
        />
      ) : badCredentials ? (
        <Alert type="error" showIcon title={t('auth.badCredentials')} data-testid="login-error" style={{ marginBottom: 16 }} />
      ) : (
        <ErrorAlert error={error} testId="login-error" />
      )}
      <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} initialValues={{ username: registered ?? '' }}>
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('auth.signIn')}
        </Button>
      </Form>
      <Divider plain>
        <Typography.Text type="secondary">{t('auth.or')}</Typography.Text>
      </Divider>
      <Flex vertical gap={8} align="center">
        <Link to="/register" data-testid="link-register">
          {t('auth.registerCompany')}
        </Link>
        <Link to="/verify" data-testid="link-verify">
          {t('auth.verifyCertificate')}
        </Link>
      </Flex>
    </Card>
  );
}
