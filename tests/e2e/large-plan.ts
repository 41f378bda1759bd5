/** The largest plan the product promises to keep fast: 12 stages × 8
 * metrics × 156 weeks of counts, as a plan file's text. */
export function largePlan() {
  const stages = [];
  const metrics = [];
  const kpis = [];
  const entries: Record<string, Record<string, number>> = {};
  const owners = ['marketing', 'inside_sales', 'field_sales'];
  let id = 1;
  const mondays: string[] = [];
  const lastMonday = new Date(Date.UTC(2026, 10, 23));
  for (let week = 155; week >= 0; week--) {
    mondays.push(new Date(lastMonday.getTime() - week * 7 * 86_400_000).toISOString().slice(0, 10));
  }
  let previousPrimary = 0;
  for (let s = 0; s < 12; s++) {
    const stageId = id++;
    const stageMetrics: number[] = [];
    for (let m = 0; m < 8; m++) {
      const metricId = id++;
      stageMetrics.push(metricId);
      metrics.push({ id: metricId, stage: stageId, name: `Metric ${s + 1}.${m + 1}`, kind: 'count' });
      entries[metricId] = Object.fromEntries(mondays.map((d, w) => [d, (metricId * 7919 + w * 104_729) % 1000]));
    }
    stages.push({ id: stageId, name: `Stage ${s + 1}`, owner: owners[s % 3], primary_metric: stageMetrics[0], lag: 0 });
    const scope = { stage: stageId };
    kpis.push({ id: id++, name: `Rate ${s + 1}a`, scope, numerator: stageMetrics[1], denominator: stageMetrics[2], display: 'percent', better: 'higher', lag: 0 });
    if (previousPrimary) {
      kpis.push({ id: id++, name: `Step ${s + 1}`, scope, numerator: stageMetrics[0], denominator: previousPrimary, display: 'percent', better: 'higher', lag: 0 });
    }
    previousPrimary = stageMetrics[0];
  }
  const plan = { name: 'Large plan', currency: 'USD', stages, metrics, kpis, entries, at_risk_margin_percent: 10, next_id: id };
  return JSON.stringify({ format: 'funnel-planner/plan', version: 2, plan });
}
