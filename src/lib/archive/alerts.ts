// Breaking-news banners (content/alerts/): which one, if any, runs across the
// top of every page at a given moment.
import type { Alert } from '#lib/content/content.ts';

/** Whether `alert` shows at `nowMs`: from its `from` (included) until its `until` (excluded). */
export function isCurrentAlert(alert: Pick<Alert, 'fromMs' | 'untilMs'>, nowMs: number): boolean {
  return alert.fromMs <= nowMs && nowMs < alert.untilMs;
}

/**
 * The banner shown at `nowMs`: of the current ones, the one that started last
 * (the newest news), on a tie the first by file name; undefined when none is current.
 */
export function currentAlert(alerts: readonly Alert[], nowMs: number): Alert | undefined {
  let shown: Alert | undefined;
  for (const alert of alerts) {
    if (!isCurrentAlert(alert, nowMs)) continue;
    if (!shown || alert.fromMs > shown.fromMs || (alert.fromMs === shown.fromMs && alert.slug < shown.slug)) shown = alert;
  }
  return shown;
}
