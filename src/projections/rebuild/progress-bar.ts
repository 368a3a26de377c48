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
