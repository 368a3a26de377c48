import { ROLES } from '../../access/access-policy';
import { TokenSummary } from '../../access/token-registry';
import { FieldError } from '../../web/problem.filter';
import { PageModel, ROLE_LABELS } from '../layout/frame';

export interface TokenForm {
  name: string;
  organisation: string;
  role: string;
  plans: string;
  expiresOn: string;
}

const STATUS_TAGS: Record<TokenSummary['status'], { text: string; classes: string }> = {
  active: { text: 'Active', classes: 'govuk-tag--green' },
  revoked: { text: 'Revoked', classes: 'govuk-tag--grey' },
  expired: { text: 'Expired', classes: 'govuk-tag--grey' },
};

export function tokensViewModel(tokens: TokenSummary[], form: TokenForm, errors: FieldError[]): PageModel {
  return {
    pageTitle: 'Access tokens',
    section: 'tokens',
    errors,
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.message])),
    form,
    roles: ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: form.role === role })),
    tokens: tokens.map((t) => ({
      ...t,
      roleLabel: ROLE_LABELS[t.role],
      plansText: t.plans.join(', ').replace('*', 'every plan'),
      status: STATUS_TAGS[t.status],
      canRevoke: t.status === 'active',
    })),
  };
}
