//! Importing a CRM export of 100,000 deals: reading the CSV text, guessing
//! the mapping, and counting the records per week into the inside-sales
//! preset. Run with `cargo bench --bench csv_import`; figures go in the README.

// criterion is a host-only dev-dependency; the wasm lint build sees an empty bench.
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{black_box, criterion_group, Criterion};
    use funnel_planner::domain::csv::import::PlanShape;
    use funnel_planner::domain::csv::read::read_table;
    use funnel_planner::domain::csv::records::{gather_records, guess_records};
    use funnel_planner::domain::locale::Lang;
    use funnel_planner::domain::period::Granularity;
    use funnel_planner::domain::presets::inside_sales;

    const ROWS: usize = 100_000;

    /// A HubSpot-like deal export: quoted names with commas, five stages,
    /// close dates with times over two years, amounts with separators.
    fn export() -> String {
        let stages = [
            "Lead generation",
            "Lead nurturing",
            "Opportunity creation",
            "Closed lost",
            "Won",
        ];
        let mut csv =
            String::from("\u{feff}Record ID,Deal Name,Deal Stage,Close Date,Amount,Deal owner\r\n");
        for i in 0..ROWS {
            let day = i % 730;
            csv.push_str(&format!(
                "{i},\"Acme {i}, Inc. - Renewal\",{},{}-{:02}-{:02} 10:30,\"{},{:03}.50\",Jane Doe\r\n",
                stages[i % stages.len()],
                2025 + day / 365,
                day % 365 / 31 + 1,
                day % 31 % 28 + 1,
                1 + i % 90,
                i % 1000,
            ));
        }
        csv
    }

    fn benchmarks(c: &mut Criterion) {
        let plan = inside_sales(Lang::En);
        let text = export();
        c.bench_function("read a 100,000-row CRM export", |b| {
            b.iter(|| read_table(black_box(&text)).map(|t| t.records.len()))
        });
        let table = read_table(&text).expect("within the limits");
        c.bench_function("guess the mapping of 100,000 records", |b| {
            b.iter(|| guess_records(black_box(&plan), &table))
        });
        let mut mapping = guess_records(&plan, &table).expect("a stage and a date column");
        mapping.granularity = Granularity::Week;
        let shape = PlanShape::of(&plan);
        c.bench_function("count 100,000 records per week", |b| {
            b.iter(|| {
                gather_records(black_box(&shape), &table, &mapping)
                    .import(&plan)
                    .cells
                    .len()
            })
        });
        // What a count typed while the preview is open costs: the figures
        // read from the file are checked against the plan again.
        let gathered = gather_records(&shape, &table, &mapping);
        c.bench_function(
            "check 100,000 records' weekly figures against the plan",
            |b| b.iter(|| gathered.import(black_box(&plan)).cells.len()),
        );
        c.bench_function("read and count 100,000 records per week", |b| {
            b.iter(|| {
                let table = read_table(black_box(&text)).expect("within the limits");
                let mapping = guess_records(&plan, &table).expect("a stage and a date column");
                gather_records(&shape, &table, &mapping)
                    .import(&plan)
                    .cells
                    .len()
            })
        });
    }

    criterion_group!(benches, benchmarks);
}
