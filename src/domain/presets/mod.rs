//! Ready-made plans. The default is the inside-sales flow of the domain
//! source: marketing generates leads, inside sales nurtures them and creates
//! opportunities, field sales proposes and closes; each stage with the
//! seed's KPIs, plus the KPIs all three departments share.
//!
//! Names are created in the UI language and then belong to the user: they
//! are plan data and are never translated afterwards.

pub mod example;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::departments::{Department, DepartmentId, Hue, Standard};
use super::diagnosis::StageKind;
use super::entries::Entries;
use super::ids::{IdGen, KpiId, MetricId, StageId};
use super::locale::Lang;
use super::money::Currency;
use super::plan::{Better, Kpi, KpiDisplay, KpiScope, Metric, MetricKind, Plan, Stage};
use super::sla::{Comparison, Measure, SlaCard, SlaId, Threshold, ThresholdId};

/// A name in both languages.
type Name = (&'static str, &'static str);

struct MetricSpec {
    key: &'static str,
    name: Name,
    kind: MetricKind,
    lost_reason: bool,
}

struct KpiSpec {
    name: Name,
    numerator: &'static str,
    denominator: &'static str,
    display: KpiDisplay,
    better: Better,
}

struct StageSpec {
    name: Name,
    /// Its place in the flow's departments.
    owner: usize,
    kind: StageKind,
    metrics: &'static [MetricSpec],
    kpis: &'static [KpiSpec],
}

const fn count(key: &'static str, en: &'static str, ja: &'static str) -> MetricSpec {
    MetricSpec {
        key,
        name: (en, ja),
        kind: MetricKind::Count,
        lost_reason: false,
    }
}

const fn of_kind(
    key: &'static str,
    en: &'static str,
    ja: &'static str,
    kind: MetricKind,
) -> MetricSpec {
    MetricSpec {
        key,
        name: (en, ja),
        kind,
        lost_reason: false,
    }
}

const fn lost(key: &'static str, en: &'static str, ja: &'static str) -> MetricSpec {
    MetricSpec {
        key,
        name: (en, ja),
        kind: MetricKind::Count,
        lost_reason: true,
    }
}

const fn kpi(
    name: Name,
    numerator: &'static str,
    denominator: &'static str,
    display: KpiDisplay,
    better: Better,
) -> KpiSpec {
    KpiSpec {
        name,
        numerator,
        denominator,
        display,
        better,
    }
}

use Better::{Higher, Lower};
use KpiDisplay::{Days, Minutes, Money, Percent};

/// The first metric of each stage is its count in the funnel.
const INSIDE_SALES: &[StageSpec] = &[
    StageSpec {
        name: ("Lead generation", "リード獲得"),
        owner: 0,
        kind: StageKind::Leads,
        metrics: &[
            count("leads", "Leads", "リード数"),
            count("visits", "Site visits", "サイト訪問数"),
            of_kind("ad_spend", "Ad spend", "広告費", MetricKind::Money),
            count("impressions", "Ad impressions", "広告表示回数"),
            count("clicks", "Ad clicks", "広告クリック数"),
            count("document_requests", "Document requests", "資料請求数"),
            count(
                "webinar_registrations",
                "Webinar registrations",
                "ウェビナー申込数",
            ),
            count("webinar_attendees", "Webinar attendees", "ウェビナー参加数"),
        ],
        kpis: &[
            kpi(("CPA", "獲得単価(CPA)"), "ad_spend", "leads", Money, Lower),
            kpi(("CVR", "CVR"), "leads", "visits", Percent, Higher),
            kpi(
                ("Ad CTR", "広告CTR"),
                "clicks",
                "impressions",
                Percent,
                Higher,
            ),
            kpi(
                ("Webinar attendance rate", "ウェビナー参加率"),
                "webinar_attendees",
                "webinar_registrations",
                Percent,
                Higher,
            ),
        ],
    },
    StageSpec {
        name: ("Lead nurturing", "リード育成"),
        owner: 1,
        kind: StageKind::Contact,
        metrics: &[
            count("nurtured", "Nurtured leads", "育成リード数"),
            count("calls", "Calls", "架電数"),
            count("contacts", "Contacts", "接触数"),
            count("emails_sent", "Emails sent", "メール送信数"),
            count("emails_opened", "Emails opened", "メール開封数"),
            count("replies", "Replies", "返信数"),
            of_kind(
                "talk_minutes",
                "Talk minutes",
                "通話時間(分)",
                MetricKind::Minutes,
            ),
            count("recontacts", "Re-contacts", "再接触数"),
            count("downloads", "Downloads", "ダウンロード数"),
        ],
        kpis: &[
            kpi(
                ("Contact rate", "接触率"),
                "contacts",
                "calls",
                Percent,
                Higher,
            ),
            kpi(
                ("Reply rate", "返信率"),
                "replies",
                "emails_sent",
                Percent,
                Higher,
            ),
            kpi(
                ("Open rate", "開封率"),
                "emails_opened",
                "emails_sent",
                Percent,
                Higher,
            ),
            kpi(
                ("Talk time per contact", "接触あたり通話時間"),
                "talk_minutes",
                "contacts",
                Minutes,
                Higher,
            ),
            kpi(
                ("Re-contact rate", "再接触率"),
                "recontacts",
                "contacts",
                Percent,
                Higher,
            ),
        ],
    },
    StageSpec {
        name: ("Opportunity creation", "商談化"),
        owner: 1,
        kind: StageKind::Opportunity,
        metrics: &[
            count("opportunities", "Opportunities", "商談数"),
            count("appointments", "Appointments", "アポイント数"),
            count("handoffs", "Hand-offs", "引き継ぎ数"),
        ],
        kpis: &[
            kpi(
                ("Contact → opportunity rate", "商談化率"),
                "opportunities",
                "contacts",
                Percent,
                Higher,
            ),
            kpi(
                ("Hand-off rate", "引き継ぎ率"),
                "handoffs",
                "opportunities",
                Percent,
                Higher,
            ),
        ],
    },
    StageSpec {
        name: ("Hand-off → proposal", "引き継ぎ〜提案"),
        owner: 2,
        kind: StageKind::Closing,
        metrics: &[
            count("proposals", "Proposals", "提案数"),
            lost("lost_price", "Lost: price", "失注: 価格"),
            lost("lost_timing", "Lost: timing", "失注: 時期"),
            lost("lost_competitor", "Lost: competitor", "失注: 競合"),
        ],
        kpis: &[],
    },
    StageSpec {
        name: ("Won", "受注"),
        owner: 2,
        kind: StageKind::Closing,
        metrics: &[
            count("won", "Won deals", "受注数"),
            of_kind("revenue", "Revenue", "受注金額", MetricKind::Money),
            of_kind(
                "cycle_days",
                "Sales cycle days (total)",
                "商談日数(合計)",
                MetricKind::Days,
            ),
            of_kind(
                "lead_time_days",
                "Lead-to-won days (total)",
                "リード〜受注日数(合計)",
                MetricKind::Days,
            ),
        ],
        kpis: &[
            kpi(
                ("Win rate", "受注率"),
                "won",
                "opportunities",
                Percent,
                Higher,
            ),
            kpi(
                ("Average deal size", "受注単価"),
                "revenue",
                "won",
                Money,
                Higher,
            ),
            kpi(
                ("Sales cycle", "商談期間"),
                "cycle_days",
                "won",
                Days,
                Lower,
            ),
        ],
    },
];

const SHARED: &[KpiSpec] = &[
    kpi(
        ("Lead → opportunity rate", "リード→商談化率"),
        "opportunities",
        "leads",
        Percent,
        Higher,
    ),
    kpi(
        ("Opportunity → won", "商談→受注率"),
        "won",
        "opportunities",
        Percent,
        Higher,
    ),
    kpi(
        ("Average lead time", "平均リードタイム"),
        "lead_time_days",
        "won",
        Days,
        Lower,
    ),
];

fn pick(name: Name, lang: Lang) -> String {
    match lang {
        Lang::En => name.0.to_owned(),
        Lang::Ja => name.1.to_owned(),
    }
}

/// The kind of a stage of the default flow, found by its name in either
/// language; `Other` for any other name.
pub fn standard_kind(name: &str) -> StageKind {
    INSIDE_SALES
        .iter()
        .find(|spec| spec.name.0 == name || spec.name.1 == name)
        .map_or(StageKind::Other, |spec| spec.kind)
}

/// A department of a preset: one of the seed's three, or the preset's own.
enum DepartmentSpec {
    Standard(Standard),
    Own(Name, Hue),
}

/// A promise a preset's agreement makes on a metric, per month.
struct ThresholdSpec {
    kept_by: usize,
    metric: &'static str,
    comparison: Comparison,
    value: f64,
}

/// An agreement between two of a preset's departments.
struct AgreementSpec {
    from: usize,
    to: usize,
    criteria: &'static [Name],
    follow_up: Name,
    thresholds: &'static [ThresholdSpec],
}

/// A whole preset plan.
struct FlowSpec {
    name: Name,
    departments: &'static [DepartmentSpec],
    stages: &'static [StageSpec],
    shared: &'static [KpiSpec],
    agreements: &'static [AgreementSpec],
}

const STANDARD_DEPARTMENTS: &[DepartmentSpec] = &[
    DepartmentSpec::Standard(Standard::Marketing),
    DepartmentSpec::Standard(Standard::InsideSales),
    DepartmentSpec::Standard(Standard::FieldSales),
];

const INSIDE_SALES_FLOW: FlowSpec = FlowSpec {
    name: ("Inside sales funnel", "インサイドセールスのファネル"),
    departments: STANDARD_DEPARTMENTS,
    stages: INSIDE_SALES,
    shared: SHARED,
    agreements: &[],
};

/// The last stage of the smaller presets, owned by department `owner`.
const fn won(owner: usize) -> StageSpec {
    StageSpec {
        name: ("Won", "受注"),
        owner,
        kind: StageKind::Closing,
        metrics: WON_METRICS,
        kpis: WON_KPIS,
    }
}

const WON_METRICS: &[MetricSpec] = &[
    count("won", "Won deals", "受注数"),
    of_kind("revenue", "Revenue", "受注金額", MetricKind::Money),
    of_kind(
        "lead_time_days",
        "Lead-to-won days (total)",
        "リード〜受注日数(合計)",
        MetricKind::Days,
    ),
];

const WON_KPIS: &[KpiSpec] = &[
    kpi(
        ("Win rate", "受注率"),
        "won",
        "opportunities",
        Percent,
        Higher,
    ),
    kpi(
        ("Average deal size", "受注単価"),
        "revenue",
        "won",
        Money,
        Higher,
    ),
];

/// The seed's simplified model for a small team: one person does marketing
/// and inside sales, leads are scored A (document requested) or B
/// (inquiry), and only those are followed up by phone; the rest get the
/// regular mail.
const SMALL_TEAM_FLOW: FlowSpec = FlowSpec {
    name: ("Small team funnel", "少人数チームのファネル"),
    departments: &[
        DepartmentSpec::Own(
            (
                "Marketing & inside sales",
                "マーケティング兼インサイドセールス",
            ),
            Hue::Blue,
        ),
        DepartmentSpec::Standard(Standard::FieldSales),
    ],
    stages: &[
        StageSpec {
            name: ("Lead generation", "リード獲得"),
            owner: 0,
            kind: StageKind::Leads,
            metrics: &[
                count("leads", "Leads", "リード数"),
                count(
                    "a_leads",
                    "A leads (document requested)",
                    "Aリード(資料請求あり)",
                ),
                count("b_leads", "B leads (inquiry)", "Bリード(問い合わせあり)"),
            ],
            kpis: &[
                kpi(
                    ("A-lead share", "Aリード率"),
                    "a_leads",
                    "leads",
                    Percent,
                    Higher,
                ),
                kpi(
                    ("B-lead share", "Bリード率"),
                    "b_leads",
                    "leads",
                    Percent,
                    Higher,
                ),
            ],
        },
        StageSpec {
            name: ("Follow-up of A and B leads", "A・Bリードのフォロー"),
            owner: 0,
            kind: StageKind::Contact,
            metrics: &[
                count("followed", "Leads followed up", "フォローしたリード数"),
                count("calls", "Calls", "架電数"),
                count("contacts", "Contacts", "接触数"),
                count(
                    "newsletter",
                    "Regular mail to other leads",
                    "その他リードへの定期メール数",
                ),
            ],
            kpis: &[
                kpi(
                    ("Contact rate", "接触率"),
                    "contacts",
                    "calls",
                    Percent,
                    Higher,
                ),
                kpi(
                    ("Share of leads followed up", "フォロー対象率"),
                    "followed",
                    "leads",
                    Percent,
                    Higher,
                ),
            ],
        },
        StageSpec {
            name: ("Opportunity creation", "商談化"),
            owner: 0,
            kind: StageKind::Opportunity,
            metrics: &[
                count("opportunities", "Opportunities", "商談数"),
                count("appointments", "Appointments", "アポイント数"),
            ],
            kpis: &[kpi(
                ("Contact → opportunity rate", "商談化率"),
                "opportunities",
                "contacts",
                Percent,
                Higher,
            )],
        },
        StageSpec {
            name: ("Proposal", "提案"),
            owner: 1,
            kind: StageKind::Closing,
            metrics: &[
                count("proposals", "Proposals", "提案数"),
                lost("lost_price", "Lost: price", "失注: 価格"),
                lost("lost_timing", "Lost: timing", "失注: 時期"),
            ],
            kpis: &[],
        },
        won(1),
    ],
    shared: SHARED,
    agreements: &[],
};

/// Outsourced calling: a BPO vendor calls the leads marketing brings and
/// sets appointments, so the team's own people propose and close. The
/// agreement binds the vendor to a scope, a volume and results, with the
/// weekly feedback the seed asks for.
const OUTSOURCED_CALLING_FLOW: FlowSpec = FlowSpec {
    name: ("Outsourced calling funnel", "架電委託(BPO)のファネル"),
    departments: &[
        DepartmentSpec::Standard(Standard::Marketing),
        DepartmentSpec::Own(("Calling vendor (BPO)", "架電代行会社(BPO)"), Hue::Orange),
        DepartmentSpec::Standard(Standard::FieldSales),
    ],
    stages: &[
        StageSpec {
            name: ("Lead generation", "リード獲得"),
            owner: 0,
            kind: StageKind::Leads,
            metrics: &[
                count("leads", "Leads", "リード数"),
                count("visits", "Site visits", "サイト訪問数"),
                count("document_requests", "Document requests", "資料請求数"),
            ],
            kpis: &[kpi(("CVR", "CVR"), "leads", "visits", Percent, Higher)],
        },
        StageSpec {
            name: ("Outsourced calling", "架電(委託)"),
            owner: 1,
            kind: StageKind::Contact,
            metrics: &[
                count("called", "Leads called", "架電したリード数"),
                count("calls", "Calls", "架電数"),
                count("contacts", "Contacts", "接触数"),
            ],
            kpis: &[
                kpi(("Contact rate", "接触率"), "contacts", "calls", Percent, Higher),
                kpi(("Share of leads called", "架電カバー率"), "called", "leads", Percent, Higher),
            ],
        },
        StageSpec {
            name: ("Appointments set", "アポイント獲得"),
            owner: 1,
            kind: StageKind::Opportunity,
            metrics: &[count("opportunities", "Appointments (qualified)", "アポイント数(要件確認済み)")],
            kpis: &[kpi(
                ("Contact → appointment rate", "アポイント率"),
                "opportunities",
                "contacts",
                Percent,
                Higher,
            )],
        },
        StageSpec {
            name: ("Proposal", "提案"),
            owner: 2,
            kind: StageKind::Closing,
            metrics: &[
                count("proposals", "Proposals", "提案数"),
                lost("lost_price", "Lost: price", "失注: 価格"),
                lost("lost_timing", "Lost: timing", "失注: 時期"),
                lost("lost_competitor", "Lost: competitor", "失注: 競合"),
            ],
            kpis: &[],
        },
        won(2),
    ],
    shared: SHARED,
    agreements: &[AgreementSpec {
        from: 1,
        to: 2,
        criteria: &[
            (
                "Scope: every lead marketing passes on is called within 2 working days",
                "範囲: マーケティングから渡ったリードは2営業日以内に全件架電する",
            ),
            (
                "An appointment has the issue, budget and timing heard",
                "アポイントは課題・予算・時期を聞き取り済みであること",
            ),
        ],
        follow_up: (
            "Every week the vendor shares the week's calls, contacts and appointments; the script and call policy are adjusted together in the weekly review.",
            "毎週、委託先が架電・接触・アポイントの実績を共有し、週次の振り返りでスクリプトと対応方針を一緒に見直す。",
        ),
        thresholds: &[
            ThresholdSpec {
                kept_by: 1,
                metric: "calls",
                comparison: Comparison::AtLeast,
                value: 1200.0,
            },
            ThresholdSpec {
                kept_by: 1,
                metric: "opportunities",
                comparison: Comparison::AtLeast,
                value: 20.0,
            },
        ],
    }],
};

/// The default plan: the seed's inside-sales flow, named in `lang`, in the
/// currency its users most likely work in.
pub fn inside_sales(lang: Lang) -> Plan {
    build(&INSIDE_SALES_FLOW, lang)
}

fn build(flow: &FlowSpec, lang: Lang) -> Plan {
    let mut ids = IdGen::sequential();
    let mut take_id = || ids.fresh(|_| false);
    let mut stages = Vec::new();
    let mut metrics = Vec::new();
    let mut keys: HashMap<&str, MetricId> = HashMap::new();
    for spec in flow.stages {
        let stage = StageId(take_id());
        for metric in spec.metrics {
            let id = MetricId(take_id());
            keys.insert(metric.key, id);
            metrics.push(Metric {
                id,
                stage,
                name: pick(metric.name, lang),
                kind: metric.kind,
                lost_reason: metric.lost_reason,
                per_member: false,
            });
        }
        stages.push(Stage {
            id: stage,
            name: pick(spec.name, lang),
            // Set once the departments have their ids.
            owner: DepartmentId(0),
            kind: spec.kind,
            reference_range: None,
            primary_metric: keys[spec.metrics[0].key],
            lag: 0,
            count_targets: BTreeMap::new(),
            step_targets: BTreeMap::new(),
        });
    }
    let scoped = flow
        .stages
        .iter()
        .zip(&stages)
        .flat_map(|(spec, stage)| spec.kpis.iter().map(|k| (KpiScope::Stage(stage.id), k)));
    let shared = flow.shared.iter().map(|k| (KpiScope::Shared, k));
    let kpis = scoped
        .chain(shared)
        .map(|(scope, spec)| Kpi {
            id: KpiId(take_id()),
            name: pick(spec.name, lang),
            scope,
            numerator: keys[spec.numerator],
            denominator: keys[spec.denominator],
            display: spec.display,
            better: spec.better,
            lag: 0,
            targets: BTreeMap::new(),
        })
        .collect();
    // Departments take the last ids, as the migration of a version 5 file
    // gives them.
    let departments: Vec<Department> = flow
        .departments
        .iter()
        .map(|spec| {
            let id = DepartmentId(take_id());
            match spec {
                DepartmentSpec::Standard(standard) => standard.department(id, lang),
                DepartmentSpec::Own(name, hue) => Department {
                    id,
                    name: pick(*name, lang),
                    hue: *hue,
                },
            }
        })
        .collect();
    for (stage, spec) in stages.iter_mut().zip(flow.stages) {
        stage.owner = departments[spec.owner].id;
    }
    let sla_cards = flow
        .agreements
        .iter()
        .map(|spec| SlaCard {
            id: SlaId(take_id()),
            from: departments[spec.from].id,
            to: departments[spec.to].id,
            criteria: spec.criteria.iter().map(|c| pick(*c, lang)).collect(),
            follow_up: pick(spec.follow_up, lang),
            thresholds: spec
                .thresholds
                .iter()
                .map(|t| Threshold {
                    id: ThresholdId(take_id()),
                    kept_by: departments[t.kept_by].id,
                    measure: Measure::Metric(keys[t.metric]),
                    comparison: t.comparison,
                    value: t.value,
                })
                .collect(),
        })
        .collect();
    Plan {
        name: pick(flow.name, lang),
        currency: match lang {
            Lang::Ja => Currency::Jpy,
            Lang::En => Currency::Usd,
        },
        departments,
        members: Vec::new(),
        stages,
        metrics,
        kpis,
        sla_cards,
        actions: Vec::new(),
        planning: Default::default(),
        entries: Entries::default(),
        member_entries: Default::default(),
        cycles: Vec::new(),
        reviews_held: Vec::new(),
        at_risk_margin_percent: 10,
    }
}

/// What a new plan starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The inside-sales flow of the domain source.
    InsideSales,
    /// Marketing and inside sales in one person's hands, simple A/B scoring.
    SmallTeam,
    /// A BPO vendor calls the leads, bound by an agreement.
    OutsourcedCalling,
    /// The departments and the first stage (a plan has at least one):
    /// the team designs its own flow.
    Empty,
    /// The inside-sales flow with six months of counts, targets, a broken
    /// promise and a bottleneck: every page alive before typing anything.
    Example,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::InsideSales,
        Preset::SmallTeam,
        Preset::OutsourcedCalling,
        Preset::Empty,
        Preset::Example,
    ];

    /// The preset's plan, named in `lang`; the example's counts run up to
    /// the day before `today`.
    pub fn plan(self, lang: Lang, today: NaiveDate) -> Plan {
        match self {
            Preset::Example => example::example(lang, today),
            Preset::InsideSales => inside_sales(lang),
            Preset::SmallTeam => build(&SMALL_TEAM_FLOW, lang),
            Preset::OutsourcedCalling => build(&OUTSOURCED_CALLING_FLOW, lang),
            Preset::Empty => {
                let mut plan = inside_sales(lang);
                plan.name = pick(("New plan", "新しいプラン"), lang);
                plan.stages.truncate(1);
                let first = plan.stages[0].id;
                plan.metrics.retain(|m| m.stage == first);
                plan.kpis.clear();
                plan
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn owners(plan: &Plan) -> Vec<&str> {
        plan.stages
            .iter()
            .map(|s| plan.department(s.owner).map_or("", |d| d.name.as_str()))
            .collect()
    }

    #[test]
    fn the_small_team_merges_marketing_and_inside_sales_and_scores_a_and_b() {
        let plan = Preset::SmallTeam.plan(Lang::Ja, day());
        let merged = "マーケティング兼インサイドセールス";
        assert_eq!(
            owners(&plan),
            [
                merged,
                merged,
                merged,
                "フィールドセールス",
                "フィールドセールス"
            ]
        );
        let first: Vec<&str> = plan
            .metrics_of(plan.stages[0].id)
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(
            first,
            [
                "リード数",
                "Aリード(資料請求あり)",
                "Bリード(問い合わせあり)"
            ]
        );
        assert_eq!(plan.name, "少人数チームのファネル");
    }

    #[test]
    fn outsourced_calling_binds_the_vendor_by_an_agreement_with_numbers() {
        let plan = Preset::OutsourcedCalling.plan(Lang::En, day());
        let vendor = "Calling vendor (BPO)";
        assert_eq!(
            owners(&plan),
            ["Marketing", vendor, vendor, "Field sales", "Field sales"]
        );
        let [card] = plan.sla_cards.as_slice() else {
            panic!("one agreement expected");
        };
        let name = |id| plan.department(id).map(|d| d.name.as_str());
        assert_eq!(
            (name(card.from), name(card.to)),
            (Some(vendor), Some("Field sales"))
        );
        let promises: Vec<(Option<&str>, &str, Comparison, f64)> = card
            .thresholds
            .iter()
            .map(|t| {
                let Measure::Metric(metric) = t.measure else {
                    panic!("metric promises expected");
                };
                let metric = plan.metric(metric).map_or("", |m| m.name.as_str());
                (name(t.kept_by), metric, t.comparison, t.value)
            })
            .collect();
        assert_eq!(
            promises,
            [
                (Some(vendor), "Calls", Comparison::AtLeast, 1200.0),
                (
                    Some(vendor),
                    "Appointments (qualified)",
                    Comparison::AtLeast,
                    20.0
                ),
            ]
        );
        assert!(card.follow_up.contains("weekly review"));
    }

    #[test]
    fn every_preset_is_a_plan_the_app_saves_and_reads_back() {
        for preset in Preset::ALL {
            for lang in [Lang::En, Lang::Ja] {
                let plan = preset.plan(lang, day());
                let text = crate::domain::format::encode(&plan, &Default::default()).unwrap();
                assert_eq!(crate::domain::format::decode(&text).unwrap().plan, plan);
            }
        }
        let empty = Preset::Empty.plan(Lang::Ja, day());
        assert_eq!(
            (empty.name.as_str(), empty.stages.len()),
            ("新しいプラン", 1)
        );
        assert!(empty.kpis.is_empty());
        assert_eq!(empty.departments.len(), 3);
    }

    #[test]
    fn default_flow_has_the_seed_stages_owners_and_counts() {
        let plan = inside_sales(Lang::Ja);
        let shape: Vec<_> = plan
            .stages
            .iter()
            .map(|s| {
                (
                    s.name.as_str(),
                    plan.department(s.owner).map(|d| d.name.as_str()),
                    plan.metric(s.primary_metric).map(|m| m.name.as_str()),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                ("リード獲得", Some("マーケティング"), Some("リード数")),
                (
                    "リード育成",
                    Some("インサイドセールス"),
                    Some("育成リード数")
                ),
                ("商談化", Some("インサイドセールス"), Some("商談数")),
                ("引き継ぎ〜提案", Some("フィールドセールス"), Some("提案数")),
                ("受注", Some("フィールドセールス"), Some("受注数")),
            ]
        );
        assert_eq!(plan.currency, Currency::Jpy);
        assert_eq!(inside_sales(Lang::En).currency, Currency::Usd);
    }

    #[test]
    fn every_kpi_reads_existing_metrics_and_ids_are_unique() {
        for lang in Lang::ALL {
            let plan = inside_sales(lang);
            for kpi in &plan.kpis {
                assert!(
                    plan.metric(kpi.numerator).is_some() && plan.metric(kpi.denominator).is_some()
                );
            }
            let mut ids: Vec<u64> = plan.stages.iter().map(|s| s.id.0).collect();
            ids.extend(plan.departments.iter().map(|d| d.id.0));
            ids.extend(plan.metrics.iter().map(|m| m.id.0));
            ids.extend(plan.kpis.iter().map(|k| k.id.0));
            let count = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), count);
        }
    }

    #[test]
    fn shared_kpis_are_the_seeds_three() {
        let plan = inside_sales(Lang::En);
        let shared: Vec<_> = plan
            .kpis_in(KpiScope::Shared)
            .map(|k| k.name.as_str())
            .collect();
        assert_eq!(
            shared,
            [
                "Lead → opportunity rate",
                "Opportunity → won",
                "Average lead time"
            ]
        );
        assert_eq!(plan.metrics.iter().filter(|m| m.lost_reason).count(), 3);
    }
}
