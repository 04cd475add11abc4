//! The correctness checks that run before any timing, and fail the process if a contender
//! misbehaves: every reader accepts every producer's token (with the expected witness), and
//! refuses a tampered token; readers of claims also refuse an expired and a wrong-`aud`
//! token. So the timed paths are success paths, and no error path is ever timed.

use crate::claims;
use crate::model::{Producer, Reader};

/// A failed check: which workload, which contender, what happened.
pub fn fail(workload: &str, what: String) -> String {
    format!("check failed: {workload}: {what}")
}

/// Every reader reads every producer's token.
pub fn cross(
    workload: &str,
    producers: &[(&'static str, Producer)],
    readers: &[(&'static str, Reader)],
) -> Result<usize, String> {
    let mut checked = 0;
    for (producer_name, produce) in producers {
        let token =
            produce().map_err(|e| fail(workload, format!("{producer_name} made no token: {e}")))?;
        for (reader_name, reader) in readers {
            match (reader.read)(&token) {
                Ok(w) if reader.reads_claims && w != claims::witness(claims::SUB) => {
                    return Err(fail(
                        workload,
                        format!(
                            "{reader_name} read {producer_name}'s token with sub of length {w}"
                        ),
                    ));
                }
                Ok(0) => {
                    return Err(fail(
                        workload,
                        format!("{reader_name} read nothing from {producer_name}'s token"),
                    ));
                }
                Ok(_) => checked += 1,
                Err(e) => {
                    return Err(fail(
                        workload,
                        format!(
                            "{reader_name} refused {producer_name}'s token: {e}\n  token: {token}"
                        ),
                    ));
                }
            }
        }
    }
    Ok(checked)
}

/// Every reader refuses `token`, or with `claims_only` every reader of claims does.
pub fn refuse(
    workload: &str,
    what: &str,
    token: &str,
    readers: &[(&'static str, Reader)],
    claims_only: bool,
) -> Result<usize, String> {
    let mut checked = 0;
    for (name, reader) in readers {
        if claims_only && !reader.reads_claims {
            continue;
        }
        if let Ok(w) = (reader.read)(token) {
            return Err(fail(
                workload,
                format!("{name} accepted {what} (witness {w})\n  token: {token}"),
            ));
        }
        checked += 1;
    }
    Ok(checked)
}

/// `token` with one base64url character changed in the middle of segment `index` (never the
/// last character of a segment, whose unused bits a lenient decoder could ignore).
pub fn tamper(token: &str, index: usize) -> Result<String, String> {
    let mut segments: Vec<String> = token.split('.').map(str::to_owned).collect();
    let segment = segments
        .get_mut(index)
        .filter(|s| s.len() >= 4)
        .ok_or_else(|| format!("no segment {index} to tamper with in {token}"))?;
    let middle = segment.len() / 2;
    let replacement = if segment.as_bytes().get(middle) == Some(&b'A') {
        "B"
    } else {
        "A"
    };
    segment.replace_range(middle..=middle, replacement);
    Ok(segments.join("."))
}
