import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CommandObserver } from '../write-side/observed-executor';
import type { EventStore } from '../event-store/event-store.port';
import type { Projector } from '../projections/engine/projector';

/** The process's own figures, gathered once per process however many applications it builds (tests build many). */
let processMetrics: Registry | undefined;
const processRegistry = (): Registry => {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics, prefix: 'tracker_' });
  }
  return processMetrics;
};

/** Seconds: most requests answer in a few milliseconds; a cold read of a large plan, or a slow disk, in more. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * What Prometheus scrapes from GET /metrics: commands accepted by name, requests refused by status,
 * request latency by route, how far the read models are behind the log, and the process's own figures
 * (CPU, memory, event-loop delay). The request path only adds to counters; the log's head is read when
 * scraped.
 */
export class TrackerMetrics implements CommandObserver {
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'tracker_commands_total',
    help: 'Commands accepted and recorded (or answered again on a retry), by command type',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });
  private readonly rejections = new Counter({
    name: 'tracker_rejections_total',
    help: 'Requests answered with an error, by HTTP status (400 bad input, 401/403 access, 404, 409 conflicts, 422 plan rules, 5xx)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'tracker_http_request_duration_seconds',
    help: 'Time from a request’s arrival to its answer, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /**
   * The log's head and the read models' position, read when scraped, never on the request path. Given
   * once the application is built: the read models' runner is built after the command pipeline, which
   * counts commands here. On KurrentDB positions are offsets in its log, not counts.
   */
  watchLog(store: EventStore, projector?: Projector): void {
    new Gauge({
      name: 'tracker_log_head_position',
      help: 'Position of the last event recorded in the event store',
      registers: [this.registry],
      async collect() {
        this.set(Number(await store.headPosition()));
      },
    });
    if (!projector) return;
    new Gauge({
      name: 'tracker_projection_position',
      help: 'Position every read model has reached',
      registers: [this.registry],
      collect() {
        this.set(projector.position);
      },
    });
    new Gauge({
      name: 'tracker_projection_lag',
      help: 'How far the read models are behind the event store (events on the embedded store, log positions on KurrentDB)',
      registers: [this.registry],
      async collect() {
        this.set(Math.max(0, Number(await store.headPosition()) - projector.position));
      },
    });
    new Gauge({
      name: 'tracker_projection_failed',
      help: '1 while the read models are failing (see the log), else 0',
      registers: [this.registry],
      collect() {
        this.set(projector.status().state === 'failed' ? 1 : 0);
      },
    });
  }

  accepted(commandType: string): void {
    this.commands.inc({ command: commandType });
  }

  /** A request answered: its latency under its route's pattern (never its ids), and its status if refused. */
  answered(method: string, route: string, status: number, seconds: number): void {
    const code = String(status);
    this.latency.observe({ method, route, status: code }, seconds);
    if (status >= 400) this.rejections.inc({ status: code });
  }

  scrape(): Promise<string> {
    return Registry.merge([processRegistry(), this.registry]).metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
