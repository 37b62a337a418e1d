import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useOrgUnits } from '../api/org';
import { buildOrgTree, toSelectTree } from '../lib/orgTree';

type Props = Omit<TreeSelectProps<string>, 'treeData' | 'loading'>;

export function OrgUnitTreeSelect(props: Props) {
  const units = useOrgUnits();
  const treeData = useMemo(() => toSelectTree(buildOrgTree(units.data ?? [])), [units.data]);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      allowClear
      {...props}
      loading={units.isPending}
      treeData={treeData}
    />
  );
}
