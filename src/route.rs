//! Pages live in the URL fragment (`#/numbers`), so deep links work on any
//! static host, from any sub-path, without server rewrites.

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
        let path = hash.trim_start_matches('#').trim_start_matches('/');
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
            _ => Route::Flow,
        }
    }

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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip() {
        for route in Route::NAV.into_iter().chain([Route::SlaSheet]) {
            assert_eq!(Route::from_hash(route.hash()), route);
        }
    }

    #[test]
    fn unknown_and_empty_hashes_open_the_flow() {
        for hash in ["", "#", "#/", "#/nope", "numbers-ish", "#/FLOW"] {
            assert_eq!(Route::from_hash(hash), Route::Flow, "{hash:?}");
        }
        assert_eq!(Route::from_hash("#numbers"), Route::Numbers);
        assert_eq!(Route::from_hash("#/numbers/extra?x=1"), Route::Numbers);
    }
}
