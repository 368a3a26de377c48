/** A one-line progress bar for a terminal, redrawn in place with a carriage return. */
export function progressLine(fraction: number, label: string, width = 30): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * width);
  const percent = (clamped * 100).toFixed(1).padStart(5);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${label}`;
}

export function summaryLine(events: number, seconds: number, threads = 1): string {
  const rate = seconds > 0 ? Math.round(events / seconds) : events;
  return `Rebuilt the read models from ${events} events in ${seconds.toFixed(2)} s (${rate} events/s, ${threads} thread${threads === 1 ? '' : 's'})`;
}

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressReporter {
  /** `fraction` of the work done, 0 to 1. */
  update(fraction: number, label: string): void;
  /** Ends the bar's line, on a terminal. */
  end(): void;
}

const REDRAW_MS = 100;

/** Progress on long work: a terminal gets a bar redrawn in place, a log a line at every tenth of the way. */
export function progressReporter(out: ProgressOutput): ProgressReporter {
  let drawn = 0;
  let tenths = -1;
  let shown = false;
  return {
    update(fraction, label) {
      if (out.isTTY) {
        if (Date.now() - drawn >= REDRAW_MS || fraction >= 1) {
          out.write(`\r${progressLine(fraction, label)}`);
          drawn = Date.now();
          shown = true;
        }
      } else if (Math.floor(fraction * 10) > tenths) {
        tenths = Math.floor(fraction * 10);
        out.write(`${progressLine(fraction, label)}\n`);
      }
    },
    end() {
      if (out.isTTY && shown) out.write('\n');
      shown = false;
    },
  };
}
