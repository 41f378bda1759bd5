/** The largest plan the product promises to keep fast: 12 stages × 8
 * metrics × 156 weeks of counts, 10 members counting the last 4 metrics
 * of the last stage, as a plan file's text. */
export function largePlan() {
  const stages = [];
  const metrics = [];
  const kpis = [];
  const entries: Record<string, Record<string, number>> = {};
  const memberEntries: Record<string, { members: Record<string, Record<string, number>> }> = {};
  let id = 1;
  const departments = [
    { id: id++, name: 'Marketing', hue: 'blue' },
    { id: id++, name: 'Inside sales', hue: 'vermillion' },
    { id: id++, name: 'Field sales', hue: 'green' },
  ];
  const members = Array.from({ length: 10 }, (_, k) => ({ id: id++, name: `Member ${k + 1}`, department: departments[2].id }));
  // A figure each Monday, kept as a week's figure (ISO year and week, from
  // its Thursday) but where the week spans two months: there a day's, so
  // the plan also has days inside weeks' ranges, as typed plans do.
  const mondays: string[] = [];
  const lastMonday = Date.UTC(2026, 10, 23);
  for (let week = 155; week >= 0; week--) {
    const monday = new Date(lastMonday - week * 7 * 86_400_000);
    const thursday = new Date(monday.getTime() + 3 * 86_400_000);
    const year = thursday.getUTCFullYear();
    const dayOfYear = (thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000;
    mondays.push(
      thursday.getUTCMonth() === monday.getUTCMonth()
        ? `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`
        : monday.toISOString().slice(0, 10),
    );
  }
  let previousPrimary = 0;
  for (let s = 0; s < 12; s++) {
    const stageId = id++;
    const stageMetrics: number[] = [];
    for (let m = 0; m < 8; m++) {
      const metricId = id++;
      stageMetrics.push(metricId);
      const perMember = s === 11 && m >= 4;
      metrics.push({ id: metricId, stage: stageId, name: `Metric ${s + 1}.${m + 1}`, kind: 'count', ...(perMember ? { per_member: true } : {}) });
      const value = (w: number, k: number) => (metricId * 7919 + w * 104_729 + k * 31) % 1000;
      if (perMember) {
        // Each member's tenth; the total is their sum.
        const byMember = Object.fromEntries(
          members.map((member, k) => [member.id, Object.fromEntries(mondays.map((d, w) => [d, Math.floor(value(w, k) / 10)]))]),
        );
        memberEntries[metricId] = { members: byMember };
        entries[metricId] = Object.fromEntries(
          mondays.map((d, w) => [d, members.reduce((sum, _, k) => sum + Math.floor(value(w, k) / 10), 0)]),
        );
      } else {
        entries[metricId] = Object.fromEntries(mondays.map((d, w) => [d, value(w, 0)]));
      }
    }
    stages.push({ id: stageId, name: `Stage ${s + 1}`, owner: departments[s % 3].id, primary_metric: stageMetrics[0], lag: 0 });
    const scope = { stage: stageId };
    kpis.push({ id: id++, name: `Rate ${s + 1}a`, scope, numerator: stageMetrics[1], denominator: stageMetrics[2], display: 'percent', better: 'higher', lag: 0 });
    if (previousPrimary) {
      kpis.push({ id: id++, name: `Step ${s + 1}`, scope, numerator: stageMetrics[0], denominator: previousPrimary, display: 'percent', better: 'higher', lag: 0 });
    }
    previousPrimary = stageMetrics[0];
  }
  const plan = {
    name: 'Large plan',
    currency: 'USD',
    departments,
    members,
    stages,
    metrics,
    kpis,
    entries,
    member_entries: memberEntries,
    at_risk_margin_percent: 10,
  };
  return JSON.stringify({ format: 'funnel-planner/plan', version: 9, plan });
}
