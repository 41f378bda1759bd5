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
    use criterion::{black_box, criterion_group, Criterion};
    use funnel_planner::domain::edit::{apply, Edit};
    use funnel_planner::domain::fixtures::{large_plan, weeks};
    use funnel_planner::domain::kpi::{funnel_conversions, read_kpi};
    use funnel_planner::domain::period::PeriodRange;
    use funnel_planner::domain::plan::Plan;

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
                    apply(&mut plan, Edit::SetEntry(metric, last_week, Some(value)))
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
