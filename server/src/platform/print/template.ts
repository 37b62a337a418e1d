import type { ZodType } from 'zod';
import { PrintError } from './errors.js';
import { formatMoney, toChineseCapitals } from './money.js';

/**
 * The notice templates' language, kept tiny on purpose: it only places values, never runs code.
 *
 *   {{name}}  {{company.name}}  {{amount | capitals}}   a value, HTML-escaped
 *   {{#each items}} … {{this}} {{@number}} … {{/each}}  a list; inside, the item's fields come first
 *   {{#if remark}} … {{else}} … {{/if}}                  a value that is not empty
 *
 * There is no way to print unescaped HTML.
 */
export type Node =
  | { type: 'text'; value: string }
  | { type: 'value'; path: string[]; filters: string[]; line: number }
  | { type: 'each'; path: string[]; line: number; body: Node[] }
  | { type: 'if'; path: string[]; line: number; yes: Node[]; no: Node[] };

const FILTERS: Record<string, (value: unknown) => string> = {
  /** 大写金额, e.g. 1001.05 → 壹仟零壹元零伍分 */
  capitals: (v) => (isAmount(v) ? toChineseCapitals(String(v)) : ''),
  /** 1,001.05 */
  money: (v) => (isAmount(v) ? formatMoney(String(v)) : ''),
};

function isAmount(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()));
}

const PATH = /^(?:this|@number|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/;
const TAG = /\{\{\s*([^{}]*?)\s*\}\}/g;

function syntax(line: number, zh: string, en: string) {
  return PrintError('TEMPLATE_SYNTAX', { field: 'body', vars: { line, problem: { zh, en } } });
}

function pathOf(text: string, line: number): string[] {
  if (!PATH.test(text)) throw syntax(line, `无法识别「{{${text}}}」`, `cannot read "{{${text}}}"`);
  return text.split('.');
}

interface Frame {
  kind: 'root' | 'each' | 'if';
  nodes: Node[];
  line: number;
  node?: Extract<Node, { type: 'if' }>;
}

export function parseTemplate(source: string): Node[] {
  const root: Frame = { kind: 'root', nodes: [], line: 1 };
  const stack: Frame[] = [root];
  const top = () => stack[stack.length - 1]!;
  let last = 0;
  let line = 1;
  for (const m of source.matchAll(TAG)) {
    const before = source.slice(last, m.index);
    if (before) top().nodes.push({ type: 'text', value: before });
    line += countLines(before);
    last = m.index + m[0].length;
    const tag = m[1]!;
    const open = /^#(each|if)\s+(\S+)$/.exec(tag);
    if (open) {
      const path = pathOf(open[2]!, line);
      if (open[1] === 'each') {
        const node: Node = { type: 'each', path, line, body: [] };
        top().nodes.push(node);
        stack.push({ kind: 'each', nodes: node.body, line });
      } else {
        const node: Extract<Node, { type: 'if' }> = { type: 'if', path, line, yes: [], no: [] };
        top().nodes.push(node);
        stack.push({ kind: 'if', nodes: node.yes, line, node });
      }
    } else if (tag === 'else') {
      const frame = top();
      if (frame.kind !== 'if' || frame.nodes !== frame.node!.yes) {
        throw syntax(line, '{{else}} 不在 {{#if}} 之中', '{{else}} outside {{#if}}');
      }
      frame.nodes = frame.node!.no;
    } else if (tag === '/each' || tag === '/if') {
      const frame = top();
      if (frame.kind !== tag.slice(1)) {
        throw syntax(line, `多余的 {{${tag}}}`, `unexpected {{${tag}}}`);
      }
      stack.pop();
    } else {
      const [head, ...filters] = tag.split('|').map((s) => s.trim());
      top().nodes.push({ type: 'value', path: pathOf(head ?? '', line), filters, line });
    }
    line += countLines(m[0]);
  }
  const rest = source.slice(last);
  if (rest) top().nodes.push({ type: 'text', value: rest });
  if (stack.length > 1) {
    const open = top();
    throw syntax(open.line, `{{#${open.kind}}} 没有对应的 {{/${open.kind}}}`, `{{#${open.kind}}} is never closed`);
  }
  return root.nodes;
}

function countLines(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '\n') n++;
  return n;
}

// ---- What a notice's variables schema declares ----

export type VarShape =
  | { kind: 'value'; description?: string }
  | { kind: 'object'; fields: Record<string, VarShape>; description?: string }
  | { kind: 'list'; item: VarShape; description?: string };

interface ZodInternals {
  _zod: { def: { type: string; innerType?: ZodType; shape?: Record<string, ZodType>; element?: ZodType } };
  description?: string;
}

/** The shape of a zod schema as the template sees it: values, groups of fields and lists. */
export function shapeOf(schema: ZodType): VarShape {
  let s = schema as unknown as ZodInternals;
  const description = s.description;
  while (['optional', 'nullable', 'default', 'readonly', 'prefault', 'nonoptional'].includes(s._zod.def.type)) {
    s = s._zod.def.innerType as unknown as ZodInternals;
  }
  const def = s._zod.def;
  if (def.type === 'object' && def.shape) {
    const fields: Record<string, VarShape> = {};
    for (const [k, v] of Object.entries(def.shape)) fields[k] = shapeOf(v);
    return { kind: 'object', fields, description: description ?? s.description };
  }
  if (def.type === 'array' && def.element) {
    return { kind: 'list', item: shapeOf(def.element), description: description ?? s.description };
  }
  return { kind: 'value', description: description ?? s.description };
}

/** Every variable of a shape as a dotted path, for the template editor's help. */
export function variableList(shape: VarShape, prefix = ''): { path: string; kind: string; description: string }[] {
  if (shape.kind !== 'object') return [];
  return Object.entries(shape.fields).flatMap(([name, field]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const here = { path, kind: field.kind, description: field.description ?? '' };
    if (field.kind === 'list') return [here, ...variableList(field.item, `${path}[]`)];
    if (field.kind === 'object') return variableList(field, path);
    return [here];
  });
}

/**
 * Checks a template against the variables its notice declares, so a mistyped name is refused when
 * the template is saved rather than printed blank on paper.
 */
export function checkTemplate(nodes: Node[], root: VarShape): void {
  walk(nodes, [root], false);
}

function resolveShape(path: string[], scopes: VarShape[], inEach: boolean, line: number): VarShape {
  const name = path.join('.');
  if (path[0] === '@number') {
    if (!inEach) throw PrintError('TEMPLATE_UNKNOWN_VARIABLE', { field: 'body', vars: { name, line } });
    return { kind: 'value' };
  }
  if (path[0] === 'this') {
    if (!inEach || path.length > 1) {
      throw PrintError('TEMPLATE_UNKNOWN_VARIABLE', { field: 'body', vars: { name, line } });
    }
    return scopes[scopes.length - 1]!;
  }
  for (let i = scopes.length - 1; i >= 0; i--) {
    let shape: VarShape | undefined = scopes[i];
    if (shape?.kind !== 'object' || !Object.hasOwn(shape.fields, path[0]!)) continue;
    for (const part of path) {
      shape = shape?.kind === 'object' && Object.hasOwn(shape.fields, part) ? shape.fields[part] : undefined;
    }
    if (shape) return shape;
  }
  throw PrintError('TEMPLATE_UNKNOWN_VARIABLE', { field: 'body', vars: { name, line } });
}

function walk(nodes: Node[], scopes: VarShape[], inEach: boolean): void {
  for (const node of nodes) {
    if (node.type === 'text') continue;
    const shape = resolveShape(node.path, scopes, inEach, node.line);
    const name = node.path.join('.');
    if (node.type === 'value') {
      if (shape.kind !== 'value')
        throw PrintError('TEMPLATE_NOT_A_VALUE', { field: 'body', vars: { name, line: node.line } });
      for (const f of node.filters) {
        if (!Object.hasOwn(FILTERS, f)) {
          const known = Object.keys(FILTERS).join(', ');
          throw PrintError('TEMPLATE_UNKNOWN_FILTER', { field: 'body', vars: { name: f, line: node.line, known } });
        }
      }
    } else if (node.type === 'each') {
      if (shape.kind !== 'list')
        throw PrintError('TEMPLATE_NOT_A_LIST', { field: 'body', vars: { name, line: node.line } });
      walk(node.body, [...scopes, shape.item], true);
    } else {
      walk(node.yes, scopes, inEach);
      walk(node.no, scopes, inEach);
    }
  }
}

// ---- Rendering ----

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => ESCAPES[ch]!);
}

interface Scope {
  value: unknown;
  number?: number;
}

function lookup(path: string[], scopes: Scope[]): unknown {
  const inner = scopes[scopes.length - 1]!;
  if (path[0] === 'this') return inner.value;
  if (path[0] === '@number') return inner.number;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const v = scopes[i]!.value;
    if (!isRecord(v) || !Object.hasOwn(v, path[0]!)) continue;
    let out: unknown = v;
    for (const part of path) out = isRecord(out) && Object.hasOwn(out, part) ? out[part] : undefined;
    return out;
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== undefined && v !== null && v !== false && v !== '' && v !== 0;
}

function display(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return '';
}

function emit(nodes: Node[], scopes: Scope[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push(node.value);
    } else if (node.type === 'value') {
      const raw = lookup(node.path, scopes);
      const text = node.filters.reduce<unknown>((v, f) => FILTERS[f]!(v), raw);
      out.push(escapeHtml(display(text)));
    } else if (node.type === 'each') {
      const list = lookup(node.path, scopes);
      if (!Array.isArray(list)) continue;
      for (const [i, item] of list.entries()) emit(node.body, [...scopes, { value: item, number: i + 1 }], out);
    } else {
      emit(truthy(lookup(node.path, scopes)) ? node.yes : node.no, scopes, out);
    }
  }
}

export function renderTemplate(nodes: Node[], variables: unknown): string {
  const out: string[] = [];
  emit(nodes, [{ value: variables }], out);
  return out.join('');
}
