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
            Route::Share => "#/share",
        }
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

    #[test]
    fn hashes_round_trip() {
        for route in Route::NAV
            .into_iter()
            .chain([Route::SlaSheet, Route::Summary, Route::Share])
        {
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
}
