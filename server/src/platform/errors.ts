/**
 * Errors every module raises. A module declares its codes once with `defineErrors`; the central
 * mapper (http/error-handler.ts) turns an AppError into `{ code, message, details }` with its status,
 * the message in the caller's language.
 */
export type Lang = 'zh-CN' | 'en';
export type Text = { zh: string; en: string };
export type Vars = Record<string, string | number | Text>;

export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly texts: Text,
    readonly details: Record<string, unknown> = {},
    readonly fieldTexts: { path: string; text: Text }[] = [],
  ) {
    super(texts.en);
    this.name = 'AppError';
  }

  messageIn(lang: Lang): string {
    return lang === 'en' ? this.texts.en : this.texts.zh;
  }
}

function fill(template: string, vars: Vars | undefined, lang: 'zh' | 'en'): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) return whole;
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

export interface RaiseOptions {
  vars?: Vars;
  details?: Record<string, unknown>;
  /** The field the error is about: the UI puts the message next to it. */
  field?: string;
}

/** Declares a module's error codes; returns a factory for AppErrors of exactly those codes. */
export function defineErrors<C extends string>(catalog: Record<C, ErrorSpec>) {
  const make = (code: C, opts: RaiseOptions = {}): AppError => {
    const spec = catalog[code];
    const texts = { zh: fill(spec.zh, opts.vars, 'zh'), en: fill(spec.en, opts.vars, 'en') };
    return new AppError(code, spec.status, texts, opts.details, opts.field ? [{ path: opts.field, text: texts }] : []);
  };
  return Object.assign(make, { codes: Object.keys(catalog) as C[], catalog });
}

/** One problem of a refusal, as `details.problems` lists it: its code and the field it is about. */
export interface RefusalProblem {
  code: string;
  field?: string;
}

/** The texts of several errors in one sentence per language (「a；b」, "a; b"), the first `max` of them. */
export function joinedTexts(errors: readonly AppError[], max = Number.POSITIVE_INFINITY): Text {
  const more = errors.length > max;
  const list = (lang: 'zh' | 'en') =>
    errors
      .slice(0, max)
      .map((e) => e.texts[lang])
      .join(lang === 'zh' ? '；' : '; ') + (more ? (lang === 'zh' ? '……' : '…') : '');
  return { zh: list('zh'), en: list('en') };
}

export interface RefuseAllOptions {
  /**
   * The error that stands for several (its code, status and texts). By default the first one's code,
   * every text joined, and 409 when any of them is a conflict, else 400.
   */
  combined?: (errors: readonly AppError[]) => AppError;
}

/**
 * Bad input is refused with every problem at once, each on its field, so the clerk fixes the form
 * in one go: one error keeps its own code, status and texts; several are `opts.combined` of them.
 * Either way the refusal carries every error's field texts (details.fields) and
 * `details.problems: [{ code, field }]`, one per error, in order.
 */
export function refuseAll(errors: readonly AppError[], opts: RefuseAllOptions = {}): AppError {
  const [first] = errors;
  if (!first) throw new Error('refuseAll needs at least one error');
  const head = errors.length === 1 ? first : (opts.combined ?? firstOfSeveral)(errors);
  const problems: RefusalProblem[] = errors.map((e) => {
    const field = e.fieldTexts[0]?.path;
    return field === undefined ? { code: e.code } : { code: e.code, field };
  });
  return new AppError(
    head.code,
    head.status,
    head.texts,
    { ...head.details, problems },
    errors.flatMap((e) => e.fieldTexts),
  );
}

function firstOfSeveral(errors: readonly AppError[]): AppError {
  const status = errors.some((e) => e.status === 409) ? 409 : 400;
  return new AppError(errors[0]!.code, status, joinedTexts(errors));
}

/** Errors of the platform itself: transport, authentication, generic conflicts. */
export const PlatformError = defineErrors({
  VALIDATION_FAILED: { status: 400, zh: '提交的数据有误：{summary}', en: 'Invalid input: {summary}' },
  INVALID_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  VALUE_OUT_OF_RANGE: {
    status: 400,
    zh: '提交的日期或数值超出允许范围（{detail}）',
    en: 'A date or number is out of the allowed range ({detail})',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    zh: '请求内容过大（上限 {limit} 字节）',
    en: 'The request body is too large (limit {limit} bytes)',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限（{permission}）', en: 'You lack the permission {permission}' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码',
    en: 'You must change your initial password first',
  },
  NOT_FOUND: { status: 404, zh: '找不到该记录', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  DUPLICATE: { status: 409, zh: '记录已存在（{constraint}）', en: 'Already exists ({constraint})' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' },
  DATABASE_UNAVAILABLE: { status: 503, zh: '数据库暂不可用', en: 'The database is unavailable' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请联系管理员', en: 'Internal server error' },
});
