/**
 * SVC-8 置换通气 (000 ch.2): the area's handover preconditions (第六条), the on-site register
 * 《燃气用户室内置换登记表》 (附件2), and hazards that block gas-in until fixed (第七条(三)).
 */
import { z } from 'zod';
import { policyValue } from '../../../platform/policy/policy.js';
import { WorkOrderError } from '../errors.js';
import { type HookContext, refusal, registerTypeHooks } from '../type-hooks.js';
import { day, direction, location, meterType, monthsBefore, optText, reading, serial, text } from './shapes.js';

export const preconditionsSchema = z.object({
  /** 燃气工程竣工拨交单: the project. */
  projectName: optText(100),
  projectNo: optText(40),
  /** 天然气工程验收合格 on this date (not more than svc.gasInWorksAcceptedMonths ago). */
  worksAcceptedOn: day,
  /** 天然气工程已碰管. */
  tieInDone: z.boolean(),
  /** 竣工图纸、竣工资料齐全. */
  asBuiltComplete: z.boolean(),
  /** …与系统信息一致. */
  asBuiltMatches: z.boolean(),
  /** 居民客户合同户数与安装户数一致. */
  contractedHouseholds: z.number().int().min(0).max(100_000),
  installedHouseholds: z.number().int().min(0).max(100_000),
});
export type Preconditions = z.infer<typeof preconditionsSchema>;

export const registerSchema = z.object({
  /** 燃气表 方向 左/右, 基数, 表号, 产地, 型号, 表封号 进气/出气, 安装位置, 金属波纹管. */
  meterDirection: direction,
  baseReading: reading,
  meterSerial: serial,
  meterMaker: text(60),
  meterType,
  sealInlet: optText(40),
  sealOutlet: optText(40),
  location,
  metalHose: z.boolean(),
  /** 燃具是否连接调试 / 室内设施是否完好 / 供气协议是否签订 / 用户手册、安全常识是否发放. */
  applianceConnectedTested: z.boolean(),
  facilitiesIntact: z.boolean(),
  contractSigned: z.boolean(),
  manualHandedOver: z.boolean(),
  safetyLeafletHandedOver: z.boolean(),
  /** 燃气具: 燃气灶, 热水器/采暖炉… with brand and model. */
  appliances: z
    .array(
      z.object({
        kind: z.enum(['stove', 'waterHeater', 'wallHeater', 'other']),
        brandModel: text(80),
      }),
    )
    .max(20),
});
export type Register = z.infer<typeof registerSchema>;

const t = (zh: string, en: string) => ({ zh, en });

/** What of the preconditions fails on `today`, each naming its field. */
export async function preconditionProblems(ctx: HookContext, p: Preconditions) {
  const months = await policyValue(ctx.db, ctx.actor.companyId, 'svc.gasInWorksAcceptedMonths', ctx.today);
  const earliest = monthsBefore(ctx.today, months);
  const problems: { path: string; text: { zh: string; en: string } }[] = [];
  const at = (f: string) => `forms.preconditions.${f}`;
  if (p.worksAcceptedOn > ctx.today) {
    problems.push({
      path: at('worksAcceptedOn'),
      text: t('工程验收日期晚于今天', 'the works are accepted in the future'),
    });
  } else if (p.worksAcceptedOn < earliest) {
    problems.push({
      path: at('worksAcceptedOn'),
      text: t(
        `工程验收已超过 ${months} 个月（${p.worksAcceptedOn}）`,
        `the works were accepted more than ${months} months ago (${p.worksAcceptedOn})`,
      ),
    });
  }
  if (!p.tieInDone) problems.push({ path: at('tieInDone'), text: t('工程未碰管', 'the tie-in is not done') });
  if (!p.asBuiltComplete) {
    problems.push({
      path: at('asBuiltComplete'),
      text: t('竣工图纸、资料不齐全', 'the as-built documents are incomplete'),
    });
  }
  if (!p.asBuiltMatches) {
    problems.push({
      path: at('asBuiltMatches'),
      text: t('竣工资料与系统信息不一致', 'the as-built documents do not match the system'),
    });
  }
  if (p.contractedHouseholds !== p.installedHouseholds) {
    problems.push({
      path: at('installedHouseholds'),
      text: t(
        `合同户数 ${p.contractedHouseholds} 与安装户数 ${p.installedHouseholds} 不一致`,
        `${p.contractedHouseholds} households contracted but ${p.installedHouseholds} installed`,
      ),
    });
  }
  return problems;
}

function registerProblems(r: Register) {
  const at = (f: string) => `forms.register.${f}`;
  const problems: { path: string; text: { zh: string; en: string } }[] = [];
  if (!r.applianceConnectedTested) {
    problems.push({
      path: at('applianceConnectedTested'),
      text: t('燃具未连接调试', 'appliances not connected and tested'),
    });
  }
  if (!r.facilitiesIntact)
    problems.push({ path: at('facilitiesIntact'), text: t('室内设施不完好', 'facilities not intact') });
  if (!r.contractSigned)
    problems.push({ path: at('contractSigned'), text: t('供气协议未签订', 'contract not signed') });
  if (!r.manualHandedOver)
    problems.push({ path: at('manualHandedOver'), text: t('用户手册未发放', 'manual not handed over') });
  if (!r.safetyLeafletHandedOver) {
    problems.push({ path: at('safetyLeafletHandedOver'), text: t('安全常识未发放', 'safety leaflet not handed over') });
  }
  return problems;
}

registerTypeHooks('gasIn', {
  forms: [
    {
      code: 'preconditions',
      name: t('交接条件核查', 'Handover preconditions'),
      schema: preconditionsSchema,
      required: true,
    },
    { code: 'register', name: t('置换登记表', 'On-site register'), schema: registerSchema, required: true },
  ],
  // SVC-8: the area must be ready and the register complete; open hazards are refused by completion itself.
  async beforeComplete(_tx, ctx) {
    const pre = preconditionsSchema.parse(ctx.forms.preconditions?.data);
    const problems = await preconditionProblems(ctx, pre);
    if (problems.length) throw refusal((o) => WorkOrderError('PRECONDITIONS_NOT_MET', o), problems);
    const reg = registerProblems(registerSchema.parse(ctx.forms.register?.data));
    if (reg.length) throw refusal((o) => WorkOrderError('REGISTER_INCOMPLETE', o), reg);
  },
});
