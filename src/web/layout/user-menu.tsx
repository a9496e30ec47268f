import { App, Avatar, Button, Dropdown, Flex, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import { useNotifyError } from '../components/api-error';
import { roleLabel } from '../components/labels';

export function UserMenu() {
  const { user, logout } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const { message } = App.useApp();

  if (!user) {
    return (
      <Link to="/login" data-testid="header-login">
        <Button ghost size="small">
          {t('auth.signIn')}
        </Button>
      </Link>
    );
  }

  const onLogout = async () => {
    message.destroy(); // the previous user's toasts are not the next user's business
    try {
      await logout();
    } catch (err) {
      notifyError(err);
    }
    navigate('/login', { replace: true });
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <Flex vertical>
                <Typography.Text strong>{user.displayName}</Typography.Text>
                <Typography.Text type="secondary">
                  {user.username} · {user.policeUnitName ?? roleLabel(t, user.role)}
                </Typography.Text>
              </Flex>
            ),
          },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('auth.signOut')}</span>, onClick: () => void onLogout() },
        ],
      }}
    >
      <Button type="text" className="jf-user-button" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} className="jf-avatar" />
        <span className="jf-user-name">{user.displayName}</span>
      </Button>
    </Dropdown>
  );
}
