//! Recomputing every KPI after one edit, for the largest plan the product
//! promises to keep fast: 12 stages × 8 metrics × 156 weekly periods.
//! Run with `cargo bench --bench kpi`; figures go in the README.

// criterion is a host-only dev-dependency; the wasm lint build sees an empty bench.
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use chrono::NaiveDate;
    use criterion::{black_box, criterion_group, Criterion};
    use funnel_planner::domain::kpi::{funnel_conversions, read_kpi};
    use funnel_planner::domain::locale::Lang;
    use funnel_planner::domain::period::{Granularity, Period, PeriodRange};
    use funnel_planner::domain::plan::{MetricKind, Plan};
    use funnel_planner::domain::presets::inside_sales;

    const STAGES: usize = 12;
    const METRICS_PER_STAGE: usize = 8;
    const WEEKS: usize = 156;

    fn weeks() -> PeriodRange {
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        PeriodRange::new(Period::containing(Granularity::Week, start), WEEKS)
    }

    /// The default plan grown to 12 stages of 8 metrics, each counted weekly.
    fn large_plan() -> Plan {
        let mut plan = inside_sales(Lang::En);
        while plan.stages.len() < STAGES {
            plan.add_stage("Stage", "Count")
                .expect("below the stage limit");
        }
        let stage_ids: Vec<_> = plan.stages.iter().map(|s| s.id).collect();
        for stage in stage_ids {
            while plan.metrics_of(stage).count() < METRICS_PER_STAGE {
                plan.add_metric(stage, "Metric", MetricKind::Count, false)
                    .expect("below the metric limit");
            }
        }
        let metrics: Vec<_> = plan.metrics.iter().map(|m| m.id).collect();
        for (i, metric) in metrics.into_iter().enumerate() {
            for (week, period) in weeks().periods().enumerate() {
                let value = ((i * 7919 + week * 104_729) % 1_000) as u64;
                plan.set_entry(metric, period, Some(value))
                    .expect("weeks are editable");
            }
        }
        plan
    }

    /// Everything the grid shows: every KPI per week and over the range, and
    /// every stage's conversions per week.
    fn recompute_grid(plan: &Plan) -> usize {
        let mut cells = 0;
        for period in weeks().periods() {
            let week = PeriodRange::new(period, 1);
            for kpi in &plan.kpis {
                black_box(read_kpi(plan, kpi, week));
                cells += 1;
            }
            cells += black_box(funnel_conversions(plan, week)).len();
        }
        for kpi in &plan.kpis {
            black_box(read_kpi(plan, kpi, weeks()));
        }
        cells
    }

    fn benchmarks(c: &mut Criterion) {
        let mut plan = large_plan();
        let metric = plan.stages[0].primary_metric;
        let last_week = weeks().last();
        c.bench_function(
            "edit one cell and recompute the weekly grid (12×8×156)",
            |b| {
                let mut value = 0;
                b.iter(|| {
                    value = (value + 1) % 1_000;
                    plan.set_entry(metric, last_week, Some(value))
                        .expect("editable");
                    recompute_grid(&plan)
                })
            },
        );
        let plan = large_plan();
        c.bench_function("funnel conversions over 156 weeks", |b| {
            b.iter(|| funnel_conversions(black_box(&plan), weeks()))
        });
    }

    criterion_group!(benches, benchmarks);
}
