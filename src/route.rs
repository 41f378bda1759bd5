//! Pages live in the URL fragment (`#/p/<plan id>/numbers`), so deep links
//! work on any static host, from any sub-path, without server rewrites, and
//! two tabs can show two plans. Links inside a plan's pages leave the plan
//! out (`#/numbers`): they stay in the plan the tab has open.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Route {
    #[default]
    Flow,
    Numbers,
    /// Each member's figures and the daily review.
    Team,
    Dashboard,
    Kpis,
    /// Plan from the goal and what-if.
    Planning,
    /// Improvement cycles.
    Pdca,
    /// The review cadence: what is due today, with its figures.
    Review,
    /// Plans that travel: export and import.
    Plans,
    /// The printable agreements, reached from the Flow page.
    SlaSheet,
    /// The plan on one printable page, reached from the Dashboard.
    Summary,
    /// The workshop step by step for the projector (`#/present/3`).
    Present,
    /// A plan carried by a share link, read-only (`#/share/1/<data>`): not
    /// a page of the open plan.
    Share,
}

impl Route {
    /// The pages in the main navigation.
    pub const NAV: [Route; 9] = [
        Route::Flow,
        Route::Numbers,
        Route::Team,
        Route::Dashboard,
        Route::Planning,
        Route::Pdca,
        Route::Review,
        Route::Kpis,
        Route::Plans,
    ];

    /// Reads `location.hash`; anything unknown opens the default page.
    pub fn from_hash(hash: &str) -> Route {
        let path = after_plan(hash).1;
        let path = path.split(['?', '/']).next().unwrap_or_default();
        match path {
            "numbers" => Route::Numbers,
            "team" => Route::Team,
            "dashboard" => Route::Dashboard,
            "kpis" => Route::Kpis,
            "plan" => Route::Planning,
            "pdca" => Route::Pdca,
            "review" => Route::Review,
            "plans" => Route::Plans,
            "sla-sheet" => Route::SlaSheet,
            "summary" => Route::Summary,
            "present" => Route::Present,
            "share" => Route::Share,
            _ => Route::Flow,
        }
    }

    /// The page in plan `plan_id`, for links that may open in a new tab.
    pub fn href(self, plan_id: &str) -> String {
        format!("#/p/{plan_id}/{}", &self.hash()[2..])
    }

    /// The page in the plan the tab has open.
    pub fn hash(self) -> &'static str {
        match self {
            Route::Flow => "#/flow",
            Route::Numbers => "#/numbers",
            Route::Team => "#/team",
            Route::Dashboard => "#/dashboard",
            Route::Kpis => "#/kpis",
            Route::Planning => "#/plan",
            Route::Pdca => "#/pdca",
            Route::Review => "#/review",
            Route::Plans => "#/plans",
            Route::SlaSheet => "#/sla-sheet",
            Route::Summary => "#/summary",
            Route::Present => "#/present",
            Route::Share => "#/share",
        }
    }
}

/// How many steps the presentation has.
pub const PRESENT_STEPS: usize = 6;

/// The presentation's step a fragment names (`#/present/3`), from 1; the
/// first for anything else.
pub fn present_step(hash: &str) -> usize {
    let path = after_plan(hash).1;
    path.strip_prefix("present/")
        .and_then(|step| step.parse().ok())
        .filter(|step| (1..=PRESENT_STEPS).contains(step))
        .unwrap_or(1)
}

/// The link to a step of the presentation of plan `plan_id`.
pub fn present_href(plan_id: &str, step: usize) -> String {
    format!("{}/{step}", Route::Present.href(plan_id))
}

/// The fragment a link inside the open plan (`#/numbers`) stands for in
/// plan `plan_id`, keeping what names a step of the presentation.
pub fn in_plan(hash: &str, plan_id: &str) -> String {
    match Route::from_hash(hash) {
        Route::Present => present_href(plan_id, present_step(hash)),
        route => route.href(plan_id),
    }
}

/// The plan a fragment names (`#/p/<id>/…`), unchecked.
pub fn plan_in_hash(hash: &str) -> Option<&str> {
    after_plan(hash).0
}

/// Splits a fragment into the plan it names and the page path after it.
fn after_plan(hash: &str) -> (Option<&str>, &str) {
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    match path.strip_prefix("p/") {
        Some(rest) => {
            let (id, page) = rest.split_once('/').unwrap_or((rest, ""));
            (Some(id), page)
        }
        None => (None, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::locale::Lang;
    use crate::i18n::texts;

    #[test]
    fn hashes_round_trip() {
        for route in Route::NAV.into_iter().chain([
            Route::SlaSheet,
            Route::Summary,
            Route::Present,
            Route::Share,
        ]) {
            assert_eq!(Route::from_hash(route.hash()), route);
        }
        assert_eq!(Route::from_hash("#/share/1/cGxhbg"), Route::Share);
        assert_eq!(plan_in_hash("#/share/1/cGxhbg"), None);
    }

    #[test]
    fn unknown_and_empty_hashes_open_the_flow() {
        for hash in ["", "#", "#/", "#/nope", "numbers-ish", "#/FLOW"] {
            assert_eq!(Route::from_hash(hash), Route::Flow, "{hash:?}");
        }
        assert_eq!(Route::from_hash("#numbers"), Route::Numbers);
        assert_eq!(Route::from_hash("#/numbers/extra?x=1"), Route::Numbers);
    }

    #[test]
    fn a_fragment_names_the_plan_before_the_page() {
        for route in Route::NAV
            .into_iter()
            .chain([Route::SlaSheet, Route::Summary])
        {
            let href = route.href("p-12ab");
            assert_eq!(Route::from_hash(&href), route, "{href}");
            assert_eq!(plan_in_hash(&href), Some("p-12ab"));
        }
        assert_eq!(Route::Numbers.href("main"), "#/p/main/numbers");
        assert_eq!(plan_in_hash("#/p/x"), Some("x"));
        assert_eq!(Route::from_hash("#/p/x"), Route::Flow);
        assert_eq!(plan_in_hash("#/numbers"), None);
        assert_eq!(plan_in_hash("#/plans"), None);
    }

    #[test]
    fn presentation_steps_are_deep_links() {
        assert_eq!(Route::from_hash("#/present/3"), Route::Present);
        assert_eq!(Route::from_hash("#/p/main/present/6"), Route::Present);
        assert_eq!(present_step("#/present/3"), 3);
        assert_eq!(present_step("#/p/main/present/6"), 6);
        for outside in [
            "#/present",
            "#/present/0",
            "#/present/7",
            "#/present/x",
            "#/flow",
        ] {
            assert_eq!(present_step(outside), 1, "{outside}");
        }
        assert_eq!(present_href("main", 4), "#/p/main/present/4");
        assert_eq!(in_plan("#/present/4", "main"), "#/p/main/present/4");
        assert_eq!(in_plan("#/numbers", "main"), "#/p/main/numbers");
        assert_eq!(in_plan("#/nonsense", "main"), "#/p/main/flow");
        // Each step has its title in both languages.
        for lang in [Lang::En, Lang::Ja] {
            assert_eq!(texts(lang).present.steps.len(), PRESENT_STEPS);
        }
    }
}
