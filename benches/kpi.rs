//! Recomputing every KPI after one edit, for the largest plan the product
//! promises to keep fast: 12 stages × 8 metrics × 156 weekly periods, 10
//! members counting 4 of the metrics.
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
    use funnel_planner::domain::members::review::member_table;
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

    /// Applies the edit `edit` makes of a new value, then recomputes the grid.
    fn edit_and_recompute(
        c: &mut Criterion,
        name: &str,
        plan: &mut Plan,
        edit: impl Fn(u64) -> Edit,
    ) {
        c.bench_function(name, |b| {
            let mut value = 0;
            b.iter(|| {
                value = (value + 1) % 1_000;
                apply(plan, edit(value)).expect("editable");
                recompute_grid(plan)
            })
        });
    }

    fn benchmarks(c: &mut Criterion) {
        let mut plan = large_plan();
        let metric = plan.stages[0].primary_metric;
        let last_week = weeks().last();
        edit_and_recompute(
            c,
            "edit one cell and recompute the weekly grid (12×8×156)",
            &mut plan,
            |value| Edit::SetEntry(metric, last_week, Some(value)),
        );
        let member = plan.members[0].id;
        let counted = plan.per_member_metrics()[0];
        edit_and_recompute(
            c,
            "edit one member's cell and recompute the weekly grid",
            &mut plan,
            |value| Edit::SetMemberEntry(member, counted, last_week, Some(value)),
        );
        let plan = large_plan();
        c.bench_function("funnel conversions over 156 weeks", |b| {
            b.iter(|| funnel_conversions(black_box(&plan), weeks()))
        });
        c.bench_function("each member's figures and KPIs over 156 weeks", |b| {
            b.iter(|| member_table(black_box(&plan), weeks()))
        });
    }

    criterion_group!(benches, benchmarks);
}
