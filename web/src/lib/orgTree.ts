import type { OrgUnit } from '../api/types';

export interface OrgTreeNode {
  unit: OrgUnit;
  children: OrgTreeNode[];
}

/** Builds the forest from the flat list; units whose parent is missing become roots. */
export function buildOrgTree(units: OrgUnit[]): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  const roots: OrgTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: OrgTreeNode[]) => {
    list.sort((a, b) => a.unit.code.localeCompare(b.unit.code));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

export interface OrgSelectNode {
  value: string;
  title: string;
  children: OrgSelectNode[];
}

export function toSelectTree(nodes: OrgTreeNode[]): OrgSelectNode[] {
  return nodes.map((node) => ({
    value: node.unit.id,
    title: node.unit.name,
    children: toSelectTree(node.children),
  }));
}
