//! Stable identities. Ids come from one counter in the plan and are never
//! reused, so a removed and restored stage, metric or KPI keeps its id and
//! every reference to it stays valid.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);
    };
}

id_type!(
    /// A stage of the funnel.
    StageId
);
id_type!(
    /// Something the team counts: leads, calls, ad spend ...
    MetricId
);
id_type!(
    /// A ratio of two metrics: contact rate, CPA ...
    KpiId
);
