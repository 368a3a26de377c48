import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CsrfGuard } from './layout/csrf.guard';
import { PlanPageController } from './plan/plan.controller';
import { PortfolioPageController } from './portfolio/portfolio.controller';
import { QuarterlyUpdatePageController } from './quarterly-update/quarterly-update.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { TokensPageController } from './tokens/tokens.controller';

/** The web pages: GOV.UK pages over the same queries and commands as the API. */
@Module({
  imports: [AccessModule],
  controllers: [
    SignInController,
    PortfolioPageController,
    TokensPageController,
    PlanPageController,
    QuarterlyUpdatePageController,
  ],
  providers: [CsrfGuard],
})
export class PagesModule {}
