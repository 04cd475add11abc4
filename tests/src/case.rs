//! One conformance case and its result.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

/// A case as written in a vector file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique id, such as `rfc7517-a.1-public-keys`.
    pub id: String,
    /// The RFC section, such as `RFC 7517 App. A.1`.
    pub section: String,
    /// One line.
    pub description: String,
    /// What the runner does with the case.
    pub kind: String,
    /// The inputs.
    pub input: Value,
    /// The expected results.
    pub expect: Value,
    /// Why the case cannot run yet.
    #[serde(default)]
    pub pending: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    title: String,
    cases: Vec<Case>,
}

pub(crate) fn read_file(path: &Path) -> Result<Vec<Case>, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file: File = jose_b64::json::JsonLimits::new(64, 16 << 20)
        .parse_object(&text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(file.cases)
}

/// What happened to a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every check held.
    Passed,
    /// A check failed; the text says which.
    Failed(String),
    /// The case cannot run yet; the text says why.
    Pending(String),
}

/// A case's id, section and outcome.
#[derive(Clone, Debug)]
pub struct CaseResult {
    /// The case id.
    pub id: String,
    /// The RFC section.
    pub section: String,
    /// The outcome.
    pub outcome: Outcome,
}

impl fmt::Display for CaseResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (label, detail) = match &self.outcome {
            Outcome::Passed => ("passed", ""),
            Outcome::Failed(why) => ("FAILED", why.as_str()),
            Outcome::Pending(why) => ("pending", why.as_str()),
        };
        write!(f, "{:<42} {:<22} {label}", self.id, self.section)?;
        if !detail.is_empty() {
            write!(f, "  ({detail})")?;
        }
        Ok(())
    }
}

/// Counts of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Cases passed.
    pub passed: usize,
    /// Cases failed.
    pub failed: usize,
    /// Cases pending.
    pub pending: usize,
}

impl Summary {
    /// Counts the outcomes.
    pub fn of(results: &[CaseResult]) -> Self {
        let mut summary = Self::default();
        for result in results {
            match result.outcome {
                Outcome::Passed => summary.passed += 1,
                Outcome::Failed(_) => summary.failed += 1,
                Outcome::Pending(_) => summary.pending += 1,
            }
        }
        summary
    }
}

impl Summary {
    /// Whether every case passed: none failed, none is pending (a pending case is not
    /// passed), and at least one ran.
    pub fn all_passed(&self) -> bool {
        self.failed == 0 && self.pending == 0 && self.passed > 0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} passed, {} failed, {} pending (not passed)",
            self.passed, self.failed, self.pending
        )
    }
}
