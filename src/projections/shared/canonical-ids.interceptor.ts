import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { CanonicalIds } from './canonical-ids';

/** Before a route reads its path, body and query: every id in them written as it was first recorded (see CanonicalIds). */
@Injectable()
export class CanonicalIdsInterceptor implements NestInterceptor {
  constructor(private readonly ids: CanonicalIds) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      this.ids.canonicalise(request.params as Record<string, unknown> | undefined, request.body, request.query);
    }
    return next.handle();
  }
}
