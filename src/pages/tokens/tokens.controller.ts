import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { IssuedToken, IssueTokenCommand } from '../../access/issue-token/issue-token.command';
import { IssueTokenDto } from '../../access/issue-token/issue-token.dto';
import { TokenParams } from '../../access/revoke-token/revoke-token.controller';
import { RevokeTokenCommand } from '../../access/revoke-token/revoke-token.command';
import { TokenRegistry } from '../../access/token-registry';
import { DomainError } from '../../domain/domain-error';
import { FieldError } from '../../web/problem.filter';
import { validateBody } from '../../web/validate-body';
import { CsrfGuard } from '../layout/csrf.guard';
import { render } from '../layout/frame';
import { formText } from '../layout/form';
import { commandContext, Ctx, PageContext } from '../layout/page-context';
import { TokenForm, tokensViewModel } from './tokens.view-model';

const MESSAGES: Record<string, string> = {
  name: 'Enter the name of the person the token is for',
  organisation: 'Enter the organisation in at most 500 characters, or leave it empty',
  role: 'Select a role',
  plans: 'Enter the plans, for example halton, or * for every plan',
  expiresAt: 'Enter the expiry as a date, for example 2026-03-31',
};

/** Access tokens, for administrators: issue (shown once), list and revoke. */
@ApiExcludeController()
@Controller('tokens')
export class TokensPageController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly registry: TokenRegistry,
  ) {}

  @Get()
  @Page('admin')
  async list(@Ctx() ctx: PageContext): Promise<void> {
    await this.page(ctx, { name: '', organisation: '', role: '', plans: '', expiresOn: '' }, []);
  }

  @Post()
  @Page('admin')
  @UseGuards(CsrfGuard)
  async issue(@Ctx() ctx: PageContext, @Body() body: Record<string, unknown>): Promise<void> {
    const form: TokenForm = {
      name: formText(body.name),
      organisation: formText(body.organisation),
      role: formText(body.role),
      plans: formText(body.plans),
      expiresOn: formText(body.expiresOn),
    };
    const input = {
      name: form.name,
      ...(form.organisation ? { organisation: form.organisation } : {}),
      role: form.role,
      plans: form.plans.split(/[\s,]+/).filter((p) => p !== ''),
      ...(form.expiresOn
        ? { expiresAt: /^\d{4}-\d{2}-\d{2}$/.test(form.expiresOn) ? `${form.expiresOn}T23:59:59Z` : form.expiresOn }
        : {}),
    };
    const { errors } = await validateBody(IssueTokenDto, input);
    if (errors.length > 0) return this.page(ctx, form, friendly(errors), 400);
    let issued: IssuedToken;
    try {
      issued = await this.commandBus.execute(new IssueTokenCommand(input, commandContext(ctx)));
    } catch (error) {
      if (error instanceof DomainError)
        return this.page(ctx, form, [{ field: error.field ?? 'name', message: error.message }], 422);
      throw error;
    }
    await render(ctx, 'tokens/token-issued.njk', {
      pageTitle: 'Token issued',
      section: 'tokens',
      breadcrumbs: [{ text: 'Tokens', href: '/tokens' }],
      issued: { tokenId: issued.tokenId, token: issued.token, name: form.name, role: form.role },
    });
  }

  @Post(':tokenId/revoke')
  @Page('admin')
  @UseGuards(CsrfGuard)
  async revoke(@Ctx() ctx: PageContext, @Param() { tokenId }: TokenParams): Promise<void> {
    const token = await this.registry.find(tokenId);
    await this.commandBus.execute(new RevokeTokenCommand(tokenId, commandContext(ctx)));
    ctx.flash({
      title: `Token revoked`,
      text: `${token?.name ?? tokenId}’s token no longer works, and their sessions end at their next page.`,
    });
    await ctx.reply.status(303).header('location', '/tokens').send();
  }

  private async page(ctx: PageContext, form: TokenForm, errors: FieldError[], status = 200): Promise<void> {
    await render(
      ctx,
      'tokens/tokens.njk',
      { ...tokensViewModel(await this.registry.list(), form, errors), csrfToken: ctx.csrfToken() },
      status,
    );
  }
}

/** One message per field, in words a person can act on. */
function friendly(errors: FieldError[]): FieldError[] {
  const fields = [...new Set(errors.map((e) => e.field.split('.')[0]!))];
  return fields.map((field) => ({
    field: field === 'expiresAt' ? 'expiresOn' : field,
    message: MESSAGES[field] ?? errors.find((e) => e.field.startsWith(field))!.message,
  }));
}
