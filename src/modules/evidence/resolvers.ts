/**
 * Mutations that record evidence of ties other than attendance (writes.ts does the work), and the
 * fields of what they answer. Each mutation is one transaction: rules, write, tie upkeep.
 */
import type { Context } from '../../context';
import type { Resolvers } from '../../__generated__/resolvers-types';
import { notFound } from '../../errors';
import { mutate } from '../editing/resolvers';
import { RuleViolation, violation, type AgreementFields, type DeclarationFields, type ReferralFields } from '../editing/rules';
import { agreementRow, declaredRow, referralRow, removeAgreement, withdrawDeclaration, writeAgreements, writeDeclarations, writeReferrals } from './writes';
import { AGREEMENT_WEIGHT, DECLARED_WEIGHT, parsePeriod, referralWeight } from './weights';

const DECLARATION_FIELDS: DeclarationFields = {
  person: 'input.personId',
  service: 'input.serviceId',
  survey: 'input.survey',
  declaredOn: 'input.declaredOn',
  trust: 'input.trust',
  value: 'input.value',
};
const REFERRAL_FIELDS: ReferralFields = { from: 'input.fromServiceId', to: 'input.toServiceId', period: 'input.period', count: 'input.count' };
const AGREEMENT_FIELDS: AgreementFields = { a: 'input.serviceAId', b: 'input.serviceBId', kind: 'input.kind', signedOn: 'input.signedOn', endsOn: 'input.endsOn' };

/** A batch of one: its errors, if any, refuse the write. */
const single = (errors: Array<{ code: string; field: string | null; message: string }[]>) => {
  if (errors[0]?.length) throw new RuleViolation(errors[0]);
};

async function service(ctx: Context, id: string, field: string) {
  return (await ctx.loaders.directory.service.load(id)) ?? Promise.reject(notFound(field, id, 'service'));
}

export const evidenceResolvers: Resolvers = {
  Mutation: {
    declareTie: async (_p, { input }, ctx) => {
      const key = { person: input.personId, service: input.serviceId, survey: input.survey };
      const r = await mutate(ctx, async (tx) => {
        single(
          await writeDeclarations(
            tx,
            [{ ...key, declaredOn: input.declaredOn, frequency: input.frequency, trust: input.trust ?? null, value: input.value ?? null }],
            DECLARATION_FIELDS,
          ),
        );
        return declaredRow(tx, key);
      });
      return { declaredTie: r.value ?? null, errors: r.errors };
    },
    withdrawDeclaredTie: async (_p, { personId, serviceId, survey }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        const row = await withdrawDeclaration(tx, { person: personId, service: serviceId, survey });
        if (!row) throw new RuleViolation([violation('NOT_FOUND', 'survey', `No answer of this person naming ${serviceId} in survey "${survey}"`)]);
        return row;
      });
      return { declaredTie: r.value ?? null, errors: r.errors };
    },
    recordReferrals: async (_p, { input }, ctx) => {
      const change = { from: input.fromServiceId, to: input.toServiceId, period: input.period, count: input.count };
      const r = await mutate(ctx, async (tx) => single(await writeReferrals(tx, [change], REFERRAL_FIELDS)));
      return { referral: r.errors.length || change.count === 0 ? null : referralRow(change), errors: r.errors };
    },
    recordAgreement: async (_p, { input }, ctx) => {
      const change = { a: input.serviceAId, b: input.serviceBId, kind: input.kind, signedOn: input.signedOn, endsOn: input.endsOn ?? null };
      const r = await mutate(ctx, async (tx) => single(await writeAgreements(tx, [change], AGREEMENT_FIELDS)));
      return { agreement: r.errors.length ? null : agreementRow(change), errors: r.errors };
    },
    removeAgreement: async (_p, { serviceAId, serviceBId, kind, signedOn }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        const row = await removeAgreement(tx, { a: serviceAId, b: serviceBId, kind, signedOn });
        if (!row) throw new RuleViolation([violation('NOT_FOUND', 'signedOn', `No ${kind} agreement between ${serviceAId} and ${serviceBId} signed on ${signedOn}`)]);
        return row;
      });
      return { agreement: r.value ?? null, errors: r.errors };
    },
  },
  DeclaredTie: {
    person: async (d, _a, ctx) => (await ctx.loaders.people.person.load(d.personId)) ?? Promise.reject(notFound('personId', d.personId, 'person')),
    service: (d, _a, ctx) => service(ctx, d.serviceId, 'serviceId'),
    weight: (d) => DECLARED_WEIGHT[d.frequency],
  },
  Referral: {
    from: (r, _a, ctx) => service(ctx, r.fromId, 'fromServiceId'),
    to: (r, _a, ctx) => service(ctx, r.toId, 'toServiceId'),
    periodStart: (r) => parsePeriod(r.period)?.start ?? '',
    periodEnd: (r) => parsePeriod(r.period)?.end ?? '',
    weight: (r) => referralWeight(r.count),
  },
  Agreement: {
    a: (g, _a, ctx) => service(ctx, g.aId, 'serviceAId'),
    b: (g, _a, ctx) => service(ctx, g.bId, 'serviceBId'),
    weight: () => AGREEMENT_WEIGHT,
  },
};
