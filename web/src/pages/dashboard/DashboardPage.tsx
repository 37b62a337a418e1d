import { Card, Descriptions, Typography } from 'antd';
import { useCurrentUser } from '../../auth/CurrentUserContext';
import { RoleTags } from '../../components/RoleTags';
import { useT } from '../../i18n/useT';

export function DashboardPage() {
  const { t } = useT();
  const user = useCurrentUser();
  return (
    <Card variant="borderless">
      <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
        {t('dashboard.welcome', { name: user.fullName || user.username })}
      </Typography.Title>
      <Descriptions
        column={1}
        items={[
          { key: 'company', label: t('dashboard.company'), children: user.company.name },
          { key: 'org', label: t('dashboard.orgUnit'), children: user.orgUnit?.name ?? '—' },
          { key: 'username', label: t('user.username'), children: user.username },
          {
            key: 'roles',
            label: t('dashboard.roles'),
            children: user.roles.length ? <RoleTags roles={user.roles} /> : t('dashboard.noRoles'),
          },
        ]}
      />
    </Card>
  );
}
