import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { canSeePlan } from '../../access/access-policy';
import { PortfolioQueries } from '../../projections/portfolio/portfolio.queries';
import { render } from '../layout/frame';
import { Ctx, PageContext } from '../layout/page-context';
import { portfolioViewModel } from './portfolio.view-model';

/** The front page: every plan the person may see, with its ratings, open recommendations and last visit. */
@ApiExcludeController()
@Controller()
export class PortfolioPageController {
  constructor(private readonly portfolio: PortfolioQueries) {}

  @Get()
  @Page('read')
  async show(@Ctx() ctx: PageContext): Promise<void> {
    const scope = ctx.principal!.plans;
    const plans = this.portfolio.portfolio(ctx.cut, (planId) => canSeePlan(scope, planId));
    await render(ctx, 'portfolio/portfolio.njk', portfolioViewModel(ctx, plans));
  }
}
