import { Empty, Spin, Tag, Tree, type TreeDataNode, theme } from 'antd';
import { useMemo } from 'react';
import { useOrgUnits } from '../../../api/org';
import type { OrgUnitKind } from '../../../api/types';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { buildOrgTree, type OrgTreeNode } from '../../../lib/orgTree';

const kindLabel: Record<OrgUnitKind, MessageKey> = {
  department: 'orgKind.department',
  unit: 'orgKind.unit',
  team: 'orgKind.team',
};
const kindColor: Record<OrgUnitKind, string> = { department: 'blue', unit: 'purple', team: 'green' };

export function OrgPage() {
  const { t } = useT();
  const { token } = theme.useToken();
  const units = useOrgUnits();

  const treeData = useMemo(() => {
    const toNodes = (nodes: OrgTreeNode[]): TreeDataNode[] =>
      nodes.map(({ unit, children }) => ({
        key: unit.id,
        title: (
          <span>
            {unit.name} <Tag color={kindColor[unit.kind]}>{t(kindLabel[unit.kind])}</Tag>
            <span style={{ color: token.colorTextTertiary }}>{unit.code}</span>
          </span>
        ),
        children: toNodes(children),
      }));
    return toNodes(buildOrgTree(units.data ?? []));
  }, [units.data, t, token.colorTextTertiary]);

  return (
    <PageCard title={t('menu.org')}>
      {units.isPending ? (
        <Spin />
      ) : treeData.length === 0 ? (
        <Empty />
      ) : (
        <Tree data-testid="org-tree" showLine defaultExpandAll selectable={false} treeData={treeData} />
      )}
    </PageCard>
  );
}
